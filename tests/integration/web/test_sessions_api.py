"""Sessions over the API: written as the rest starts, checkpointed, finished, listed, deleted; bad input is 4xx."""

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


def test_an_ended_early_or_interrupted_session_keeps_its_time(client: TestClient) -> None:
    early = _start(client)
    client.post(f"/api/sessions/{early['id']}/finish", json={"elapsed_s": 95, "status": "ended_early"})
    closed = _start(client)
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
    assert client.post(f"{url}/finish", json={"elapsed_s": 10}).json()["detail"] == "status: Field required"
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
