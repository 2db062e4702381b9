"""The journal as one time line: sessions and check-ins together, newest first."""

from collections.abc import Sequence
from datetime import datetime

from crest.journal.records import CheckIn, PracticeSession


def newest_first(
    sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn]
) -> list[PracticeSession | CheckIn]:
    entries: list[PracticeSession | CheckIn] = [*sessions, *check_ins]
    return sorted(entries, key=_when, reverse=True)


def _when(entry: PracticeSession | CheckIn) -> datetime:
    return entry.started_at if isinstance(entry, PracticeSession) else entry.at
