"""A rest left running (its page navigated away from) and then a warning sign saved: no rest may go on while the
sign stands, so the rest reads at once as what it is, interrupted with the time it rested, not "in progress" with
only Delete until the sweep finds its page silent (walk L7)."""

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from crest.safety.screen import QUESTIONS
from support.clock import FakeClock

FELL = "I fell off a ladder yesterday and hurt my back"  # a sign that says: see a clinician


def _left_rest(client: TestClient, clock: FakeClock) -> int:
    session = client.post("/api/sessions", json={"planned_minutes": 15, "variant": "standard"}).json()
    clock.advance(200)
    assert client.post(f"/api/sessions/{session['id']}/checkpoint", json={"elapsed_s": 185}).status_code == 200
    clock.advance(40)  # the page left a moment ago: far less than the sweep's silence
    return int(session["id"])


def _check_in_with_a_sign(client: TestClient) -> None:
    assert client.post("/api/checkins", json={"note": FELL}).status_code == 201


def _answers_with_a_yes(client: TestClient) -> None:
    answers = {question.id: question.id == "night_pain" for question in QUESTIONS}
    assert client.post("/api/safety/answers", json={"answers": answers}).status_code == 200


@pytest.mark.parametrize("sign", [_check_in_with_a_sign, _answers_with_a_yes], ids=["check-in", "safety answers"])
def test_a_rest_left_reads_interrupted_with_its_time_once_a_sign_is_saved(
    cleared: TestClient, clock: FakeClock, sign: Callable[[TestClient], None]
) -> None:
    left = _left_rest(cleared, clock)
    assert cleared.get(f"/api/sessions/{left}").json()["status"] == "running"
    sign(cleared)
    saved = cleared.get(f"/api/sessions/{left}").json()
    assert (saved["status"], saved["actual_seconds"]) == ("interrupted", 185)
    journal = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cleared.get("/journal").text))
    assert "in progress" not in journal.lower() and "nterrupted" in journal
    assert "3 min" in journal  # the time it rested, 185 s


def test_a_check_in_without_a_sign_leaves_a_running_rest_running(cleared: TestClient, clock: FakeClock) -> None:
    running = _left_rest(cleared, clock)
    assert cleared.post("/api/checkins", json={"note": "a little stiff"}).status_code == 201
    assert cleared.get(f"/api/sessions/{running}").json()["status"] == "running"


def test_a_rest_still_timed_when_the_sign_is_saved_ends_early_at_its_next_checkpoint(
    cleared: TestClient, clock: FakeClock
) -> None:
    timed = _left_rest(cleared, clock)  # another tab, or the terminal, still timing it
    _check_in_with_a_sign(cleared)
    stopped = cleared.post(f"/api/sessions/{timed}/checkpoint", json={"elapsed_s": 215})
    assert stopped.status_code == 409
    assert stopped.json()["detail"].startswith("the rest was stopped and saved as ended early:")
    saved = cleared.get(f"/api/sessions/{timed}").json()
    assert (saved["status"], saved["actual_seconds"]) == ("ended_early", 215)
