"""The API's pattern for a day takes exactly the years the journal's windows may use."""

import re
from datetime import timedelta

from crest.journal.records import EARLIEST_DAY, LATEST_DAY
from crest.web.schemas import DAY_PATTERN


def test_the_day_pattern_spans_the_window_days() -> None:
    for day in (EARLIEST_DAY, LATEST_DAY, EARLIEST_DAY + timedelta(days=40000)):
        assert re.fullmatch(DAY_PATTERN, day.isoformat())
    for outside in (EARLIEST_DAY - timedelta(days=1), LATEST_DAY + timedelta(days=1)):
        assert not re.fullmatch(DAY_PATTERN, outside.isoformat())
    assert not re.fullmatch(DAY_PATTERN, "0001-01-05")
