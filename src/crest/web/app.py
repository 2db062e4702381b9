"""The ASGI app: pages, the JSON API, static assets and error handling, over one journal."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from crest.web.context import Clock, LazyChecker, UploadLimits, WebContext

STATIC_DIR = Path(__file__).parent / "static"
SWEEP_EVERY_S = 60.0
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _default_checker() -> Any:
    from crest.posture.service import CheckService

    return CheckService()


def create_app(
    journal_url: str | None = None,
    *,
    clock: Clock = _utc_now,
    local_zone: tzinfo | None = None,
    checker_factory: Callable[[], Any] = _default_checker,
    limits: UploadLimits | None = None,
) -> FastAPI:
    """Open the journal (applying migrations) and build the app. `journal_url` defaults to crest's own database."""
    from crest.journal.store import Journal
    from crest.protocol.loader import load_protocol
    from crest.web.api import api_router
    from crest.web.errors import install_error_handlers
    from crest.web.pages import router as pages_router

    journal = Journal.open(journal_url, clock=clock)
    context = WebContext(
        journal=journal,
        protocol=load_protocol(),
        clock=clock,
        local_zone=local_zone or datetime.now().astimezone().tzinfo or UTC,
        checker=LazyChecker(checker_factory),
        limits=limits or UploadLimits(),
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep_abandoned_sessions(context))
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
    app.middleware("http")(_refuse_oversized_uploads)
    app.include_router(api_router())
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.openapi = lambda: _openapi_with_our_422(app)  # type: ignore[method-assign]
    return app


def _openapi_with_our_422(app: FastAPI) -> dict[str, Any]:
    """Document the 422 body the error handler really sends, instead of FastAPI's default."""
    from fastapi.openapi.utils import get_openapi

    from crest.web.schemas import ValidationProblemOut

    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        problem = ValidationProblemOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(problem.pop("$defs", {}))
        components["HTTPValidationError"] = problem
        components.pop("ValidationError", None)
        app.openapi_schema = schema
    return app.openapi_schema


async def _refuse_oversized_uploads(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Answer 413 from the declared size, before a huge body is read and spooled."""
    limit = request.app.state.context.limits.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD_BYTES:
        message = f"the upload is larger than {limit // (1024 * 1024)} MB; send a smaller photo or a shorter video"
        return JSONResponse({"detail": message}, status_code=413)
    return await call_next(request)


async def _sweep_abandoned_sessions(context: WebContext) -> None:
    """At start and then now and then, mark sessions whose process died or went silent as interrupted.

    A closed tab usually says so itself (the page sends `interrupted` as it goes); this catches the rest.
    """
    from crest.journal.recovery import recover_abandoned_sessions

    while True:
        with contextlib.suppress(Exception):  # a locked database now is no reason to stop sweeping later
            await asyncio.to_thread(recover_abandoned_sessions, context.journal, context.now())
        await asyncio.sleep(SWEEP_EVERY_S)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crest")
    except PackageNotFoundError:
        return "0.0.0"
