"""Adherence, before/after per place, PSFS change and the summary's words and JSON fields."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from crest.insights.pain import change_by_place
from crest.insights.practice import (
    PRACTICE_RULE,
    TargetSource,
    WeeklyTarget,
    adherence,
    sessions_this_week,
    streak_days,
    weekly_totals,
)
from crest.insights.progress import (
    StartAfterToday,
    adherence_line,
    headline,
    progress_summary,
    summary_fields,
    trend_basis,
    trend_line,
)
from crest.insights.psfs import psfs_change, psfs_due
from crest.insights.reader import Reader
from crest.insights.report import Period, report_data
from crest.insights.verdicts import Verdict
from crest.journal.records import CheckIn, PainRating, PracticeSession, PsfsActivity, PsfsAssessment
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side

NOW = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)


def _session(days_ago: int, seconds: int = 900, session_id: int = 1) -> PracticeSession:
    return PracticeSession(
        started_at=NOW - timedelta(days=days_ago),
        planned_minutes=15,
        variant="standard",
        status=SessionStatus.COMPLETED,
        actual_seconds=seconds,
        id=session_id,
    )


def test_adherence_counts_7_and_28_days_and_days_with_data() -> None:
    sessions = [_session(days, session_id=days + 1) for days in (0, 1, 6, 7, 27, 28, 40)]
    sessions.append(_session(2, seconds=30, session_id=99))  # cut short at once: not practice, but a day with data
    check_ins = [CheckIn(at=NOW - timedelta(days=days), note="ok") for days in (3, 29, 30)]
    practice = adherence(sessions, check_ins, UTC, NOW, weekly_goal=5)
    assert (practice.sessions_7_days, practice.minutes_7_days) == (3, 45)
    assert (practice.sessions_28_days, practice.minutes_28_days) == (5, 75)
    # days 0, 1, 2, 3, 6, 7, 27, 28 and 29 ago; 30 days ago is outside "the last 30"
    assert practice.days_with_data_30 == 9
    assert practice.target == WeeklyTarget(5, TargetSource.WEEKLY_GOAL)
    assert practice.share_of_target_7_days == 3 / 5


def test_a_prescription_is_the_target_when_there_is_one() -> None:
    prescribed = WeeklyTarget(14, TargetSource.PRESCRIPTION)
    practice = adherence([_session(0)], [], UTC, NOW, weekly_goal=5, prescription=prescribed)
    assert practice.target is prescribed
    assert adherence([], [], UTC, NOW, weekly_goal=None).target is None


def _paired(session_id: int, before: int, after: int, region: Region = Region.LOWER_BACK) -> list[CheckIn]:
    at = NOW - timedelta(days=session_id)
    return [
        CheckIn(
            at=at,
            timing=CheckInTiming.BEFORE,
            session_id=session_id,
            pain=(PainRating(region, before, region.usual_side),),
        ),
        CheckIn(
            at=at,
            timing=CheckInTiming.AFTER,
            session_id=session_id,
            pain=(PainRating(region, after, region.usual_side),),
        ),
    ]


def test_before_after_per_place_says_how_many_sessions_it_rests_on() -> None:
    check_ins = _paired(1, 6, 4) + _paired(2, 5, 4) + _paired(3, 5, 5, Region.HIP)
    sessions = [_session(days_ago, session_id=days_ago) for days_ago in (1, 2, 3)]
    by_place = change_by_place(sessions, check_ins)
    changes = {change.place.region: (change.mean_change, change.sessions) for change in by_place}
    assert changes == {Region.LOWER_BACK: (-1.5, 2), Region.HIP: (0, 1)}


def _round(days_ago: int, *scores: tuple[str, int]) -> PsfsAssessment:
    return PsfsAssessment(NOW - timedelta(days=days_ago), tuple(PsfsActivity(name, score) for name, score in scores))


def test_psfs_compares_the_same_activities_only() -> None:
    first = _round(30, ("Tying my shoes", 3), ("Sitting through a film", 4), ("Gardening", 2))
    latest = _round(0, ("tying  my SHOES", 6), ("Sitting through a film", 5), ("Lifting my child", 9))
    change = psfs_change([latest, first])
    changes = [(one.name, one.change) for one in change.activities]
    assert changes == [("tying my SHOES", 3), ("Sitting through a film", 1)]
    assert change.mean_change == Fraction(2)  # (6 + 5) / 2 - (3 + 4) / 2
    assert change.verdict is Verdict.BETTER
    assert not change.reaches_medium_mid  # 2.0 < 2.3


def test_psfs_needs_two_rounds_and_asks_again_after_14_days() -> None:
    only = _round(13, ("Gardening", 2))
    assert psfs_change([only]).verdict is Verdict.NOT_ENOUGH_DATA
    assert psfs_change([]).verdict is Verdict.NOT_ENOUGH_DATA
    assert not psfs_due(only, NOW)
    assert psfs_due(_round(14, ("Gardening", 2)), NOW)
    assert psfs_due(None, NOW)


def _daily_pain(first: int, last: int, days: int) -> list[CheckIn]:
    return [
        CheckIn(at=NOW - timedelta(days=days - day), pain=(PainRating(Region.LOWER_BACK, score, Side.LEFT),))
        for day, score in enumerate([first] * 7 + [last] * (days - 7))
    ]


def test_the_summary_speaks_with_its_numbers_and_source() -> None:
    summary = progress_summary([_session(0)], _daily_pain(7, 3, 35), [], UTC, NOW, weekly_goal=7)
    line = trend_line(summary.trends[0])
    assert line.text == "lower back (left): 7.0 → 3.0 over 5 weeks, a fall that usually matters"
    assert line.source is not None and line.source.short == "Farrar 2001; Ostelo 2008"
    assert headline(summary) == line
    fields = summary_fields(summary)
    place = fields["places"][0]
    assert {key: place[key] for key in ("region", "side", "baseline", "latest", "change", "verdict")} == {
        "region": "lower_back",
        "side": "left",
        "baseline": 7.0,
        "latest": 3.0,
        "change": -4.0,
        "verdict": "better",
    }
    assert fields["adherence"]["target"] == {"sessions_per_week": 7, "source": "default_goal"}
    assert "Farrar" in fields["pain_source"]
    assert fields["psfs"]["threshold_used"]["kind"] == "smallest detectable change"


def test_in_the_first_week_there_is_no_later_week_to_count() -> None:
    # It said "so far 3 and 0", as if one week had been counted as the first and the latest.
    summary = progress_summary([_session(0)], _daily_pain(5, 5, 3)[-3:], [], UTC, NOW, weekly_goal=7)
    assert trend_line(summary.trends[0]).text == (
        "lower back (left): latest rating 5/10 on 9 May 2026; not enough ratings yet to compare (rated on 3 days in "
        "the first week, and no later week yet; a verdict needs ratings on 3 days in each)"
    )


def test_two_sittings_a_week_apart_are_no_verdict() -> None:
    """Walk-through H2: three ratings in ten minutes, then three more in ten minutes eight days later, read 'better,
    a fall that usually matters' (8 -> 2). A week's median needs ratings on 3 days, not 3 ratings."""
    sittings = [datetime(2026, 4, 28, 9, tzinfo=UTC), datetime(2026, 5, 6, 3, tzinfo=UTC)]
    check_ins = [
        CheckIn(at=start + timedelta(minutes=minutes), pain=(PainRating(Region.LOWER_BACK, score),))
        for start, score in zip(sittings, (8, 2), strict=True)
        for minutes in (0, 5, 10)
    ]
    trend = progress_summary([], check_ins, [], UTC, NOW, weekly_goal=7).trends[0]
    assert trend.verdict is Verdict.NOT_ENOUGH_DATA
    assert trend_line(trend).text == (
        "lower back (centre): latest rating 2/10 on 6 May 2026; not enough ratings yet to compare (rated on 1 day in "
        "the first week and 1 day in the latest; a verdict needs ratings on 3 days in each)"
    )
    # What it rests on, as the report's table says it (walk-through M5: only the PDF said so)
    assert trend_basis(trend) == (
        "first week: 3 ratings on 1 day, 28 Apr to 4 May 2026; latest week: 3 ratings on 1 day, 5 to 6 May 2026"
    )
    # rated on three days each week, the same fall is a verdict
    days = [start - timedelta(days=back) for start in sittings for back in (0, 1, 2)]
    spread = [CheckIn(at=at, pain=(PainRating(Region.LOWER_BACK, 8 if at.month == 4 else 2),)) for at in days]
    assert progress_summary([], spread, [], UTC, NOW, weekly_goal=7).trends[0].verdict is Verdict.BETTER


def test_a_place_without_a_verdict_yet_says_its_latest_rating() -> None:
    # A new place rated 7 read in the report's "In short" like one of no concern: only "not enough ratings".
    ratings = [
        CheckIn(at=NOW - timedelta(days=2 - day), pain=(PainRating(Region.HIP, score, Side.RIGHT),))
        for day, score in enumerate([3, 5, 7])
    ]
    summary = progress_summary([_session(0)], ratings, [], UTC, NOW, weekly_goal=7)
    assert trend_line(summary.trends[0]).text.startswith(
        "hip (right): latest rating 7/10 on 6 May 2026; not enough ratings yet"
    )


def test_a_place_rated_only_long_before_the_start_names_its_latest_rating_with_its_day() -> None:
    # It raised IndexError (a 500 on /progress?since=...) once the latest rating was named.
    old = [CheckIn(at=NOW - timedelta(days=40), pain=(PainRating(Region.HIP, 6, Side.RIGHT),))]
    summary = progress_summary([], old, [], UTC, NOW, weekly_goal=7, start=date(2026, 5, 1))
    [trend] = summary.trends
    assert trend_line(trend).text.startswith("hip (right): latest rating 6/10 on 27 Mar 2026; not enough ratings to")


def test_a_chosen_start_after_a_week_without_ratings_says_that_week_will_not_fill() -> None:
    """Walk s54 L3: compared from the day back from a week away, the week before it (the one away) is the first week:
    'not enough ratings yet' read as if waiting would help, though that week is over and stays empty."""
    back = [CheckIn(at=NOW - timedelta(days=day), pain=(PainRating(Region.HIP, 4, Side.RIGHT),)) for day in range(6)]
    [trend] = progress_summary([], back, [], UTC, NOW, weekly_goal=7, start=date(2026, 5, 1)).trends
    assert trend_line(trend).text == (
        "hip (right): latest rating 4/10 on 6 May 2026; not enough ratings to compare (rated on 0 days in the first "
        "week and 6 days in the latest; a verdict needs ratings on 3 days in each); the first week, the 7 days before "
        "the day you compare from, is over: choose another day to compare from"
    )
    # without a chosen start, later ratings may yet make a first week
    [trend] = progress_summary([], back[:2], [], UTC, NOW, weekly_goal=7).trends
    assert "not enough ratings yet to compare" in trend_line(trend).text


def test_a_place_no_longer_rated_gives_the_day_of_its_latest_rating_not_only_its_score() -> None:
    """Walk-through L4: 'Neck (centre): latest rating 3/10' of a neck last rated three weeks ago read as today's
    pain. Its day is said, in the person's zone, and the place still rated says its own."""
    zone = ZoneInfo("America/Los_Angeles")
    first = datetime(2026, 4, 6, 21, tzinfo=zone)  # 7 Apr in UTC
    neck = [
        CheckIn(at=(first + timedelta(days=day)).astimezone(UTC), pain=(PainRating(Region.NECK, 3, Side.CENTRE),))
        for day in range(7)
    ]
    back = [
        CheckIn(at=NOW - timedelta(days=day), pain=(PainRating(Region.LOWER_BACK, 4, Side.CENTRE),)) for day in (3, 1)
    ]
    summary = progress_summary([], neck + back, [], zone, NOW, weekly_goal=7)
    lines = {trend.place.region: trend_line(trend).text for trend in summary.trends}
    assert lines[Region.NECK].startswith("neck (centre): latest rating 3/10 on 12 Apr 2026; not enough ratings yet")
    assert lines[Region.LOWER_BACK].startswith("lower back (centre): latest rating 4/10 on 5 May 2026;")
    places = summary_fields(summary)["places"]
    assert "3/10 on 12 Apr 2026" in next(place["summary"] for place in places if place["region"] == "neck")


def test_nothing_recorded_has_no_headline() -> None:
    summary = progress_summary([], [], [], UTC, NOW, weekly_goal=7, start=date(2026, 5, 1))
    assert headline(summary) is None
    assert summary_fields(summary)["places"] == []


def test_a_start_after_today_is_refused_in_one_line_and_today_is_taken() -> None:
    with pytest.raises(
        StartAfterToday, match=r"^the start 2026-05-07 is after today \(2026-05-06\); choose a day up to today$"
    ):
        progress_summary([], [], [], UTC, NOW, weekly_goal=7, start=date(2026, 5, 7))
    assert progress_summary([], [], [], UTC, NOW, weekly_goal=7, start=date(2026, 5, 6)).start == date(2026, 5, 6)


def test_every_count_of_sessions_takes_the_same_rule() -> None:
    """A 0 s and a 40 s session were 2 "since Monday" on Today, on the Progress chart and in the streak, but 0 in
    the last 7 days and in the report: a minute rested is a session of practice everywhere, whatever its status."""
    sessions = [
        replace(_session(0, seconds=0, session_id=1), status=SessionStatus.ENDED_EARLY),
        replace(_session(0, seconds=40, session_id=2), status=SessionStatus.ENDED_EARLY),
    ]
    today = NOW.date()
    period = Period(today - timedelta(days=6), today)
    counts = (
        sessions_this_week(sessions, UTC, NOW),
        weekly_totals(sessions, UTC, NOW, 1)[0].sessions,
        streak_days(sessions, UTC, NOW),
        adherence(sessions, (), UTC, NOW, None).sessions_7_days,
        report_data(sessions, (), (), UTC, period, None, today=today).practice.sessions,
    )
    assert counts == (0, 0, 0, 0, 0)
    sessions.append(replace(_session(0, seconds=300, session_id=3), status=SessionStatus.INTERRUPTED))
    assert sessions_this_week(sessions, UTC, NOW) == 1
    assert (weekly_totals(sessions, UTC, NOW, 1)[0].sessions, weekly_totals(sessions, UTC, NOW, 1)[0].minutes) == (1, 5)
    assert streak_days(sessions, UTC, NOW) == 1
    assert adherence(sessions, (), UTC, NOW, None).sessions_7_days == 1
    assert report_data(sessions, (), (), UTC, period, None, today=today).practice.sessions == 1
    line = adherence_line(adherence(sessions, (), UTC, NOW, None)).text
    assert line.startswith(f"1 session (5 min) in the last 7 days ({PRACTICE_RULE})")


def test_a_prescription_begun_within_the_week_is_held_against_its_days_alone() -> None:
    """Walk-through L9: a prescription made today said "6 of 8 in the last 7 days" of days before it existed."""
    sessions = [_session(days, session_id=days + 1) for days in range(7)]
    today = NOW.date()
    made_today = WeeklyTarget(8, TargetSource.PRESCRIPTION, starts_on=today - timedelta(days=1))
    practice = adherence(sessions, [], UTC, NOW, weekly_goal=None, prescription=made_today)
    assert practice.sessions_7_days == 7  # every session is still counted
    assert (practice.target_days, practice.sessions_since_target) == (2, 2)
    line = adherence_line(practice, Reader.CLINICIAN).text
    assert "7 of 8" not in line
    assert (
        "2 sessions in the 2 days since the prescription began on 5 May, against about 2.3 for 8 a week over those days"
        in line
    )
    # begun 6 days ago or earlier, the whole week is its own: the count as before
    older = WeeklyTarget(8, TargetSource.PRESCRIPTION, starts_on=today - timedelta(days=6))
    whole = adherence(sessions, [], UTC, NOW, weekly_goal=None, prescription=older)
    assert whole.target_days is None and "(7 of 8 in the last 7 days)" in adherence_line(whole).text
    # the person's own goal has no start: unchanged
    assert "(7 of 5 in the last 7 days)" in adherence_line(adherence(sessions, [], UTC, NOW, weekly_goal=5)).text


def test_a_prescription_not_begun_is_no_target_yet() -> None:
    later = WeeklyTarget(8, TargetSource.PRESCRIPTION, starts_on=NOW.date() + timedelta(days=2))
    assert adherence([_session(0)], [], UTC, NOW, weekly_goal=None, prescription=later).target is None
