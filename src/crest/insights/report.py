"""The numbers of the clinician report for one period: practice, pain per place with its verdict, before/after,
PSFS, the person's notes when they choose to share them, and a data table. Pure: records in, numbers out."""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from fractions import Fraction

from crest.breath.result import BreathResult
from crest.counting import counted
from crest.errors import CrestError
from crest.insights.pain import (
    PainTrend,
    Place,
    PlaceChange,
    Rating,
    Window,
    change_by_place,
    every_week,
    median_of_days,
    pain_trends,
    series_by_place,
    weekly_medians,
)
from crest.insights.practice import WeeklyTarget, counts_as_practice, goal_target, since_start_words
from crest.insights.psfs import PsfsChange, psfs_change
from crest.insights.reader import Reader
from crest.journal.plausibility import EARLIEST
from crest.journal.records import CheckIn, PracticeSession, PsfsAssessment, SafetyClearance, SafetyScreen
from crest.journal.vocabulary import Comparison, SessionStatus
from crest.moments import day_text
from crest.safety.screen import may_clear, yes_answers

DAILY_ROWS_UP_TO_DAYS = 56  # a longer period is tabulated week by week
FULL_WEEK_DAYS = 7  # a weekly rate needs a week of use behind it: one day times seven says nothing


class InvalidPeriod(CrestError):
    """A report period that ends before it starts; each door names its own fields for the two days (`named`)."""

    def __init__(self, first: date, last: date, fields: str = "the first and the last day") -> None:
        super().__init__(
            f"the report would end on {day_text(last)}, before it starts on {day_text(first)}; check {fields}"
        )
        self.first, self.last = first, last

    def named(self, fields: str) -> "InvalidPeriod":
        """The same refusal in the words of a door: '--since and --until' in the terminal."""
        return InvalidPeriod(self.first, self.last, fields)


class PeriodOutsideRecords(CrestError):
    """A report period with a day after today, or before 2000 (when records begin): days not yet lived, or lived
    before any record could be, would count as days without practice."""


@dataclass(frozen=True)
class Period:
    first_day: date  # local days, both included
    last_day: date

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def contains(self, moment: datetime, zone: tzinfo) -> bool:
        return self.first_day <= moment.astimezone(zone).date() <= self.last_day

    def has_ended(self, today: date) -> bool:
        """Whether no day of it is left to come: then a count over too few days is not 'yet' too few."""
        return self.last_day < today


@dataclass(frozen=True)
class Practice:
    sessions: int  # sessions that lasted at least a minute
    minutes: int
    variants: tuple[tuple[str, int], ...]  # variant and its sessions, most used first
    days_with_data: int  # days with a session or a check-in
    target: WeeklyTarget | None
    first_day: date | None = None  # the first day with a session or a check-in; None: none in the period
    # Set when the target began after the first day in use: the days from its start to the period's end and the
    # sessions in them, which alone are held against it (days before it are shown without a target)
    target_days: int | None = None
    sessions_since_target: int = 0
    ended_early: int = 0  # of `sessions`: the person ended the rest before its planned time
    interrupted: int = 0  # of `sessions`: stopped by something else (crest or the computer stopped during it)

    @property
    def cut_short_words(self) -> str | None:
        """'3 of 42 (2 ended early, 1 interrupted)'; None when every session ran its planned time. Shown only as
        fewer minutes, a rest stopped after 6 of 15 minutes went unseen (walk s54 L1)."""
        cut_short = self.ended_early + self.interrupted
        if not cut_short:
            return None
        kinds = [
            f"{count} {kind}"
            for count, kind in ((self.ended_early, "ended early"), (self.interrupted, "interrupted"))
            if count
        ]
        return f"{cut_short} of {self.sessions} ({', '.join(kinds)})"

    def since_target_words(self, period: Period, reader: Reader) -> str | None:
        """`since_start_words` over the days from the target's start to the period's end; None when the target
        covers every day in use."""
        if self.target is None or self.target_days is None:
            return None
        return since_start_words(self.sessions_since_target, self.target_days, self.target, reader, period.last_day)

    def days_in_use(self, period: Period) -> int:
        """Days from the first with a record to the end of the period (0 without any record)."""
        return 0 if self.first_day is None else (period.last_day - self.first_day).days + 1

    def sessions_per_week(self, period: Period) -> Fraction | None:
        """Sessions a week over the days in use; None before a full week of them (never extrapolated)."""
        days = self.days_in_use(period)
        return None if days < FULL_WEEK_DAYS else Fraction(self.sessions * 7, days)

    def first_days(self, period: Period, ended: bool = False) -> str:
        """'the first day', 'the first 4 days': what a count is over while it is too early for a weekly rate; '1 day',
        '4 days' once the period has `ended`, as no days follow them."""
        days = self.days_in_use(period)
        if ended:
            return counted(days, "day")
        return "the first day" if days == 1 else f"the first {days} days"


@dataclass(frozen=True)
class TableRow:
    first_day: date  # a day, or the Monday-aligned start of a week
    last_day: date
    sessions: int
    minutes: int
    check_ins: int
    pain: tuple[Fraction | None, ...]  # per place of `ReportData.table_places`: the median of its days (median_of_days)


@dataclass(frozen=True)
class Note:
    at: datetime
    text: str


@dataclass(frozen=True)
class SessionBreath:
    """A session's breath reading, as the report lists it: feedback on relaxation, not a measure of health."""

    started_at: datetime
    result: BreathResult  # its lines are worded for the report's reader


@dataclass(frozen=True)
class ReportData:
    period: Period
    practice: Practice
    trends: tuple[PainTrend, ...]
    weekly_pain: tuple[tuple[Place, tuple[Window, ...]], ...]  # calendar weeks, for the chart; as `trends`
    before_after: tuple[PlaceChange, ...]
    psfs: PsfsChange
    psfs_rounds: tuple[PsfsAssessment, ...]
    notes: tuple[Note, ...] | None  # None: the person chose not to include them
    table_places: tuple[Place, ...]
    table: tuple[TableRow, ...]
    table_by_week: bool
    breaths: tuple[SessionBreath, ...] = ()  # sessions whose breath the camera read, oldest first
    highest: tuple[tuple[Place, Rating], ...] = ()  # each place's worst rating in the period; as `trends`
    # When a check-in of the period said the pain was worse than before the session: a rise the numbers may not
    # show (a 9 after a 9), which no summary named (walk s54 L2). Information, as the person said it.
    felt_worse: tuple[datetime, ...] = ()


def report_data(
    sessions: Sequence[PracticeSession],
    check_ins: Sequence[CheckIn],
    assessments: Sequence[PsfsAssessment],
    zone: tzinfo,
    period: Period,
    weekly_goal: int | None,
    prescription: WeeklyTarget | None = None,
    include_notes: bool = False,
    *,
    today: date,
    goal_chosen: bool = False,
) -> ReportData:
    """Everything inside `period`; verdicts compare the period's first week with ratings against its last. `today`
    ends the week still under way (a period may reach past it)."""
    in_sessions = [s for s in sessions if period.contains(s.started_at, zone)]
    in_check_ins = [c for c in check_ins if period.contains(c.at, zone)]
    in_psfs = tuple(a for a in assessments if period.contains(a.at, zone))
    trends = tuple(pain_trends(in_check_ins, zone))
    series = series_by_place(in_check_ins)
    places = tuple(trend.place for trend in trends)
    by_week = period.days > DAILY_ROWS_UP_TO_DAYS
    notes = tuple(Note(c.at, c.note) for c in in_check_ins if c.note is not None) if include_notes else None
    return ReportData(
        period=period,
        practice=_practice(
            in_sessions, in_check_ins, zone, period, prescription, goal_target(weekly_goal, goal_chosen)
        ),
        trends=trends,
        weekly_pain=tuple((one.place, weekly_medians(one, zone, today)) for one in series),
        # every session: a pair of the period's check-ins counts whichever day its session began (if no demo)
        before_after=tuple(change_by_place(sessions, in_check_ins)),
        psfs=psfs_change(in_psfs),
        psfs_rounds=in_psfs,
        notes=notes,
        table_places=places,
        table=tuple(_table(in_sessions, in_check_ins, places, zone, period, by_week)),
        table_by_week=by_week,
        # a demo's breath is no rest's: left out as its practice is (the Journal shows it, marked a demo)
        breaths=tuple(
            SessionBreath(s.started_at, s.breath) for s in in_sessions if s.breath is not None and not s.demo
        ),
        highest=tuple((one.place, one.highest) for one in series),
        felt_worse=tuple(c.at for c in in_check_ins if c.compared_with_before is Comparison.WORSE),
    )


def _practice(
    sessions: Sequence[PracticeSession],
    check_ins: Sequence[CheckIn],
    zone: tzinfo,
    period: Period,
    prescription: WeeklyTarget | None,
    goal: WeeklyTarget | None,
) -> Practice:
    practised = [s for s in sessions if counts_as_practice(s)]
    # As in `adherence`: a demo is no data on the person's practice, its check-ins count on their own.
    days = {s.started_at.astimezone(zone).date() for s in sessions if not s.demo}
    days |= {c.at.astimezone(zone).date() for c in check_ins}
    target = prescription or goal
    first_day = min(days, default=None)
    begun = None if target is None else target.starts_on
    if begun is not None and begun > period.last_day:
        target, begun = None, None  # it began after the period: none of it is held against it
    young = begun if begun is not None and first_day is not None and begun > first_day else None
    return Practice(
        sessions=len(practised),
        minutes=round(sum(s.actual_seconds for s in practised) / 60),
        variants=tuple(Counter(s.variant for s in practised).most_common()),
        days_with_data=len(days),
        target=target,
        first_day=first_day,
        target_days=None if young is None else (period.last_day - young).days + 1,
        sessions_since_target=sum(
            1 for s in practised if young is not None and s.started_at.astimezone(zone).date() >= young
        ),
        ended_early=sum(1 for s in practised if s.status is SessionStatus.ENDED_EARLY),
        interrupted=sum(1 for s in practised if s.status is SessionStatus.INTERRUPTED),
    )


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _table(
    sessions: Sequence[PracticeSession],
    check_ins: Sequence[CheckIn],
    places: tuple[Place, ...],
    zone: tzinfo,
    period: Period,
    by_week: bool,
) -> list[TableRow]:
    def row_of(moment: datetime) -> date:
        day = moment.astimezone(zone).date()
        return max(_week_start(day), period.first_day) if by_week else day

    session_rows: dict[date, list[PracticeSession]] = defaultdict(list)
    for session in sessions:
        if counts_as_practice(session):
            session_rows[row_of(session.started_at)].append(session)
    check_in_rows: dict[date, list[CheckIn]] = defaultdict(list)
    for check_in in check_ins:
        check_in_rows[row_of(check_in.at)].append(check_in)
    recorded = sorted(set(session_rows) | set(check_in_rows))
    if by_week and recorded:
        # A week between with no record keeps its row, of noughts and no medians: the table went from one week to
        # the week after the next as if none were missing, the chart's gap the only sign (walk s54 M3).
        recorded = [max(monday, period.first_day) for monday in every_week(recorded[0], recorded[-1])]
    rows = []
    for first in recorded:
        last = min(_week_start(first) + timedelta(days=6), period.last_day) if by_week else first
        rated: dict[Place, list[tuple[date, int]]] = defaultdict(list)
        for check_in in check_in_rows[first]:
            for rating in check_in.pain:
                rated[Place(rating.region, rating.side)].append((check_in.at.astimezone(zone).date(), rating.score))
        rows.append(
            TableRow(
                first_day=first,
                last_day=last,
                sessions=len(session_rows[first]),
                minutes=round(sum(s.actual_seconds for s in session_rows[first]) / 60),
                check_ins=len(check_in_rows[first]),
                pain=tuple(median_of_days(rated[place]) for place in places),
            )
        )
    return rows


def period_of(
    sessions: Sequence[PracticeSession],
    check_ins: Sequence[CheckIn],
    assessments: Sequence[PsfsAssessment],
    zone: tzinfo,
    now: datetime,
    since: date | None,
    until: date | None,
) -> Period:
    """The chosen period; without a start, from the first day with a record (or today when there is none). A day
    after today is refused: days not yet lived would count as days without practice.

    A daily activities round is a record too: the first is often rated at the clinic before the first rest, and a
    period from the first rest left it out, so the report compared the second round with the latest ("6.0 → 6.0, no
    change") where Progress said "2.5 → 6.0, easier" (walk-through H1)."""
    today = now.astimezone(zone).date()
    for day, end in ((since, "start"), (until, "end")):
        if day is not None and day > today:
            raise PeriodOutsideRecords(f"the {end} {day} is after today ({today}); choose a day up to today")
        if day is not None and day < EARLIEST.date():  # decades of empty days would read as no practice
            raise PeriodOutsideRecords(
                f"the {end} {day} is before 2000, when crest's records begin; choose a later day"
            )
    last = until or today
    if since is not None:
        first = since
    else:
        moments = [s.started_at for s in sessions] + [c.at for c in check_ins] + [a.at for a in assessments]
        first = min(moments).astimezone(zone).date() if moments else last
    if last < first:
        raise InvalidPeriod(first, last)
    return Period(first, last)


@dataclass(frozen=True)
class Concern:
    """One advice that stands (urgent care, or see a clinician) and the signs behind it, each under its own advice."""

    advice: str
    reasons: tuple[str, ...]  # where each sign came from


@dataclass(frozen=True)
class SafetySummary:
    """What crest advised and where each warning sign came from: a "yes" to a safety question, or a check-in that
    named one (the note's own words stay out)."""

    answered_at: datetime | None  # the latest safety answers; None: never answered, but a check-in named a sign
    advice: str
    answered_yes: tuple[tuple[str, str], ...]  # (question, its source) for each "yes"
    named_in_check_ins: tuple[tuple[str, str], ...] = ()  # (where the sign came from, its sources)
    # while a concern stands (no session advised): each advice with the signs behind it, the most serious first;
    # "In short" names them
    concerns: tuple[Concern, ...] = ()


@dataclass(frozen=True)
class YesGiven:
    """A "yes" to a safety question given in the report's period, whether or not it stands now: later answers of
    "no", or a clinician's all-clear, do not undo that it was given."""

    question: str
    source: str
    answered_at: datetime
    cleared_by: SafetyClearance | None  # the first all-clear recorded after it that covers it


def yes_given(
    screens: Sequence[SafetyScreen], clearances: Sequence[SafetyClearance], period: Period, zone: tzinfo
) -> tuple[YesGiven, ...]:
    """Every "yes" of the answers given in `period`, oldest first, each with the all-clear that covered it."""
    ordered_clearances = sorted(clearances, key=lambda clearance: clearance.recorded_at)
    given = []
    for screen in sorted(screens, key=lambda screen: screen.answered_at):
        if not period.contains(screen.answered_at, zone):
            continue
        for question in yes_answers(screen.answers):
            covering = (
                clearance
                for clearance in ordered_clearances
                if may_clear(question)
                and question.id in clearance.question_ids
                and clearance.recorded_at >= screen.answered_at
            )
            given.append(YesGiven(question.text, question.source, screen.answered_at, next(covering, None)))
    return tuple(given)


@dataclass(frozen=True)
class ClinicianReport:
    data: ReportData
    generated_at: datetime
    zone_name: str
    safety: SafetySummary | None  # None: the safety questions were never answered, and no check-in named a sign
    disclaimer: str
    client_name: str | None = None  # practice mode: the client the practitioner reads about; None: "the person"
    # Warning signs check-ins of the period named that no longer stand (their wait over and fresh answers given):
    # (where each came from, its sources). Gone from the safety section, they were gone from the report too.
    earlier_signs: tuple[tuple[str, str], ...] = ()
    # Every "yes" to a safety question given in the period, oldest first: the safety section's answers are only
    # what stands now, so a "yes" later answered "no" (or cleared) was missing from the report of its own period.
    yes_in_period: tuple[YesGiven, ...] = ()
    # The prescription of the period in words, with who wrote it; None: none. The target alone ("target 10, the
    # prescription") hid what was asked: the variant, the minutes, how many a day, from when.
    prescribed: str | None = None
