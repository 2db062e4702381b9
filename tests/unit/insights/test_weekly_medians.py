"""Weekly medians for the pain charts: the same weeks and medians the verdicts compare, never single days."""

from datetime import UTC, date, datetime, time, timedelta

from crest.insights.pain import pain_trends, series_by_place, weekly_medians
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region, Side

FIRST = date(2026, 3, 4)  # a Wednesday: the weeks start on the first rated day, not on a Monday


def _rated_at(moment: datetime, score: int) -> CheckIn:
    return CheckIn(at=moment, pain=(PainRating(Region.LOWER_BACK, score, Side.CENTRE),))


def _rated(day: int, score: int) -> CheckIn:
    return _rated_at(datetime.combine(FIRST + timedelta(days=day), time(18), tzinfo=UTC), score)


def test_zig_zagging_days_become_one_median_per_week_starting_with_the_verdicts_baseline() -> None:
    # Days alternate 2 and 8; week 3 has no rating at all; week 4 has one.
    check_ins = [_rated(day, 2 if day % 2 else 8) for day in range(14)] + [_rated(24, 5)]
    (series,) = series_by_place(check_ins)
    weeks = weekly_medians(series, UTC)
    assert [(week.first_day, week.last_day) for week in weeks] == [
        (FIRST, FIRST + timedelta(days=6)),
        (FIRST + timedelta(days=7), FIRST + timedelta(days=13)),
        (FIRST + timedelta(days=21), FIRST + timedelta(days=27)),  # the empty third week is a gap, not a zero
    ]
    assert [week.median for week in weeks] == [8, 2, 5]  # 8,2,8,2,8,2,8 then 2,8,2,8,2,8,2, then 5
    (trend,) = pain_trends(check_ins, UTC)
    assert (trend.baseline.first_day, trend.baseline.median) == (weeks[0].first_day, weeks[0].median)


def test_the_weeks_follow_the_persons_local_days() -> None:
    from zoneinfo import ZoneInfo

    tokyo = ZoneInfo("Asia/Tokyo")  # UTC+9
    # 09:00 UTC on the first day is 18:00 there; 20:00 UTC on day 6 is already day 7 in Tokyo, the second week.
    check_ins = [
        _rated_at(datetime.combine(FIRST, time(9), tzinfo=UTC), 4),
        _rated_at(datetime.combine(FIRST + timedelta(days=6), time(20), tzinfo=UTC), 6),
    ]
    (series,) = series_by_place(check_ins)
    assert [week.scores for week in weekly_medians(series, UTC)] == [(4, 6)]
    assert [week.scores for week in weekly_medians(series, tokyo)] == [(4,), (6,)]
