"""Sessions over the API: written as the rest starts, checkpointed, finished, listed, corrected, deleted; bad input is
4xx."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient


def _start(client: TestClient, minutes: int = 10, variant: str = "standard") -> dict[str, Any]:
    response = client.post("/api/sessions", json={"planned_minutes": minutes, "variant": variant})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_session_is_saved_as_it_runs(client: TestClient, clock: Any) -> None:
    session = _start(client, 10, "supported")
    assert session["status"] == "running"
    assert session["actual_seconds"] == 0
    assert session["started_at"] == "2026-05-06T17:30:00Z"

    clock.advance(30)
    checkpointed = client.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 30.6}).json()
    assert checkpointed["actual_seconds"] == 30
    assert checkpointed["status"] == "running"

    clock.advance(570)
    finished = client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})
    assert finished.status_code == 200
    assert finished.json()["status"] == "completed"
    assert client.get(f"/api/sessions/{session['id']}").json()["actual_seconds"] == 600


def test_sessions_are_listed_newest_first_and_filtered_by_day(client: TestClient, clock: Any) -> None:
    first = _start(client)
    clock.advance(2 * 24 * 3600)
    second = _start(client)
    assert [s["id"] for s in client.get("/api/sessions").json()] == [second["id"], first["id"]]
    assert [s["id"] for s in client.get("/api/sessions", params={"since": "2026-05-07"}).json()] == [second["id"]]


def test_deleting_a_session_removes_it_and_its_check_ins(client: TestClient) -> None:
    session = _start(client)
    client.post("/api/checkins", json={"session_id": session["id"], "timing": "after", "pain": []})
    assert client.delete(f"/api/sessions/{session['id']}").status_code == 204
    assert client.get(f"/api/sessions/{session['id']}").status_code == 404
    assert client.get("/api/checkins").json() == []


def test_an_ended_early_or_interrupted_session_keeps_its_time(client: TestClient, clock: Any) -> None:
    early = _start(client)
    clock.advance(95)
    client.post(f"/api/sessions/{early['id']}/finish", json={"elapsed_s": 95, "status": "ended_early"})
    closed = _start(client)
    clock.advance(43)
    client.post(f"/api/sessions/{closed['id']}/finish", json={"elapsed_s": 42.9, "status": "interrupted"})
    by_id = {s["id"]: s for s in client.get("/api/sessions").json()}
    assert (by_id[early["id"]]["status"], by_id[early["id"]]["actual_seconds"]) == ("ended_early", 95)
    assert (by_id[closed["id"]]["status"], by_id[closed["id"]]["actual_seconds"]) == ("interrupted", 42)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"planned_minutes": 4}, "planned_minutes"),
        ({"planned_minutes": 31}, "planned_minutes"),
        ({"planned_minutes": "ten"}, "planned_minutes"),
        ({"planned_minutes": 10, "variant": "yoga"}, "variant"),
        ({}, "planned_minutes"),
        ({"planned_minutes": 10, "colour": "red"}, "colour"),
    ],
)
def test_a_bad_session_is_refused_naming_the_field(client: TestClient, body: dict[str, Any], field: str) -> None:
    response = client.post("/api/sessions", json=body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{field}:")
    assert response.json()["errors"][0]["field"] == field


def test_bad_progress_and_unknown_sessions(client: TestClient) -> None:
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    assert client.post(f"{url}/checkpoint", json={"elapsed_s": -1}).status_code == 422
    assert client.post(f"{url}/finish", json={"elapsed_s": 10, "status": "running"}).status_code == 422
    assert client.post(f"{url}/finish", json={"elapsed_s": 10}).json()["detail"] == "status: this is required"
    missing = client.post("/api/sessions/9999/checkpoint", json={"elapsed_s": 5})
    assert missing.status_code == 404
    assert missing.json() == {"detail": "there is no session 9999 in the journal"}
    assert client.get("/api/sessions/0").status_code == 422
    assert client.get("/api/sessions/99999999999999999999").status_code == 422
    assert client.delete("/api/sessions/9999").status_code == 404
    assert (
        client.post("/api/sessions", content=b"{not json", headers={"content-type": "application/json"}).status_code
        == 422
    )


def test_a_position_check_summary_is_kept_with_the_session(client: TestClient) -> None:
    body = {"planned_minutes": 10, "position_check_summary": "Constructive rest position: all good."}
    created = client.post("/api/sessions", json=body).json()
    assert created["position_check_summary"] == "Constructive rest position: all good."
    too_long = client.post("/api/sessions", json={**body, "position_check_summary": "x" * 501})
    assert too_long.json()["errors"][0]["field"] == "position_check_summary"


def _finished(
    client: TestClient, clock: Any, minutes: int = 10, elapsed_s: float = 95, status: str = "ended_early"
) -> Any:
    session = _start(client, minutes)
    clock.advance(elapsed_s)
    finished = client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": elapsed_s, "status": status})
    assert finished.status_code == 200, finished.text
    return session


def test_a_finished_session_is_corrected(client: TestClient, clock: Any) -> None:
    session = _finished(client, clock, 10, 95, "interrupted")
    clock.advance(3600)
    edit = {"variant": "somatic", "actual_seconds": 80, "status": "ended_early"}
    changed = client.put(f"/api/sessions/{session['id']}", json=edit)
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["variant"], body["actual_seconds"], body["status"]) == ("somatic", 80, "ended_early")
    assert (body["started_at"], body["planned_minutes"]) == (session["started_at"], 10)
    assert client.get(f"/api/sessions/{session['id']}").json() == body
    # crest timed it: no correction adds minutes its timer never measured, which would still be "timed by crest"
    longer = client.put(f"/api/sessions/{session['id']}", json={**edit, "actual_seconds": 81})
    assert longer.status_code == 409
    assert longer.json()["detail"] == (
        "actual_seconds: crest timed this rest at 1 min 20 s; a correction can shorten a timed rest, not add time its "
        "timer did not measure"
    )
    assert client.get(f"/api/sessions/{session['id']}").json() == body


def test_a_running_or_unknown_session_cannot_be_edited(client: TestClient) -> None:
    running = _start(client)
    edit = {"variant": "standard", "actual_seconds": 60, "status": "completed"}
    refused = client.put(f"/api/sessions/{running['id']}", json=edit)
    assert refused.status_code == 409
    assert refused.json() == {"detail": f"session {running['id']} is still open; it can be edited once it has ended"}
    assert client.get(f"/api/sessions/{running['id']}").json()["status"] == "running"
    missing = client.put("/api/sessions/9999", json=edit)
    assert missing.status_code == 404
    assert missing.json() == {"detail": "there is no session 9999 in the journal"}
    assert client.put("/api/sessions/0", json=edit).status_code == 422


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"variant": "yoga"}, "variant"),
        ({"status": "running"}, "status"),
        ({"status": "paused"}, "status"),
        ({"actual_seconds": -1}, "actual_seconds"),
        ({"actual_seconds": 1801}, "actual_seconds"),
        ({"actual_seconds": "ten"}, "actual_seconds"),
        ({"actual_seconds": 12.5}, "actual_seconds"),
        ({"started_at": "2026-05-01T07:30:00Z"}, "started_at"),
        ({"planned_minutes": 20}, "planned_minutes"),
    ],
)
def test_a_bad_session_edit_is_refused_naming_the_field(
    client: TestClient, clock: Any, change: dict[str, Any], field: str
) -> None:
    session = _finished(client, clock)
    edit = {"variant": "standard", "actual_seconds": 60, "status": "completed", **change}
    response = client.put(f"/api/sessions/{session['id']}", json=edit)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    assert client.get(f"/api/sessions/{session['id']}").json()["status"] == "ended_early"


def test_more_time_than_planned_is_refused_with_the_plan(client: TestClient, clock: Any) -> None:
    session = _finished(client, clock, minutes=5)
    clock.advance(3600)
    response = client.put(
        f"/api/sessions/{session['id']}", json={"variant": "standard", "actual_seconds": 301, "status": "completed"}
    )
    assert response.status_code == 409  # the edit fits the schema; it conflicts with the stored plan
    assert response.json()["detail"] == "actual_seconds: 301 seconds rested is more than the 5 minutes (300 s) planned"
    assert response.json()["errors"] == [
        {
            "field": "actual_seconds",
            "label": "Actual seconds",
            "message": "301 seconds rested is more than the 5 minutes (300 s) planned",
        }
    ]


def test_a_finished_session_is_not_finished_again(client: TestClient, clock: Any) -> None:
    session = _finished(client, clock, minutes=5, elapsed_s=300, status="completed")
    clock.advance(86_400)
    again = client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 86_400, "status": "completed"})
    assert again.status_code == 409
    assert again.json()["detail"] == (
        f"session {session['id']} has already ended (completed); correct it from the journal instead"
    )
    late = client.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 200})
    assert late.status_code == 409
    assert client.get(f"/api/sessions/{session['id']}").json()["actual_seconds"] == 300


@pytest.mark.parametrize(
    ("after_s", "body", "field", "words"),
    [
        (60, {"elapsed_s": 86_400, "status": "ended_early"}, "elapsed_s", "86400 seconds rested is more than the 5"),
        (60, {"elapsed_s": 250, "status": "ended_early"}, "elapsed_s", "more than the 60 s since the session started"),
        (240, {"elapsed_s": 240, "status": "completed"}, "status", "completed once its 5 minutes are done; 4 min 0 s"),
    ],
)
def test_a_finish_the_clock_does_not_allow_is_refused_naming_the_field(
    client: TestClient, clock: Any, after_s: float, body: dict[str, Any], field: str, words: str
) -> None:
    session = _start(client, minutes=5)
    clock.advance(after_s)
    response = client.post(f"/api/sessions/{session['id']}/finish", json=body)
    assert response.status_code == 409, response.text
    assert response.json()["errors"][0]["field"] == field
    assert words in response.json()["detail"]
    assert client.get(f"/api/sessions/{session['id']}").json()["status"] == "running"
    assert client.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": after_s + 10}).status_code == 409


def test_a_demo_clock_may_run_faster_when_it_says_so(client: TestClient, clock: Any) -> None:
    session = _start(client, minutes=5)
    clock.advance(1)
    url = f"/api/sessions/{session['id']}/finish"
    assert client.post(url, json={"elapsed_s": 300, "status": "completed"}).status_code == 409
    sped = client.post(url, json={"elapsed_s": 300, "status": "completed", "clock_speed": 300})
    assert sped.status_code == 200, sped.text
    assert sped.json()["actual_seconds"] == 300


def test_a_session_edited_to_completed_needs_its_full_time(client: TestClient, clock: Any) -> None:
    session = _finished(client, clock, minutes=5, elapsed_s=300)  # ended with the last second to go, say
    clock.advance(3600)
    edit = {"variant": "somatic", "actual_seconds": 240, "status": "completed"}
    refused = client.put(f"/api/sessions/{session['id']}", json=edit)
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == "status"
    assert "4 min 0 s is ended early" in refused.json()["detail"]
    assert client.put(f"/api/sessions/{session['id']}", json={**edit, "actual_seconds": 300}).status_code == 200


def test_an_edit_cannot_claim_more_rest_than_the_time_since_the_start(client: TestClient, clock: Any) -> None:
    session = _start(client, minutes=10)
    clock.advance(120)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 100, "status": "ended_early"})
    edit = {"variant": "standard", "actual_seconds": 500, "status": "ended_early"}
    refused = client.put(f"/api/sessions/{session['id']}", json=edit)
    assert refused.status_code == 409
    assert "more than the 120 s since the session started" in refused.json()["detail"]
    lowered = client.put(f"/api/sessions/{session['id']}", json={**edit, "actual_seconds": 90})
    assert lowered.json()["actual_seconds"] == 90


def test_an_edit_is_refused_that_would_lengthen_a_timed_rest_or_overlap_another(client: TestClient, clock: Any) -> None:
    # The walk-through's rests: 5 minutes planned, ended after 1 min 34 s, the next one a few minutes later.
    first = _finished(client, clock, minutes=5, elapsed_s=94)
    clock.advance(120)
    _finished(client, clock, minutes=5, elapsed_s=75)
    clock.advance(3600)
    full = {"variant": "standard", "actual_seconds": 300, "status": "completed"}
    refused = client.put(f"/api/sessions/{first['id']}", json=full)
    assert refused.status_code == 409
    assert "crest timed this rest at 1 min 34 s" in refused.json()["detail"]
    assert client.get(f"/api/sessions/{first['id']}").json()["actual_seconds"] == 94
    # A logged rest, shortened and then lengthened again over the rest logged after it
    started = clock() - timedelta(hours=3)
    logged = client.post("/api/sessions/logged", json={"started_at": started.isoformat(), "minutes": 15}).json()
    shorter = {"variant": "standard", "actual_seconds": 600, "status": "ended_early"}
    assert client.put(f"/api/sessions/{logged['id']}", json=shorter).status_code == 200
    later = (started + timedelta(minutes=10)).isoformat()
    assert client.post("/api/sessions/logged", json={"started_at": later, "minutes": 15}).status_code == 201
    over = client.put(f"/api/sessions/{logged['id']}", json={**shorter, "actual_seconds": 900, "status": "completed"})
    assert over.status_code == 409
    assert over.json()["detail"].startswith("this overlaps the session of ")
    assert over.json()["detail"].endswith(" (15 min, logged) already in your journal; nothing was changed")
    assert client.get(f"/api/sessions/{logged['id']}").json()["actual_seconds"] == 600
