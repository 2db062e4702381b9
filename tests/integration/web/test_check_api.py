"""The position check over HTTP and the WebSocket, with the real pose model on a public-domain photo."""

import asyncio
import base64
import contextlib
import gc
import io
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.errors import CrestError
from crest.posture.result import CRITERION_NAMES
from crest.protocol import load_protocol
from crest.web.api.check import ProgressSteps, _check_lines
from crest.web.app import create_app
from crest.web.context import UploadLimits
from support.answered import answer_no_to_all_in_the_browser

PHOTO = Path(__file__).parents[2] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
CRITERIA = set(CRITERION_NAMES)
LIVE = "ws://127.0.0.1:8765/api/check/live"  # the WebSocket under a name crest is served as
AS_IT_GOES = {"Accept": "application/x-ndjson"}


def _video(path: Path, seconds: float, fps: int = 10) -> bytes:
    import cv2

    image = cv2.imread(str(PHOTO))
    height, width = image.shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
    for _ in range(int(seconds * fps)):
        writer.write(image)
    writer.release()
    return path.read_bytes()


def _tiny_jpeg() -> bytes:
    import cv2

    ok, data = cv2.imencode(".jpg", cv2.resize(cv2.imread(str(PHOTO)), (50, 50)))
    assert ok
    return bytes(data)


def test_a_photo_gets_the_same_answer_as_the_cli_json(client: TestClient) -> None:
    from crest.posture.service import CheckService

    response = client.post("/api/check", files={"file": ("one_knee_to_chest_0.jpg", PHOTO.read_bytes(), "image/jpeg")})
    assert response.status_code == 200, response.text
    body = response.json()
    with CheckService() as service:
        expected = json.loads(
            json.dumps(service.check_image_bytes(PHOTO.read_bytes(), "one_knee_to_chest_0.jpg").to_json_dict())
        )
    assert body == expected
    assert {c["name"] for c in body["criteria"]} == CRITERIA
    assert body["file"] == "one_knee_to_chest_0.jpg"


def test_a_short_video_is_reviewed(client: TestClient, tmp_path: Path) -> None:
    response = client.post("/api/check", files={"file": ("rest.mp4", _video(tmp_path / "rest.mp4", 2), "video/mp4")})
    assert response.status_code == 200, response.text
    assert {c["name"] for c in response.json()["criteria"]} == CRITERIA


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"hello, this is not a picture", "not a photo or video"),
        ("IMG_1234.jpg", b"", "IMG_1234.jpg: the file is empty (0 bytes); use a photo or a video"),
        ("broken.jpg", PHOTO.read_bytes()[:2000], "broken.jpg"),
        ("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "a HEIC or AVIF photo"),
        (
            "tiny.jpg",
            _tiny_jpeg(),
            "tiny.jpg: the picture is too small to judge (50x50 px); use a photo at least 100 px across",
        ),
    ],
)
def test_files_that_cannot_be_checked_get_a_clear_422(client: TestClient, name: str, data: bytes, message: str) -> None:
    response = client.post("/api/check", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\Pictures\\tiny.jpg", "tiny.jpg"),
        ("/home/me/tiny.jpg", "tiny.jpg"),
        ("x" * 300 + ".jpg", "x" * 99 + "…"),
        ("folder/", "upload"),
    ],
)
def test_only_the_uploaded_files_own_name_is_repeated_and_never_a_long_one(
    client: TestClient, sent: str, shown: str
) -> None:
    """The answer once repeated the name as the client sent it, folders and all ("../../etc/passwd: ..."), where
    the terminal says a file's own name."""
    response = client.post("/api/check", files={"file": (sent, _tiny_jpeg(), "image/jpeg")})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        f"{shown}: the picture is too small to judge (50x50 px); use a photo at least 100 px across"
    )


def test_a_video_too_short_to_review_gets_a_422_saying_so(client: TestClient, tmp_path: Path) -> None:
    response = client.post("/api/check", files={"file": ("one.mp4", _video(tmp_path / "one.mp4", 0.1), "video/mp4")})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("one.mp4: the video lasts 0.1 s, too short to review")


def test_a_missing_file_field_is_named(client: TestClient) -> None:
    response = client.post("/api/check", files={"photo": ("p.jpg", b"x", "image/jpeg")})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


def test_the_app_reviews_a_video_of_the_longest_session_the_protocol_allows() -> None:
    # A person who films a whole 30-minute rest must not be told it is too long.
    assert UploadLimits().max_video_s >= load_protocol().timing.max_minutes * 60


@pytest.fixture
def limited(tmp_path: Path) -> FastAPI:
    limits = UploadLimits(max_photo_bytes=20_000, max_video_bytes=150_000, max_video_s=1.5, max_frame_bytes=100_000)
    return create_app(f"sqlite:///{tmp_path / 'crest.db'}", limits=limits)


def test_uploads_over_the_limits_are_refused(limited: FastAPI, tmp_path: Path) -> None:
    with TestClient(limited, base_url="http://localhost") as client:
        answer_no_to_all_in_the_browser(client)  # the check comes after the safety questions
        big = client.post("/api/check", files={"file": ("big.jpg", b"\xff\xd8\xff" + b"0" * 30_000, "image/jpeg")})
        assert big.status_code == 413
        assert big.json()["detail"] == "big.jpg: the photo is larger than 19 KB; send a smaller one"
        video = _video(tmp_path / "long.mp4", 3, fps=5)
        assert 20_000 < len(video) < 150_000
        long = client.post("/api/check", files={"file": ("long.mp4", video, "video/mp4")})
        assert long.status_code == 422
        # To the second: a video a little over the limit is not said to last as long as the limit.
        assert long.json()["detail"] == (
            "long.mp4: the video lasts 00:03; the app reviews up to 00:01: send a shorter part of it"
        )
        heavy = _video(tmp_path / "heavy.mp4", 1, fps=60)
        assert len(heavy) > 150_000
        refused = client.post("/api/check", files={"file": ("heavy.mp4", heavy, "video/mp4")})
        assert refused.status_code == 413
        assert refused.json()["detail"] == "heavy.mp4: the video is larger than 146 KB; send a shorter one"


def test_a_video_larger_than_any_photo_is_reviewed_from_the_spooled_upload(
    limited: FastAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crest.posture.service import CheckService

    sources: list[object] = []
    review_video = CheckService.review_video

    def noting_the_source(self: CheckService, source: Any, *args: Any, **kwargs: Any) -> Any:
        sources.append(source)
        return review_video(self, source, *args, **kwargs)

    monkeypatch.setattr(CheckService, "review_video", noting_the_source)
    video = _video(tmp_path / "rest.mp4", 1, fps=10)
    assert 20_000 < len(video) < 150_000
    with TestClient(limited, base_url="http://localhost") as client:
        answer_no_to_all_in_the_browser(client)
        response = client.post("/api/check", files={"file": ("rest.mp4", video, "video/mp4")})
    assert response.status_code == 200, response.text
    assert response.json()["video"]["duration_s"] == pytest.approx(1.0)
    # Reviewed from the upload's file, never read whole into memory.
    assert len(sources) == 1 and not isinstance(sources[0], bytes) and hasattr(sources[0], "seek")


def _lines_of(client: TestClient, name: str, data: bytes, kind: str) -> list[dict[str, Any]]:
    with client.stream("POST", "/api/check", files={"file": (name, data, kind)}, headers=AS_IT_GOES) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("application/x-ndjson")
        return [json.loads(line) for line in response.iter_lines() if line]


def test_a_video_checked_as_it_goes_reports_its_progress_in_order_then_the_same_result(
    client: TestClient, tmp_path: Path
) -> None:
    video = _video(tmp_path / "rest.mp4", 3)
    plain = client.post("/api/check", files={"file": ("rest.mp4", video, "video/mp4")}).json()
    lines = _lines_of(client, "rest.mp4", video, "video/mp4")
    *progress, last = lines
    assert last == {"type": "result", "result": plain}
    # A still video needs only the look at its keyframes: the bar reports that pass as it goes, then the end. (It
    # reported more while head level flickered from look to look on this picture, and each flicker was decoded.)
    assert len(progress) >= 3 and {line["type"] for line in progress} == {"progress"}
    done_s = [line["done_s"] for line in progress]
    assert done_s == sorted(done_s) and done_s[0] < 1.5
    assert progress[-1]["done_s"] == progress[-1]["total_s"] == pytest.approx(3.0)
    assert len(progress) <= 101  # one a percent at most, never one a frame


def test_a_video_s_final_answer_carries_the_picture_of_the_last_moment_a_person_was_seen(
    client: TestClient, tmp_path: Path
) -> None:
    import cv2
    import numpy as np

    *_, last = _lines_of(client, "rest.mp4", _video(tmp_path / "rest.mp4", 3), "video/mp4")
    picture = last["result"]["video"]["picture"]
    assert 2.0 <= picture["time_s"] < 3.0
    frame = cv2.imdecode(np.frombuffer(base64.b64decode(picture["jpeg"]), np.uint8), cv2.IMREAD_COLOR)
    # The frame the review checked (the 850x567 photo brought down to 640 px), which the landmarks refer to.
    assert frame.shape[:2] == (picture["height"], picture["width"]) and picture["width"] == 640
    assert len(picture["jpeg"]) < 80_000  # base64 of a JPEG of some 40 KB
    moment = picture["result"]
    assert {c["name"] for c in moment["criteria"]} == CRITERIA
    assert moment["landmarks"] and all(
        0 <= p["x"] <= picture["width"] and 0 <= p["y"] <= picture["height"] for p in moment["landmarks"]
    )


def test_a_photo_checked_as_it_goes_is_one_line_with_the_same_result(client: TestClient) -> None:
    plain = client.post("/api/check", files={"file": ("p.jpg", PHOTO.read_bytes(), "image/jpeg")}).json()
    assert _lines_of(client, "p.jpg", PHOTO.read_bytes(), "image/jpeg") == [{"type": "result", "result": plain}]


def test_what_is_refused_before_the_check_begins_is_refused_as_without_progress(client: TestClient) -> None:
    response = client.post(
        "/api/check", files={"file": ("notes.txt", b"not a picture", "text/plain")}, headers=AS_IT_GOES
    )
    assert response.status_code == 422
    assert "not a photo or video" in response.json()["detail"]


class _BrokenOff(CrestError):
    """A video that stops making sense half-way."""


def _failing_review(error: Exception) -> Callable[..., Any]:
    def review(self: Any, source: Any, name: str, progress: Any = None, **kwargs: Any) -> Any:
        progress(1.0, 4.0)
        raise error

    return review


@pytest.mark.parametrize(
    ("error", "detail"),
    [
        (_BrokenOff("rest.mp4: the video breaks off at 00:01"), "rest.mp4: the video breaks off at 00:01"),
        (RuntimeError("a bug"), "rest.mp4: the check failed; try again, or try another file"),
    ],
)
def test_a_check_that_fails_under_way_ends_with_a_one_line_error_and_frees_its_model(
    client: TestClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    error: Exception,
    detail: str,
) -> None:
    from crest.posture.service import CheckService

    video = _video(tmp_path / "rest.mp4", 1)
    with monkeypatch.context() as patch:
        patch.setattr(CheckService, "review_video", _failing_review(error))
        with caplog.at_level(logging.ERROR, logger="crest.web.api.check"):
            lines = _lines_of(client, "rest.mp4", video, "video/mp4")
    assert lines == [{"type": "progress", "done_s": 1.0, "total_s": 4.0}, {"type": "error", "detail": detail}]
    # A bug is logged in full, as a 500 would be; a file crest cannot read is only the person's to hear of.
    assert ("a bug" in caplog.text) == isinstance(error, RuntimeError)
    for _ in range(client.app.state.context.poses.size + 1):  # every model came back: no check waits for one
        assert client.post("/api/check", files={"file": ("rest.mp4", video, "video/mp4")}).status_code == 200


def test_a_check_under_way_when_the_app_stops_says_so_at_every_door(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crest.posture.service import CheckService

    def review_at_shutdown(self: Any, source: Any, name: str, progress: Any = None, **kwargs: Any) -> Any:
        client.app.state.context.stopping.set()  # Ctrl-C, while the review is under way
        progress(1.0, 4.0)
        raise AssertionError("the review went on while the app stopped")

    monkeypatch.setattr(CheckService, "review_video", review_at_shutdown)
    video = _video(tmp_path / "rest.mp4", 1)
    stopping = "crest is stopping, so the check was called off; start crest again to check"
    plain = client.post("/api/check", files={"file": ("rest.mp4", video, "video/mp4")})
    assert plain.status_code == 503 and plain.json() == {"detail": stopping}
    assert _lines_of(client, "rest.mp4", video, "video/mp4") == [{"type": "error", "detail": stopping}]


def test_ctrl_c_tells_the_checks_under_way_to_stop_as_the_server_stops() -> None:
    import signal
    import threading

    import uvicorn

    from crest.web.server import ServerStoppingChecks

    stopping = threading.Event()
    server = ServerStoppingChecks(uvicorn.Config(FastAPI()), stopping)
    server.handle_exit(signal.SIGINT, None)
    assert stopping.is_set() and server.should_exit


REVIEW_STEPS = 5000


def test_closing_the_answer_stops_the_review_and_gives_its_model_back(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crest.posture.service import CheckService

    progress_calls: list[int] = []

    def endless_review(self: Any, source: Any, name: str, progress: Any = None, **kwargs: Any) -> Any:
        for step in range(REVIEW_STEPS):  # about 10 s, unless stopped
            progress_calls.append(step)
            progress(float(step), None)  # raises once the answer is closed
            time.sleep(0.002)
        raise AssertionError("the review went on after its answer was closed")

    monkeypatch.setattr(CheckService, "review_video", endless_review)
    context = client.app.state.context
    unhandled: list[dict[str, Any]] = []  # what asyncio would print on crest serve's terminal, traceback and all

    async def first_line_then_close() -> str:
        asyncio.get_running_loop().set_exception_handler(lambda _, report: unhandled.append(report))
        lines = _check_lines(context, io.BytesIO(b"a video"), "rest.mp4", None)
        first = await anext(lines)
        await lines.aclose()  # what the server does when the page goes away
        async with asyncio.timeout(5), contextlib.AsyncExitStack() as borrowed:  # every model is free at once
            for _ in range(context.poses.size):
                await borrowed.enter_async_context(context.poses.borrow())
        gc.collect()  # the review's task, gone with the answer, reports an exception nobody retrieved now
        return first

    first = json.loads(asyncio.run(first_line_then_close()))
    assert first == {"type": "progress", "done_s": 0.0, "total_s": None}
    assert unhandled == []  # a review stopped because the page went away is no failure to report
    calls = len(progress_calls)
    time.sleep(0.05)
    assert len(progress_calls) == calls < REVIEW_STEPS  # the review stopped with the answer


def test_progress_is_sent_once_a_percent_or_every_5_seconds_of_a_video_of_unknown_length() -> None:
    steps = ProgressSteps()
    sent = [done_s for done_s in (0.0, 0.6, 1.2, 1.3, 2.4, 119.9, 120.0) if steps.due(done_s, 120.0)]
    assert sent == [0.0, 1.2, 2.4, 119.9, 120.0]
    unknown = ProgressSteps()
    assert [done_s for done_s in (0.0, 4.9, 5.0, 7.0, 10.2) if unknown.due(done_s, None)] == [0.0, 5.0, 10.2]


def test_a_practice_server_takes_shorter_videos_than_the_local_app() -> None:
    assert UploadLimits.practice().max_video_bytes == 200 * 1024**2
    assert UploadLimits().max_video_bytes == 4 * 1024**3
    assert UploadLimits.practice().max_photo_bytes == UploadLimits().max_photo_bytes


def _results(socket: Any, until_frame: int) -> list[dict[str, Any]]:
    answers = []
    while True:
        answer = socket.receive_json()
        answers.append(answer)
        if answer.get("frame") == until_frame:
            return answers


def test_live_frames_get_verdicts(client: TestClient) -> None:
    with client.websocket_connect(LIVE) as socket:
        socket.send_bytes(PHOTO.read_bytes())
        answer = socket.receive_json()
    assert answer["type"] == "result"
    assert answer["frame"] == 1
    result = answer["result"]
    assert result["person_seen"] is True
    assert {c["name"] for c in result["criteria"]} == CRITERIA
    assert "stable" in result


def test_live_frames_sent_too_fast_are_dropped_not_queued(client: TestClient) -> None:
    frames = 12
    with client.websocket_connect(LIVE) as socket:
        for _ in range(frames):
            socket.send_bytes(PHOTO.read_bytes())
        answers = _results(socket, frames)
    results = [a for a in answers if a["type"] == "result"]
    assert len(results) < frames
    assert results[-1]["dropped_frames"] == frames - len(results)


def test_live_bad_messages_get_an_error_and_the_stream_goes_on(client: TestClient) -> None:
    with client.websocket_connect(LIVE) as socket:
        socket.send_text("hello")
        assert socket.receive_json() == {
            "type": "error",
            "frame": None,
            "message": "send each camera frame as a binary JPEG message",
        }
        socket.send_bytes(b"not a jpeg")
        error = socket.receive_json()
        assert (error["type"], error["frame"]) == ("error", 1)
        socket.send_bytes(PHOTO.read_bytes())
        assert socket.receive_json()["type"] == "result"
