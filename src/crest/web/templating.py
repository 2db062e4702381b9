"""Rendering a page: one Jinja2 environment, the navigation, the theme and the not-medical-advice line."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from crest.errors import CrestError
from crest.insights.reader import sentence
from crest.web.context import WebContext
from crest.web.long_words import with_break_points
from crest.web.safety_presenter import standing_notice

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def as_sentence(message: str) -> str:
    """A refusal's words as a page shows them: the API's "your account cannot follow clients" is a sentence on its
    own there, "Your account cannot follow clients."."""
    if not message:
        return message
    first_word = message.split(maxsplit=1)[0]
    # A file's name leads as it is written ("notes.json line 1: ..."), never "Notes.json".
    lead = message if any(mark in first_word for mark in "./\\") else sentence(message)
    return lead + ("" if message.endswith((".", "!", "?")) else ".")


# Every refusal a form shows (`{{ error | sentence }}`) reads as a sentence, whichever service worded it.
TEMPLATES.env.filters["sentence"] = as_sentence
# A person's name in a narrow column: a word too long for it breaks, hyphenated, where `with_break_points` says.
TEMPLATES.env.filters["break_points"] = with_break_points
NAV_ITEMS = (
    ("today", "Today"),
    ("session_page", "Session"),
    ("checkin_page", "Check-in"),
    ("journal_page", "Journal"),
    ("progress_page", "Progress"),
    ("psfs_page", "Activities"),
    ("report_page", "Report"),
    ("check_page", "Check a photo"),
    ("settings_page", "Settings"),
    ("help_page", "Help"),
)
HOME = ("today", "Back to today")


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> Response:
    """A page; call it from the thread pool (plain `def` handlers), since the theme is read from the journal."""
    context: WebContext = request.app.state.context
    # Practice mode: the asker's own context and navigation (set for the request), never the server's journal.
    own: WebContext | None = getattr(request.state, "crest_context", None if context.for_request else context)
    try:
        theme = "system" if own is None else own.services.preferences.current().theme
    except CrestError:  # the error page must render even when the journal cannot be read
        theme = "system"
    try:
        # The rows this page's reads left out (edited by hand into values crest refuses), named above its content.
        values.setdefault("left_out", None if own is None else own.services.left_out())
    except CrestError:
        values.setdefault("left_out", None)
    # The advice of a warning sign that stands, read only by the pages that lead with it (`_standing_first.html`).
    values.setdefault("standing_notice", lambda: None if own is None else standing_notice(own))
    return _rendered(request, template, status_code, theme, getattr(request.state, "nav_items", NAV_ITEMS), values)


def render_unread(
    request: Request, template: str, status_code: int, nav_items: tuple[tuple[str, str], ...], **values: Any
) -> Response:
    """A page that reads neither the session nor the journal, for a request refused before any route runs: the
    theme is the system's, the navigation the one given."""
    return _rendered(request, template, status_code, "system", nav_items, values)


def _rendered(
    request: Request,
    template: str,
    status_code: int,
    theme: str,
    nav_items: tuple[tuple[str, str], ...],
    values: dict[str, Any],
) -> Response:
    context: WebContext = request.app.state.context
    values.setdefault("home", getattr(request.state, "home", HOME))  # where "back" links lead
    values.setdefault("title", dict(nav_items).get(values.get("active", ""), "crest"))
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {"theme": theme, "nav_items": nav_items, "disclaimer": context.protocol.disclaimer, **values},
        status_code=status_code,
    )
