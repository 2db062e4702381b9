"""The journal: sessions and check-ins, newest first, a page at a time, each editable and deletable (on a practice's
server, but for those the person's own crest synced there)."""

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response

from crest.web.pages.common import Context, page_router
from crest.web.presenters import journal_rows
from crest.web.templating import render

router = page_router()
MAX_PAGE = 100_000  # far beyond a lifetime of daily entries; keeps the query's reach a small number
# The older Journal page an edit was opened on (`?page=`), which its Save and Cancel return to, the entry in sight
FromJournalPage = Annotated[int | None, Query(ge=2, le=MAX_PAGE, description="the Journal page an edit came from")]


def journal_address(request: Request, page: int | None, saved: str | None = None) -> str:
    """The Journal page an edit returns to (the first without `page`), saying what was `saved` when it says so."""
    asked = {name: value for name, value in (("page", page), ("saved", saved)) if value}
    return str(request.url_for("journal_page").path) + (f"?{urlencode(asked)}" if asked else "")


@router.get("/journal", name="journal_page")
def journal_page(
    request: Request,
    context: Context,
    saved: Literal["check-in"] | None = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """`saved` names what was just saved, so the page can say so; `page` 1 is the newest."""
    history = context.services.reports.history(page)
    notes = context.services.reports.session_notes()
    entries = journal_rows(history.entries, context.protocol, context.local_zone, context.now(), notes)
    # A Delete left on a page whose record was deleted since must not hit the next record given its id.
    uids = {
        "session": context.services.practice.uids([e["id"] for e in entries if e["kind"] == "session"]),
        "checkin": context.services.check_ins.uids([e["id"] for e in entries if e["kind"] == "checkin"]),
    }
    # On a practice's server, what the person's own crest pushed is changed there only (its sync brings it here).
    from_their_crest = {
        "session": context.services.sync.from_a_linked_crest("sessions", uids["session"]),
        "checkin": context.services.sync.from_a_linked_crest("check_ins", uids["checkin"]),
    }
    # The check-ins behind a warning sign that stands are marked: Today sends the person here to correct or delete
    # one that was a mistake, and a row like every other left them to find it (journal walk-through M4).
    signs: dict[int, list[str]] = {}
    for reason in context.services.safety.standing().standing_check_in_reasons:
        sign = reason.sign
        signs.setdefault(sign.check_in_id, []).append(f"Warning sign ({sign.question.level.advice}): {sign.title}")
    for entry in entries:
        entry["signs"] = signs.get(entry["id"], []) if entry["kind"] == "checkin" else []
        if entry["edit_url"] and page > 1:  # the saved edit comes back to this page, where it is
            entry["edit_url"] += "&" + urlencode({"page": page})
        if entry["id"] in from_their_crest[entry["kind"]]:
            entry["edit_url"] = entry["delete_url"] = None
            entry["from_your_crest"] = True
        elif uid := uids[entry["kind"]].get(entry["id"]):
            entry["delete_url"] += "?" + urlencode({"uid": uid})
    logged = request.query_params.get("logged") == "1"
    return render(
        request,
        "journal.html",
        active="journal_page",
        entries=entries,
        history=history,
        logged=logged,
        saved=saved,
    )
