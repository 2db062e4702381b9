"""The walk-through's everyday words for an urgent sign (5 Dec 2026, s39) at the web's doors: GET /api/help pins
urgent care, and a check-in whose note says them holds the next session."""

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("my back pain is really bad and I feel faint", "warning_aortic"),
        ("numb around my back passage", "warning_cauda_equina"),
    ],
)
def test_help_pins_urgent_care(cleared: TestClient, question: str, entry_id: str) -> None:
    [first, *_] = cleared.get("/api/help", params={"q": question}).json()["warnings"]
    assert (first["id"], first["level"]) == (entry_id, "urgent_care")


@pytest.mark.parametrize(
    "note", ["very bad back pain, sweaty and dizzy", "I can't tell when my bladder is full since yesterday"]
)
def test_a_check_in_note_in_everyday_words_holds_the_next_session(cleared: TestClient, note: str) -> None:
    pain = [{"region": "lower_back", "score": 8}]
    saved = cleared.post("/api/checkins", json={"pain": pain, "note": note})
    assert saved.status_code == 201
    [warning, *_] = saved.json()["advice"]["warnings"]
    assert warning["level"] == "urgent_care"
    assert cleared.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409
