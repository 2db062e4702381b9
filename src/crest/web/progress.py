"""Shape journal records for the Journal and Progress pages: rows to read and series to draw."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from statistics import mean
from typing import Any

from crest.journal.records import REGIONS, SENSATIONS, SIDES, CheckIn, PainRating, PracticeSession
from crest.protocol.model import Protocol
from crest.web.charts import Bar, Point, Series, bar_chart, line_chart
from crest.web.timeframe import friendly_time, start_of_week

STATUS_WORDS = {
    "running": "in progress",
    "completed": "completed",
    "ended_early": "ended early",
    "interrupted": "interrupted",
}
MOST_PLACES = 4  # more lines than this stop being readable
WEEKS_SHOWN = 8


def place_label(rating: PainRating) -> str:
    where = REGIONS[rating.region].capitalize()
    return where if rating.side is None else f"{where} ({SIDES[rating.side]})"


def _minutes_text(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def journal_entries(
    sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn], protocol: Protocol, zone: tzinfo, now: datetime
) -> list[dict[str, Any]]:
    """Sessions and check-ins, newest first, as rows for the journal table."""
    entries: list[tuple[datetime, dict[str, Any]]] = []
    for session in sessions:
        variant = protocol.variants[session.variant].title if session.variant in protocol.variants else session.variant
        lines = [
            f"{_minutes_text(session.actual_seconds)} of {session.planned_minutes} min, {variant}",
            STATUS_WORDS.get(session.status, session.status).capitalize(),
        ]
        if session.position_check_summary:
            lines.append(session.position_check_summary)
        entries.append(
            (
                session.started_at,
                {
                    "kind": "session",
                    "id": session.id,
                    "title": "Session",
                    "lines": lines,
                    "at_iso": session.started_at.isoformat(),
                    "when": friendly_time(session.started_at, zone, now),
                    # A running session is still being written by its timer; it can be corrected once it ends.
                    "edit_url": f"/session/edit?session_id={session.id}" if session.finished else None,
                    "delete_url": f"/api/sessions/{session.id}",
                },
            )
        )
    for check_in in check_ins:
        lines = [", ".join(f"{place_label(p)} {p.score}/10" for p in check_in.pain)] if check_in.pain else []
        if check_in.compared_with_before:
            lines.append(f"Compared with before: {check_in.compared_with_before}")
        if check_in.sensations:
            lines.append("Noticed: " + ", ".join(SENSATIONS[name] for name in sorted(check_in.sensations)))
        if check_in.note:
            lines.append(f"“{check_in.note}”")
        title = {"before": "Check-in before", "after": "Check-in after"}.get(check_in.timing, "Check-in")
        entries.append(
            (
                check_in.at,
                {
                    "kind": "checkin",
                    "id": check_in.id,
                    "title": title,
                    "lines": lines or ["(nothing filled in)"],
                    "at_iso": check_in.at.isoformat(),
                    "when": friendly_time(check_in.at, zone, now),
                    "edit_url": f"/checkin?checkin_id={check_in.id}",
                    "delete_url": f"/api/checkins/{check_in.id}",
                },
            )
        )
    entries.sort(key=lambda pair: pair[0], reverse=True)
    return [entry for _, entry in entries]


def streak_days(sessions: Sequence[PracticeSession], zone: tzinfo, now: datetime) -> int:
    """Days in a row, up to today (or yesterday), with at least one session that was not cut short at once."""
    days = {s.started_at.astimezone(zone).date() for s in sessions if s.actual_seconds >= 60}
    day = now.astimezone(zone).date()
    if day not in days:
        day -= timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def charts(
    sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn], zone: tzinfo, now: datetime
) -> list[dict[str, Any]]:
    return [
        _pain_over_time(check_ins, zone),
        _change_per_session(sessions, check_ins, zone),
        _sessions_per_week(sessions, zone, now),
    ]


def _day_label(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.day} {local.strftime('%b')}"


def _pain_over_time(check_ins: Sequence[CheckIn], zone: tzinfo) -> dict[str, Any]:
    title = "Pain per place over time"
    by_place: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for check_in in check_ins:
        for rating in check_in.pain:
            by_place[place_label(rating)].append((check_in.at, rating.score))
    if not by_place:
        return {"title": title, "empty": "Rate your pain in a check-in to see it here."}
    recent = sorted(by_place, key=lambda place: max(at for at, _ in by_place[place]), reverse=True)[:MOST_PLACES]
    series = [
        Series(
            place,
            [
                Point(
                    at.timestamp(), score, f"{place}: {score}/10 on {_day_label(at, zone)} {at.astimezone(zone):%H:%M}"
                )
                for at, score in by_place[place]
            ],
        )
        for place in recent
    ]
    moments = sorted(at for place in recent for at, _ in by_place[place])
    labels = [(moments[0].timestamp(), _day_label(moments[0], zone))]
    if _day_label(moments[-1], zone) != labels[0][1]:
        labels.append((moments[-1].timestamp(), _day_label(moments[-1], zone)))
    return {
        "title": title,
        "svg": line_chart(series, labels, "Pain from 0 to 10 over time, one line per place"),
        "legend": recent,
    }


def _change_per_session(
    sessions: Sequence[PracticeSession], check_ins: Sequence[CheckIn], zone: tzinfo
) -> dict[str, Any]:
    title = "Change in pain per session (after minus before)"
    by_session: dict[int, dict[str, dict[tuple[str, str | None], int]]] = defaultdict(lambda: defaultdict(dict))
    for check_in in check_ins:
        if check_in.session_id is not None and check_in.timing in ("before", "after"):
            for rating in check_in.pain:
                by_session[check_in.session_id][check_in.timing][(rating.region, rating.side)] = rating.score
    bars = []
    for session in sessions:
        scores = by_session.get(session.id or 0, {})
        shared = set(scores.get("before", {})) & set(scores.get("after", {}))
        if not shared:
            continue
        change = mean(scores["after"][p] - scores["before"][p] for p in shared)
        label = _day_label(session.started_at, zone)
        bars.append(Bar(label, round(change, 1), f"Session of {label}: {change:+.1f} points (negative is better)"))
    if not bars:
        return {"title": title, "empty": "Rate the same place before and after a session to see the change."}
    return {"title": title, "svg": bar_chart(bars, "Change in pain per session", signed=True)}


def _sessions_per_week(sessions: Sequence[PracticeSession], zone: tzinfo, now: datetime) -> dict[str, Any]:
    title = "Sessions per week"
    if not sessions:
        return {"title": title, "empty": "Your sessions will be counted here."}
    this_week = start_of_week(now, zone)
    bars = []
    for weeks_back in range(WEEKS_SHOWN - 1, -1, -1):
        start = this_week - timedelta(weeks=weeks_back)
        end = start + timedelta(weeks=1)
        week = [s for s in sessions if start <= s.started_at < end]
        minutes = round(sum(s.actual_seconds for s in week) / 60)
        label = _day_label(start, zone)
        bars.append(
            Bar(label, len(week), f"Week of {label}: {len(week)} session{'s' * (len(week) != 1)}, {minutes} minutes")
        )
    return {"title": title, "svg": bar_chart(bars, "Sessions per week, the last eight weeks")}
