"""How much a person practises: streaks, this week, and totals week by week."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from crest.insights.timeframe import start_of_week
from crest.journal.records import PracticeSession

# A session cut short within its first minute does not count towards a streak.
STREAK_MIN_SECONDS = 60


@dataclass(frozen=True)
class WeekTotal:
    starts: datetime  # Monday 00:00, local time
    sessions: int
    minutes: int


def streak_days(sessions: Sequence[PracticeSession], zone: tzinfo, now: datetime) -> int:
    """Days in a row, up to today (or yesterday), with at least one session that was not cut short at once."""
    days = {s.started_at.astimezone(zone).date() for s in sessions if s.actual_seconds >= STREAK_MIN_SECONDS}
    day = now.astimezone(zone).date()
    if day not in days:
        day -= timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def sessions_this_week(sessions: Sequence[PracticeSession], zone: tzinfo, now: datetime) -> int:
    monday = start_of_week(now, zone)
    return sum(1 for session in sessions if session.started_at >= monday)


def weekly_totals(sessions: Sequence[PracticeSession], zone: tzinfo, now: datetime, weeks: int) -> list[WeekTotal]:
    """The last `weeks` weeks, oldest first, this week included."""
    this_week = start_of_week(now, zone)
    totals = []
    for weeks_back in range(weeks - 1, -1, -1):
        start = this_week - timedelta(weeks=weeks_back)
        end = start + timedelta(weeks=1)
        week = [s for s in sessions if start <= s.started_at < end]
        totals.append(WeekTotal(start, len(week), round(sum(s.actual_seconds for s in week) / 60)))
    return totals
