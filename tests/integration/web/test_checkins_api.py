"""Check-ins over the API: pain per place, sensations, a note; edited, listed and deleted."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

CHECK_IN = {
    "pain": [{"region": "lower_back", "side": "centre", "score": 6}, {"region": "hip", "side": "left", "score": 3}],
    "sensations": ["yawning", "warmth"],
    "compared_with_before": "better",
    "note": "Calmer",
}


def test_a_check_in_is_added_read_edited_and_deleted(client: TestClient) -> None:
    created = client.post("/api/checkins", json=CHECK_IN)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["at"] == "2026-05-06T17:30:00Z"
    assert body["timing"] == "standalone"
    assert body["pain"] == [
        {"region": "lower_back", "side": "centre", "score": 6},
        {"region": "hip", "side": "left", "score": 3},
    ]
    assert body["sensations"] == ["warmth", "yawning"]

    changed = client.put(f"/api/checkins/{body['id']}", json={**CHECK_IN, "pain": [], "note": "  Changed  "})
    assert changed.status_code == 200
    assert changed.json()["pain"] == []
    assert changed.json()["note"] == "Changed"
    assert changed.json()["at"] == body["at"]
    assert changed.json()["advice"] is None  # nothing worse, no warning sign
    saved = {name: value for name, value in changed.json().items() if name != "advice"}
    assert client.get(f"/api/checkins/{body['id']}").json() == saved

    assert client.delete(f"/api/checkins/{body['id']}").status_code == 204
    assert client.get(f"/api/checkins/{body['id']}").status_code == 404
    assert client.delete(f"/api/checkins/{body['id']}").status_code == 404


def test_a_check_in_after_a_session_belongs_to_it(client: TestClient) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    after = client.post("/api/checkins", json={**CHECK_IN, "session_id": session["id"]}).json()
    assert (after["timing"], after["session_id"]) == ("after", session["id"])
    client.post("/api/checkins", json={"pain": [], "note": "on its own"})
    listed = client.get("/api/checkins", params={"session_id": session["id"]}).json()
    assert [c["id"] for c in listed] == [after["id"]]
    assert len(client.get("/api/checkins").json()) == 2


def test_a_check_in_at_a_given_time(client: TestClient) -> None:
    body = client.post("/api/checkins", json={"at": "2026-05-01T07:30:00+02:00"}).json()
    assert body["at"] == "2026-05-01T05:30:00Z"
    assert client.post("/api/checkins", json={"at": "2026-05-01T07:30:00"}).status_code == 422


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pain": [{"region": "lower_back", "score": 11}]}, "pain.0.score"),
        ({"pain": [{"region": "lower_back", "score": -1}]}, "pain.0.score"),
        ({"pain": [{"region": "elbow", "score": 2}]}, "pain.0.region"),
        ({"pain": [{"region": "hip", "side": "up", "score": 2}]}, "pain.0.side"),
        ({"sensations": ["itchy"]}, "sensations.0"),
        ({"compared_with_before": "much"}, "compared_with_before"),
        ({"timing": "during"}, "timing"),
        ({"note": "x" * 4001}, "note"),
        ({"at": "yesterday"}, "at"),
    ],
)
def test_bad_check_ins_are_refused_naming_the_field(client: TestClient, change: dict[str, Any], field: str) -> None:
    response = client.post("/api/checkins", json={**CHECK_IN, **change})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field


def test_rules_of_the_journal_come_back_as_a_clear_422(client: TestClient) -> None:
    twice = {"pain": [{"region": "hip", "side": "left", "score": 2}, {"region": "hip", "side": "left", "score": 4}]}
    response = client.post("/api/checkins", json=twice)
    assert response.status_code == 422
    assert "rated twice" in response.json()["detail"]
    none_and_more = client.post("/api/checkins", json={"sensations": ["none", "warmth"]})
    assert none_and_more.status_code == 422
    unknown_session = client.post("/api/checkins", json={"session_id": 999, "timing": "after"})
    assert unknown_session.status_code == 404
