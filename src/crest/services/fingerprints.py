"""Saves sent from a copy of a record that may be old: an edit page left open in another tab. The copy names what
it was shown by the record's fingerprint (the edit page sends it as `loaded`); a save from a copy the record no
longer matches is refused, so that it never silently undoes a change saved since. One rule for check-ins and
sessions."""

from __future__ import annotations

import hashlib
import json

from crest.errors import CrestError
from crest.journal.records import CheckIn, PracticeSession

Edited = CheckIn | PracticeSession


class ChangedElsewhere(CrestError):
    """An edit sent from a page opened on a record that was changed since, in another tab or window."""

    http_status = 409

    def __init__(self, noun: str) -> None:
        super().__init__(
            f"this {noun} was changed in another tab or window since this page was opened; nothing was changed "
            "here: reload the page to see it as it is now, then make your change again"
        )


def fingerprint(record: Edited) -> str:
    """A short digest of everything a person can change in the record: what an edit page or a GET was shown."""
    said: tuple[object, ...]
    if isinstance(record, CheckIn):
        said = (
            record.at.isoformat(),
            record.timing,
            record.session_id,
            [(rating.region, rating.side, rating.score, rating.quality) for rating in record.pain],
            sorted(record.sensations),
            record.compared_with_before,
            record.note,
        )
    else:  # its start and plan too, as its edit page says them
        said = (
            record.started_at.isoformat(),
            record.planned_minutes,
            record.variant,
            record.status,
            record.actual_seconds,
        )
    return hashlib.sha256(json.dumps(said).encode()).hexdigest()[:16]


def require_unchanged(record: Edited, loaded: str | None = None) -> None:
    """Refuse a save made from an edit page's copy (`loaded`: its fingerprint) that `record` no longer matches
    (`ChangedElsewhere`). None given: the save goes ahead, as it always has."""
    if loaded is not None and loaded != fingerprint(record):
        raise ChangedElsewhere("check-in" if isinstance(record, CheckIn) else "session")
