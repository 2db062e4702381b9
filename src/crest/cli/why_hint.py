"""A short 'why? crest ask "…"' line under a setup step or a safety answer, pointing at its help entry."""

from crest.knowledge.loader import load_help


def why_hint(entry_id: str | None) -> str | None:
    """The hint for an ordinary entry; none for a warning sign, whose advice is already on screen and must not be
    diluted by a pointer elsewhere. Asking an entry's title finds that entry first (a test keeps it true)."""
    entry = load_help().entry(entry_id) if entry_id else None
    if entry is None or entry.is_warning_sign:
        return None
    return f'why? crest ask "{entry.title}"'
