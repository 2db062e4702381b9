"""Saves sent from a copy of a record that may be old: an edit page left open in another tab, an API client's earlier
GET. The copy names what it was shown by the record's fingerprint (the edit page sends it as `loaded`, the API's
`ETag` comes back as `If-Match`); a save from a copy the record no longer matches is refused, so that it never
silently undoes a change saved since. One rule for check-ins and sessions; Settings' form names its settings so too."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from crest.errors import CrestError
from crest.journal.records import CheckIn, PracticeSession
from crest.services.preferences import Preferences

Edited = CheckIn | PracticeSession


class ChangedElsewhere(CrestError):
    """An edit sent from a page opened on a record that was changed since, in another tab or window."""

    http_status = 409

    def __init__(self, noun: str) -> None:
        super().__init__(
            f"this {noun} was changed in another tab or window since this page was opened; nothing was changed "
            "here: reload the page to see it as it is now, then make your change again"
        )


class NoLongerMatches(CrestError):
    """A save over the API whose `If-Match` names none of the record's fingerprints now (412 Precondition Failed)."""

    http_status = 412

    def __init__(self, noun: str) -> None:
        super().__init__(
            f"this {noun} was changed since you read it (If-Match does not name its ETag now); nothing was changed: "
            "read it again for its ETag, then send your change again"
        )


@dataclass(frozen=True)
class IfMatch:
    """The fingerprints an API client read the record with (its `If-Match`), or any (`*`): a save goes ahead only
    while the record still has one of them."""

    fingerprints: frozenset[str] = frozenset()
    any: bool = False


def fingerprint(record: Edited | Preferences) -> str:
    """A short digest of everything a person can change in the record: what an edit page or a GET was shown."""
    said: tuple[object, ...]
    if isinstance(record, Preferences):
        said = tuple(sorted(record.to_stored().items()))
    elif isinstance(record, CheckIn):
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


def require_unchanged(record: Edited, loaded: str | None = None, if_match: IfMatch | None = None) -> None:
    """Refuse a save made from a copy `record` no longer matches: the edit page's (`loaded`, `ChangedElsewhere`) or
    an API client's (`if_match`, `NoLongerMatches`). Neither given: the save goes ahead, as it always has."""
    now = fingerprint(record)
    noun = "check-in" if isinstance(record, CheckIn) else "session"
    if loaded is not None and loaded != now:
        raise ChangedElsewhere(noun)
    if if_match is not None and not (if_match.any or now in if_match.fingerprints):
        raise NoLongerMatches(noun)
