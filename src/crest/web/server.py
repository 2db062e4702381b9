"""uvicorn's server for the local app: Ctrl-C also tells the position checks under way to stop.

uvicorn waits for the requests under way to end before it stops, and a video's review can take minutes: each
check now stops at its next frame and answers that crest is stopping (a 503, or a last line when the answer
comes as it goes).
"""

import threading
from types import FrameType

import uvicorn


class ServerStoppingChecks(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, stopping: threading.Event) -> None:
        super().__init__(config)
        self._stopping = stopping

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self._stopping.set()
        super().handle_exit(sig, frame)
