"""A weekly goal nobody set is crest's suggestion, said so with where to set one (walk-through "is it helping?" L4:
Progress said "your weekly goal: 7" to someone who never set one, where the report said "crest's default")."""

from fastapi.testclient import TestClient

from support.clock import FakeClock


def _one_rest(client: TestClient, clock: FakeClock) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(600)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})


def test_progress_and_the_report_call_a_goal_nobody_set_crests_suggestion(
    cleared: TestClient, clock: FakeClock
) -> None:
    _one_rest(cleared, clock)
    progress = cleared.get("/progress").text
    said = "crest&#39;s suggested weekly goal: 7 sessions a week (1 of 7 in the last 7 days; set your own in Settings)"
    assert said in progress and "your weekly goal" not in progress
    assert "set your own in Settings" in cleared.get("/api/progress").json()["adherence"]["summary"]
    assert "crest&#39;s suggested weekly goal" in cleared.get("/report").text


def test_a_goal_of_ones_own_is_yours_with_no_suggestion(cleared: TestClient, clock: FakeClock) -> None:
    assert (
        cleared.post(
            "/settings", data={"default_minutes": "15", "default_variant": "standard", "weekly_goal_sessions": "4"}
        ).status_code
        == 200
    )
    _one_rest(cleared, clock)
    progress = cleared.get("/progress").text
    assert "your weekly goal: 4 sessions a week (1 of 4 in the last 7 days)" in progress
    assert "suggested" not in progress
