"""A weekly goal the person chose reads as theirs, 7 included: Settings kept only the number, and 7 is also crest's
suggestion, so someone who chose 7 sessions a week read "crest's suggested weekly goal" (words walk-through item 1).
The Settings field is empty while the goal is crest's suggestion (its placeholder says which); a number typed there is
the person's own, and emptying it gives the choice back to crest."""

import re

from fastapi.testclient import TestClient

from support.clock import FakeClock

FORM = {"default_minutes": "15", "default_variant": "standard"}
OWN_SEVEN = "your weekly goal: 7 sessions a week (1 of 7 in the last 7 days)"


def _one_rest(client: TestClient, clock: FakeClock) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(600)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})


def _goal_field(client: TestClient) -> str:
    found = re.search(r'<input id="weekly_goal_sessions"[^>]*>', client.get("/settings").text)
    assert found, "no goal field on Settings"
    return found.group(0)


def _save_goal(client: TestClient, typed: str) -> None:
    assert client.post("/settings", data=FORM | {"weekly_goal_sessions": typed}).status_code == 200


def test_seven_chosen_after_another_goal_is_ones_own(cleared: TestClient, clock: FakeClock) -> None:
    _save_goal(cleared, "4")
    _save_goal(cleared, "7")
    _one_rest(cleared, clock)
    progress = cleared.get("/progress").text
    assert OWN_SEVEN in progress and "suggested weekly goal" not in progress
    adherence = cleared.get("/api/progress").json()["adherence"]
    assert adherence["target"] == {"sessions_per_week": 7, "source": "weekly_goal"}
    assert "set your own" not in adherence["summary"]
    assert "suggested weekly goal" not in cleared.get("/report").text


def test_seven_typed_into_the_empty_field_is_ones_own(cleared: TestClient, clock: FakeClock) -> None:
    field = _goal_field(cleared)
    assert 'value=""' in field and 'placeholder="7"' in field  # crest's suggestion, not a number typed
    _save_goal(cleared, "7")
    assert 'value="7"' in _goal_field(cleared)
    _one_rest(cleared, clock)
    assert OWN_SEVEN in cleared.get("/progress").text
    assert cleared.get("/api/settings").json()["weekly_goal_chosen"] is True


def test_emptying_the_field_gives_the_choice_back_to_crest(cleared: TestClient, clock: FakeClock) -> None:
    _save_goal(cleared, "5")
    _save_goal(cleared, "")
    _one_rest(cleared, clock)
    assert "crest&#39;s suggested weekly goal: 7 sessions a week" in cleared.get("/progress").text
    assert 'value=""' in _goal_field(cleared)
    settings = cleared.get("/api/settings").json()
    assert (settings["weekly_goal_sessions"], settings["weekly_goal_chosen"]) == (7, False)


def test_an_api_client_chooses_seven(cleared: TestClient, clock: FakeClock) -> None:
    assert cleared.put("/api/settings", json={"weekly_goal_sessions": 7, "weekly_goal_chosen": True}).status_code == 200
    _one_rest(cleared, clock)
    assert OWN_SEVEN in cleared.get("/progress").text
