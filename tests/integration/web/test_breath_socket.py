"""The breath over the live socket during a rest: frames carry their capture time and the server reads the breath
on that time line, never on the arrival time; the result comes on request; bad frames and requests are errors
that leave the stream going."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient

from crest.posture.service import CheckService
from crest.web.app import create_app
from support.answered import answer_no_to_all_in_the_browser
from support.breath_frames import SideFinder, breathing_rise, frame, room

STEP_S = 0.125


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("CREST_HOME", str(tmp_path))
    app = create_app(
        f"sqlite:///{tmp_path / 'crest.db'}", local_zone=UTC, checker_factory=lambda: CheckService(finder=SideFinder())
    )
    with TestClient(app, base_url="http://127.0.0.1:8765") as test_client:  # a name crest is served as
        yield test_client


def _timed(time_s: float, picture: np.ndarray) -> bytes:
    ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_GRAY2BGR), [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return struct.pack("<d", time_s) + jpeg.tobytes()


def _frames(seconds: float, rate_bpm: float) -> Iterator[tuple[float, bytes]]:
    background, rng = room(), np.random.default_rng(0)
    for time_s in np.arange(0.0, seconds, STEP_S):
        yield float(time_s), _timed(float(time_s), frame(background, breathing_rise(time_s, rate_bpm, 2.0), rng=rng))


def test_the_breath_is_read_on_the_capture_times(client: TestClient) -> None:
    states = []
    with client.websocket_connect("ws://127.0.0.1:8765/api/check/live?breath=true") as socket:
        # Half a minute of frames, sent as fast as they are answered (a second or two): only their capture
        # times tell that they span 31 s.
        for time_s, message in _frames(31.0, 10.0):
            socket.send_bytes(message)
            answer = socket.receive_json()
            assert answer["type"] == "result" and answer["result"]["time_s"] == pytest.approx(time_s, abs=1e-3)
            states.append(answer["result"]["breath_state"])
        socket.send_json({"type": "breath_result"})
        result = socket.receive_json()
    assert states[-1] == "reading" and set(states) <= {"starting", "moving", "reading"}
    assert result["type"] == "breath_result"
    [window] = result["breath"]["windows"]
    assert (window["start_s"], window["end_s"]) == (0.0, 30.0)
    assert window["rate_bpm"] == pytest.approx(10.0, abs=0.5)
    assert result["breath"]["rate_bpm"] == window["rate_bpm"]


def test_a_frame_without_a_usable_capture_time_is_an_error_and_the_stream_goes_on(client: TestClient) -> None:
    picture = frame(room(), 0.0)
    with client.websocket_connect("ws://127.0.0.1:8765/api/check/live?breath=true") as socket:
        for bad in (b"\xff\xd8", _timed(float("nan"), picture), _timed(-1.0, picture), _timed(1e9, picture)):
            socket.send_bytes(bad)
            error = socket.receive_json()
            assert error["type"] == "error" and "capture time" in error["message"]
        socket.send_bytes(_timed(0.5, picture))
        assert socket.receive_json()["result"]["breath_state"] in ("starting", "reading")
        socket.send_text("hello")
        assert "JSON object" in socket.receive_json()["message"]
        socket.send_json({"type": "frames please"})
        assert "unknown request" in socket.receive_json()["message"]
        socket.send_json({"type": "breath_result"})
        assert socket.receive_json()["breath"] == {"rate_bpm": None, "windows": [], "movements": []}


def test_the_position_check_stream_is_as_it_was(client: TestClient) -> None:
    answer_no_to_all_in_the_browser(client)  # the position check, unlike the breath, comes after the questions
    with client.websocket_connect("ws://127.0.0.1:8765/api/check/live") as socket:
        socket.send_text('{"type": "breath_result"}')
        assert socket.receive_json()["message"] == "send each camera frame as a binary JPEG message"
