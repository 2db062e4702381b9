"""After a clearly worse check-in, every new session that day repeats the advice (stop for today; the supported
variant if resting anyway) with Supported chosen: advice, never a block; the next day it is gone."""

import re

from fastapi.testclient import TestClient

from support.clock import FakeClock

REMINDER = "Earlier today a check-in said things got worse: we suggest stopping for today"


def _worse_session(client: TestClient, clock: FakeClock) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 10, "variant": "standard"}).json()
    client.post(
        "/api/checkins",
        json={"session_id": session["id"], "timing": "before", "pain": [{"region": "lower_back", "score": 7}]},
    )
    clock.advance(600)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})
    after = {"region": "lower_back", "side": "centre", "score": 9}
    client.post(
        "/api/checkins",
        json={"session_id": session["id"], "timing": "after", "pain": [after], "compared_with_before": "worse"},
    )


def _checked_variant(page: str) -> str:
    found = re.search(r'name="variant" value="(\w+)" checked', page)
    assert found is not None
    return found.group(1)


def test_the_rest_of_the_day_suggests_stopping_and_chooses_supported(cleared: TestClient, clock: FakeClock) -> None:
    assert _checked_variant(cleared.get("/").text) == "standard"
    _worse_session(cleared, clock)
    clock.advance(600)
    cleared.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 3}]})  # a calm one later that day
    today = cleared.get("/").text
    assert _checked_variant(today) == "supported" and REMINDER in today
    assert "Rate your activities" not in today  # no nudge to do more today
    session = cleared.get("/session").text
    assert "Supported (90-90)" in session and REMINDER in session and "this is the supported variant" in session
    standard = cleared.get("/session?variant=standard")
    assert standard.status_code == 200 and "try the supported variant" in standard.text  # advice, not a block
    started = cleared.post("/api/sessions", json={"planned_minutes": 10, "variant": "standard"})
    assert started.status_code == 201
    cleared.post(f"/api/sessions/{started.json()['id']}/finish", json={"elapsed_s": 60, "status": "ended_early"})

    clock.advance(24 * 3600)
    assert REMINDER not in cleared.get("/session").text
    assert _checked_variant(cleared.get("/").text) == "standard"


def test_a_calm_day_says_nothing(cleared: TestClient) -> None:
    cleared.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 3}]})
    assert REMINDER not in cleared.get("/session").text and REMINDER not in cleared.get("/").text
