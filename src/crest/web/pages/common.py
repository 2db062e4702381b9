"""What every page module shares: its router's defaults, the context dependency, the submitted form and the id in a
page's address."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BeforeValidator

from crest.errors import CrestError
from crest.journal.records import MAX_RECORD_ID
from crest.services.accounts import TooManyAttempts
from crest.web.context import WebContext, web_context

Context = Annotated[WebContext, Depends(web_context)]


def page_router() -> APIRouter:
    return APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


async def _submitted_form(request: Request) -> dict[str, str]:
    # async, but only reads the body: the handler that uses the form runs in the thread pool
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


SubmittedForm = Annotated[dict[str, str], Depends(_submitted_form)]


def with_wait_said(response: Response, refused: CrestError) -> Response:
    """A refusal for too many wrong tries (429) says how long to wait, on every page as in the API: Retry-After."""
    if isinstance(refused, TooManyAttempts):
        response.headers["Retry-After"] = str(refused.retry_after_s)
    return response


NO_RECORD_ID = 0  # ids start at 1: no record has it


def _record_id(text: object) -> object:
    """The id a page's address names; for what can name no record (a word, 0, a number beyond any id) an id that no
    record has. An address is no form: /practice/clients/abc is a client that does not exist, answered as
    /practice/clients/999 is (404, or the refusal the asker gets before anything is looked up), never with a
    form's "Please check what you entered". The API keeps its 422 for such ids (crest.web.schemas.RecordId)."""
    if isinstance(text, str) and text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_RECORD_ID:
        return int(text)
    return NO_RECORD_ID


PageRecordId = Annotated[int, BeforeValidator(_record_id), Path()]
