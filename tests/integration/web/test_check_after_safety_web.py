"""The web's "Check a photo" and its live camera come after the safety questions, as a session does and as
`crest check` does: refused until they are answered, and again when they are due, in words that say how."""

from pathlib import Path

from fastapi.testclient import TestClient

from crest.safety.screen import ASK_AGAIN_AFTER
from support.clock import FakeClock

PHOTO = (Path(__file__).resolve().parents[2] / "fixtures" / "photos" / "90_90_hamstring_0.jpg").read_bytes()


def _refused(client: TestClient) -> None:
    upload = client.post("/api/check", files={"file": ("me.jpg", PHOTO, "image/jpeg")})
    assert upload.status_code == 409
    detail = upload.json()["detail"]
    assert detail.startswith("no position check was started: answer the safety questions first (the Safety page")
    with client.websocket_connect("ws://127.0.0.1:8765/api/check/live") as live:
        live.send_text("hello")
        assert "answer the safety questions first" in live.receive_json()["message"]


def test_the_check_waits_for_the_safety_questions(unanswered: TestClient, clock: FakeClock) -> None:
    _refused(unanswered)
    assert unanswered.post("/api/sessions", json={"planned_minutes": 10}).status_code == 409  # as a session
    questions = unanswered.get("/api/safety/questions").json()
    unanswered.post("/api/safety/answers", json={"answers": {question["id"]: False for question in questions}})
    assert unanswered.post("/api/check", files={"file": ("me.jpg", PHOTO, "image/jpeg")}).status_code == 200
    clock.advance(ASK_AGAIN_AFTER.total_seconds() + 60)
    _refused(unanswered)


def test_the_check_page_says_so_before_a_photo_is_chosen(unanswered: TestClient) -> None:
    """The page offered its form and refused only once a photo was sent."""
    page = unanswered.get("/check").text
    assert 'id="check-not-now"' in page and "answer the safety questions first" in page.lower()
    assert 'id="check-form"' not in page and 'href="/safety"' in page
    questions = unanswered.get("/api/safety/questions").json()
    unanswered.post("/api/safety/answers", json={"answers": {question["id"]: False for question in questions}})
    page = unanswered.get("/check").text
    assert 'id="check-form"' in page and 'id="check-not-now"' not in page


def test_a_warning_sign_is_said_on_the_check_page_before_the_side_lying_advice(unanswered: TestClient) -> None:
    """Pregnancy and an urgent sign: "rest on your side instead" would walk around the urgent advice."""
    questions = unanswered.get("/api/safety/questions").json()
    said_yes = ("pregnant_16_weeks", "bladder_bowel_saddle")
    answers = {question["id"]: question["id"] in said_yes for question in questions}
    assert unanswered.post("/api/safety/answers", json={"answers": answers}).status_code == 200
    page = unanswered.get("/check").text
    assert 'id="check-not-now"' in page and "urgent" in page.lower()
    assert 'id="check-side-lying"' not in page and 'id="check-form"' not in page
