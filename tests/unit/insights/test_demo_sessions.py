"""A demo (a session on a clock faster than real time) is counted nowhere: not as practice, not as a day with data;
the same session in real time still is."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from crest.breath.result import BreathResult, BreathWindow
from crest.insights.pain import change_per_session
from crest.insights.practice import (
    adherence,
    counts_as_practice,
    last_real_session_at,
    sessions_this_week,
    streak_days,
    weekly_totals,
)
from crest.insights.progress import progress_summary
from crest.insights.report import Period, report_data
from crest.journal.records import CheckIn, PainRating, PracticeSession
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side

NOW = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)  # a Wednesday
REAL = PracticeSession(
    started_at=NOW - timedelta(hours=2),
    planned_minutes=10,
    variant="standard",
    status=SessionStatus.COMPLETED,
    actual_seconds=600,
    id=1,
)
DEMO = replace(REAL, id=2, started_at=NOW - timedelta(days=1), demo=True)


def test_a_demo_is_no_practice_and_a_real_session_is() -> None:
    assert counts_as_practice(REAL)
    assert not counts_as_practice(DEMO)


def test_today_and_progress_count_only_the_real_session() -> None:
    sessions = [REAL, DEMO]
    assert sessions_this_week(sessions, UTC, NOW) == 1
    assert streak_days(sessions, UTC, NOW) == 1  # the demo yesterday makes no streak of two
    assert [(week.sessions, week.minutes) for week in weekly_totals(sessions, UTC, NOW, 1)] == [(1, 10)]
    practice = adherence(sessions, [], UTC, NOW, weekly_goal=3)
    assert (practice.sessions_7_days, practice.minutes_7_days, practice.days_with_data_30) == (1, 10, 1)


def test_only_demos_count_as_nothing() -> None:
    practice = adherence([DEMO], [], UTC, NOW, weekly_goal=3)
    assert (practice.sessions_28_days, practice.minutes_28_days, practice.days_with_data_30) == (0, 0, 0)


def test_the_report_counts_only_the_real_session() -> None:
    period = Period(date(2026, 5, 1), date(2026, 5, 6))
    data = report_data([REAL, DEMO], [], [], UTC, period, None, today=NOW.date())
    assert (data.practice.sessions, data.practice.minutes, data.practice.days_with_data) == (1, 10, 1)
    assert [(row.first_day, row.sessions) for row in data.table] == [(date(2026, 5, 6), 1)]


def test_the_last_real_session_is_the_latest_that_is_no_demo() -> None:
    newer_demo = replace(DEMO, started_at=NOW - timedelta(hours=1))
    assert last_real_session_at([REAL, newer_demo]) == REAL.started_at
    assert last_real_session_at([newer_demo]) is None


def _rated_before_and_after(session: PracticeSession, before: int, after: int) -> list[CheckIn]:
    return [
        CheckIn(
            at=session.started_at,
            timing=timing,
            session_id=session.id,
            pain=(PainRating(Region.HIP, score, Side.LEFT),),
        )
        for timing, score in ((CheckInTiming.BEFORE, before), (CheckInTiming.AFTER, after))
    ]


# The demo's ratings fell by 5, the real rest's by 1: only the real one is a change from before to after a rest.
RATED = _rated_before_and_after(REAL, 5, 4) + _rated_before_and_after(DEMO, 8, 3)


def test_the_change_from_before_to_after_leaves_the_demo_out() -> None:
    changes = progress_summary([REAL, DEMO], RATED, [], UTC, NOW, weekly_goal=3).before_after
    assert [(change.mean_change, change.sessions) for change in changes] == [(-1, 1)]
    period = Period(date(2026, 5, 1), date(2026, 5, 6))
    changes = report_data([REAL, DEMO], RATED, [], UTC, period, None, today=NOW.date()).before_after
    assert [(change.mean_change, change.sessions) for change in changes] == [(-1, 1)]
    assert [change.session for change in change_per_session([DEMO, REAL], RATED)] == [REAL]


def test_the_report_lists_no_demo_s_breath() -> None:
    # walk_breath M6: eight demo rests' breath readings were listed in the clinician report's "Breathing during
    # rests" beside the one real rest, unmarked, while its practice counted the real sessions only.
    breath = BreathResult((BreathWindow(0.0, 30.0, 12.0),), ())
    period = Period(date(2026, 5, 1), date(2026, 5, 6))
    sessions = [replace(REAL, breath=breath), replace(DEMO, breath=breath)]
    breaths = report_data(sessions, RATED, [], UTC, period, None, today=NOW.date()).breaths
    assert [one.started_at for one in breaths] == [REAL.started_at]
