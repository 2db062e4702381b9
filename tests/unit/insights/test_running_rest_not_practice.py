"""A rest still running is not practice done (walk s56 L5): a report made a minute into a terminal rest said
"2 sessions (6 min)" and "Variants standard 2" while the Journal said the rest was "In progress". It counts once it
has ended, or been interrupted with the time it rested, on Progress and in the report alike."""

from datetime import UTC, date, datetime, timedelta

import pytest

from crest.insights.practice import adherence, counts_as_practice
from crest.insights.report import Period, report_data
from crest.journal.records import PracticeSession
from crest.journal.vocabulary import SessionStatus

NOW = datetime(2026, 12, 8, 0, 17, tzinfo=UTC)
# at 00:17: a 5-minute rest from 00:01, and a 10-minute one begun at 00:15, 65 seconds saved so far
DONE = PracticeSession(NOW - timedelta(minutes=16), 5, "standard", SessionStatus.COMPLETED, actual_seconds=300, id=1)
RUNNING = PracticeSession(NOW - timedelta(minutes=2), 10, "standard", SessionStatus.RUNNING, actual_seconds=65, id=2)


@pytest.mark.parametrize(
    ("status", "counted"),
    [
        (SessionStatus.RUNNING, False),
        (SessionStatus.COMPLETED, True),
        (SessionStatus.ENDED_EARLY, True),
        (SessionStatus.INTERRUPTED, True),
    ],
)
def test_only_a_rest_that_has_ended_counts_as_practice(status: SessionStatus, counted: bool) -> None:
    assert counts_as_practice(PracticeSession(NOW, 10, "standard", status, actual_seconds=65)) is counted


def test_the_report_counts_the_finished_session_and_not_the_running_one() -> None:
    today = date(2026, 12, 8)
    data = report_data([DONE, RUNNING], [], [], UTC, Period(today, today), 7, today=today)
    assert (data.practice.sessions, data.practice.minutes) == (1, 5)
    assert data.practice.variants == (("standard", 1),)
    assert [(row.sessions, row.minutes) for row in data.table] == [(1, 5)]


def test_progress_counts_the_finished_session_and_no_short_rest_while_one_runs() -> None:
    practice = adherence([DONE, RUNNING], [], UTC, NOW, weekly_goal=7)
    assert (practice.sessions_7_days, practice.minutes_7_days) == (1, 5)
    assert practice.short_rests_28_days == 0  # running for a minute and more is no rest "under a minute"
