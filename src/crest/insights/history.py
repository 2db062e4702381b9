"""The journal as one time line: sessions and check-ins together, newest first, a page at a time."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crest.journal.records import CheckIn, PracticeSession

PAGE_SIZE = 50  # entries on a page of the journal: a few weeks of daily practice


@dataclass(frozen=True)
class HistoryPage:
    entries: tuple[PracticeSession | CheckIn, ...]  # newest first
    number: int  # 1 is the newest page
    has_older: bool
    newer: int | None  # the page "Newer" leads to: past the end, the last page with records, not another empty one

    @property
    def has_newer(self) -> bool:
        return self.newer is not None


def newest_first(sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn]) -> list[PracticeSession | CheckIn]:
    entries: list[PracticeSession | CheckIn] = [*sessions, *check_ins]
    return sorted(entries, key=_when, reverse=True)


def entries_reaching(number: int, size: int = PAGE_SIZE) -> int:
    """How many of the newest sessions (and of the newest check-ins) page `number` needs: its own and one more, to
    tell whether an older page follows."""
    return number * size + 1


def history_page(
    sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn], number: int, size: int = PAGE_SIZE
) -> HistoryPage:
    """Page `number` of the time line, from at least the newest `entries_reaching(number, size)` of each kind."""
    entries = newest_first(sessions, check_ins)
    first = (number - 1) * size
    shown = tuple(entries[first : first + size])
    # An empty page past the end was given every record there is (fewer than it reaches), so the last page is known.
    last_with_records = max(1, -(-len(entries) // size))
    newer = None if number == 1 else number - 1 if shown else last_with_records
    return HistoryPage(shown, number, has_older=len(entries) > first + size, newer=newer)


def _when(entry: PracticeSession | CheckIn) -> datetime:
    return entry.started_at if isinstance(entry, PracticeSession) else entry.at
