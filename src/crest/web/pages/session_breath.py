"""The breath of one saved session as a piece of page: the session page shows it once the rest is over (a session
without a reading says so)."""

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from crest.journal.records import MAX_RECORD_ID
from crest.web.breath_view import breath_view
from crest.web.pages.common import Context, page_router
from crest.web.templating import render

router = page_router()


@router.get("/session/breath", name="session_breath_part")
def session_breath_part(
    request: Request, context: Context, session_id: Annotated[int, Query(ge=1, le=MAX_RECORD_ID)]
) -> Response:
    session = context.services.practice.get(session_id)
    breath = None if session.breath is None else breath_view(session.breath)
    return render(request, "_breath.html", breath=breath)
