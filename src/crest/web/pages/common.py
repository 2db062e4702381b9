"""What every page module shares: its router's defaults, the context dependency and the submitted form."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from crest.web.context import WebContext, web_context

Context = Annotated[WebContext, Depends(web_context)]


def page_router() -> APIRouter:
    return APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


async def _submitted_form(request: Request) -> dict[str, str]:
    # async, but only reads the body: the handler that uses the form runs in the thread pool
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


SubmittedForm = Annotated[dict[str, str], Depends(_submitted_form)]
