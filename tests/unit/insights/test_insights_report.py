"""The report's numbers for a period: only what lies inside it, notes only when asked, a table by day or week."""

from datetime import UTC, date, datetime, timedelta

import pytest

from crest.insights.report import InvalidPeriod, Period, PeriodOutsideRecords, ReportData, period_of, report_data
from crest.insights.verdicts import Verdict
from support.practice_history import daily_practice

FIRST = date(2026, 3, 2)  # a Monday
HISTORY = daily_practice(FIRST, 70, UTC)


def _data(period: Period, notes: bool = False) -> ReportData:
    return report_data(
        HISTORY.sessions, HISTORY.check_ins, HISTORY.psfs, UTC, period, 7, include_notes=notes, today=period.last_day
    )


def test_only_the_period_counts_and_notes_stay_out_unless_asked() -> None:
    period = Period(FIRST + timedelta(days=7), FIRST + timedelta(days=13))
    data = _data(period)
    assert data.practice.sessions == 7 and data.practice.days_with_data == 7
    assert data.notes is None
    assert [note.text for note in _data(period, notes=True).notes or ()] != []
    assert not data.table_by_week and len(data.table) == 7
    assert data.table[0].sessions == 1 and data.table[0].check_ins == 2


def test_a_long_period_is_tabulated_by_week_with_its_verdicts() -> None:
    data = _data(Period(FIRST, FIRST + timedelta(days=69)))
    assert data.table_by_week and len(data.table) == 10
    assert (data.table[0].first_day, data.table[0].last_day) == (FIRST, FIRST + timedelta(days=6))
    verdicts = {trend.place.label: trend.verdict for trend in data.trends}
    assert verdicts["lower back (centre)"] is Verdict.BETTER
    assert data.practice.sessions_per_week(data.period) == pytest.approx(7.0)


def test_a_week_without_records_keeps_its_row_in_the_weekly_table() -> None:
    """Walk s54 M3: a week away (no rest, no rating) left no row, so the table went from one week to the week after
    the next as if nothing was missing; the chart's gap was the only sign of it."""
    away = (FIRST + timedelta(days=21), FIRST + timedelta(days=28))  # the 4th week, Monday to the next Monday
    sessions = [s for s in HISTORY.sessions if not away[0] <= s.started_at.date() < away[1]]
    check_ins = [c for c in HISTORY.check_ins if not away[0] <= c.at.date() < away[1]]
    period = Period(FIRST, FIRST + timedelta(days=69))
    data = report_data(sessions, check_ins, HISTORY.psfs, UTC, period, 7, today=period.last_day)
    assert data.table_by_week and len(data.table) == 10
    empty = data.table[3]
    assert (empty.first_day, empty.last_day) == (away[0], away[1] - timedelta(days=1))
    assert (empty.sessions, empty.minutes, empty.check_ins) == (0, 0, 0)
    assert empty.pain == (None,) * len(data.table_places)


def test_the_default_period_runs_from_the_first_record_to_today() -> None:
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    period = period_of(HISTORY.sessions, HISTORY.check_ins, HISTORY.psfs, UTC, now, None, None)
    assert (period.first_day, period.last_day) == (FIRST, date(2026, 6, 1))
    assert period_of((), (), (), UTC, now, None, None) == Period(date(2026, 6, 1), date(2026, 6, 1))
    with pytest.raises(InvalidPeriod, match="before it starts"):
        period_of((), (), (), UTC, now, date(2026, 5, 2), date(2026, 5, 1))


@pytest.mark.parametrize(
    ("since", "until", "named"), [(None, date(2030, 1, 1), "end"), (date(2026, 6, 2), None, "start")]
)
def test_a_period_reaching_past_today_is_refused(since: date | None, until: date | None, named: str) -> None:
    now = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    with pytest.raises(
        PeriodOutsideRecords, match=f"the {named} 20.* is after today \\(2026-06-01\\); choose a day up to today"
    ):
        period_of(HISTORY.sessions, HISTORY.check_ins, HISTORY.psfs, UTC, now, since, until)
    assert period_of((), (), (), UTC, now, None, date(2026, 6, 1)).last_day == date(2026, 6, 1)  # today itself is fine


def test_a_period_starting_before_2000_is_refused_as_records_begin_then() -> None:
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    with pytest.raises(PeriodOutsideRecords, match="the start 1900-01-01 is before 2000, when crest's records begin"):
        period_of(HISTORY.sessions, HISTORY.check_ins, HISTORY.psfs, UTC, now, date(1900, 1, 1), None)
    assert period_of((), (), (), UTC, now, date(2000, 1, 1), None).first_day == date(2000, 1, 1)


def test_no_weekly_rate_before_a_full_week_of_use() -> None:
    # One day of use inside a long chosen period: one session, and never "7.0 a week" (nor "0.1 a week").
    one_day = daily_practice(FIRST, 1, UTC)
    period = Period(FIRST - timedelta(days=30), FIRST)
    data = report_data(one_day.sessions, one_day.check_ins, (), UTC, period, 7, today=period.last_day)
    assert data.practice.sessions == 1 and data.practice.days_in_use(period) == 1
    assert data.practice.sessions_per_week(period) is None
    assert data.practice.first_days(period) == "the first day"
    six = Period(FIRST, FIRST + timedelta(days=5))
    assert _data(six).practice.sessions_per_week(six) is None  # six days: still no rate
    assert _data(six).practice.first_days(six) == "the first 6 days"
    week = Period(FIRST, FIRST + timedelta(days=6))
    assert _data(week).practice.sessions_per_week(week) == 7  # a full week: the rate, over the days in use


def test_the_report_says_so_instead_of_a_rate() -> None:
    from crest.insights.report import ClinicianReport
    from crest.report.render import report_html

    one_day = daily_practice(FIRST, 1, UTC)
    period = Period(FIRST, FIRST)
    data = report_data(one_day.sessions, one_day.check_ins, (), UTC, period, 7, today=period.last_day)
    made = datetime(2026, 3, 2, 20, tzinfo=UTC)
    html = report_html(ClinicianReport(data, made, "UTC", None, "crest is not medical advice."))
    assert "1 session (9 min) in the first day: not enough days yet for a weekly rate" in html
    assert "not enough days yet (1 in the first day)" in html
    assert "7.0 a week" not in html


def test_a_short_period_that_has_ended_is_not_said_to_be_too_short_yet() -> None:
    """crest report --since D --until D, D before today, said "not enough days yet" of a day that is over."""
    from crest.insights.report import ClinicianReport
    from crest.report.render import report_html

    one_day = daily_practice(FIRST, 1, UTC)
    period = Period(FIRST, FIRST)
    data = report_data(one_day.sessions, one_day.check_ins, (), UTC, period, 7, today=FIRST + timedelta(days=10))
    made = datetime.combine(FIRST + timedelta(days=10), datetime.min.time(), tzinfo=UTC)
    html = report_html(ClinicianReport(data, made, "UTC", None, "crest is not medical advice."))
    assert "1 session (9 min) in 1 day: too short a period for a weekly rate" in html
    assert "too short a period for a weekly rate (1 in 1 day)" in html
    assert "not enough days yet" not in html


def _one_day_report_made(day: date) -> str:
    """The report of a one-day period (FIRST, rated ten days later) as made on `day`."""
    from crest.insights.report import ClinicianReport
    from crest.report.render import report_html

    one_day = daily_practice(FIRST, 1, UTC)
    period = Period(FIRST, FIRST)
    data = report_data(one_day.sessions, one_day.check_ins, (), UTC, period, 7, today=FIRST + timedelta(days=10))
    at = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
    return report_html(ClinicianReport(data, at, "UTC", None, "crest is not medical advice."))


def test_the_pain_trend_of_a_period_that_has_ended_awaits_no_later_week() -> None:
    """A period that is over said 'not enough ratings yet ... no later week yet', as the weekly rate said 'not enough
    days yet', of days no rating will join (Period.has_ended)."""
    ended = _one_day_report_made(FIRST + timedelta(days=10))
    assert "not enough ratings to compare (rated on 1 day in the first week, and no later week in this period;" in ended
    assert "not enough ratings yet" not in ended and "no later week yet" not in ended
    going_on = _one_day_report_made(FIRST)  # the period's last day is today: a later rating may still come
    assert "not enough ratings yet to compare" in going_on
    assert "rated on 1 day in the first week, and no later week yet" in going_on


def test_the_daily_activities_of_a_period_that_has_ended_are_not_rated_in_it_not_yet() -> None:
    """A report of a period that is over said 'daily activities (PSFS): not rated yet', as if the person had never
    rated any, when they rated them after it."""
    ended = _one_day_report_made(FIRST + timedelta(days=10))
    assert "Daily activities (PSFS): not rated in this period." in ended and "not rated yet" not in ended


@pytest.mark.parametrize(
    ("day", "said"),
    [
        (FIRST + timedelta(days=20), "Daily activities (PSFS): not rated in this period."),
        (FIRST + timedelta(days=14), "Daily activities (PSFS): rated once in this period, so no change to show."),
    ],
    ids=["none-in-it", "once-in-it"],
)
def test_a_report_of_today_speaks_of_its_period_not_of_ratings_before_it(day: date, said: str) -> None:
    """Walk-through L3: a one-day report of today said 'daily activities (PSFS): not rated yet' (or 'rated once so
    far') of activities rated twice before it, while its section below said 'Not rated in this period'."""
    from crest.insights.report import ClinicianReport
    from crest.report.render import report_html

    data = report_data(HISTORY.sessions, HISTORY.check_ins, HISTORY.psfs, UTC, Period(day, day), 7, today=day)
    assert any(rated.at.date() < day for rated in HISTORY.psfs)
    made = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=20)
    assert not data.period.has_ended(made.date())  # still going on
    html = report_html(ClinicianReport(data, made, "UTC", None, "crest is not medical advice."))
    assert said in html and "not rated yet" not in html and "rated once so far" not in html


def test_days_before_the_prescription_began_are_not_held_against_it() -> None:
    """Walk-through L9: a prescription made on the period's last day said "6.4 a week against the prescription of 8"
    of the days before it."""
    from crest.insights.practice import TargetSource, WeeklyTarget
    from crest.insights.reader import Reader
    from crest.insights.report import ClinicianReport
    from crest.report.render import report_html

    period = Period(FIRST, FIRST + timedelta(days=9))
    began = period.last_day - timedelta(days=1)
    prescribed = WeeklyTarget(8, TargetSource.PRESCRIPTION, starts_on=began)
    data = report_data(HISTORY.sessions, HISTORY.check_ins, (), UTC, period, None, prescribed, today=period.last_day)
    assert (data.practice.target_days, data.practice.sessions_since_target) == (2, 2)
    made = datetime.combine(period.last_day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=20)
    html = report_html(ClinicianReport(data, made, "UTC", None, "crest is not medical advice."))
    since = (
        "2 sessions in the 2 days since the prescription began on 10 Mar, "
        "against about 2.3 for 8 a week over those days"
    )
    assert f"10 sessions (138 min), 7.0 a week; {since};" in html
    assert f"7.0 ({since})" in html
    assert "against the prescription" not in html and "target 8" not in html
    # begun before the first day in use, it covers the whole period: the rate against it, as before
    whole = report_data(
        HISTORY.sessions,
        HISTORY.check_ins,
        (),
        UTC,
        period,
        None,
        WeeklyTarget(8, TargetSource.PRESCRIPTION, starts_on=FIRST),
        today=period.last_day,
    )
    assert whole.practice.target_days is None and whole.practice.since_target_words(period, Reader.CLINICIAN) is None
    # begun after the period, none of it is held against it
    after = WeeklyTarget(8, TargetSource.PRESCRIPTION, starts_on=period.last_day + timedelta(days=1))
    assert (
        report_data(HISTORY.sessions, (), (), UTC, period, None, after, today=period.last_day).practice.target is None
    )
