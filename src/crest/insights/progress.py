"""Is it helping? Pain per place, practice against a target, before/after a session and daily life, in plain words
with the numbers beside them and the source of every threshold one line away. Pure: records in, summary out."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from fractions import Fraction
from math import floor
from typing import Any

from crest.counting import counted
from crest.errors import CrestError
from crest.insights.pain import PainTrend, PlaceChange, Window, change_by_place, pain_trends
from crest.insights.practice import (
    DAYS_WITH_DATA_WINDOW,
    PRACTICE_RULE,
    SET_YOUR_OWN_GOAL,
    Adherence,
    TargetSource,
    WeeklyTarget,
    adherence,
)
from crest.insights.psfs import ActivityChange, PsfsChange, psfs_change
from crest.insights.reader import Reader, sentence, spoken_of
from crest.insights.verdicts import (
    MIN_DAYS_PER_WINDOW,
    PAIN_RULE,
    PAIN_SOURCE,
    PSFS_MEAN_CHANGE_POINTS,
    PSFS_MEDIUM_MID_POINTS,
    PSFS_MID_SOURCE,
    PSFS_ONE_ACTIVITY_POINTS,
    PSFS_RULE,
    PSFS_SOURCE,
    Source,
    Verdict,
)
from crest.journal.records import CheckIn, PracticeSession, PsfsAssessment
from crest.moments import day_text


class StartAfterToday(CrestError):
    """A chosen start that has not come yet: nothing could be compared from it."""


@dataclass(frozen=True)
class Line:
    """One sentence for a person, with the source of the threshold it applies (if any)."""

    text: str
    source: Source | None = None


@dataclass(frozen=True)
class ProgressSummary:
    start: date | None  # the chosen start, or None: from the first week with ratings
    trends: tuple[PainTrend, ...]  # the most recently rated place first
    adherence: Adherence
    before_after: tuple[PlaceChange, ...]
    psfs: PsfsChange
    demo_kept: bool  # the journal holds a demo session, left out of before/after


def progress_summary(
    sessions: Sequence[PracticeSession],
    check_ins: Sequence[CheckIn],
    assessments: Sequence[PsfsAssessment],
    zone: tzinfo,
    now: datetime,
    weekly_goal: int | None,
    prescription: WeeklyTarget | None = None,
    start: date | None = None,
    *,
    goal_chosen: bool = False,
) -> ProgressSummary:
    """`start` (a local day) moves the baseline to the 7 days before it; before/after then counts from it."""
    today = now.astimezone(zone).date()
    if start is not None and start > today:
        raise StartAfterToday(
            f"the start {start.isoformat()} is after today ({today.isoformat()}); choose a day up to today"
        )
    start_moment = None if start is None else datetime.combine(start, time(0), tzinfo=zone)
    recent_check_ins = check_ins if start_moment is None else [c for c in check_ins if c.at >= start_moment]
    return ProgressSummary(
        start=start,
        trends=tuple(pain_trends(check_ins, zone, start)),
        adherence=adherence(sessions, check_ins, zone, now, weekly_goal, prescription, goal_chosen=goal_chosen),
        before_after=tuple(change_by_place(sessions, recent_check_ins)),
        psfs=psfs_change(assessments, start_moment),
        demo_kept=any(session.demo for session in sessions),
    )


def points(value: Fraction | float) -> str:
    """One decimal, a half rounded away from zero: a median of 6.25 is 6.3, as a clinician rounding by hand or a
    spreadsheet's ROUND has it (Python's formatting rounds a half to even: 6.25 read 6.2 beside 6.75 read 6.8)."""
    size = _tenths(value)
    return f"-{size}" if value < 0 and size != "0.0" else size  # a value that rounds to nothing has no sign


def signed(value: Fraction | float) -> str:
    """'+0.4', '-1.3'; a value that rounds to nothing reads as nothing did, '+0.0', never '-0.0'."""
    shown = points(value)
    return shown if shown.startswith("-") else f"+{shown}"


def _tenths(value: Fraction | float) -> str:
    """The size of `value` to one decimal, a half rounded up: '6.3' for 6.25 and for -6.25."""
    tenths = floor(abs(Fraction(value)) * 10 + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}"


_PAIN_MEANING = {
    Verdict.BETTER: "a fall that usually matters",
    Verdict.NO_CLEAR_CHANGE: "no clear change yet",
}
_WORSE_ADVICE = {
    Reader.PERSON: "a rise of 2 points or more; worth mentioning to your clinician",
    Reader.CLINICIAN: "a rise of 2 points or more; worth a closer look",
}


def trend_line(trend: PainTrend, reader: Reader = Reader.PERSON, ended: bool = False) -> Line:
    """'lower back: 6.5 → 3.0 over 5 weeks, a fall that usually matters'. `ended`: the ratings are those of a
    period that is over (the report's, `Period.has_ended`), which no later rating will join: none is 'yet'."""
    where = trend.place.label
    if trend.verdict is Verdict.NOT_ENOUGH_DATA:
        # Days, not ratings: what the verdict waits for (MIN_DAYS_PER_WINDOW). In the first week there is no later
        # week: "so far 3 and 0" read as if the week had been counted twice.
        first = f"rated on {counted(trend.baseline.days, 'day')} in the first week"
        counts = (
            f"{first}, and no later week {'in this period' if ended else 'yet'}"
            if trend.latest is None
            else f"{first} and {counted(trend.latest.days, 'day')} in the latest{' in this period' if ended else ''}"
        )
        # The level still matters with no verdict: a new place rated 7 in the report read like one of no concern.
        # Its day too: a place no longer rated kept its rating of weeks ago, read as today's pain.
        level = f"latest rating {trend.last_score}/10 on {day_text(trend.last_rated_on)}"
        # A first week before a chosen start is over: "yet" read as if waiting would fill it (walk s54 L3).
        over = trend.fixed_baseline and not trend.baseline.enough
        choose = (
            "; the first week, the 7 days before the day you compare from, is over: choose another day to compare from"
            if over and reader is Reader.PERSON
            else ""
        )
        return Line(
            f"{where}: {level}; not enough ratings {'' if ended or over else 'yet '}to compare "
            f"({counts}; a verdict needs ratings on {MIN_DAYS_PER_WINDOW} days in each){choose}",
            PAIN_SOURCE,
        )
    assert trend.baseline.median is not None and trend.latest is not None and trend.latest.median is not None
    numbers = f"{points(trend.baseline.median)} → {points(trend.latest.median)} over {counted(trend.weeks, 'week')}"
    meaning = _WORSE_ADVICE[reader] if trend.verdict is Verdict.WORSE else _PAIN_MEANING[trend.verdict]
    return Line(f"{where}: {numbers}, {meaning}", PAIN_SOURCE)


def worse_week_line(trend: PainTrend) -> str | None:
    """'one week between was harder: median 9.0 (7 ratings on 7 days, 9 to 15 Nov 2026), against 5.5 in the first
    week and 3.5 in the latest': a flare that the first and latest weeks leave out, said beside the verdict with its
    numbers, as the chart shows it (walk-through: it showed only in the chart). None where no week between was."""
    week = trend.worse_week
    if week is None or week.median is None or trend.latest is None:
        return None
    assert trend.baseline.median is not None and trend.latest.median is not None
    return (
        f"one week between was harder: median {points(week.median)} ({window_basis(week)}), against "
        f"{points(trend.baseline.median)} in the first week and {points(trend.latest.median)} in the latest"
    )


def with_worse_week(line: Line, trend: PainTrend) -> Line:
    """A place's verdict for a clinician with the harder week between its two weeks, where there was one: the
    report's and the practitioner's page of the client alike, as Progress says it."""
    worse = worse_week_line(trend)
    return line if worse is None else Line(f"{line.text}; {worse}", line.source)


def worse_again(summary: ProgressSummary) -> str | None:
    """The places whose pain rose, said again at the end of the terminal's summary: it is longer than a terminal,
    and at 20 or 24 lines a "worse" at the top had scrolled away (walk-through "is it helping?" M1)."""
    worse = [trend.place.label for trend in summary.trends if trend.verdict is Verdict.WORSE]
    if not worse:
        return None
    places = ", ".join(worse)
    return f"{places[:1].upper()}{places[1:]}: {_WORSE_ADVICE[Reader.PERSON]} (above)."


def days_span(first: date, last: date) -> str:
    """'10 to 16 Nov 2026', '27 Nov to 3 Dec 2026', '6 Dec 2026' for one day."""
    if first == last:
        return day_text(first)
    if first.year != last.year:
        return f"{day_text(first)} to {day_text(last)}"
    start = f"{first.day}" if first.month == last.month else f"{first.day} {first:%b}"
    return f"{start} to {day_text(last)}"


def window_basis(window: Window, until: date | None = None) -> str:
    """What a week's median rests on, '3 ratings on 1 day, 28 Nov to 4 Dec 2026', in the same words on Progress, in
    crest progress and in the report's table. `until`: a report period's last day; a week it cuts short ends on its
    last rating up to that day (no day after it counted)."""
    last = window.last_day
    if until is not None and until < last:  # cut short, it ends on its last rating: '1 day, 6 to 7 Dec' read as two
        last = max((day for day, _ in window.rated if day <= until), default=until)
    return (
        f"{counted(len(window.scores), 'rating')} on {counted(window.days, 'day')}, {days_span(window.first_day, last)}"
    )


def trend_basis(trend: PainTrend) -> str:
    """Which weeks a place's verdict compares, and how many ratings on how many days each holds (walk-through M5:
    Progress said '8.0 → 2.0 over 1 week' and only the PDF said that each week was one sitting)."""
    latest = "none yet" if trend.latest is None else window_basis(trend.latest)
    # A first week still under way ends on its last rating: no day to come is named as counted.
    return f"first week: {window_basis(trend.baseline, trend.last_rated_on)}; latest week: {latest}"


def adherence_line(practice: Adherence, reader: Reader = Reader.PERSON, set_goal: str = SET_YOUR_OWN_GOAL) -> Line:
    """`set_goal`: where the person sets their own goal, beside crest's suggestion, in the words of their door."""
    if not practice.sessions_28_days and practice.short_rests_28_days:
        # Rests under a minute alone are said in words, as Today says them: "0 sessions (0 min)" beside a rest just
        # taken read as if it were lost
        counts = short_rests_words(practice.short_rests_28_days, reader)
    else:
        counts = (
            f"{counted(practice.sessions_7_days, 'session')} ({practice.minutes_7_days} min) in the last 7 days "
            f"({PRACTICE_RULE}), {practice.sessions_28_days} ({practice.minutes_28_days} min) in the last 28"
        )
    text = f"{counts}; days with a session or check-in: {practice.days_with_data_30} of {DAYS_WITH_DATA_WINDOW}"
    if practice.target is not None:
        suggested = practice.target.source is TargetSource.DEFAULT_GOAL and reader is Reader.PERSON
        text += (
            f"; {practice.target.source.label(reader)}: {counted(practice.target.sessions, 'session')} a week "
            f"({practice.target_words(reader)}{f'; {set_goal}' if suggested else ''})"
        )
    return Line(text)


def no_before_after(demo_kept: bool) -> str:
    """Said where no session has a place rated before and after it; a demo's ratings are left out (pain.py), which
    is said only where the journal holds a demo (`demo_kept`): a new user never ran one."""
    left_out = " (a demo is left out: its rest passes in seconds)" if demo_kept else ""
    return f"rate the same place before and after a session to see how one session changes it{left_out}"


def before_after_line(change: PlaceChange) -> Line:
    return Line(
        f"{change.place.label}: {signed(change.mean_change)} points on average from before to after a session "
        f"(negative is better), over {counted(change.sessions, 'session')}"
    )


_PSFS_NOT_YET = {
    (Reader.PERSON, False): "not rated yet; name up to five activities your back or hip makes hard",
    (Reader.PERSON, True): "rate the same activities again to see a change (every 14 days)",
    (Reader.CLINICIAN, False): "not rated yet",
    (Reader.CLINICIAN, True): "rated once so far; a change shows once the same activities are rated again",
}


# A report's period: the activities may well be rated before or after it, so nothing is "not ... yet" or "so far".
_PSFS_NOT_IN_PERIOD = {
    False: "not rated in this period",
    True: "rated once in this period, so no change to show",
}


def psfs_line(change: PsfsChange, reader: Reader = Reader.PERSON, of_period: bool = False) -> Line:
    """`of_period`: the rounds are those of a report's period, ended or not, and the person may have rated before or
    after it: a one-day report of today said 'not rated yet' of activities rated the day before."""
    if not change.measured:
        rated = change.baseline is not None
        said = _PSFS_NOT_IN_PERIOD[rated] if of_period else _PSFS_NOT_YET[reader, rated]
        return Line(f"daily activities (PSFS): {said}", PSFS_SOURCE)
    assert change.baseline_mean is not None and change.latest_mean is not None and change.mean_change is not None
    # With an activity added or dropped, the average is of those rated both times: "average 3.5 → 7.5" read as the
    # latest round's average, which the Activities page gives as 7.0 (walk-through "is it helping?" M2).
    both = f" of the {counted(len(change.activities), 'activity', 'activities')} rated both times"
    numbers = f"{points(change.baseline_mean)} → {points(change.latest_mean)} ({signed(change.mean_change)})"
    average = f"average{both if change.uncompared else ''} {numbers}"
    easier = "easier" if change.verdict is Verdict.BETTER else "harder"
    moved = ", ".join(f"{one.name} {one.baseline} → {one.latest} ({one.change:+d})" for one in _movers(change))
    if change.mean_changed_detectably:
        detects = "a change the scale detects in the average"
        what = f"{average}, {easier} by at least {PSFS_MEAN_CHANGE_POINTS} points, {detects}"
    elif change.verdict is not Verdict.NO_CLEAR_CHANGE:
        # One activity decided: say which, and that the average alone did not move enough.
        what = (
            f"{moved}, {easier} by at least {PSFS_ONE_ACTIVITY_POINTS} points, a change the scale detects in one "
            f"activity; the {average} moved less than the {PSFS_MEAN_CHANGE_POINTS} points it needs"
        )
    elif moved:
        what = f"{average}, no clear change: {moved} moved in opposite directions"
    else:
        what = f"{average}, no change the scale can tell from day-to-day variation yet"
    mid = "reaches" if change.reaches_medium_mid else "does not reach"
    others = "".join(f"; {one.name} not rated both times, so not compared" for one in change.uncompared)
    return Line(
        f"daily activities (PSFS): {what}; the average's change {mid} the medium important difference of "
        f"{points(PSFS_MEDIUM_MID_POINTS)} ({PSFS_MID_SOURCE.short}){others}",
        PSFS_SOURCE,
    )


def _movers(change: PsfsChange) -> tuple[ActivityChange, ...]:
    """The activities that moved by a detectable change in the verdict's direction (either way when none won)."""
    if change.verdict is Verdict.BETTER:
        return tuple(one for one in change.detectable_activities if one.change > 0)
    if change.verdict is Verdict.WORSE:
        return tuple(one for one in change.detectable_activities if one.change < 0)
    return change.detectable_activities


def headline(summary: ProgressSummary) -> Line | None:
    """The one most useful line (for Today): a clear pain change first, then daily life, then practice."""
    judged = [trend for trend in summary.trends if trend.verdict is not Verdict.NOT_ENOUGH_DATA]
    for verdict in (Verdict.WORSE, Verdict.BETTER):
        moved = [trend for trend in judged if trend.verdict is verdict]
        if moved:
            return trend_line(max(moved, key=lambda trend: abs(trend.change or Fraction(0))))
    if summary.psfs.verdict in (Verdict.BETTER, Verdict.WORSE):
        return psfs_line(summary.psfs)
    if judged:
        return trend_line(judged[0])
    practice = summary.adherence
    if practice.sessions_28_days:
        return adherence_line(practice)
    # Not a row of zeros, "0 sessions (0 min)": after a first rest of 9 seconds it was the first thing Today said
    # (first-day walk-through M4); what happened, in words.
    if practice.short_rests_28_days:
        return Line(short_rests_words(practice.short_rests_28_days))
    if practice.days_with_data_30:
        days = f"{practice.days_with_data_30} of {DAYS_WITH_DATA_WINDOW}"
        return Line(f"No session in the last 28 days; days with a session or check-in: {days}")
    return None


def short_rests_words(rests: int, reader: Reader = Reader.PERSON) -> str:
    """Rests stopped within their first minute, the only ones in the last 28 days."""
    their = spoken_of(reader).their
    which = f"{their} rest was" if rests == 1 else f"{their} {rests} rests in the last 28 days were each"
    return sentence(
        f"{which} under a minute: kept in {their} journal, but a session counts as practice once it lasts a minute"
    )


def _number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)


def summary_fields(summary: ProgressSummary, reader: Reader = Reader.PERSON) -> dict[str, Any]:
    """The summary as JSON-ready fields: what `crest progress --json` prints and `/api/progress` returns; the
    sentences in them speak to `reader`."""
    practice = summary.adherence
    return {
        "since": None if summary.start is None else summary.start.isoformat(),
        "places": [
            {
                "region": trend.place.region.value,
                "side": None if trend.place.side is None else trend.place.side.value,
                "baseline": _number(trend.baseline.median),
                "latest": _number(None if trend.latest is None else trend.latest.median),
                "change": _number(trend.change),
                "verdict": trend.verdict.value,
                "weeks": trend.weeks,
                "baseline_ratings": len(trend.baseline.scores),
                "latest_ratings": 0 if trend.latest is None else len(trend.latest.scores),
                "baseline_days": [trend.baseline.first_day.isoformat(), trend.baseline.last_day.isoformat()],
                "latest_days": None
                if trend.latest is None
                else [trend.latest.first_day.isoformat(), trend.latest.last_day.isoformat()],
                "summary": trend_line(trend, reader).text,
            }
            for trend in summary.trends
        ],
        "pain_rule": PAIN_RULE,
        "pain_source": PAIN_SOURCE.full,
        "adherence": {
            "sessions_7_days": practice.sessions_7_days,
            "minutes_7_days": practice.minutes_7_days,
            "sessions_28_days": practice.sessions_28_days,
            "minutes_28_days": practice.minutes_28_days,
            "days_with_data_30": practice.days_with_data_30,
            "target": None
            if practice.target is None
            else {"sessions_per_week": practice.target.sessions, "source": practice.target.source.value},
            "summary": adherence_line(practice, reader).text,
        },
        "before_after": [
            {
                "region": change.place.region.value,
                "side": None if change.place.side is None else change.place.side.value,
                "mean_change": round(change.mean_change, 2),
                "sessions": change.sessions,
            }
            for change in summary.before_after
        ],
        "psfs": psfs_fields(summary.psfs, reader),
    }


def person_fields(summary: ProgressSummary, advice: str | None) -> dict[str, Any]:
    """What the person's own JSON doors return (`crest progress --json`, `/api/progress`): `advice`, while a warning
    sign stands, is what it asks and why (`SafetyStanding.explanation`), first, as every page leads with it; a client
    reading only the verdicts said "better" beside an urgent-care warning (walk-through "is it helping?" H2)."""
    return {"advice": advice, **summary_fields(summary)}


def psfs_fields(change: PsfsChange, reader: Reader = Reader.PERSON) -> dict[str, Any]:
    return {
        "verdict": change.verdict.value,
        "baseline_at": None if change.baseline is None else change.baseline.at.isoformat(),
        "latest_at": None if change.latest is None else change.latest.at.isoformat(),
        "baseline_mean": _number(change.baseline_mean),
        "latest_mean": _number(change.latest_mean),
        "mean_change": _number(change.mean_change),
        "activities": [
            {"name": one.name, "baseline": one.baseline, "latest": one.latest, "change": one.change}
            for one in change.activities
        ],
        "threshold_used": {
            "mean_points": PSFS_MEAN_CHANGE_POINTS,
            "one_activity_points": PSFS_ONE_ACTIVITY_POINTS,
            "kind": "smallest detectable change",
            "source": PSFS_SOURCE.full,
        },
        "medium_minimal_important_difference": {
            "points": float(PSFS_MEDIUM_MID_POINTS),
            "reached": change.reaches_medium_mid,
            "source": PSFS_MID_SOURCE.full,
        },
        "rule": PSFS_RULE,
        "summary": psfs_line(change, reader).text,
    }
