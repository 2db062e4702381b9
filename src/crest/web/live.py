"""The live camera check over a WebSocket: the newest frame wins, older unchecked frames are dropped."""

import asyncio
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket, WebSocketDisconnect

from crest.errors import CrestError

FrameChecker = Callable[[bytes], dict[str, Any]]


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


async def serve_live_check(websocket: WebSocket, check_frame: FrameChecker, max_frame_bytes: int) -> None:
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
                    await _send_error(websocket, f"a frame is limited to {max_frame_bytes // 1024} KB; send smaller JPEGs")
                else:
                    mailbox.put(frame)
        finally:
            mailbox.close()

    reader = asyncio.create_task(read_frames())
    try:
        while (frame := await mailbox.take()) is not None:
            number = mailbox.received
            try:
                result = await run_in_threadpool(check_frame, frame)
            except CrestError as error:
                await _send_error(websocket, error.message, frame=number)
                continue
            await websocket.send_json({"type": "result", "frame": number, "dropped_frames": mailbox.dropped, "result": result})
    except (WebSocketDisconnect, RuntimeError):
        pass  # the tab went away mid-answer
    finally:
        reader.cancel()


async def _send_error(websocket: WebSocket, message: str, frame: int | None = None) -> None:
    await websocket.send_json({"type": "error", "frame": frame, "message": message})
