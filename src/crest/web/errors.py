"""Turn every kind of bad input into a calm 4xx answer: JSON under /api, a page elsewhere. Never a 500.

`DatabaseUnavailable` (a locked or unreachable journal) answers 503: the request was fine, try again later.
"""

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from crest.errors import CrestError, FieldError
from crest.input_problems import input_problems
from crest.web.templating import render


class NotFound(CrestError):
    """A record that does not exist (any more)."""

    http_status = 404


class UploadTooLarge(CrestError):
    """An upload above the size limit."""

    http_status = 413


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


async def _page(request: Request, status: int, title: str, message: str, problems: Sequence[str] = ()) -> Response:
    return await run_in_threadpool(
        render, request, "error.html", status, title=title, message=message, problems=problems
    )


async def _crest_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, CrestError)
    if _is_api(request):
        body: dict[str, Any] = {"detail": error.message}
        if isinstance(error, FieldError):
            body["errors"] = [{"field": error.field, "message": error.reason}]
        return JSONResponse(body, status_code=error.http_status)
    return await _page(request, error.http_status, "That did not work", error.message)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = input_problems(error.errors())
    if _is_api(request):
        detail = "; ".join(f"{problem.field}: {problem.message}" for problem in problems)
        errors = [{"field": problem.field, "message": problem.message} for problem in problems]
        return JSONResponse({"detail": detail, "errors": errors}, status_code=422)
    sentences = [problem.sentence for problem in problems]
    message = "A few things need changing:" if len(sentences) > 1 else sentences[0]
    return await _page(request, 422, "Please check what you entered", message, sentences if len(sentences) > 1 else ())


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if _is_api(request) or error.status_code < 400:
        return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)
    title = "Page not found" if error.status_code == 404 else "That did not work"
    return await _page(request, error.status_code, title, str(error.detail))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CrestError, _crest_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
