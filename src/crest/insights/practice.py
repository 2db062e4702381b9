"""How much a person practises: streaks, this week, totals week by week, and adherence to a weekly target."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from crest.counting import counted
from crest.insights.reader import Reader
from crest.insights.timeframe import start_of_day, start_of_week
from crest.journal.records import CheckIn, PracticeSession
from crest.moments import day_in_year

# What counts as a session of practice wherever sessions are counted (Today, Progress and its charts, the report,
# `crest progress`): at least a minute rested, whatever its status, on a clock that ran in real time. One stopped
# within its first minute (a wrong tap, a phone call) was no rest, and counting it would let Today and Progress
# disagree; an interrupted one (a tab closed after ten minutes) was a rest up to where it stopped. A demo (`--speed`,
# `?speed=`) is kept for its check-ins, but its "10 min" passed in seconds.
PRACTICE_MIN_SECONDS = 60
PRACTICE_RULE = "at least a minute each"  # the rule in words, beside the counts a person reads
DEMO_WORDS = "run faster than real time, not counted as practice"  # beside a demo wherever the journal lists it
# Said as a demo ends, in the browser and the terminal alike; {speed} is the clock's speed ("60").
DEMO_ENDED = "This was a demo at {speed} times real time: the journal keeps it as a demo, never counted as practice."
DAYS_WITH_DATA_WINDOW = 30  # "days with data in the last 30", the yardstick clinicians read


DEFAULT_WEEKLY_GOAL = 7  # sessions a week: CRP daily, until the person chooses a goal in Settings
# The default in words at every door that says it (Progress, `crest progress`, Today, the report): "your weekly
# goal: 7" to someone who never set one read as a goal they had chosen (walk-through "is it helping?" L4).
SUGGESTED_GOAL = "crest's suggested weekly goal"
SET_YOUR_OWN_GOAL = "set your own in Settings"  # beside it, to the person: the one place a goal is chosen
# The same, said in a terminal: crest has no command for the goal, and "Settings" is a page of the web app.
SET_YOUR_OWN_GOAL_IN_TERMINAL = "set your own on the Settings page, which `crest serve` opens"


class TargetSource(StrEnum):
    WEEKLY_GOAL = "weekly_goal"  # the person's own goal in Settings
    DEFAULT_GOAL = "default_goal"  # Settings' goal left to crest: nobody chose it
    PRESCRIPTION = "prescription"  # a clinician's prescription (practice mode)

    def label(self, reader: Reader = Reader.PERSON) -> str:
        """'your weekly goal' (to their clinician, 'their own'), or crest's suggestion where nobody chose one."""
        if self is TargetSource.PRESCRIPTION:
            return "your prescription" if reader is Reader.PERSON else "the prescription"
        if self is TargetSource.DEFAULT_GOAL:
            return SUGGESTED_GOAL
        return "your weekly goal" if reader is Reader.PERSON else "their own weekly goal"


@dataclass(frozen=True)
class WeeklyTarget:
    sessions: int
    source: TargetSource
    # The local day it began (a prescription's start); None: it has no start (the person's own goal). Days before
    # it are not held against it: a prescription made today says nothing of last week.
    starts_on: date | None = None
    # A prescription that changed an earlier one: `starts_on` is the day of the change, the days before it were
    # under the version it replaced
    changed: bool = False


def since_start_words(sessions: int, days: int, target: WeeklyTarget, reader: Reader, today: date) -> str:
    """'3 sessions in the 2 days since the prescription began on 5 Dec, against about 2.3 for 8 a week over those
    days': the count over the days the target covers, beside the target prorated to them."""
    assert target.starts_on is not None
    expected = f"about {target.sessions * days / 7:.1f} for {target.sessions} a week"
    done, began, whose = counted(sessions, "session"), day_in_year(target.starts_on, today), target.source.label(reader)
    verb = "was changed" if target.changed else "began"
    if days == 1:
        return f"{done} on {began}, the day {whose} {verb}, against {expected}"
    return f"{done} in the {days} days since {whose} {verb} on {began}, against {expected} over those days"


def goal_target(weekly_goal: int | None, chosen: bool = False) -> WeeklyTarget | None:
    """The person's weekly goal as a target, said as crest's suggestion unless they `chose` it. Settings keeps
    whether they did: 7 is crest's suggestion and a goal a person may choose alike; any other was chosen."""
    if weekly_goal is None:
        return None
    own = chosen or weekly_goal != DEFAULT_WEEKLY_GOAL
    return WeeklyTarget(weekly_goal, TargetSource.WEEKLY_GOAL if own else TargetSource.DEFAULT_GOAL)


@dataclass(frozen=True)
class Adherence:
    sessions_7_days: int
    minutes_7_days: int
    sessions_28_days: int
    minutes_28_days: int
    days_with_data_30: int  # local days, today included, with a session or a check-in
    target: WeeklyTarget | None
    # Set when the target began within the last 7 days: the days since it began (today included) and the sessions
    # in them, which are what is held against it
    target_days: int | None = None
    sessions_since_target: int = 0
    today: date | None = None
    # Rests in the last 28 days stopped within their first minute (demos aside): kept, not counted as practice
    short_rests_28_days: int = 0

    @property
    def share_of_target_7_days(self) -> float | None:
        """Sessions in the last 7 days as a share of the weekly target (1.0 is on target)."""
        if self.target is None or self.target.sessions <= 0:
            return None
        return self.sessions_7_days / self.target.sessions

    def target_words(self, reader: Reader) -> str | None:
        """The last 7 days against the target: '6 of 8 in the last 7 days', or while the target is younger than
        a week, only the days since it began (`since_start_words`)."""
        if self.target is None:
            return None
        if self.target_days is None or self.today is None:
            return f"{self.sessions_7_days} of {self.target.sessions} in the last 7 days"
        return since_start_words(self.sessions_since_target, self.target_days, self.target, reader, self.today)


@dataclass(frozen=True)
class WeekTotal:
    starts: datetime  # Monday 00:00, local time
    sessions: int
    minutes: int


def counts_as_practice(session: PracticeSession) -> bool:
    """A rest of a minute or more that has ended (interrupted ones with the time they rested), not a demo: one still
    running is "In progress" in the Journal, so Progress and the report count it once it ends."""
    return session.status.finished and session.actual_seconds >= PRACTICE_MIN_SECONDS and not session.demo


def last_real_session_at(sessions: Sequence[PracticeSession]) -> datetime | None:
    """When the latest session on a clock in real time started: a demo, kept and shown, says nothing of when the
    person last rested."""
    return max((session.started_at for session in sessions if not session.demo), default=None)


def streak_days(sessions: Sequence[PracticeSession], zone: tzinfo, now: datetime) -> int:
    """Days in a row, up to today (or yesterday), with at least one session of practice."""
    days = {s.started_at.astimezone(zone).date() for s in sessions if counts_as_practice(s)}
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
    return sum(1 for session in sessions if session.started_at >= monday and counts_as_practice(session))


def weekly_totals(sessions: Sequence[PracticeSession], zone: tzinfo, now: datetime, weeks: int) -> list[WeekTotal]:
    """The last `weeks` weeks, oldest first, this week included: the sessions of practice in each and their minutes."""
    this_week = start_of_week(now, zone)
    practised = [s for s in sessions if counts_as_practice(s)]
    totals = []
    for weeks_back in range(weeks - 1, -1, -1):
        start = this_week - timedelta(weeks=weeks_back)
        end = start + timedelta(weeks=1)
        week = [s for s in practised if start <= s.started_at < end]
        totals.append(WeekTotal(start, len(week), round(sum(s.actual_seconds for s in week) / 60)))
    return totals


def adherence(
    sessions: Sequence[PracticeSession],
    check_ins: Sequence[CheckIn],
    zone: tzinfo,
    now: datetime,
    weekly_goal: int | None,
    prescription: WeeklyTarget | None = None,
    *,
    goal_chosen: bool = False,
) -> Adherence:
    """Practice in the last 7 and 28 local days and days with data in the last 30, against the prescription when
    there is one (practice mode passes it), else against the person's weekly goal (`goal_target`)."""
    today = now.astimezone(zone).date()

    def since(days: int) -> datetime:
        return start_of_day(today - timedelta(days=days - 1), zone)

    practised = [s for s in sessions if counts_as_practice(s) and s.started_at <= now]
    last_7 = [s for s in practised if s.started_at >= since(7)]
    last_28 = [s for s in practised if s.started_at >= since(28)]
    window = since(DAYS_WITH_DATA_WINDOW)
    # A demo is no data on the person's practice; its check-ins, which are, count on their own.
    days = {s.started_at.astimezone(zone).date() for s in sessions if window <= s.started_at <= now and not s.demo}
    days |= {c.at.astimezone(zone).date() for c in check_ins if window <= c.at <= now}
    target = prescription or goal_target(weekly_goal, goal_chosen)
    begun = None if target is None else target.starts_on
    if begun is not None and begun > today:
        target, begun = None, None  # not begun yet: nothing to hold against it
    # A target begun within the last 7 days is held against those days alone
    young = begun if begun is not None and begun > today - timedelta(days=6) else None
    return Adherence(
        sessions_7_days=len(last_7),
        minutes_7_days=round(sum(s.actual_seconds for s in last_7) / 60),
        sessions_28_days=len(last_28),
        minutes_28_days=round(sum(s.actual_seconds for s in last_28) / 60),
        days_with_data_30=len(days),
        target=target,
        target_days=None if young is None else (today - young).days + 1,
        sessions_since_target=0
        if young is None
        else sum(1 for s in last_7 if s.started_at >= start_of_day(young, zone)),
        today=today,
        short_rests_28_days=sum(
            1
            for s in sessions
            if since(28) <= s.started_at <= now and s.status.finished and not s.demo and not counts_as_practice(s)
        ),
    )
