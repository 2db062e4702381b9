"""The live camera check over a WebSocket: the newest frame wins, older unchecked frames are dropped."""

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket, WebSocketDisconnect

from crest.errors import CrestError

Turn = TypeVar("Turn")
# Checks one frame (in a worker thread) with what the turn lent, such as a pose model of the pool.
FrameChecker = Callable[[Turn, bytes], dict[str, Any]]
BUSY_CLOSE_CODE = 1013  # "try again later"


class LatestFrame:
    """A one-frame mailbox between the socket reader and the checker.

    When the browser sends faster than frames are checked, a new frame replaces the waiting one, so the
    person always sees a verdict about how they lie now, never a backlog.
    """

    def __init__(self) -> None:
        self._frame: bytes | None = None
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

    def close(self) -> None:
        self._closed = True
        self._ready.set()

    async def take(self) -> bytes | None:
        """The newest frame, waiting for one; None once the socket closed."""
        while self._frame is None:
            if self._closed:
                return None
            self._ready.clear()
            await self._ready.wait()
        frame, self._frame = self._frame, None
        return frame

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


async def refuse_live_check(websocket: WebSocket, message: str) -> None:
    """A calm refusal the page can show, then a close that says to try again later."""
    await websocket.accept()
    await _send_error(websocket, message)
    await websocket.close(code=BUSY_CLOSE_CODE)


async def serve_live_check(
    websocket: WebSocket,
    check_frame: FrameChecker[Turn],
    max_frame_bytes: int,
    take_turn: Callable[[], AbstractAsyncContextManager[Turn]],
) -> None:
    """Answer each frame checked; a frame is taken once `take_turn` gives a turn, so waiting drops frames."""
    await websocket.accept()
    mailbox = LatestFrame()

    async def read_frames() -> None:
        try:
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                frame = message.get("bytes")
                if frame is None:
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
