"""The ASGI app: pages, the JSON API, static assets and error handling, over one journal."""

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import tzinfo
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crest import installed_version
from crest.accounts.passwords import Passwords
from crest.audit_forwarding import AUDIT_SYSLOG_VARIABLE, SyslogForwarder
from crest.clock import Clock, system_now, system_zone
from crest.config import crest_home
from crest.journal.engine import DatabaseUnavailable
from crest.journal.practice_store import PracticeStore, client_zone_name
from crest.journal.store import Journal
from crest.posture.service import CheckService
from crest.protocol.loader import load_protocol
from crest.services.accounts import Accounts
from crest.services.audit import AuditLog
from crest.services.bundle import Services
from crest.services.practice_mode import PracticeMode, zone_named
from crest.web.api import api_router
from crest.web.context import SessionWatch, UploadLimits, WebContext, size_shown
from crest.web.errors import install_error_handlers
from crest.web.guard import SAFE_METHODS, RequestGuard, ServedAs
from crest.web.head import HeadAsGet
from crest.web.headers import SecurityHeaders
from crest.web.live import LiveStreamLimit
from crest.web.pages import pages_router
from crest.web.pose_pool import PosePool
from crest.web.practice_app import PracticeOptions, install_practice_mode
from crest.web.practice_door import PracticeDoor
from crest.web.schemas import ErrorOut, ValidationProblemOut

STATIC_DIR = Path(__file__).parent / "static"
# How `crest serve --practice` tells the app each of its workers builds where it is served.
PUBLIC_URL_VARIABLE = "CREST_PUBLIC_URL"
SERVE_HOST_VARIABLE = "CREST_SERVE_HOST"
SERVE_PORT_VARIABLE = "CREST_SERVE_PORT"
HAND_ON_KEY_VARIABLE = "CREST_HAND_ON_KEY"  # one key for every worker (PracticeOptions.hand_on_key), made per start
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def create_app(
    journal_url: str | None = None,
    *,
    clock: Clock = system_now,
    local_zone: tzinfo | None = None,
    checker_factory: Callable[[], CheckService] = CheckService,
    limits: UploadLimits | None = None,
    served_as: ServedAs | None = None,
    watch: SessionWatch | None = None,
    practice: PracticeOptions | None = None,
) -> FastAPI:
    """The web door's composition root: open the journal (applying migrations), build the services and the app.

    `journal_url` defaults to crest's own database. With `practice`, the app serves a practice (`crest serve
    --practice`): accounts sign in, and each client's requests run over their own person's journal. `served_as`
    is where requests may come in (default: this computer's loopback names on any port, and for a practice its
    public address too), and which pages may change data (see crest.web.guard).
    """
    journal = Journal.open(journal_url, clock=clock)
    zone = local_zone or system_zone()
    limits = limits or (UploadLimits() if practice is None else UploadLimits.practice())
    context = WebContext(
        services=Services.over(journal, clock, zone, link_home=None if practice else crest_home()),
        protocol=load_protocol(),
        poses=PosePool(checker_factory, limits.pose_models),
        live_streams=LiveStreamLimit(limits.max_live_streams),
        limits=limits,
        watch=watch or SessionWatch(),
    )
    door = None if practice is None else _practice_door(journal, clock, zone, practice)
    if door is not None:
        base = context
        context = replace(context, for_request=lambda connection: door.client_context(base, connection))
        recover = _recover_everyones_sessions(door, PracticeStore(journal), context.watch)
    else:
        recover = _recover_sessions(context.services, context.watch)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep_abandoned_sessions(recover, context.watch.sweep_every_s))
        try:
            yield
        finally:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
            context.poses.close()
            journal.close()

    app = FastAPI(
        title="crest",
        summary="A calm coach for the constructive rest position: sessions, check-ins, position checks.",
        version=installed_version(),
        lifespan=lifespan,
        # FastAPI's docs pages load their scripts from a CDN, and crest never downloads at run time;
        # /openapi.json stays.
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = context
    install_error_handlers(app)
    app.add_middleware(HeadAsGet)  # innermost: every guard reads the HEAD it was sent
    app.add_middleware(RefuseOversizedUploads, limits=context.limits)
    if served_as is None:
        served_as = ServedAs() if practice is None else ServedAs.practice(practice.public_url, practice.served_at)
    # Runs before the routes; practice mode's own guard, added after it, runs first and logs what it refuses.
    app.add_middleware(RequestGuard, served_as=served_as)
    app.include_router(api_router())
    app.include_router(pages_router())
    if door is not None:
        install_practice_mode(app, door, DatabaseUnavailable)
    # Added last, so outermost: the guards' refusals carry the headers too.
    app.add_middleware(SecurityHeaders, strict_transport=practice is not None)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.openapi = lambda: _openapi_with_our_errors(app)  # type: ignore[method-assign]
    return app


def practice_app_from_environment() -> FastAPI:
    """`crest serve --practice`'s app, built by each worker: the database from CREST_DATABASE_URL, the public
    address from CREST_PUBLIC_URL, what it listens on from CREST_SERVE_HOST and CREST_SERVE_PORT, where audit
    entries are copied from CREST_AUDIT_SYSLOG."""
    host, port = os.environ.get(SERVE_HOST_VARIABLE), os.environ.get(SERVE_PORT_VARIABLE, "")
    options = PracticeOptions(
        public_url=os.environ.get(PUBLIC_URL_VARIABLE) or None,
        served_at=(host, int(port)) if host and port.isdigit() else None,
        audit_syslog=os.environ.get(AUDIT_SYSLOG_VARIABLE) or None,
    )
    shared_key = os.environ.get(HAND_ON_KEY_VARIABLE)
    return create_app(practice=replace(options, hand_on_key=shared_key.encode()) if shared_key else options)


def _openapi_with_our_errors(app: FastAPI) -> dict[str, Any]:
    """Document the error answers the app really sends: its own 422 body instead of FastAPI's default; 400 for a
    body that cannot be parsed and 413 for one above its size limit; 403 for a change from another site."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        problem = ValidationProblemOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(problem.pop("$defs", {}))
        components["HTTPValidationError"] = problem
        components.pop("ValidationError", None)
        components["ErrorOut"] = ErrorOut.model_json_schema()
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                answers = operation.setdefault("responses", {})
                if "requestBody" in operation:
                    answers.setdefault("400", {**error, "description": "a body that cannot be read"})
                    answers.setdefault("413", {**error, "description": "a body above its size limit"})
                if method.upper() not in SAFE_METHODS:
                    answers.setdefault("403", {**error, "description": "a change that did not come from crest's pages"})
        app.openapi_schema = schema
    return app.openapi_schema


class RefuseOversizedUploads:
    """Answer 413 for a body above the limit: at the first read from its declared size, else (a chunked body, or one
    longer than declared) as soon as the bytes read pass it, so no body is ever held whole beyond the limit. Uploads to
    the position check may be large, and so may a backup to restore; every other body is small. Plain ASGI: no
    cost per request."""

    def __init__(self, app: ASGIApp, limits: UploadLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, message = self._limit(scope.get("path", ""))
        declared = Headers(scope=scope).get("content-length", "")
        read = 0

        async def receive_within_limit() -> Message:
            nonlocal read
            if declared.isdigit() and int(declared) > limit:
                # Refused before a byte is read, through the error handlers too: a page's form gets a page
                raise HTTPException(status_code=413, detail=message)
            received = await receive()
            if received["type"] == "http.request":
                read += len(received.get("body", b""))
                if read > limit:
                    # an HTTPException passes through FastAPI's body parsing to the error handlers (JSON or page)
                    raise HTTPException(status_code=413, detail=message)
            return received

        await self.app(scope, receive_within_limit, send)

    def _limit(self, path: str) -> tuple[int, str]:
        if path == "/api/check":
            message = f"the upload is larger than {size_shown(self.limits.max_upload_bytes)}; send a shorter video"
            return self.limits.max_upload_bytes + MULTIPART_OVERHEAD_BYTES, message
        if path == "/check":  # Check a photo's form without the script: a photo only (a video needs the script)
            message = f"the photo is larger than {size_shown(self.limits.max_photo_bytes)}, the most crest checks"
            return self.limits.max_photo_bytes + MULTIPART_OVERHEAD_BYTES, message
        if path == "/settings/restore":
            message = f"the file is larger than {size_shown(self.limits.max_restore_bytes)}, more than any crest export"
            return self.limits.max_restore_bytes + MULTIPART_OVERHEAD_BYTES, message
        kilobytes = self.limits.max_body_bytes // 1024
        return self.limits.max_body_bytes, f"the request is larger than {kilobytes} KB, more than crest ever sends"


def _practice_door(journal: Journal, clock: Clock, zone: tzinfo, options: PracticeOptions) -> PracticeDoor:
    """Practice mode's services over the one database every worker shares."""
    store = PracticeStore(journal)
    forward = None if options.audit_syslog is None else SyslogForwarder(options.audit_syslog)
    audit = AuditLog(store, clock, forward)

    def services_for(person_id: int) -> Services:
        own = journal.for_person(person_id)
        return Services.over(own, clock, zone_named(client_zone_name(own.get_settings()), zone))

    return PracticeDoor(
        accounts=Accounts(store, Passwords(options.password_cost), clock, audit),
        practice=PracticeMode(store, services_for, clock, zone, audit),
        audit=audit,
        services_for=services_for,
        hand_on_key=options.hand_on_key,
        public_url=options.public_url,
        served_url=options.served_url(),
    )


def _recover_sessions(services: Services, watch: SessionWatch) -> Callable[[], object]:
    def recover() -> None:
        services.practice.recover_abandoned()
        services.practice.recover_closed_pages(watch.page_silent_after_s)

    return recover


def _recover_everyones_sessions(door: PracticeDoor, store: PracticeStore, watch: SessionWatch) -> Callable[[], object]:
    """Practice mode: the same, for every person with a running session."""

    def recover() -> None:
        for person_id in store.people_with_running_sessions():
            _recover_sessions(door.services_for(person_id), watch)()

    return recover


async def _sweep_abandoned_sessions(recover: Callable[[], object], every_s: float) -> None:
    """At start and then now and then, mark sessions whose process died or went silent as interrupted.

    A page's session outlives a reload (the page resumes it); a closed tab shows as a page gone silent.
    """
    while True:
        sweep = asyncio.ensure_future(asyncio.to_thread(recover))
        try:
            await asyncio.shield(sweep)
        except asyncio.CancelledError:
            # Cancelled as the app stops: a sweep under way ends first. The journal is closed next, and a thread
            # still reading it then keeps a connection past the close, leaving the last writes in the WAL file.
            with contextlib.suppress(Exception):
                await sweep
            raise
        except Exception:  # a locked database now is no reason to stop sweeping later
            pass
        await asyncio.sleep(every_s)
