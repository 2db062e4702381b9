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
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from crest.accounts.passwords import Passwords
from crest.clock import Clock, system_now, system_zone
from crest.config import crest_home
from crest.journal.practice_store import PracticeStore
from crest.journal.store import Journal
from crest.posture.service import CheckService
from crest.protocol.loader import load_protocol
from crest.services.accounts import Accounts
from crest.services.audit import AuditLog
from crest.services.bundle import Services
from crest.services.practice_mode import PracticeMode, zone_named
from crest.web.api import api_router
from crest.web.context import LazyChecker, SessionWatch, UploadLimits, WebContext
from crest.web.errors import install_error_handlers
from crest.web.pages import pages_router
from crest.web.practice_app import PracticeOptions, install_practice_mode
from crest.web.practice_door import PracticeDoor
from crest.web.schemas import ValidationProblemOut

STATIC_DIR = Path(__file__).parent / "static"
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def create_app(
    journal_url: str | None = None,
    *,
    clock: Clock = system_now,
    local_zone: tzinfo | None = None,
    checker_factory: Callable[[], CheckService] = CheckService,
    limits: UploadLimits | None = None,
    watch: SessionWatch | None = None,
    practice: PracticeOptions | None = None,
) -> FastAPI:
    """The web door's composition root: open the journal (applying migrations), build the services and the app.

    `journal_url` defaults to crest's own database. With `practice`, the app serves a practice (`crest serve
    --practice`): accounts sign in, and each client's requests run over their own person's journal.
    """
    journal = Journal.open(journal_url, clock=clock)
    zone = local_zone or system_zone()
    context = WebContext(
        services=Services.over(journal, clock, zone, link_home=None if practice else crest_home()),
        protocol=load_protocol(),
        checker=LazyChecker(checker_factory),
        limits=limits or UploadLimits(),
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
            journal.close()

    app = FastAPI(
        title="crest",
        summary="A calm coach for the constructive rest position: sessions, check-ins, position checks.",
        version=_version(),
        lifespan=lifespan,
    )
    app.state.context = context
    install_error_handlers(app)
    app.add_middleware(RefuseOversizedUploads, max_upload_bytes=context.limits.max_upload_bytes)
    app.include_router(api_router())
    app.include_router(pages_router())
    if door is not None:
        install_practice_mode(app, door)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.openapi = lambda: _openapi_with_our_422(app)  # type: ignore[method-assign]
    return app


def practice_app_from_environment() -> FastAPI:
    """`crest serve --practice`'s app, built by each worker: the database from CREST_DATABASE_URL, the public
    address from CREST_PUBLIC_URL."""
    return create_app(practice=PracticeOptions(public_url=os.environ.get("CREST_PUBLIC_URL") or None))


def _openapi_with_our_422(app: FastAPI) -> dict[str, Any]:
    """Document the 422 body the error handler really sends, instead of FastAPI's default."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        problem = ValidationProblemOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(problem.pop("$defs", {}))
        components["HTTPValidationError"] = problem
        components.pop("ValidationError", None)
        app.openapi_schema = schema
    return app.openapi_schema


class RefuseOversizedUploads:
    """Answer 413 from the declared size, before a huge body is read and spooled (plain ASGI: no cost per request)."""

    def __init__(self, app: ASGIApp, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = Headers(scope=scope).get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_upload_bytes + MULTIPART_OVERHEAD_BYTES:
                megabytes = self.max_upload_bytes // (1024 * 1024)
                message = f"the upload is larger than {megabytes} MB; send a smaller photo or a shorter video"
                await JSONResponse({"detail": message}, status_code=413)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _practice_door(journal: Journal, clock: Clock, zone: tzinfo, options: PracticeOptions) -> PracticeDoor:
    """Practice mode's services over the one database every worker shares."""
    store = PracticeStore(journal)
    audit = AuditLog(store, clock)

    def services_for(person_id: int) -> Services:
        own = journal.for_person(person_id)
        return Services.over(own, clock, zone_named(own.get_settings().get("reminder_zone"), zone))

    return PracticeDoor(
        accounts=Accounts(store, Passwords(options.password_cost), clock, audit),
        practice=PracticeMode(store, services_for, clock, zone, audit),
        audit=audit,
        services_for=services_for,
        public_url=options.public_url,
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
        with contextlib.suppress(Exception):  # a locked database now is no reason to stop sweeping later
            await asyncio.to_thread(recover)
        await asyncio.sleep(every_s)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crest")
    except PackageNotFoundError:
        return "0.0.0"
