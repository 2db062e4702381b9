"""Time rested reads the same on every page and in the API: '0 min 9 s', '0:10' and 'Minutes rested 0.1' are gone."""

from datetime import timedelta

from fastapi.testclient import TestClient

from support.clock import FakeClock


def test_time_rested_has_one_format_on_every_page_and_in_the_api(cleared: TestClient, clock: FakeClock) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 5}).json()
    clock.advance(10)
    finished = cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 9.4, "status": "ended_early"})
    assert finished.json()["rested"] == "9 s"
    assert "9 s of 5 min" in cleared.get("/journal").text
    assert '<p class="stat">9 s</p>' in cleared.get("/").text
    edit = cleared.get("/session/edit", params={"session_id": session["id"]}).text
    assert "(now 9 s)" in edit and 'id="rested-seconds"' in edit and "0.1" not in edit
    clock.advance(3600)
    # a logged session, as a timed one is never corrected past what crest's timer measured
    logged = cleared.post(
        "/api/sessions/logged", json={"started_at": (clock() - timedelta(minutes=20)).isoformat(), "minutes": 5}
    ).json()
    cleared.put(
        f"/api/sessions/{logged['id']}", json={"variant": "standard", "actual_seconds": 270, "status": "ended_early"}
    )
    assert cleared.get(f"/api/sessions/{logged['id']}").json()["rested"] == "4 min 30 s"
    assert "4 min 30 s of 5 min" in cleared.get("/journal").text
    schema = cleared.get("/openapi.json").json()["components"]["schemas"]["SessionOut"]["properties"]["rested"]
    assert "14 min 30 s" in schema["description"]
