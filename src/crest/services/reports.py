"""What the Today, Journal and Progress views show, computed by the pure `insights` from the journal's records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from crest.accounts.records import Prescription, SessionNote
from crest.clock import Clock
from crest.insights.history import PAGE_SIZE, HistoryPage, entries_reaching, history_page
from crest.insights.pain import (
    PainTrend,
    Place,
    PlaceSeries,
    SessionChange,
    Window,
    change_per_session,
    series_by_place,
    weekly_medians,
)
from crest.insights.practice import WeeklyTarget, WeekTotal, sessions_this_week, streak_days, weekly_totals
from crest.insights.progress import Line, ProgressSummary, headline, progress_summary
from crest.insights.timeframe import start_of_day, weeks_reaching
from crest.insights.verdicts import Verdict
from crest.journal.records import PracticeSession
from crest.services.preferences import PreferencesStore

if TYPE_CHECKING:
    from crest.journal.store import Journal

WEEKS_SHOWN = 8  # at most: Progress shows back to the first record, or to the first week a verdict compares


@dataclass(frozen=True)
class TodaySummary:
    last_session: PracticeSession | None
    sessions_this_week: int
    streak_days: int


@dataclass(frozen=True)
class ProgressData:
    """The weeks shown (back to the first record, at most `WEEKS_SHOWN` of them unless a verdict's first week lies
    further back) and what happened in them.

    Every chart of it spans the same time, from `starts` to `ends`.
    """

    starts: datetime  # Monday 00:00, local time, of the first week shown
    ends: datetime  # Monday 00:00 after this week
    pain: list[PlaceSeries]  # ratings in the weeks shown; the most recently rated place first
    weekly_pain: dict[Place, tuple[Window, ...]]  # calendar weeks with ratings, in the weeks shown
    changes: list[SessionChange]  # sessions in the weeks shown, oldest first
    weeks: list[WeekTotal]  # every week shown, oldest first
    today: date  # local: the last day that has begun
    demo_kept: bool  # the journal holds a demo session, left out of the changes


class Reports:
    def __init__(self, journal: Journal, clock: Clock, zone: tzinfo, preferences: PreferencesStore) -> None:
        self._journal = journal
        self._clock = clock
        self._zone = zone
        self._preferences = preferences

    def today(self) -> TodaySummary:
        sessions = self._journal.list_sessions()
        now = self._clock()
        return TodaySummary(
            last_session=sessions[-1] if sessions else None,
            sessions_this_week=sessions_this_week(sessions, self._zone, now),
            streak_days=streak_days(sessions, self._zone, now),
        )

    def history(self, page: int = 1, size: int = PAGE_SIZE) -> HistoryPage:
        """Page `page` of the sessions and check-ins, newest first; only the newest records it needs are read."""
        sessions, check_ins = self._journal.newest(entries_reaching(page, size))
        return history_page(sessions, check_ins, page, size)

    def progress(self, trends: Sequence[PainTrend] = ()) -> ProgressData:
        """The charts' weeks and records; `trends` are the summary's (`ProgressSummary.trends`), so that the charts
        reach back to the first week its verdicts compare."""
        sessions = self._journal.list_sessions()
        check_ins = self._journal.list_checkins()
        now = self._clock()
        firsts = [session.started_at for session in sessions[:1]] + [check_in.at for check_in in check_ins[:1]]
        shown = weeks_reaching(min(firsts), now, self._zone, WEEKS_SHOWN) if firsts else 1
        # The cap keeps a long journal readable, but never past a verdict's first week: "7.0 → 3.0" with no 7 on
        # the charts left the person (or their physio) unable to see where the 7.0 came from.
        compared = [
            start_of_day(trend.baseline.first_day, self._zone)
            for trend in trends
            if trend.verdict is not Verdict.NOT_ENOUGH_DATA
        ]
        if compared:
            shown = max(shown, weeks_reaching(min(compared), now, self._zone))
        weeks = weekly_totals(sessions, self._zone, now, shown)
        starts, ends = weeks[0].starts, weeks[-1].starts + timedelta(weeks=1)
        first_shown, today = starts.astimezone(self._zone).date(), now.astimezone(self._zone).date()
        return ProgressData(
            starts=starts,
            ends=ends,
            pain=series_by_place([check_in for check_in in check_ins if starts <= check_in.at < ends]),
            weekly_pain={
                series.place: tuple(w for w in weekly_medians(series, self._zone, today) if w.last_day >= first_shown)
                for series in series_by_place(check_ins)
            },
            changes=change_per_session([s for s in sessions if starts <= s.started_at < ends], check_ins),
            weeks=weeks,
            today=today,
            demo_kept=any(session.demo for session in sessions),
        )

    def summary(self, since: date | None = None, prescription: WeeklyTarget | None = None) -> ProgressSummary:
        """Is it helping: pain per place, practice against the target, before/after, daily life (PSFS).

        `since` is a chosen start (its 7 days before are the baseline); `prescription`, when practice mode has one,
        replaces the person's own weekly goal as the target.
        """
        preferences = self._preferences.current()
        return progress_summary(
            self._journal.list_sessions(),
            self._journal.list_checkins(),
            self._journal.list_psfs(),
            self._zone,
            self._clock(),
            preferences.weekly_goal_sessions,
            prescription or self.prescribed_target(),
            since,
            goal_chosen=preferences.weekly_goal_chosen,
        )

    def prescription(self) -> Prescription | None:
        """The current prescription of the person's practitioner (practice mode, or pulled by `crest sync`)."""
        return self._journal.current_prescription()

    def prescription_in_force(self) -> Prescription | None:
        """The current prescription while it applies today (between its start and its end)."""
        prescription = self.prescription()
        today = self._clock().astimezone(self._zone).date()
        return prescription if prescription is not None and prescription.applies_on(today) else None

    def prescribed_target(self) -> WeeklyTarget | None:
        """The prescription's weekly sessions, while it applies today."""
        prescription = self.prescription_in_force()
        return None if prescription is None else prescription.weekly_target(self._zone)

    def session_notes(self) -> dict[int, list[SessionNote]]:
        """Notes a practitioner wrote on the person's sessions."""
        return self._journal.session_notes()

    def headline(self) -> Line | None:
        """The one most useful line of the summary, for Today."""
        return headline(self.summary())
