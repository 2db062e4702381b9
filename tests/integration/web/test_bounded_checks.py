"""Issue 9.12: the position check's memory is bounded. Twelve camera sockets at once share the pool's models
(two), those beyond the limit of open streams are refused calmly, and a body above its limit is refused while it
is read, chunked or not, long before it is all read."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.posture.service import CheckService
from crest.web.app import create_app
from crest.web.context import UploadLimits
from support.answered import answer_no_to_all_in_the_browser
from support.pose_finder import JPEG, CountingFinder

LIVE = "ws://127.0.0.1:8765/api/check/live"
LIMITS = UploadLimits(
    max_photo_bytes=100_000,
    max_video_bytes=100_000,
    max_body_bytes=10_000,
    max_restore_bytes=50_000,
    pose_models=2,
    max_live_streams=4,
)


@pytest.fixture
def models_made() -> list[CountingFinder]:
    return []


@pytest.fixture
def bounded(tmp_path: Path, models_made: list[CountingFinder]) -> FastAPI:
    def one_model() -> CheckService:
        models_made.append(CountingFinder())
        return CheckService(finder=models_made[-1])

    return create_app(f"sqlite:///{tmp_path / 'crest.db'}", checker_factory=one_model, limits=LIMITS)


def test_twelve_sockets_at_once_share_two_models_and_the_rest_are_told_calmly(
    bounded: FastAPI, models_made: list[CountingFinder]
) -> None:
    with TestClient(bounded, base_url="http://127.0.0.1:8765") as client, contextlib.ExitStack() as sockets:
        answer_no_to_all_in_the_browser(client)  # the check comes after the safety questions
        opened = [sockets.enter_context(client.websocket_connect(LIVE)) for _ in range(12)]
        for socket in opened:
            for _ in range(5):
                socket.send_bytes(JPEG)
        answers = [_answers_until_closed_or_result(socket) for socket in opened]
        uploaded = client.post("/api/check", files={"file": ("p.jpg", JPEG, "image/jpeg")})
    served = [a for a in answers if a[-1]["type"] == "result"]
    refused = [a for a in answers if a[-1]["type"] == "closed"]
    assert (len(served), len(refused)) == (4, 8)
    assert all(a[0]["type"] == "error" and "too many windows" in a[0]["message"] for a in refused)
    assert all(a[-1]["code"] == 1013 for a in refused)
    assert all(a[-1]["result"]["person_seen"] for a in served)
    assert uploaded.status_code == 200, uploaded.text
    assert len(models_made) == 2


def _answers_until_closed_or_result(socket: Any) -> list[dict[str, Any]]:
    from starlette.websockets import WebSocketDisconnect

    answers: list[dict[str, Any]] = []
    while not answers or answers[-1]["type"] == "error":
        try:
            answers.append(json.loads(socket.receive_text()))
        except WebSocketDisconnect as closed:
            answers.append({"type": "closed", "code": closed.code})
    return answers


def test_a_closed_stream_frees_its_place(bounded: FastAPI) -> None:
    with TestClient(bounded, base_url="http://127.0.0.1:8765") as client:
        answer_no_to_all_in_the_browser(client)
        for _ in range(LIMITS.max_live_streams + 2):
            with client.websocket_connect(LIVE) as socket:
                socket.send_bytes(JPEG)
                assert json.loads(socket.receive_text())["type"] == "result"


def _chunks(total_bytes: int, chunk_bytes: int, pulled: list[int], opening: bytes) -> Iterator[bytes]:
    """`opening` then spaces, `chunk_bytes` at a time; `pulled` keeps count of what was taken."""
    pulled.append(len(opening))
    yield opening
    while sum(pulled) < total_bytes:
        pulled.append(chunk_bytes)
        yield b" " * chunk_bytes


OPENINGS = {  # each body starts as its route expects, so that only its size can stop it
    "application/json": b'{"theme": "',
    "application/x-www-form-urlencoded": b"theme=",
    "multipart/form-data; boundary=x": (
        b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    ),
}


@pytest.mark.parametrize(
    ("method", "path", "content_type", "limit"),
    [
        ("PUT", "/api/settings", "application/json", LIMITS.max_body_bytes),
        ("POST", "/settings", "application/x-www-form-urlencoded", LIMITS.max_body_bytes),
        ("POST", "/api/check", "multipart/form-data; boundary=x", LIMITS.max_upload_bytes + 64 * 1024),
        ("POST", "/settings/restore", "multipart/form-data; boundary=x", LIMITS.max_restore_bytes + 64 * 1024),
    ],
)
@pytest.mark.parametrize("declared", [False, True])
def test_a_body_above_its_limit_is_refused_while_it_is_read(
    bounded: FastAPI, method: str, path: str, content_type: str, limit: int, declared: bool
) -> None:
    """At the ASGI level, to count how much of a 250 MB body was pulled: chunked, or declaring less than it sends."""
    pulled: list[int] = []
    body = _chunks(250 * 1024 * 1024, 4096, pulled, OPENINGS[content_type])
    headers = [(b"host", b"127.0.0.1:8765"), (b"content-type", content_type.encode())]
    if declared:
        headers.append((b"content-length", b"100"))  # a lie: the rest still comes
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8765),
        "state": {},
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        chunk = next(body, b"")
        return {"type": "http.request", "body": chunk, "more_body": bool(chunk)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(bounded(scope, receive, send))
    assert sent[0]["status"] == 413
    assert sum(pulled) <= limit + 4096


def test_a_form_that_declares_a_body_above_its_limit_gets_a_page_and_the_api_json(bounded: FastAPI) -> None:
    """A browser declares its form's size: the person saw the raw JSON `{"detail": ...}` instead of a page."""
    with TestClient(bounded, base_url="http://127.0.0.1:8765") as client:
        page = client.post("/settings", data={"theme": "x" * LIMITS.max_body_bytes})
        api = client.put("/api/settings", json={"theme": "x" * LIMITS.max_body_bytes})
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
    assert "That did not work" in page.text and "more than crest ever sends" in page.text
    assert api.status_code == 413 and "more than crest ever sends" in api.json()["detail"]
