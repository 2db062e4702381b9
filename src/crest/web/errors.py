"""Turn every kind of bad input into a calm 4xx answer: JSON under /api, a page elsewhere. Never a 500.

`DatabaseUnavailable` (a locked or unreachable journal) answers 503: the request was fine, try again later.
"""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import Match

from crest.errors import CrestError, one_line
from crest.web.templating import render


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


def _field(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "form")]
    return printable(".".join(parts)) or "body"


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


async def _page(request: Request, status: int, title: str, message: str) -> Response:
    return await run_in_threadpool(render, request, "error.html", status, title=title, message=printable(message))


async def _crest_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CrestError)
    if _is_api(request):
        return JSONResponse({"detail": printable(error.message)}, status_code=error.http_status)
    return await _page(request, error.http_status, "That did not work", error.message)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = [{"field": _field(tuple(item["loc"])), "message": printable(item["msg"])} for item in error.errors()]
    detail = "; ".join(f"{problem['field']}: {problem['message']}" for problem in problems)
    if _is_api(request):
        return JSONResponse({"detail": detail, "errors": problems}, status_code=422)
    return await _page(request, 422, "Please check what you entered", detail)


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
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=headers)
    title = "Page not found" if error.status_code == 404 else "That did not work"
    page = await _page(request, error.status_code, title, str(error.detail))
    page.headers.update(headers or {})
    return page


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CrestError, _crest_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
