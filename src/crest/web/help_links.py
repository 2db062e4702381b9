"""'Why?' links to help entries, for the pages where a question arises: the session, check-in, safety and today.

Which entry explains what is data (crest.knowledge.why_links); this module only turns an entry id into the
address and title a page shows, so templates and scripts receive links and never a copy of the mapping.
"""

from collections.abc import Iterable, Mapping

from fastapi import Request

from crest.knowledge.loader import load_help


def help_link(request: Request, entry_id: str | None) -> dict[str, str] | None:
    """{"url", "title"} of an entry's own page; None for no entry (a test keeps the mapping complete)."""
    entry = load_help().entry(entry_id) if entry_id else None
    if entry is None:
        return None
    return {"url": str(request.url_for("help_entry_page", entry_id=entry.id).path), "title": entry.title}


def help_links(request: Request, mapping: Mapping[str, str], keys: Iterable[str]) -> dict[str, dict[str, str]]:
    """The link for each key that the mapping gives an entry."""
    found = {key: help_link(request, mapping.get(key)) for key in keys}
    return {key: link for key, link in found.items() if link is not None}
