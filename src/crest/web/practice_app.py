"""Practice mode's routes, guard and refusals, installed on the app by `create_app` (which builds the services:
it is the one web module that opens the journal)."""

from __future__ import annotations

import ipaddress
import logging
import secrets
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, FastAPI, Request, WebSocket
from fastapi.exception_handlers import websocket_request_validation_exception_handler
from fastapi.exceptions import RequestValidationError, WebSocketRequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from crest.accounts.model import Anonymous
from crest.accounts.passwords import HashCost
from crest.errors import CrestError
from crest.input_problems import field_label
from crest.services.accounts import (
    CodeNeeded,
    NotAllowed,
    NotFoundForYou,
    NotSignedIn,
    PasswordNotTaken,
    SecondFactorNeeded,
    TooManyAttempts,
)
from crest.services.audit import Audited
from crest.services.practice_answers import SECOND_FACTOR_NEEDED
from crest.web.api import account, auth, practice, sync
from crest.web.context import web_context
from crest.web.errors import printable
from crest.web.headers import add_security_headers
from crest.web.pages import practice_entry, practice_pages
from crest.web.pages.common import with_wait_said
from crest.web.practice_door import (
    Asked,
    ForClientsOnly,
    PracticeDoor,
    SignInNeeded,
    address_of,
    asker_of,
    home_for,
    logged_path,
)
from crest.web.practice_guard import PracticeGuard

REFUSALS: tuple[type[CrestError], ...] = (
    SignInNeeded,
    NotSignedIn,
    ForClientsOnly,
    NotAllowed,
    NotFoundForYou,
    SecondFactorNeeded,
)


_log = logging.getLogger(__name__)


class PracticeRecordsUnreachable(CrestError):
    """The practice's database failed: the visitor is told to come back, never where or what the database is."""

    http_status = 503

    def __init__(self) -> None:
        super().__init__("the practice's records cannot be reached just now; try again in a few minutes")


class ServerFailed(CrestError):
    """Something nothing expected failed while answering."""

    http_status = 500

    def __init__(self) -> None:
        super().__init__("something went wrong on the server; it has been logged. Try again in a moment")


@dataclass(frozen=True)
class PracticeOptions:
    """How `crest serve --practice` runs: where people reach it (https:// makes cookies Secure and `__Host-`)."""

    public_url: str | None = None
    password_cost: HashCost = field(default_factory=HashCost)
    served_at: tuple[str, int] | None = None  # `--host` and `--port`, when crest serve runs it
    audit_syslog: str | None = None  # `--audit-syslog`: where a copy of every audit entry goes
    # Seals what a form's answer hands on (PracticeDoor.hand_on): the same in every worker of one crest serve, or
    # the page after a form, served by another worker, refuses the seal (a new invitation's link never shown).
    hand_on_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def served_url(self) -> str | None:
        """The address `--host` and `--port` name, for invitation links; None for every address (0.0.0.0), which
        names no one place (then the link takes the checked address the request came in at)."""
        if self.served_at is None:
            return None
        host, port = self.served_at
        name = host.strip().strip("[]").lower()
        with suppress(ValueError):
            if ipaddress.ip_address(name).is_unspecified:
                return None
        return f"http://{f'[{name}]' if ':' in name else name}{'' if port == 80 else f':{port}'}"


def password_refusal(error: PasswordNotTaken) -> dict[str, Any]:
    """The API's answer to a refused password: its reason, and its field among the `errors`."""
    said = printable(error.message)
    return {"detail": said, "errors": [{"field": error.field, "label": field_label(error.field), "message": said}]}


def code_refusal(error: CodeNeeded) -> dict[str, Any]:
    """The API's answer asking for the authenticator app's code: its words, and its `code` for a program."""
    return {"detail": printable(error.message), "code": SECOND_FACTOR_NEEDED}


def _back_after_sign_in(request: Request, door: PracticeDoor) -> str | None:
    """Where the browser goes once signed in again: the page asked for; for a form sent after the session ended,
    the page the form was on (its own address takes only POST, and the browser's GET there would answer 405)."""
    if request.method in ("GET", "HEAD"):
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")
    with suppress(ValueError):
        page = urlsplit(request.headers.get("referer", ""))
        if f"{page.scheme}://{page.netloc}".lower() == door.own_origin(request) and page.path.startswith("/"):
            return page.path + (f"?{page.query}" if page.query else "")
    return None


def _api_document_for_accounts(app: FastAPI, door: PracticeDoor) -> None:
    """/openapi.json answers someone signed in only (`Accounts.check_api_document_reader`): FastAPI's own route,
    open to every visitor, is replaced. A page's refusal leads to the sign-in page and back; the local app keeps
    its document open on its own computer."""
    path = app.openapi_url
    assert path is not None
    app.router.routes[:] = [route for route in app.router.routes if getattr(route, "path", None) != path]

    @app.api_route(path, methods=["GET", "HEAD"], include_in_schema=False)
    def api_document(asker: Asked) -> JSONResponse:
        door.accounts.check_api_document_reader(asker.actor)
        return JSONResponse(app.openapi())


def _a_page_was_asked_for(request: Request, app: FastAPI) -> bool:
    """A page, whose refusal leads a browser to the sign-in page; the API and the API document answer a program
    (`crest sync`, curl) with JSON. The document is both: a browser that opens it prefers HTML."""
    if request.url.path == app.openapi_url:
        return _preference(request, "text/html") > _preference(request, "application/json")
    return not request.url.path.startswith("/api")


def _preference(request: Request, media_type: str) -> float:
    """How much the Accept header wants `media_type` by name (its q, 1 when none is given; 0 when it is not
    named: `*/*` names nothing, so it prefers neither)."""
    for media_range in request.headers.get("accept", "").lower().split(","):
        name, *parameters = (part.strip() for part in media_range.split(";"))
        if name == media_type:
            weights = [value for key, _, value in (p.partition("=") for p in parameters) if key.strip() == "q"]
            with suppress(ValueError):
                return float(weights[0]) if weights else 1.0
            return 0.0
    return 0.0


def _for_someone_signed_in(route: object, open_paths: frozenset[str]) -> bool:
    """Whether a route answers only someone signed in: it asks who is asking (`Asked`) or for a client's own context,
    and it is not one of the pages for people not signed in yet (signing in, invitations, password links)."""
    if getattr(route, "path", None) in open_paths:
        return False
    found = getattr(route, "dependant", None)
    waiting: list[Any] = [] if found is None else [found]
    while waiting:
        dependant = waiting.pop()
        if dependant.call in (asker_of, web_context):
            return True
        waiting.extend(dependant.dependencies)
    return False


def install_practice_mode(app: FastAPI, door: PracticeDoor, database_unavailable: type[CrestError]) -> None:
    """Practice mode's routes, guard and answers on `app`; `database_unavailable` is the journal adapter's error for a
    database that cannot be used (named by the composition root: a door does not reach into the journal)."""
    app.state.practice_door = door
    _api_document_for_accounts(app, door)
    api = APIRouter(prefix="/api")
    for module in (auth, practice, account, sync):
        api.include_router(module.router)
    app.include_router(api)
    for pages in (practice_entry, practice_pages):
        app.include_router(pages.router)
    app.add_middleware(PracticeGuard, door=door)
    general = cast(Callable[[Request, Exception], Awaitable[Response]], app.exception_handlers[CrestError])

    async def refused(request: Request, error: Exception) -> Response:
        """Every refusal is audited; a page asked for by nobody signed in leads to the sign-in page."""
        assert isinstance(error, CrestError)
        asker = getattr(request.state, "asker", None)
        if (
            isinstance(error, ForClientsOnly)
            and asker is not None
            and request.url.path == request.url_for("today").path
        ):
            # The server's front door: a practitioner or an admin lands on their own first page.
            return RedirectResponse(request.url_for(home_for(asker.actor)[0]).path, status_code=303)
        await _audit_request(request, door, Audited.DENIED, str(error.http_status))
        if isinstance(error, SecondFactorNeeded) and _a_page_was_asked_for(request, app):
            # A practitioner or an admin without a second factor: every page leads to setting one up.
            return RedirectResponse(request.url_for("account_two_factor").path, status_code=303)
        if error.http_status == 401 and _a_page_was_asked_for(request, app):
            target = _back_after_sign_in(request, door)
            after = "" if target is None else f"?next={quote(target, safe='/?=&')}"
            return RedirectResponse(f"{request.url_for('login_page').path}{after}", status_code=303)
        return await general(request, error)

    for kind in REFUSALS:
        app.add_exception_handler(kind, refused)

    async def too_many(request: Request, error: Exception) -> Response:
        """Wrong passwords backing off, wherever a password is asked (signing in, accepting an invite for an
        existing account, changing or deleting one's own), and `crest sync` asking too often: the answer says how
        long to wait."""
        assert isinstance(error, TooManyAttempts)
        return with_wait_said(await general(request, error), error)

    app.add_exception_handler(TooManyAttempts, too_many)

    async def password_not_taken(request: Request, error: Exception) -> Response:
        """The API names the refused password's field, as it names a field it cannot read: `crest link` asks for
        another password on that, whatever the words."""
        assert isinstance(error, PasswordNotTaken)
        if _a_page_was_asked_for(request, app):
            return await general(request, error)
        return JSONResponse(password_refusal(error), status_code=error.http_status)

    app.add_exception_handler(PasswordNotTaken, password_not_taken)

    async def code_needed(request: Request, error: Exception) -> Response:
        """The API says a missing code by its `code` too: `crest link` asks for --code on that, whatever the words."""
        assert isinstance(error, CodeNeeded)
        if _a_page_was_asked_for(request, app):
            return await general(request, error)
        return JSONResponse(code_refusal(error), status_code=error.http_status)

    app.add_exception_handler(CodeNeeded, code_needed)

    async def records_unreachable(request: Request, error: Exception) -> Response:
        """A database that cannot be used (ASVS 5.0 16.5.1): its address, user and the driver's words go to the
        server's log for whoever runs it; any visitor, signed in or not, hears only to come back later."""
        assert isinstance(error, database_unavailable)
        _log.warning("answered 503 to %s %s: %s", request.method, logged_path(request.url.path), error.message)
        return await general(request, PracticeRecordsUnreachable())

    app.add_exception_handler(database_unavailable, records_unreachable)
    framework = cast(Callable[[Request, Exception], Awaitable[Response]], app.exception_handlers[HTTPException])

    async def framework_error(request: Request, error: Exception) -> Response:
        """A path no route answers (404, 405) still shows the asker's own navigation and home. A body that cannot
        be read at all (400) is refused to nobody signed in as a 422 is (`sign_in_first`)."""
        assert isinstance(error, HTTPException)
        if error.status_code == 400:
            first = await sign_in_first(request)
            if first is not None:
                return first
        if not request.url.path.startswith("/api"):
            with suppress(CrestError):  # a journal that cannot be read: the plain page without them
                await run_in_threadpool(door.asker, request)
        return await framework(request, error)

    app.add_exception_handler(HTTPException, framework_error)
    validation = cast(
        Callable[[Request, Exception], Awaitable[Response]], app.exception_handlers[RequestValidationError]
    )
    open_paths = frozenset(str(getattr(route, "path", "")) for route in practice_entry.router.routes)

    async def sign_in_first(request: Request) -> Response | None:
        """Authorization before input: a route for someone signed in, asked by nobody signed in, answers as it
        would to a body it could read (401, a page: to the sign-in page). FastAPI reads and checks a body before a
        route's checks of who asks, and its 422 named the fields and types every route takes: a stranger's map of
        the API that `/openapi.json` keeps for accounts (ASVS 5.0 13.4.5). A route that counts its requests
        (`crest sync`'s, a token that is nobody's counted as a wrong password) counts this one first, as it counts one
        it can read: else a guessed device or sign-in token sent with a body that fails to read was a guess for free
        (ASVS 5.0 6.3.1), and a stolen token's a parse for free."""
        route = request.scope.get("route")
        if not _for_someone_signed_in(route, open_paths):
            return None
        try:
            asker = await run_in_threadpool(door.asker, request)
            for counting in _counting(route):
                await counting(request, asker, door)
        except CrestError as error:  # a linked crest's token asking beyond sync, a database down, 429: that answer
            return await _handled(app, request, error)
        if not isinstance(asker.actor, Anonymous):
            return None
        return await refused(request, SignInNeeded("please sign in first"))

    async def refused_input(request: Request, error: Exception) -> Response:
        """Input that did not validate is audited as a possible probe (ASVS 5.0 16.3.3): the fields, never what was
        sent in them (a password typed into the wrong field must not reach the log). Nobody signed in is refused
        first (`sign_in_first`)."""
        assert isinstance(error, RequestValidationError)
        first = await sign_in_first(request)
        if first is not None:
            return first
        fields = sorted({".".join(str(part) for part in problem.get("loc", ())) for problem in error.errors()})
        await _audit_request(request, door, Audited.REFUSED_INPUT, "422", ", ".join(fields))
        return await validation(request, error)

    app.add_exception_handler(RequestValidationError, refused_input)

    async def refused_stream_input(websocket: WebSocket, error: Exception) -> None:
        """A WebSocket's address that did not validate (the live check's `?breath=maybe`), audited as an HTTP
        request's input is: the fields, never what was sent in them; then closed as FastAPI closes it (1008)."""
        assert isinstance(error, WebSocketRequestValidationError)
        fields = sorted({".".join(str(part) for part in problem.get("loc", ())) for problem in error.errors()})
        with suppress(CrestError):  # a database that cannot be used: closed all the same
            asker = await run_in_threadpool(door.asker, websocket)
            await run_in_threadpool(
                door.audit.record,
                asker.actor,
                Audited.REFUSED_INPUT,
                "422",
                address=address_of(websocket),
                detail=f"WS {logged_path(websocket.url.path)}: {', '.join(fields)}",
            )
        await websocket_request_validation_exception_handler(websocket, error)

    app.add_exception_handler(WebSocketRequestValidationError, refused_stream_input)

    async def server_error(request: Request, error: Exception) -> Response:
        """A failure nothing expected (ASVS 5.0 16.3.4): audited with the error's kind only, then a calm 500; the
        server's own error log keeps the traceback."""
        with suppress(Exception):  # the database may be what failed: the answer must still go out
            await _audit_request(request, door, Audited.SERVER_ERROR, "500", type(error).__name__)
        answer = await general(request, ServerFailed())
        # Starlette sends this answer from outside every middleware: the headers they add are added here.
        add_security_headers(answer.headers, request.url.scheme == "https")
        answer.headers["cache-control"] = "no-store"
        return answer

    app.add_exception_handler(Exception, server_error)


def _counting(route: object) -> list[Callable[..., Awaitable[None]]]:
    """The route's dependencies that count its requests (`crest.web.api.sync.COUNTING`), to run where FastAPI
    refused the request before running them."""
    found = (getattr(one, "dependency", None) for one in getattr(route, "dependencies", ()))
    return [dependency for dependency in found if dependency in sync.COUNTING]


async def _handled(app: FastAPI, request: Request, error: CrestError) -> Response:
    """The answer the app's own handler for `error`'s kind gives (the nearest in its class's ancestry)."""
    for kind in type(error).__mro__:
        handler = app.exception_handlers.get(kind)
        if handler is not None:
            return await cast(Callable[[Request, Exception], Awaitable[Response]], handler)(request, error)
    raise error  # CrestError's own handler is always there (crest.web.errors)


async def _audit_request(request: Request, door: PracticeDoor, action: Audited, outcome: str, what: str = "") -> None:
    """An entry for this request: who asked (if anyone signed in), from where, and its method and path."""
    asker = getattr(request.state, "asker", None)
    detail = f"{request.method} {logged_path(request.url.path)}" + (f": {what}" if what else "")
    await run_in_threadpool(
        door.audit.record,
        None if asker is None else asker.actor,
        action,
        outcome,
        address=address_of(request),
        detail=detail,
    )
