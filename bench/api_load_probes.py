"""Probes the load bench installs in its server process, to show where a slow request spends its time.

Measured per request: the time inside the server (first byte in to last byte out), the wait for a thread-pool
worker, the handler's own run in its thread, the journal transactions it ran and their commits (SQLite's fsync),
and, separately, how late the event loop wakes up (a blocked loop delays every request). Written as JSON at exit.
"""

import asyncio
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import Any

import anyio.to_thread
from sqlalchemy import event
from sqlalchemy.orm import Session

from crest.journal.store import Journal

_request: ContextVar[dict[str, float] | None] = ContextVar("bench_request", default=None)
_thread_request = threading.local()
LOOP_TICK_S = 0.005


def install_probes(app: Any, out_path: str) -> None:
    requests: list[dict[str, float]] = []
    loop_lag_ms: list[float] = []

    original_run_sync = anyio.to_thread.run_sync

    async def timed_run_sync(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        record = _request.get()
        submitted = time.perf_counter()

        def in_thread(*inner: Any) -> Any:
            started = time.perf_counter()
            _thread_request.record = record
            try:
                return func(*inner)
            finally:
                _thread_request.record = None
                if record is not None:
                    record["pool_wait_ms"] += (started - submitted) * 1000
                    record["handler_ms"] += (time.perf_counter() - started) * 1000

        return await original_run_sync(in_thread, *args, **kwargs)

    anyio.to_thread.run_sync = timed_run_sync  # type: ignore[assignment]

    original_transaction = Journal._transaction

    @contextmanager
    def timed_transaction(self: Journal) -> Iterator[Session]:
        started = time.perf_counter()
        try:
            with original_transaction(self) as db:
                yield db
        finally:
            record = getattr(_thread_request, "record", None)
            if record is not None:
                record["transaction_ms"] += (time.perf_counter() - started) * 1000

    Journal._transaction = timed_transaction  # type: ignore[method-assign]

    journal = app.state.context.services.practice._journal  # the app's one journal (a bench may look inside)
    writer_lock = journal._one_writer

    class TimedLock:
        """The journal's writer lock, timing how long each writer queues for it."""

        def __enter__(self) -> None:
            started = time.perf_counter()
            writer_lock.__enter__()
            record = getattr(_thread_request, "record", None)
            if record is not None:
                record["writer_queue_ms"] += (time.perf_counter() - started) * 1000

        def __exit__(self, *details: Any) -> None:
            writer_lock.__exit__(*details)

    journal._one_writer = TimedLock()
    commit_started: dict[int, float] = {}

    @event.listens_for(Session, "before_commit")
    def _before_commit(db: Session) -> None:
        commit_started[id(db)] = time.perf_counter()

    @event.listens_for(Session, "after_commit")
    def _after_commit(db: Session) -> None:
        record = getattr(_thread_request, "record", None)
        started = commit_started.pop(id(db), None)
        if record is not None and started is not None:
            record["commit_ms"] += (time.perf_counter() - started) * 1000

    inner_app = app.build_middleware_stack

    def build_with_timing() -> Any:
        stack = inner_app()

        async def timed(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await stack(scope, receive, send)
                return
            record: dict[str, float] = defaultdict(float)
            token = _request.set(record)
            started = time.perf_counter()
            try:
                await stack(scope, receive, send)
            finally:
                record["server_ms"] = (time.perf_counter() - started) * 1000
                _request.reset(token)
                requests.append(dict(record))

        return timed

    app.build_middleware_stack = build_with_timing

    async def watch_the_loop() -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(LOOP_TICK_S)
            loop_lag_ms.append(max(0.0, (time.perf_counter() - before - LOOP_TICK_S) * 1000))

    original_startup = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan_with_watch(application: Any) -> Any:
        watcher = asyncio.create_task(watch_the_loop())
        async with original_startup(application) as state:
            yield state
        watcher.cancel()
        # Written at shutdown: uvicorn re-raises SIGTERM after it, so an atexit hook would never run.
        with open(out_path, "w", encoding="utf-8") as handle:
            json.dump({"requests": requests, "loop_lag_ms": loop_lag_ms}, handle)

    app.router.lifespan_context = lifespan_with_watch
