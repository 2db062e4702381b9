"""Turn every kind of bad input into a calm 4xx answer: JSON under /api, a page elsewhere. Never a 500.

`DatabaseUnavailable` (a locked or unreachable journal) answers 503: the request was fine, try again later.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import Scope

from crest.errors import CrestError, FieldError, one_line
from crest.input_problems import FieldBounds, InputProblem, field_label, input_problems
from crest.services.safety import SafetyConcernStands
from crest.web.context import WebContext
from crest.web.form_words import form_problems, refusal
from crest.web.templating import HOME, NAV_ITEMS, as_sentence, render, render_unread


class NotFound(CrestError):
    """A record that does not exist (any more)."""

    http_status = 404


class UploadTooLarge(CrestError):
    """An upload above the size limit."""

    http_status = 413


def printable(text: str) -> str:
    """`text` as it can be sent, on one line: a broken character it repeats from the input (a lone surrogate, which
    no UTF-8 answer can carry) or a control character is written as its escape, `\\ud800`, as the terminal shows it."""
    return one_line(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def _is_api(request: Request) -> bool:
    """Answered in JSON: the API, and the document that maps it (which a program reads)."""
    return request.url.path.startswith("/api") or request.url.path == request.app.openapi_url


DID_NOT_WORK = "That did not work"
# A JSON body FastAPI could not decode as UTF-8 (its own words: "There was an error parsing the body")
NOT_UTF8_BODY = "body: what was sent is not UTF-8 text; send the JSON encoded as UTF-8"
# A page's address that only takes a form (a refused restore stays at /settings/restore), opened as a page
FORM_ADDRESS = "This address is where a form is sent, not a page to open."
# Where a practice's refusal made before any route runs leads: nobody's session is read there, and the front door
# takes each person to their own first page (a client's today, a practitioner's clients, the sign-in page).
FRONT_DOOR = ("today", "Back to crest")


async def _page(request: Request, status: int, title: str, message: str, problems: Sequence[str] = ()) -> Response:
    return await run_in_threadpool(
        render,
        request,
        "error.html",
        status,
        title=title,
        message=printable(message),
        problems=[printable(problem) for problem in problems],
    )


async def _crest_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CrestError)
    if _is_api(request):
        body: dict[str, Any] = {"detail": printable(error.message)}
        if isinstance(error, SafetyConcernStands):  # a page that speaks the advice says these words
            body["spoken"] = printable(error.spoken)
        if isinstance(error, FieldError):
            label = printable(field_label(error.field))
            body["errors"] = [{"field": error.field, "label": label, "message": printable(error.reason)}]
        return JSONResponse(body, status_code=error.http_status)
    return await _page(request, error.http_status, DID_NOT_WORK, as_sentence(refusal(error)))


def _printable(problem: InputProblem) -> InputProblem:
    """The problem as it can be sent: what it repeats of the input may not be."""
    return replace(
        problem,
        field=printable(problem.field),
        label=printable(problem.label),
        message=printable(problem.message),
    )


# JSON schema's words for a number's bounds, as pydantic's errors name them.
_SCHEMA_BOUNDS = {"minimum": "ge", "exclusiveMinimum": "gt", "maximum": "le", "exclusiveMaximum": "lt"}


def _body_bounds(request: Request) -> FieldBounds:
    """The bounds of a field of the request's body, read from the route's own schema: a number too large to read
    is then said as the out-of-range number it is ("enter 21 or less")."""
    body = getattr(request.scope.get("route"), "body_field", None)
    schema: dict[str, Any] = TypeAdapter(body.field_info.annotation).json_schema() if body is not None else {}

    def resolved(node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
        # a model is a $ref to its definition; an optional field is anyOf the type and null
        if "$ref" in node:
            return resolved(schema.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1], {}))
        return [one for option in node.get("anyOf", []) for one in resolved(option)] or [node]

    def bounds(location: Sequence[Any]) -> Mapping[str, float]:
        if not schema or location[:1] != ("body",):
            return {}
        nodes = resolved(schema)
        for part in location[1:]:
            key = "items" if isinstance(part, int) else "properties"
            nodes = [one for node in nodes for one in resolved(_inside(node, key, part))]
        return {_SCHEMA_BOUNDS[word]: limit for node in nodes for word, limit in node.items() if word in _SCHEMA_BOUNDS}

    return bounds


def _inside(node: Mapping[str, Any], key: str, part: Any) -> Mapping[str, Any]:
    inner: Mapping[str, Any] = node.get(key, {})
    return inner if key == "items" else inner.get(part, {})


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    if _is_api(request):
        problems = [_printable(problem) for problem in input_problems(error.errors(), _body_bounds(request))]
        detail = "; ".join(f"{problem.field}: {problem.message}" for problem in problems)
        errors = [{"field": p.field, "label": p.label, "message": p.message} for p in problems]
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)
    context: WebContext = request.app.state.context
    problems = [_printable(problem) for problem in form_problems(error.errors(), context.protocol)]
    sentences = [problem.sentence for problem in problems]
    message = "A few things need changing:" if len(sentences) > 1 else sentences[0]
    return await _page(request, 422, "Please check what you entered", message, sentences if len(sentences) > 1 else ())


HTTP_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> str:
    """Every method the path takes: Starlette's own `Allow` names only those of the first route matching it."""
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in HTTP_METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    )


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    headers = error.headers
    if error.status_code == 405:
        given = (headers or {}).get("Allow", "")  # static files say theirs right
        headers = {**(headers or {}), "Allow": _allowed_methods(request) or given}
    if _is_api(request) or error.status_code < 400:
        detail = printable(error.detail) if isinstance(error.detail, str) else error.detail
        if error.status_code == 400 and isinstance(error.__cause__, UnicodeDecodeError):
            detail = NOT_UTF8_BODY
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=headers)
    if error.status_code == 404:  # the title says it all; the framework's "Not Found" would say it twice
        page = await _page(request, 404, "Page not found", "")
    elif error.status_code == 405:  # not the framework's "Method Not Allowed"
        page = await _page(request, 405, DID_NOT_WORK, FORM_ADDRESS)
    else:
        page = await _page(request, error.status_code, DID_NOT_WORK, str(error.detail))
    page.headers.update(headers or {})
    return page


def refused_before_routes(scope: Scope, status: int, message: str) -> Response:
    """The answer to a request the guards refuse before any route runs (crest.web.guard, crest.web.practice_guard):
    the JSON error under /api, else the error page every refusal shows. It reads neither the session nor the
    journal (practice mode's guard reads, without touching, who is signed in, for the page's navigation): a
    refusal that anyone can provoke from another site costs nothing, and stands whatever they hold."""
    request = Request(scope)
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    context: WebContext = request.app.state.context
    practice = context.for_request is not None  # the signed-in role's navigation, where the guard read it (a page)
    return render_unread(
        request,
        "error.html",
        status,
        getattr(request.state, "nav_items", ()) if practice else NAV_ITEMS,
        home=getattr(request.state, "home", FRONT_DOOR) if practice else HOME,
        title=DID_NOT_WORK,
        message=printable(as_sentence(message)),
        problems=[],
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CrestError, _crest_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
