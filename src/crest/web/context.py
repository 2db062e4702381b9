"""What every route needs, built once per app: the journal, the protocol, the clock and the position checker."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from fastapi import Request

if TYPE_CHECKING:
    from crest.journal.store import Journal
    from crest.protocol.model import Protocol

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class UploadLimits:
    max_upload_bytes: int = 200 * 1024 * 1024
    max_video_s: float = 20 * 60
    max_frame_bytes: int = 4 * 1024 * 1024


@dataclass
class LazyChecker:
    """Loads the position checker (MediaPipe) on first use only, and lets one check run at a time."""

    factory: Callable[[], Any]
    _checker: Any = None
    _loading: threading.Lock = field(default_factory=threading.Lock)
    running: threading.Lock = field(default_factory=threading.Lock)

    def get(self) -> Any:
        with self._loading:
            if self._checker is None:
                self._checker = self.factory()
            return self._checker


@dataclass
class WebContext:
    journal: Journal
    protocol: Protocol
    clock: Clock
    local_zone: tzinfo
    checker: LazyChecker
    limits: UploadLimits

    def now(self) -> datetime:
        return self.clock()


def web_context(request: Request) -> WebContext:
    context: WebContext = request.app.state.context
    return context
