"""The journal's "before 2000" rule: what it refuses is before 2000 in the moment's own zone, the day it names."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crest.journal.plausibility import ImpossibleRecord, check_moment

NOW = datetime(2026, 5, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize("hours", range(-12, 15))
def test_midnight_on_1_january_2000_is_kept_in_every_zone(hours: int) -> None:
    moment = datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=hours)))
    assert check_moment(moment, NOW, "at", "the check-in time") == moment
    # as the journal stores it and an export writes it: in UTC, the day before for a zone east of it
    assert check_moment(moment.astimezone(UTC), NOW, "at", "the check-in time") == moment


@pytest.mark.parametrize("hours", range(-12, 15))
def test_a_refusal_names_a_day_before_2000_in_the_moments_own_zone(hours: int) -> None:
    # the last moment refused (a minute before 2000 began at +14:00), as a person in each zone writes it
    last_refused = datetime(1999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=14)))
    moment = last_refused.astimezone(timezone(timedelta(hours=hours)))
    with pytest.raises(ImpossibleRecord) as refused:
        check_moment(moment, NOW, "at", "the check-in time")
    day = moment.date()
    assert day.year < 2000
    assert refused.value.reason == f"the check-in time {day.isoformat()} is before 2000; give the day it happened"
