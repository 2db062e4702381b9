"""The journal's time line a page at a time: each page is the same slice of the whole time line, read from only
the newest records it reaches."""

from datetime import UTC, datetime, timedelta
from typing import TypeVar

from crest.insights.history import entries_reaching, history_page, newest_first
from crest.journal.records import CheckIn, PracticeSession

T = TypeVar("T")
START = datetime(2026, 1, 1, 7, tzinfo=UTC)
# Two years of a session most days and a check-in after each, with check-ins on their own between.
SESSIONS = [PracticeSession(START + timedelta(days=day), 15, "standard", id=day + 1) for day in range(0, 730, 2)]
CHECK_INS = [CheckIn(at=START + timedelta(days=day, hours=1), note=f"day {day}", id=day + 1) for day in range(730)]
EVERYTHING = newest_first(SESSIONS, CHECK_INS)


def _newest(records: list[T], count: int) -> list[T]:
    """What the journal reads for a page: the newest `count` records, oldest first."""
    return records[-count:]


def test_every_page_is_its_slice_of_the_whole_time_line_read_from_the_newest_records_only() -> None:
    size = 50
    pages = -(-len(EVERYTHING) // size)
    for number in (1, 2, pages - 1, pages):
        reach = entries_reaching(number, size)
        page = history_page(_newest(SESSIONS, reach), _newest(CHECK_INS, reach), number, size)
        assert list(page.entries) == EVERYTHING[(number - 1) * size : number * size]
        assert page.has_newer == (number > 1)
        assert page.has_older == (number < pages)
    assert len(history_page(SESSIONS, CHECK_INS, pages, size).entries) == len(EVERYTHING) - (pages - 1) * size


def test_the_first_page_is_the_newest_and_a_page_past_the_end_is_empty() -> None:
    first = history_page(SESSIONS, CHECK_INS, 1)
    assert first.entries[0] == CHECK_INS[-1] and len(first.entries) == 50
    beyond = history_page(SESSIONS, CHECK_INS, 1000)
    assert beyond.entries == () and not beyond.has_older and beyond.has_newer
    assert beyond.newer == -(-len(EVERYTHING) // 50)  # back to the last page with records, not to page 999
    assert history_page(SESSIONS[:1], [], 3).newer == 1
    empty = history_page([], [], 1)
    assert empty.entries == () and not empty.has_older and not empty.has_newer
