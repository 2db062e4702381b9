"""What every route needs, built once per app: the services, the protocol and the position checker.

Sync or async, decided once for the whole web layer:
- Every handler that touches the journal or the pose model is a plain `def`. FastAPI runs those in its thread
  pool, so a request waiting for SQLite's write lock (or a photo being checked) holds one worker thread, never the
  event loop: static files, `/openapi.json` and every other request keep answering meanwhile.
- `async def` is kept for work that only awaits I/O: reading a request body or an upload, the WebSocket loop. Any
  journal or model call made from there goes through `run_in_threadpool`.
- Error handlers are async (Starlette calls them so) and render pages through the thread pool as well, since a
  page reads the theme from the journal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from crest.protocol.model import Protocol
from crest.services.bundle import Services
from crest.services.practice import PAGE_SILENT_AFTER_S

if TYPE_CHECKING:
    from crest.posture.service import CheckService

# The longest side a photo is checked at; the page scales the skeleton with it.
PHOTO_MAX_SIDE_PX = 1280


@dataclass(frozen=True)
class UploadLimits:
    max_upload_bytes: int = 200 * 1024 * 1024
    max_video_s: float = 20 * 60
    max_frame_bytes: int = 4 * 1024 * 1024


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
class LazyChecker:
    """Loads the position checker (MediaPipe) on first use only, and lets one check run at a time."""

    factory: Callable[[], CheckService]
    _checker: Any = None
    _loading: threading.Lock = field(default_factory=threading.Lock)
    running: threading.Lock = field(default_factory=threading.Lock)

    def get(self) -> CheckService:
        with self._loading:
            if self._checker is None:
                self._checker = self.factory()
            checker: CheckService = self._checker
            return checker


@dataclass
class WebContext:
    services: Services
    protocol: Protocol
    checker: LazyChecker
    limits: UploadLimits
    watch: SessionWatch = field(default_factory=SessionWatch)
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
