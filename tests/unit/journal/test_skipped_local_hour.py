"""A local time in the hour the clocks skip when they go forward is refused in one line, not kept an hour later;
the hour they repeat when they go back is read as its first pass, and times with their own offset as given."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from crest.journal.records import InvalidDate, parse_datetime

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("text", "zone"),
    [("2026-03-29T01:30", LONDON), ("2026-03-29T01:00", LONDON), ("2026-03-08T02:59", NEW_YORK)],
)
def test_a_time_no_clock_showed_is_refused(text: str, zone: ZoneInfo) -> None:
    with pytest.raises(InvalidDate, match=f"^--at “{text}” never happened here: the clocks went forward that night"):
        parse_datetime(text, zone, "--at")


def test_the_hours_around_the_skipped_one_are_kept() -> None:
    assert parse_datetime("2026-03-29T00:59", LONDON).astimezone(UTC) == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert parse_datetime("2026-03-29T02:00", LONDON).astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    # With its own offset a time is what it says, whatever the local clocks did
    assert parse_datetime("2026-03-29T01:30+00:00", LONDON) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_the_repeated_hour_is_read_as_its_first_pass() -> None:
    # 01:30 on 25 October 2026 happens twice in London; the first, in summer time, is 00:30 UTC
    assert parse_datetime("2026-10-25T01:30", LONDON).astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
