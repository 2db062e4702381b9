"""Help: ask in your own words (answers as you type, or a plain GET form without JavaScript), and one page per entry.

Both pages render what the help service returns, the same reply as `crest ask` and GET /api/help.
"""

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from crest.knowledge.loader import load_help
from crest.knowledge.model import WARNING_HEADINGS
from crest.services import help as help_service
from crest.services.help import UnknownHelpEntry
from crest.web.pages.common import page_router
from crest.web.templating import render

router = page_router()
TYPING_PAUSE_MS = 250  # search once the person stops typing for this long, not on every key

# Every word the page and its script show; the script receives them in the page config, never its own copy.
LABELS: dict[str, str] = {
    **{level: heading for level, heading in WARNING_HEADINGS.items()},
    "ask": "Ask a question in your own words",
    "example": "can I do it in bed?",  # read whole in a phone's search box
    "search": "Search",
    "sources": "Sources",
    "see_also": "See also",
    "searching": "Looking…",
    "one_answer": "1 answer.",
    "answers": "{count} answers.",  # the script fills in {count} the same way
    "failed": "The answers could not be fetched. Press Search to try again.",
    "topics": "Browse the topics",
    "back": "Ask another question",
    "unknown_entry": "There is no help entry at this address. Ask your question below, or browse the topics.",
}


@router.get("/help", name="help_page")
def help_page(
    request: Request,
    q: Annotated[str | None, Query(description="a question in your own words; any text")] = None,
) -> Response:
    # A plain def: the search is CPU work, and `render` reads the theme from the journal.
    return _search_page(request, help_service.ask(q) if q and q.strip() else None)


@router.get("/help/{entry_id}", name="help_entry_page")
def help_entry_page(request: Request, entry_id: str) -> Response:
    try:
        entry = help_service.entry(entry_id)
    except UnknownHelpEntry:  # an old or mistyped address: say so, and offer the topics
        return _search_page(request, None, notice=LABELS["unknown_entry"], status_code=404)
    return render(
        request,
        "help_entry.html",
        active="help_page",
        title=entry.title,
        labels=LABELS,
        entry=entry,
        footer=load_help().footer,
    )


def _search_page(
    request: Request, reply: help_service.HelpReply | None, notice: str | None = None, status_code: int = 200
) -> Response:
    config = {
        "api_url": "/api/help",
        "page_url": str(request.url_for("help_page").path),
        "typing_pause_ms": TYPING_PAUSE_MS,
        "labels": LABELS,
    }
    return render(
        request,
        "help.html",
        status_code,
        active="help_page",
        title="Help",
        config=config,
        labels=LABELS,
        notice=notice,
        question=reply.question if reply else "",
        status=_status(reply),
        reply=reply,
        topics=help_service.topics(),
        footer=load_help().footer,
    )


def _status(reply: help_service.HelpReply | None) -> str:
    """The line a screen reader announces: the most serious warning sign's level first (one piece of advice, the
    warnings come most urgent first), then how many answers."""
    if reply is None or reply.topics is not None:
        return ""
    count = len(reply.answers)
    parts = [f"{LABELS[warning.level]}." for warning in reply.warnings[:1]]
    if count:
        parts.append(LABELS["one_answer"] if count == 1 else LABELS["answers"].replace("{count}", str(count)))
    return " ".join(parts)
