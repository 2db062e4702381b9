"""Presentation only: the words, table rows and chart series the pages show, from records and insights."""

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from crest.charts import Bar, Point, Series, bar_chart, line_chart
from crest.durations import rested_text
from crest.insights.pain import Place, PlaceSeries, SessionChange
from crest.insights.practice import WeekTotal
from crest.journal.records import CheckIn, PracticeSession
from crest.protocol.model import Protocol
from crest.services.reports import ProgressData

MOST_PLACES = 4  # more lines than this stop being readable


def friendly_time(moment: datetime, zone: tzinfo, now: datetime) -> str:
    """'today 18:05', 'yesterday 07:30', 'Mon 4 May 18:05' or '4 May 2025 18:05'."""
    local = moment.astimezone(zone)
    today = now.astimezone(zone).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"today {clock}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday {clock}"
    if local.year == today.year:
        return f"{local.strftime('%a')} {local.day} {local.strftime('%b')} {clock}"
    return f"{local.day} {local.strftime('%b %Y')} {clock}"


def place_label(place: Place) -> str:
    where = place.region.label.capitalize()
    return where if place.side is None else f"{where} ({place.side.label})"


def variant_title(protocol: Protocol, variant: str) -> str:
    return protocol.variants[variant].title if variant in protocol.variants else variant


def journal_rows(
    entries: Sequence[PracticeSession | CheckIn], protocol: Protocol, zone: tzinfo, now: datetime
) -> list[dict[str, Any]]:
    """Sessions and check-ins, in the order given, as rows for the journal table."""
    return [
        _session_row(entry, protocol, zone, now)
        if isinstance(entry, PracticeSession)
        else _check_in_row(entry, zone, now)
        for entry in entries
    ]


def _session_row(session: PracticeSession, protocol: Protocol, zone: tzinfo, now: datetime) -> dict[str, Any]:
    variant = variant_title(protocol, session.variant)
    lines = [
        f"{rested_text(session.actual_seconds)} of {session.planned_minutes} min, {variant}",
        session.status.label.capitalize(),
    ]
    if session.position_check_summary:
        lines.append(session.position_check_summary)
    if session.logged:
        lines.append("Logged afterwards, not timed")
    return {
        "kind": "session",
        "id": session.id,
        "title": "Logged session" if session.logged else "Session",
        "lines": lines,
        "at_iso": session.started_at.isoformat(),
        "when": friendly_time(session.started_at, zone, now),
        # A running session is still being written by its timer; it can be corrected once it ends.
        "edit_url": f"/session/edit?session_id={session.id}" if session.finished else None,
        "delete_url": f"/api/sessions/{session.id}",
    }


def _check_in_row(check_in: CheckIn, zone: tzinfo, now: datetime) -> dict[str, Any]:
    lines = []
    if check_in.pain:
        lines.append(", ".join(f"{place_label(Place(p.region, p.side))} {p.score}/10" for p in check_in.pain))
    if check_in.compared_with_before:
        lines.append(f"Compared with before: {check_in.compared_with_before.label}")
    if check_in.sensations:
        lines.append("Noticed: " + ", ".join(name.label for name in sorted(check_in.sensations)))
    if check_in.note:
        lines.append(f"“{check_in.note}”")
    title = {"before": "Check-in before", "after": "Check-in after"}.get(check_in.timing, "Check-in")
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
    return [
        _pain_over_time(progress.pain, zone),
        _change_per_session(progress.changes, zone),
        _sessions_per_week(progress.weeks, zone),
    ]


def _day_label(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.day} {local.strftime('%b')}"


def _pain_over_time(pain: Sequence[PlaceSeries], zone: tzinfo) -> dict[str, Any]:
    title = "Pain per place over time"
    if not pain:
        return {"title": title, "empty": "Rate your pain in a check-in to see it here."}
    shown = list(pain[:MOST_PLACES])
    series = []
    for one in shown:
        label = place_label(one.place)
        points = [
            Point(
                rating.at.timestamp(),
                rating.score,
                f"{label}: {rating.score}/10 on {_day_label(rating.at, zone)} {rating.at.astimezone(zone):%H:%M}",
            )
            for rating in one.ratings
        ]
        series.append(Series(label, points))
    moments = sorted(rating.at for one in shown for rating in one.ratings)
    labels = [(moments[0].timestamp(), _day_label(moments[0], zone))]
    if _day_label(moments[-1], zone) != labels[0][1]:
        labels.append((moments[-1].timestamp(), _day_label(moments[-1], zone)))
    return {
        "title": title,
        "svg": line_chart(series, labels, "Pain from 0 to 10 over time, one line per place"),
        "legend": [one.name for one in series],
    }


def _change_per_session(changes: Sequence[SessionChange], zone: tzinfo) -> dict[str, Any]:
    title = "Change in pain per session (after minus before)"
    if not changes:
        return {"title": title, "empty": "Rate the same place before and after a session to see the change."}
    bars = []
    for change in changes:
        label = _day_label(change.session.started_at, zone)
        bars.append(
            Bar(label, round(change.change, 1), f"Session of {label}: {change.change:+.1f} points (negative is better)")
        )
    return {"title": title, "svg": bar_chart(bars, "Change in pain per session", signed=True)}


def _sessions_per_week(weeks: Sequence[WeekTotal], zone: tzinfo) -> dict[str, Any]:
    title = "Sessions per week"
    if not weeks:
        return {"title": title, "empty": "Your sessions will be counted here."}
    bars = []
    for week in weeks:
        label = _day_label(week.starts, zone)
        plural = "s" * (week.sessions != 1)
        title_text = f"Week of {label}: {week.sessions} session{plural}, {week.minutes} minutes"
        bars.append(Bar(label, week.sessions, title_text))
    return {"title": title, "svg": bar_chart(bars, "Sessions per week, the last eight weeks")}
