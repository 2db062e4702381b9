"""Weekly medians for the pain charts: calendar weeks shared by every place, never single days; the verdicts keep
their own baseline and latest windows."""

from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from crest.insights.pain import every_week, pain_trends, series_by_place, weekly_medians
from crest.insights.report import Period, report_data
from crest.insights.verdicts import Verdict
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region

FIRST = date(2026, 3, 4)  # a Wednesday: its calendar week began on Monday 2 March
MONDAY = date(2026, 3, 2)
LATER = date(2026, 6, 1)  # every week below is over


def _rated_at(moment: datetime, score: int, region: Region = Region.LOWER_BACK) -> CheckIn:
    return CheckIn(at=moment, pain=(PainRating(region, score, region.usual_side),))


def _rated(day: int, score: int, region: Region = Region.LOWER_BACK) -> CheckIn:
    return _rated_at(datetime.combine(FIRST + timedelta(days=day), time(18), tzinfo=UTC), score, region)


def test_zig_zagging_days_become_one_median_per_calendar_week() -> None:
    # Days alternate 2 and 8 over 14 days from a Wednesday, then one rating on 4 April:
    # the week of 23 March, without a rating, is a gap, never a zero.
    check_ins = [_rated(day, 2 if day % 2 else 8) for day in range(14)] + [_rated(31, 5)]
    (series,) = series_by_place(check_ins)
    weeks = weekly_medians(series, UTC, LATER)
    assert [(week.first_day, week.last_day) for week in weeks] == [
        (MONDAY + timedelta(days=7 * number), MONDAY + timedelta(days=7 * number + 6)) for number in (0, 1, 2, 4)
    ]
    assert [week.scores for week in weeks] == [(8, 2, 8, 2, 8), (2, 8, 2, 8, 2, 8, 2), (8, 2), (5,)]
    # The verdict's baseline stays the 7 days from the first rating, whatever the chart's weeks.
    (trend,) = pain_trends(check_ins, UTC)
    assert (trend.baseline.first_day, trend.baseline.scores) == (FIRST, (8, 2, 8, 2, 8, 2, 8))


def test_every_place_shares_the_same_weeks_whatever_its_first_rating() -> None:
    # The hip is first rated on Monday, the lower back on Tuesday: one week for both, not one starting on each.
    check_ins = [_rated(-2, 9, Region.HIP), _rated(-1, 4), _rated(3, 6, Region.HIP), _rated(4, 3)]
    weeks = {series.place.region: weekly_medians(series, UTC, LATER) for series in series_by_place(check_ins)}
    assert [week.first_day for week in weeks[Region.HIP]] == [MONDAY] == [w.first_day for w in weeks[Region.LOWER_BACK]]


def test_the_weeks_follow_the_persons_local_days() -> None:
    from zoneinfo import ZoneInfo

    tokyo = ZoneInfo("Asia/Tokyo")  # UTC+9
    # 20:00 UTC on Sunday 8 March is already Monday 9 March in Tokyo, the next calendar week.
    check_ins = [
        _rated_at(datetime.combine(FIRST, time(9), tzinfo=UTC), 4),
        _rated_at(datetime(2026, 3, 8, 20, tzinfo=UTC), 6),
    ]
    (series,) = series_by_place(check_ins)
    assert [week.scores for week in weekly_medians(series, UTC, LATER)] == [(4, 6)]
    assert [week.scores for week in weekly_medians(series, tokyo, LATER)] == [(4,), (6,)]


def test_the_week_under_way_ends_today_so_no_chart_draws_it_on_a_day_to_come() -> None:
    # Rated Monday to Wednesday; today is Wednesday: the week's days so far are Monday to Wednesday.
    (series,) = series_by_place([_rated(day, 4) for day in (-2, -1, 0)])
    (week,) = weekly_medians(series, UTC, FIRST)
    assert (week.first_day, week.last_day, week.scores) == (MONDAY, FIRST, (4, 4, 4))
    (monday,) = weekly_medians(series_by_place([_rated(-2, 4)])[0], UTC, MONDAY)
    assert monday.first_day == monday.last_day == MONDAY
    (over,) = weekly_medians(series, UTC, MONDAY + timedelta(days=7))
    assert over.last_day == MONDAY + timedelta(days=6)  # a week that is over keeps its Sunday


def _bad_day_rated_three_times() -> list[CheckIn]:
    """A week of four rated days, the first a bad day rated 9 three times, the others 3, 3 and 4; then a latest week
    of three days rated 3, 3 and 4."""
    bad_day = [_rated_at(datetime.combine(MONDAY, time(hour), tzinfo=UTC), 9) for hour in (8, 13, 20)]
    return bad_day + [_rated(day, score) for day, score in ((-1, 3), (0, 3), (1, 4), (14, 3), (15, 3), (16, 4))]


def test_a_day_rated_several_times_counts_once_in_its_week() -> None:
    # Every rating counted: 3, 3, 4, 9, 9, 9 gave a median of 6.5, and 6.5 → 3.0 read as "better". Each day's median
    # once: 9, 3, 3, 4 give 3.5, and 3.5 → 3.0 is no clear change.
    check_ins = _bad_day_rated_three_times()
    (series,) = series_by_place(check_ins)
    first_week = weekly_medians(series, UTC, LATER)[0]
    assert (first_week.scores, first_week.days, first_week.median) == ((9, 9, 9, 3, 3, 4), 4, Fraction(7, 2))
    (trend,) = pain_trends(check_ins, UTC)
    assert (trend.baseline.median, trend.latest and trend.latest.median) == (Fraction(7, 2), Fraction(3))
    assert trend.verdict is Verdict.NO_CLEAR_CHANGE


def test_the_report_table_counts_a_day_once_in_its_week_as_the_chart_does() -> None:
    check_ins = _bad_day_rated_three_times()
    period = Period(MONDAY, LATER)
    data = report_data((), check_ins, (), UTC, period, None, include_notes=False, today=LATER)
    assert data.table_by_week and data.table[0].first_day == MONDAY
    (place,) = data.table_places
    assert data.table[0].pain == (Fraction(7, 2),) == (dict(data.weekly_pain)[place][0].median,)
    # A day's own row (a short period) is that day's median: 9.
    one_day = report_data((), check_ins, (), UTC, Period(MONDAY, MONDAY), None, include_notes=False, today=LATER)
    assert [row.pain for row in one_day.table] == [(Fraction(9),)]


def test_every_week_from_the_first_days_to_the_last_days_each_by_its_monday() -> None:
    """The weeks a weekly table has a row for, Progress's and the report's alike: a week with nothing in it too."""
    assert every_week(FIRST, FIRST) == [MONDAY]
    assert every_week(FIRST, date(2026, 3, 8)) == [MONDAY]  # its Sunday is the same week
    assert every_week(FIRST, date(2026, 3, 23)) == [MONDAY + timedelta(weeks=week) for week in range(4)]
    assert every_week(date(2025, 12, 31), date(2026, 1, 5)) == [date(2025, 12, 29), date(2026, 1, 5)]
