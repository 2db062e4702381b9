"""A check-in marked "Before a session" on the Check-in page belongs to the session started within the hour after
it, as one made through the Session page's own "rate your pain now" link does: the check-in after the session starts
with its places, and Progress compares the two."""

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from support.clock import FakeClock

BEFORE = {"pain_region": ["lower_back"], "pain_side": [""], "pain_score": ["8"], "timing": "before"}


def _before_check_in(client: TestClient) -> int:
    """A check-in saved on the Check-in page (without the script: the form), "Before a session" ticked."""
    saved = client.post("/checkin", data=BEFORE, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    [check_in] = [c for c in client.get("/api/checkins").json() if c["timing"] == "before"]
    return int(check_in["id"])


def _checkin_config(client: TestClient, session_id: int) -> Any:
    page = client.get("/checkin", params={"session_id": session_id}).text
    found = re.search(r'<script type="application/json" id="checkin-config">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


def test_the_session_started_soon_after_takes_up_the_before_check_in(client: TestClient, clock: FakeClock) -> None:
    before = _before_check_in(client)
    clock.advance(20 * 60)

    session = client.post("/api/sessions", json={"planned_minutes": 5}).json()  # as the Session page starts it
    taken = client.get(f"/api/checkins/{before}").json()
    assert (taken["session_id"], taken["timing"]) == (session["id"], "before")
    # the check-in after it starts with the places rated before it
    assert _checkin_config(client, session["id"])["rated_before"] == [
        {"region": "lower_back", "side": "centre", "score": 8}
    ]
    # one before check-in for one session: the next session starts with none
    clock.advance(60)
    ended = client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 60, "status": "ended_early"})
    assert ended.status_code == 200, ended.text
    later = client.post("/api/sessions", json={"planned_minutes": 5}).json()
    assert client.get("/api/checkins", params={"session_id": later["id"]}).json() == []


def test_the_pages_say_so(client: TestClient, clock: FakeClock) -> None:
    assert "the session you start within 60 minutes takes it up" in client.get("/checkin").text
    before = _before_check_in(client)
    clock.advance(20 * 60)
    assert "Your check-in before the session is saved" in client.get("/session").text
    # an edit's check-in was made earlier: the next hour is not its to promise
    assert "within 60 minutes" not in client.get("/checkin", params={"checkin_id": before}).text


def test_a_before_check_in_over_an_hour_old_is_taken_up_by_no_session(client: TestClient, clock: FakeClock) -> None:
    old = _before_check_in(client)
    clock.advance(61 * 60)
    assert "Your check-in before the session is saved" not in client.get("/session").text
    client.post("/api/sessions", json={"planned_minutes": 5})
    assert client.get(f"/api/checkins/{old}").json()["session_id"] is None
