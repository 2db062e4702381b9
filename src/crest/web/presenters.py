"""Presentation only: the words, table rows and chart series the pages show, from records and insights."""

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from fractions import Fraction
from itertools import groupby
from typing import Any

from markupsafe import Markup

from crest.accounts.records import SessionNote
from crest.charts import (
    NARROW_WIDTH,
    WIDTH,
    Bar,
    Point,
    Series,
    bar_chart,
    day_labels,
    line_chart,
    lollipop_chart,
    marks_fit,
)
from crest.counting import counted
from crest.durations import rested_text
from crest.insights.pain import JOINED_WEEKS_DAYS, Place, SessionChange, Window, every_week, under_way
from crest.insights.practice import DEMO_WORDS, WeekTotal
from crest.insights.progress import no_before_after
from crest.insights.progress import points as one_decimal
from crest.insights.reader import sentence
from crest.insights.timeframe import start_of_day
from crest.journal.records import CheckIn, PainRating, PracticeSession
from crest.journal.vocabulary import CheckInTiming
from crest.place_colours import place_colours
from crest.protocol.model import Protocol
from crest.services.reports import ProgressData
from crest.web.breath_view import breath_view

MOST_PLACES = 4  # more lines than this stop being readable
MINUS = "\N{MINUS SIGN}"
NO_VALUE = "\N{EN DASH}"  # a week without a rating, as the report's table marks it


def friendly_time(moment: datetime, zone: tzinfo, now: datetime) -> str:
    """'today 18:05', 'yesterday 07:30', 'Mon 4 May 18:05' or '4 May 2025 18:05'."""
    local = moment.astimezone(zone)
    return f"{friendly_day(local.date(), now.astimezone(zone).date())} {local:%H:%M}"


def friendly_day(day: date, today: date) -> str:
    """'today', 'yesterday', 'Mon 4 May' or '4 May 2025': a day as `friendly_time` says it, without a clock."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    if day.year == today.year:
        return f"{day:%a} {day.day} {day:%b}"
    return friendly_date(day)


def friendly_date(day: date) -> str:
    """'31 Jan 2027'."""
    return f"{day.day} {day:%b %Y}"


def place_label(place: Place) -> str:
    return place.heading


def journal_rows(
    entries: Sequence[PracticeSession | CheckIn],
    protocol: Protocol,
    zone: tzinfo,
    now: datetime,
    notes: Mapping[int, Sequence[SessionNote]],
) -> list[dict[str, Any]]:
    """Sessions and check-ins, in the order given, as rows for the journal table; `notes`: the practitioners' notes
    by session id."""
    return [
        _session_row(entry, protocol, zone, now) | {"notes": note_lines(notes.get(entry.id or 0, ()), zone, now)}
        if isinstance(entry, PracticeSession)
        else _check_in_row(entry, zone, now)
        for entry in entries
    ]


def note_lines(notes: Sequence[SessionNote], zone: tzinfo, now: datetime) -> list[tuple[str, str]]:
    """Each practitioner's note on a session as (who wrote it and when, what it says), oldest first."""
    today = now.astimezone(zone).date()
    return [(note.heading(zone, today), note.text) for note in notes]


LOGGED_WORDS = "logged afterwards, not timed"


def session_marks(session: PracticeSession) -> str:
    """What a session was besides a timed rest, after its status in one line (" · demo, run faster than ..."), so
    that a page listing it does not show it as an ordinary rest."""
    marks = ([LOGGED_WORDS] if session.logged else []) + ([f"demo, {DEMO_WORDS}"] if session.demo else [])
    return "".join(f" · {mark}" for mark in marks)


def _session_row(session: PracticeSession, protocol: Protocol, zone: tzinfo, now: datetime) -> dict[str, Any]:
    variant = protocol.variant_title(session.variant)
    lines = [
        f"{rested_text(session.actual_seconds)} of {session.planned_minutes} min, {variant}",
        session.status.label.capitalize(),
    ]
    if session.position_check_summary:
        lines.append(session.position_check_summary)
    if session.logged:
        lines.append(LOGGED_WORDS.capitalize())
    if session.demo:
        lines.append(f"Demo: {DEMO_WORDS}")
    return {
        "kind": "session",
        "id": session.id,
        "title": "Logged session" if session.logged else "Demo session" if session.demo else "Session",
        "lines": lines,
        "at_iso": session.started_at.isoformat(),
        "when": friendly_time(session.started_at, zone, now),
        # A running session is still being written by its timer; it can be corrected once it ends.
        "edit_url": f"/session/edit?session_id={session.id}" if session.finished else None,
        "delete_url": f"/api/sessions/{session.id}",
        "breath": None if session.breath is None else breath_view(session.breath),
    }


def _rating_text(rating: PainRating) -> str:
    """'Calf and shin (left) 5/10, tingling': what the pain is like follows its score, as `crest history` says it."""
    what = "" if rating.quality is None else f", {rating.quality.label}"
    return f"{place_label(Place(rating.region, rating.side))} {rating.score}/10{what}"


def _check_in_row(check_in: CheckIn, zone: tzinfo, now: datetime) -> dict[str, Any]:
    lines = []
    if check_in.pain:
        lines.append(", ".join(_rating_text(rating) for rating in check_in.pain))
    if check_in.compared_with_before:
        lines.append(f"Compared with before: {check_in.compared_with_before.label}")
    if check_in.sensations:
        lines.append("Noticed: " + ", ".join(name.label for name in sorted(check_in.sensations)))
    if check_in.note:
        lines.append(f"“{check_in.note}”")
    # "Check-in after a session", in the vocabulary's words; one on its own is just a check-in
    title = "Check-in" if check_in.timing is CheckInTiming.STANDALONE else f"Check-in {check_in.timing.label}"
    return {
        "kind": "checkin",
        "id": check_in.id,
        "title": title,
        "lines": lines or ["(nothing filled in)"],
        "at_iso": check_in.at.isoformat(),
        "when": friendly_time(check_in.at, zone, now),
        "edit_url": f"/checkin?checkin_id={check_in.id}",
        "delete_url": f"/api/checkins/{check_in.id}",
    }


def progress_charts(progress: ProgressData, zone: tzinfo) -> list[dict[str, Any]]:
    """The three charts over the same weeks, each with its numbers as a table; a place has one colour in all."""
    axis = _TimeAxis(progress.starts, progress.ends, zone, progress.today)
    places = [one.place for one in progress.pain]
    colours = place_colours([*places, *(rated.place for change in progress.changes for rated in change.places)])
    shown = places[:MOST_PLACES]
    return [
        _pain_over_time(progress, shown, axis, colours),
        _change_per_session(progress.changes, progress.demo_kept, shown, progress.weeks, axis, colours),
        _sessions_per_week(progress.weeks, axis),
    ]


def progress_period(progress: ProgressData, zone: tzinfo) -> str:
    """'9 Nov to this week', '1 Dec 2025 to this week' (a verdict's first week may lie in another year), or
    'this week'."""
    starts = progress.starts.astimezone(zone).date()
    first = _day_label(progress.starts, zone) if starts.year == progress.today.year else friendly_date(starts)
    return "this week" if len(progress.weeks) == 1 else f"{first} to this week"


@dataclass(frozen=True)
class _TimeAxis:
    """The span every chart shares, labelled with days or weeks that fit the chart's width."""

    starts: datetime
    ends: datetime
    zone: tzinfo
    today: date  # no label names a later day: the axis runs to the end of a week not yet over

    @property
    def x_range(self) -> tuple[float, float]:
        return self.starts.timestamp(), self.ends.timestamp()

    def labelled_days(self, width: int) -> list[tuple[date, str]]:
        """The days named along the time axis of every chart `width` wide, the same in all three, by the charts' one
        rule (charts.day_labels, the report's too): from the first week's Monday to today, no day to come."""
        first = self.starts.astimezone(self.zone).date()
        last = min(self.today, self.ends.astimezone(self.zone).date() - timedelta(days=1))
        return day_labels(first, last, width, self.x_range, self._at)

    def labels(self, width: int) -> list[tuple[float, str]]:
        """The labelled days, each at its start."""
        return [(self._at(day), words) for day, words in self.labelled_days(width)]

    def _at(self, day: date) -> float:
        return start_of_day(day, self.zone).timestamp()

    def week_labels(self, weeks: Sequence[WeekTotal], width: int) -> list[tuple[float, str]]:
        """Each week whose first day is a labelled day, named by that day at its bar's centre (at the boundary
        between two bars, a label read as the week after it)."""
        named = {day for day, _ in self.labelled_days(width)}
        return [
            (
                (week.starts.timestamp() + (week.starts + timedelta(weeks=1)).timestamp()) / 2,
                _day_label(week.starts, self.zone),
            )
            for week in weeks
            if week.starts.astimezone(self.zone).date() in named
        ]

    def both_widths(
        self,
        draw: Callable[[Sequence[tuple[float, str]], int], Markup],
        labels: Callable[[int], list[tuple[float, str]]] | None = None,
    ) -> dict[str, Markup]:
        """The chart drawn for a wide screen and for a phone, with `labels` for that width (by default the labelled
        days along the axis); the stylesheet shows the one that fits."""
        label = labels or self.labels
        return {"svg": draw(label(WIDTH), WIDTH), "svg_narrow": draw(label(NARROW_WIDTH), NARROW_WIDTH)}


def _day_label(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.day} {local.strftime('%b')}"


def _moment_label(moment: datetime, zone: tzinfo) -> str:
    """'Tue 1 Dec 18:05': which session or check-in, even with several on one day."""
    local = moment.astimezone(zone)
    return f"{local.strftime('%a')} {_day_label(local, zone)} {local:%H:%M}"


def _legend(places: Sequence[Place], colours: dict[Place, int]) -> list[dict[str, Any]]:
    return [{"name": place_label(place), "colour": colours[place]} for place in places]


def _pain_over_time(
    progress: ProgressData, shown: Sequence[Place], axis: _TimeAxis, colours: dict[Place, int]
) -> dict[str, Any]:
    """Each place's weekly medians as its line (the numbers the verdicts compare, so single days never zig-zag),
    with the single ratings as faint points behind it."""
    # The scale named where the numbers are read: the chart's side says only 0 to 10 (walk-through: a reader could
    # not tell what they measured)
    title = "Pain per place over time (0-10)"
    if not progress.pain:
        return {"title": title, "empty": "Rate your pain in a check-in to see it here."}
    by_place = {one.place: one for one in progress.pain}
    series = [
        Series(
            place_label(place),
            [_week_point(place, week, axis) for week in progress.weekly_pain[place]],
            colours[place],
            longest_join=timedelta(days=JOINED_WEEKS_DAYS).total_seconds(),
            faint=[
                Point(
                    rating.at.timestamp(),
                    rating.score,
                    f"{place_label(place)}: {rating.score}/10 on {_moment_label(rating.at, axis.zone)}",
                )
                for rating in by_place[place].ratings
            ],
        )
        for place in shown
    ]
    hidden = len(progress.pain) - len(shown)
    rows = [
        [_week_label(week, axis.today), place_label(one.place), one_decimal(week.median), _scores(week)]
        if week.median is not None
        else [_week_label(week, axis.today), place_label(one.place), NO_VALUE, "none"]
        for one in progress.pain
        for week in _with_weeks_between(progress.weekly_pain[one.place])
    ]
    so_far = any(point.so_far for one in series for point in one.points)
    return {
        "title": title,
        **axis.both_widths(
            lambda labels, width: line_chart(
                series,
                labels,
                "Weekly median pain from 0 to 10 over time, one line per place, each week's median marked across its "
                "week's days; single ratings as faint dots"
                + ("; this week so far as a hollow dot, not joined to the line" if so_far else ""),
                x_range=axis.x_range,
                width=width,
                keyboard=True,
            )
        ),
        "legend": _legend(shown, colours),
        "note": "Pain from 0 (no pain) to 10 (worst imaginable), as rated in your check-ins. The line joins weekly "
        "medians (a gap where a week has no rating), each marked across the days of its week; the faint dots are "
        "single ratings."
        + (
            " A hollow dot is this week so far: the median of its days until today, not yet a full week's."
            if so_far
            else ""
        )
        + (
            " In the table, a day rated more than once has its ratings in brackets: it counts once, as their median."
            if any("(" in row[3] for row in rows)  # a day's ratings in brackets (_scores)
            else ""
        )
        + (f" {hidden} more place{'s' * (hidden != 1)} in the table." if hidden else ""),
        "table": {"head": ["Week", "Place", "Median (0 to 10)", "Ratings"], "rows": rows},
    }


def _with_weeks_between(weeks: Sequence[Window]) -> list[Window]:
    """A place's rated weeks, with an empty one for each week between without a rating: the table left the week
    away out, straight from 2 Nov to 16 Nov, where the sessions table under it showed it as 0 (walk s54 L7)."""
    if not weeks:
        return []
    rated = {week.first_day: week for week in weeks}
    return [
        rated.get(monday) or Window(monday, monday + timedelta(days=6), ())
        for monday in every_week(weeks[0].first_day, weeks[-1].first_day)
    ]


def _week_point(place: Place, week: Window, axis: _TimeAxis) -> Point:
    """A week's median in the middle of its calendar week's days (a week under way: of its days so far), the same x
    for every place, as the report draws it, on a band across those days: the median is of them all, and a dot
    alone read as Thursday's pain (all kept inside the chart)."""
    days = (week.last_day - week.first_day).days + 1
    start = start_of_day(week.first_day, axis.zone)
    middle = start + timedelta(days=days / 2)
    moment = min(max(middle, axis.starts), axis.ends)
    span = (max(start, axis.starts).timestamp(), min(start + timedelta(days=days), axis.ends).timestamp())
    median = float(week.median or 0)
    # In the table's words, row for row: its week, its median and the ratings it rests on (a keyboard's name too)
    words = one_decimal(week.median or 0)
    title = f"{place_label(place)}: median {words}, {_week_label(week, axis.today)}; ratings {_scores(week)}"
    return Point(moment.timestamp(), median, title, span, so_far=under_way(week.first_day, axis.today))


def _week_label(week: Window, today: date) -> str:
    days = f"{week.first_day.day} {week.first_day:%b}" + (
        "" if week.last_day == week.first_day else f" to {week.last_day.day} {week.last_day:%b}"
    )  # a Monday alone, the week begun today, is one day: "7 Dec to 7 Dec" said it twice
    return f"{days} (this week so far)" if under_way(week.first_day, today) else days


def _scores(week: Window) -> str:
    """'(9, 9, 9), 3, 3, 4': a day's ratings in brackets where it has several, as the week's median counts them (the
    day once, as its own median: pain.median_of_days); a table of bare ratings beside it read as a wrong median."""
    by_day = [[score for _, score in ratings] for _, ratings in groupby(week.rated, key=lambda rated: rated[0])]
    return ", ".join(f"({', '.join(map(str, day))})" if len(day) > 1 else str(day[0]) for day in by_day)


def _change_words(change: Fraction | int, size: Callable[[Fraction | int], str] = str) -> str:
    """'-2 (less pain)', with a minus sign; `size` writes the number without its sign (a mean's: one decimal)."""
    # A week's mean of -1/30 shows as 0.0: "the same", never "-0.0 (less pain)"
    if size(-change if change < 0 else change) == size(0):
        return f"{size(0)} (the same)"
    if change < 0:
        return f"{MINUS}{size(-change)} (less pain)"
    return f"+{size(change)} (more pain)"


def _change_per_session(
    changes: Sequence[SessionChange],
    demo_kept: bool,
    shown: Sequence[Place],
    weeks: Sequence[WeekTotal],
    axis: _TimeAxis,
    colours: dict[Place, int],
) -> dict[str, Any]:
    """A mark per session and place; where there are more than the narrow chart can show apart, a mark per week
    and place, the mean of its sessions' changes, said so in the chart's words. The table keeps every session."""
    title = "Change in pain per session (after minus before)"
    if not changes:
        return {"title": title, "empty": f"{sentence(no_before_after(demo_kept))}."}
    points: dict[Place, list[Point]] = {}
    rows = []
    for change in changes:
        when = _moment_label(change.session.started_at, axis.zone)
        for rated in change.places:
            words = _change_words(rated.change)
            label = place_label(rated.place)
            title_text = f"{label}, session of {when}: {rated.before} before, {rated.after} after, {words}"
            points.setdefault(rated.place, []).append(
                Point(change.session.started_at.timestamp(), rated.change, title_text)
            )
            rows.append([when, label, f"{rated.before} to {rated.after}", words])
    drawn = [place for place in shown if place in points] or sorted(points)[:MOST_PLACES]
    # One decision for both widths, by the narrower, so that the words under the chart hold for either drawing.
    weekly = not marks_fit(sum(len(points[place]) for place in drawn), NARROW_WIDTH)
    series = [
        Series(
            place_label(place),
            _weekly_changes(place, points[place], weeks, axis) if weekly else points[place],
            colours[place],
        )
        for place in drawn
    ]
    description = (
        "Mean change in pain from before to after a session, one mark per week and place (too many sessions to show "
        "one by one); below zero is better"
        if weekly
        else "Change in pain from before to after each session, one mark per place; below zero is better"
    )
    return {
        "title": title,
        **axis.both_widths(
            lambda labels, width: lollipop_chart(
                series, labels, description, x_range=axis.x_range, width=width, keyboard=True
            )
        ),
        "legend": _legend(drawn, colours),
        "note": "Too many sessions to show one by one: each mark is a week's mean change at a place, over that week's "
        "sessions. The table has every session."
        if weekly
        else None,
        "table": {"head": ["Session", "Place", "Before to after", "Change"], "rows": rows},
    }


def _weekly_changes(
    place: Place, sessions: Sequence[Point], weeks: Sequence[WeekTotal], axis: _TimeAxis
) -> list[Point]:
    """A place's changes per session as one point per calendar week with any: their mean, under the week's centre
    as its bar stands in the sessions chart."""
    starts = [week.starts.timestamp() for week in weeks]
    by_week: dict[int, list[int]] = {}
    for session in sessions:
        by_week.setdefault(bisect_right(starts, session.x) - 1, []).append(int(session.y))
    marks = []
    for index, changes in sorted(by_week.items()):
        week = weeks[index]
        mean = Fraction(sum(changes), len(changes))
        title = (
            f"{place_label(place)}, week of {_day_label(week.starts, axis.zone)}: mean change "
            f"{_change_words(mean, one_decimal)} over {counted(len(changes), 'session')}"
        )
        middle = (week.starts.timestamp() + (week.starts + timedelta(weeks=1)).timestamp()) / 2
        marks.append(Point(middle, float(mean), title))
    return marks


def _sessions_per_week(weeks: Sequence[WeekTotal], axis: _TimeAxis) -> dict[str, Any]:
    title = "Sessions per week"
    if not any(week.sessions for week in weeks):
        return {"title": title, "empty": "Your sessions will be counted here."}
    bars = []
    rows = []
    for week in weeks:
        so_far = under_way(week.starts.astimezone(axis.zone).date(), axis.today)
        label = _day_label(week.starts, axis.zone) + (" (this week so far)" if so_far else "")
        title_text = f"Week of {label}: {counted(week.sessions, 'session')}, {week.minutes} minutes"
        ends = (week.starts + timedelta(weeks=1)).timestamp()
        bars.append(Bar(week.starts.timestamp(), ends, week.sessions, title_text, so_far=so_far))
        rows.append([label, str(week.sessions), str(week.minutes)])
    so_far_days = (axis.today - weeks[-1].starts.astimezone(axis.zone).date()).days + 1
    return {
        "title": title,
        **axis.both_widths(
            lambda labels, width: bar_chart(
                bars,
                labels,
                "Sessions per week" + ("; this week so far as an outlined bar" if bars[-1].so_far else ""),
                x_range=axis.x_range,
                width=width,
                keyboard=True,
            ),
            lambda width: axis.week_labels(weeks, width),
        ),
        "legend": [],
        "note": f"The outlined bar is this week so far: {counted(so_far_days, 'day')}, not yet a full week."
        if bars[-1].so_far
        else None,
        "table": {"head": ["Week of", "Sessions", "Minutes"], "rows": rows},
    }
