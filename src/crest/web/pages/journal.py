"""The journal: sessions and check-ins, newest first, each editable and deletable."""

from fastapi import Request
from fastapi.responses import Response

from crest.web.pages.common import Context, page_router
from crest.web.presenters import journal_rows
from crest.web.templating import render

router = page_router()


@router.get("/journal", name="journal_page")
def journal_page(request: Request, context: Context) -> Response:
    entries = journal_rows(context.services.reports.history(), context.protocol, context.local_zone, context.now())
    logged = request.query_params.get("logged") == "1"
    return render(request, "journal.html", active="journal_page", entries=entries, logged=logged)
