"""What every route needs, built once per app: the services, the protocol and the position checker.

Sync or async, decided once for the whole web layer:
- Every handler that touches the journal or the pose model is a plain `def`. FastAPI runs those in its thread
  pool, so a request waiting for SQLite's write lock (or a photo being checked) holds one worker thread, never the
  event loop: static files, `/openapi.json` and every other request keep answering meanwhile.
- `async def` is kept for work that only awaits I/O: reading a request body or an upload, the WebSocket loop. Any
  journal or model call made from there goes through `run_in_threadpool`.
- A position check waits for a pose model of the shared pool on the event loop (crest.web.pose_pool), holding
  no thread until a model is free; then the check runs in the thread pool.
- Error handlers are async (Starlette calls them so) and render pages through the thread pool as well, since a
  page reads the theme from the journal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from crest.protocol.model import Protocol
from crest.services.bundle import Services
from crest.services.practice import PAGE_SILENT_AFTER_S
from crest.services.transfer import LARGEST_IMPORT_BYTES
from crest.web.live import LiveStreamLimit
from crest.web.pose_pool import PosePool

# The longest side a photo is checked at; the page scales the skeleton with it.
PHOTO_MAX_SIDE_PX = 1280


def size_shown(size_bytes: int) -> str:
    """A size as the limits are told: "4 GB", "50 MB", "100 KB" (binary units, rounded down)."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2)):
        if size_bytes >= size:
            return f"{size_bytes // size} {unit}"
    return f"{size_bytes // 1024} KB"


@dataclass(frozen=True)
class UploadLimits:
    """What one request or stream may cost: the sizes read, and how many pose models and camera streams at once."""

    max_photo_bytes: int = 50 * 1024 * 1024  # a photo for /api/check: a phone's is 2-10 MB
    # A video for /api/check, recorded through a whole rest: the longest the protocol allows (crp.toml's
    # max_minutes, 30) of a phone's 1080p is 2.2-3.8 GB. The multipart parser spools it to a temporary file only
    # its owner can read, gone when the request ends; the review reads it from there, never whole into memory.
    max_video_bytes: int = 4 * 1024**3
    max_body_bytes: int = 1024 * 1024  # any other request body: a check-in with its longest note is a few KB
    # A backup restored on Settings: crest's own export, megabytes after years of sessions with breath readings.
    max_restore_bytes: int = LARGEST_IMPORT_BYTES
    max_video_s: float = 30 * 60  # a whole rest of the longest session (reviewed at about 20 times real time)
    max_frame_bytes: int = 4 * 1024 * 1024
    pose_models: int = 2  # about 200 MB each
    max_live_streams: int = 2  # as many as models: each stream keeps tracking on its own while uploads take turns

    @classmethod
    def practice(cls) -> UploadLimits:
        """A practice server takes its clients' uploads over the network onto its own disk: shorter videos."""
        return cls(max_video_bytes=200 * 1024 * 1024)

    @property
    def max_upload_bytes(self) -> int:
        """The largest upload /api/check reads, photo or video."""
        return max(self.max_photo_bytes, self.max_video_bytes)


@dataclass(frozen=True)
class SessionWatch:
    """How the server tells a closed session page from a quiet one (see crest.journal.recovery)."""

    sweep_every_s: float = 60.0
    page_silent_after_s: float = PAGE_SILENT_AFTER_S

    @property
    def heartbeat_every_s(self) -> float:
        """How often a page checkpoints at the least: several times within the silence allowed."""
        return self.page_silent_after_s / 6


@dataclass
class WebContext:
    services: Services
    protocol: Protocol
    poses: PosePool
    live_streams: LiveStreamLimit
    limits: UploadLimits
    watch: SessionWatch = field(default_factory=SessionWatch)
    # Set when the app starts to stop (Ctrl-C): checks under way stop at their next frame and say so.
    stopping: threading.Event = field(default_factory=threading.Event)
    # Practice mode: the context of the person asking (their own services), or an error saying why not.
    for_request: Callable[[HTTPConnection], WebContext] | None = None

    @property
    def local_zone(self) -> tzinfo:
        return self.services.zone

    def now(self) -> datetime:
        return self.services.clock()


async def web_context(request: Request) -> WebContext:
    return await connection_context(request)


async def connection_context(connection: HTTPConnection) -> WebContext:
    # async: in the local app a dependency this small should not cost a hop to the thread pool on every request
    context: WebContext = connection.app.state.context
    if context.for_request is None:
        return context
    return await run_in_threadpool(context.for_request, connection)
