"""While a check-in's urgent sign stops sessions, Today shows one urgent box with one duration (the gate's), names
the check-in's day once, keeps it after a calm check-in and after the check-in is deleted, and the check-in page
offers no "Before a session"."""

import re

from fastapi.testclient import TestClient

from support.clock import FakeClock

NUMB = {"region": "buttock", "side": "left", "score": 3, "quality": "numb"}
SIGN = "Numbness in your left buttock (the saddle area)"  # as reported, not "between your legs"


def _timings(page: str) -> list[str]:
    return re.findall(r'name="timing" value="(\w+)"', page)


def test_today_shows_one_urgent_box_that_a_calm_check_in_does_not_lift(cleared: TestClient, clock: FakeClock) -> None:
    assert _timings(cleared.get("/checkin").text) == ["standalone", "before"]
    saved = cleared.post("/api/checkins", json={"pain": [NUMB]}).json()
    clock.advance(60)
    today = cleared.get("/").text
    assert today.count('id="safety-standing"') == 1 and 'id="after-check-in"' not in today
    assert "until your next check-in" not in today and today.count("holds until") == 1
    assert SIGN in today and "Your check-in of" not in today  # the day once

    clock.advance(60)
    cleared.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 2}]})
    calm = cleared.get("/").text
    assert 'id="safety-standing"' in calm and SIGN in calm  # the gate stays

    assert _timings(cleared.get("/checkin").text) == ["standalone"]
    assert _timings(cleared.get("/checkin?timing=before").text) == ["standalone"]
    assert '"default_timing": "standalone"' in cleared.get("/checkin?timing=before").text
    cleared.delete(f"/api/checkins/{saved['id']}")  # an urgent-care sign holds its full time all the same
    assert _timings(cleared.get("/checkin").text) == ["standalone"]
    assert SIGN in cleared.get("/").text
