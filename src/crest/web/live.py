"""The live camera check over a WebSocket: the newest frame wins, older unchecked frames are dropped.

Frames come as binary messages. A stream may also take requests as text messages (JSON objects), answered
in turn after the frame that came before them: the breath reading at the end of a rest is one.
"""

import asyncio
import json
import math
import struct
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket, WebSocketDisconnect

from crest.errors import CrestError

Turn = TypeVar("Turn")
# Checks one frame (in a worker thread) with what the turn lent, such as a pose model of the pool.
FrameChecker = Callable[[Turn, bytes], dict[str, Any]]
RequestAnswerer = Callable[[dict[str, Any]], dict[str, Any]]
BUSY_CLOSE_CODE = 1013  # "try again later"
REFUSED_CLOSE_CODE = 1008  # "policy": the safety answers or a warning sign say no, and trying again will not help


class LatestFrame:
    """A one-frame mailbox between the socket reader and the checker, with the requests that came in between.

    When the browser sends faster than frames are checked, a new frame replaces the waiting one, so the
    person always sees a verdict about how they lie now, never a backlog. A request waits for the frame
    already waiting, so that it is answered about everything sent before it.
    """

    def __init__(self) -> None:
        self._frame: bytes | None = None
        self._requests: deque[dict[str, Any]] = deque()
        self._ready = asyncio.Event()
        self._closed = False
        self.received = 0
        self.dropped = 0

    def put(self, frame: bytes) -> None:
        if self._frame is not None:
            self.dropped += 1
        self._frame = frame
        self.received += 1
        self._ready.set()

    def put_request(self, request: dict[str, Any]) -> None:
        self._requests.append(request)
        self._ready.set()

    def close(self) -> None:
        self._closed = True
        self._ready.set()

    async def take(self) -> bytes | dict[str, Any] | None:
        """The newest frame, else the oldest request, waiting for one; None once the socket closed."""
        while self._frame is None and not self._requests:
            if self._closed:
                return None
            self._ready.clear()
            await self._ready.wait()
        if self._frame is not None:
            frame, self._frame = self._frame, None
            return frame
        return self._requests.popleft()

    def newest(self, taken: bytes) -> bytes:
        """A frame that arrived after `taken` instead of it (which is then dropped), else `taken` itself."""
        if self._frame is None:
            return taken
        self.dropped += 1
        frame, self._frame = self._frame, None
        return frame


class LiveStreamLimit:
    """At most `most` live camera streams at once: each holds frames, a thread's time and a turn at the models."""

    def __init__(self, most: int) -> None:
        self._most = most
        self._open = 0
        self._guard = threading.Lock()

    @contextmanager
    def admit(self) -> Iterator[bool]:
        """True (for the block) when one more stream fits, else False."""
        with self._guard:
            admitted = self._open < self._most
            self._open += admitted
        try:
            yield admitted
        finally:
            if admitted:
                with self._guard:
                    self._open -= 1


async def refuse_live_check(websocket: WebSocket, message: str, code: int = BUSY_CLOSE_CODE) -> None:
    """A calm refusal the page can show, then a close: by default one that says to try again later."""
    await websocket.accept()
    await _send_error(websocket, message)
    await websocket.close(code=code)


async def serve_live_check(
    websocket: WebSocket,
    check_frame: FrameChecker[Turn],
    max_frame_bytes: int,
    take_turn: Callable[[], AbstractAsyncContextManager[Turn]],
    answer_request: RequestAnswerer | None = None,
) -> None:
    """Answer each frame checked; a frame is taken once `take_turn` gives a turn, so waiting drops frames.
    Requests (text messages) are answered by `answer_request`, without a turn; a stream without it takes none."""
    await websocket.accept()
    mailbox = LatestFrame()

    async def read_frames() -> None:
        try:
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                frame = message.get("bytes")
                if frame is None and answer_request is not None:
                    request = _request(message.get("text"))
                    if request is None:
                        await _send_error(websocket, "send a request as a JSON object, and frames as binary messages")
                    else:
                        mailbox.put_request(request)
                elif frame is None:
                    await _send_error(websocket, "send each camera frame as a binary JPEG message")
                elif len(frame) > max_frame_bytes:
                    await _send_error(
                        websocket, f"a frame is limited to {max_frame_bytes // 1024} KB; send smaller JPEGs"
                    )
                else:
                    mailbox.put(frame)
        finally:
            mailbox.close()

    reader = asyncio.create_task(read_frames())
    try:
        while (frame := await mailbox.take()) is not None:
            if isinstance(frame, dict):
                assert answer_request is not None  # requests are only taken in when they can be answered
                try:
                    await websocket.send_json(await run_in_threadpool(answer_request, frame))
                except CrestError as error:
                    await _send_error(websocket, error.message)
                continue
            async with take_turn() as turn:
                frame = mailbox.newest(frame)  # what arrived while waiting for the turn replaces what waited
                number = mailbox.received
                try:
                    result = await run_in_threadpool(check_frame, turn, frame)
                    answer = {"type": "result", "frame": number, "dropped_frames": 0, "result": result}
                except CrestError as error:
                    answer = {"type": "error", "frame": number, "message": error.message}
            if answer["type"] == "result":
                answer["dropped_frames"] = mailbox.dropped  # those dropped during the check too
            await websocket.send_json(answer)
    except (WebSocketDisconnect, RuntimeError):
        pass  # the tab went away mid-answer
    finally:
        reader.cancel()


async def _send_error(websocket: WebSocket, message: str, frame: int | None = None) -> None:
    await websocket.send_json({"type": "error", "frame": frame, "message": message})


class BadTimedFrame(CrestError):
    """A frame of a timed stream without a usable capture time before its picture."""


TIME_PREFIX_BYTES = 8


def timed_frame(message: bytes, latest_s: float) -> tuple[float, bytes]:
    """The capture time and the picture of a timed stream's frame: the time comes first, as a little-endian
    64-bit float of seconds on the stream's own time line (at most `latest_s`), then the JPEG."""
    if len(message) <= TIME_PREFIX_BYTES:
        raise BadTimedFrame("each frame starts with its capture time (8 bytes) followed by the JPEG")
    time_s = struct.unpack("<d", message[:TIME_PREFIX_BYTES])[0]
    if not math.isfinite(time_s) or not 0 <= time_s <= latest_s:
        raise BadTimedFrame(f"a frame's capture time must be 0-{latest_s:g} seconds since the stream began")
    return time_s, message[TIME_PREFIX_BYTES:]


def _request(text: str | None) -> dict[str, Any] | None:
    try:
        request = json.loads(text or "")
    except json.JSONDecodeError:
        return None
    return request if isinstance(request, dict) else None
