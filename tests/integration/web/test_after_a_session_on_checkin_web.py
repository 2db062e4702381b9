"""Away from the session's end screen, the Check-in page still offers "After your rest that ended at HH:MM" for a
rest that ended within the hour, as `crest log --after-session` takes it: the check-in follows that rest, starting
with the places rated before it; once the rest has its "after", or an hour has passed, it is offered no more."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from support.clock import FakeClock

AFTER = {"pain_region": ["lower_back"], "pain_side": [""], "pain_score": ["3"], "timing": "after", "compared": "better"}


def _timings(page: str) -> list[str]:
    return re.findall(r'name="timing" value="(\w+)"', page)


def _config(page: str) -> Any:
    found = re.search(r'<script type="application/json" id="checkin-config">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


def _rest(client: TestClient, clock: FakeClock) -> dict[str, Any]:
    """A 5-minute rest with a check-in before it, ended now (the clock starts at 17:30 UTC)."""
    client.post("/api/checkins", json={"timing": "before", "pain": [{"region": "lower_back", "score": 6}]})
    session = client.post("/api/sessions", json={"planned_minutes": 5}).json()
    clock.advance(300)
    ended = client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 300, "status": "completed"})
    assert ended.status_code == 200, ended.text
    return dict(ended.json())


def test_a_rest_that_ended_within_the_hour_is_offered_to_follow(client: TestClient, clock: FakeClock) -> None:
    assert "after" not in _timings(client.get("/checkin").text)  # no rest yet
    session = _rest(client, clock)
    clock.advance(20 * 60)  # the end screen was left; the person comes back to the Check-in page
    page = client.get("/checkin").text
    assert _timings(page) == ["standalone", "before", "after"]
    assert "After your rest that ended at 17:35" in page
    just_ended = _config(page)["just_ended"]
    assert just_ended["id"] == session["id"] and just_ended["uid"]
    assert just_ended["rated_before"] == [{"region": "lower_back", "side": "centre", "score": 6}]

    saved = client.post("/checkin", data=AFTER, follow_redirects=False)  # the form, without the script
    assert saved.status_code == 303, saved.text
    [after] = [c for c in client.get("/api/checkins").json() if c["timing"] == "after"]
    assert (after["session_id"], after["compared_with_before"]) == (session["id"], "better")
    assert "after" not in _timings(client.get("/checkin").text)  # it has its "after" now


def test_an_hour_after_the_rest_it_is_offered_no_more_and_a_late_form_is_told_why(
    client: TestClient, clock: FakeClock
) -> None:
    _rest(client, clock)
    clock.advance(61 * 60)
    assert _timings(client.get("/checkin").text) == ["standalone", "before"]
    late = client.post("/checkin", data=AFTER)  # a page left open past the hour
    assert late.status_code == 422 and "No rest that ended within the hour is waiting" in late.text
    assert "crest log-session" not in late.text and 'value="3"' in late.text  # what was entered stays
    assert client.get("/api/checkins", params={"since": "2026-01-01"}).json()[0]["timing"] == "before"
