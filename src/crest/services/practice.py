"""Practice sessions as use cases: start (behind the safety gate), checkpoint, finish, correct, delete, read."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from crest.breath.result import BreathResult
from crest.clock import Clock
from crest.counting import counted
from crest.errors import CrestError
from crest.journal.plausibility import check_edit, check_finish, check_moment, check_progress
from crest.journal.records import (
    MAX_ELAPSED_S,
    CheckIn,
    PracticeSession,
    SessionEdit,
    check_planned_minutes,
    require_aware,
    require_finished,
    session_end,
)
from crest.journal.recovery import recover_abandoned_sessions, recover_silent_pages
from crest.journal.store import RecordReplaced, RestAlreadyRunning
from crest.journal.vocabulary import CheckInTiming, SessionStatus
from crest.moments import day_and_time
from crest.processes import this_process
from crest.services.fingerprints import IfMatch, require_unchanged
from crest.services.safety import BackNotAdvised, Safety, SafetyConcernStands

if TYPE_CHECKING:
    from crest.journal.store import Journal

# A page checkpoints several times within this, paused or not; a hidden tab's timers may run only once a minute.
PAGE_SILENT_AFTER_S = 5 * 60
# A rest broken off (a tab closed, crest killed) can be taken up again for this long; after it, a new rest starts.
RESUMABLE_FOR_S = 30 * 60

# A check-in marked "before a session" on its own (the Check-in page, the API) is taken up by the next session that
# starts within this time after it, as one made through the Session page's own "rate your pain now" link is.
BEFORE_CHECK_IN_WAITS = timedelta(hours=1)


def is_demo(clock_speed: float) -> bool:
    """Whether a session on a clock `clock_speed` times real time is a demo: sped up, its minutes were not rested."""
    return clock_speed > 1


class SafetyQuestionsDue(CrestError):
    """A session may not start before the safety questions are answered (or, in the terminal, confirmed)."""

    exit_code = 1
    http_status = 409


class SessionInTheFuture(CrestError):
    """A session logged as done that has not ended yet."""


class NoSessionToFollow(CrestError):
    """A check-in "after a session" with no session just before it, or one whose 'after' is taken already."""


class PracticeSessions:
    def __init__(self, journal: Journal, clock: Clock, zone: tzinfo, safety: Safety) -> None:
        self._journal = journal
        self._clock = clock
        self._zone = zone
        self._safety = safety

    def start(
        self,
        planned_minutes: int,
        variant: str,
        *,
        position_check_summary: str | None = None,
        before_check_in_id: int | None = None,
        before_check_in_uid: str | None = None,
        clock_speed: float = 1.0,
    ) -> PracticeSession:
        """Write the session as the rest starts; refused (`SafetyConcernStands`) while a safety concern stands, and
        (`SafetyQuestionsDue`) while the safety questions are due (never answered, or long ago), and
        (`RestAlreadyRunning`) while another rest is still running. A `clock_speed` above 1 (a demo) is known from
        the start where the door knows it then."""
        standing = self._safety.require_may_practise(variant)
        if standing.due:
            raise SafetyQuestionsDue(
                "no session was started: answer the safety questions first (the Safety page, crest safety, or "
                "POST /api/safety/answers); crest asks them before the first session and again from time to time"
            )
        self.recover_abandoned()  # a rest whose crest was killed a moment ago blocks nothing
        before_known = before_check_in_id is None or self._journal.has_uid(
            "check_ins", before_check_in_id, before_check_in_uid
        )
        if not before_known:
            # The check-in the page was opened after was deleted in another tab since, and its id may name a newer
            # one (SQLite reuses the newest deleted id): the rest starts all the same, taking up what waits, if any.
            before_check_in_id = None
        if before_check_in_id is None and (waiting := self.waiting_before_check_in()) is not None:
            before_check_in_id = waiting.id
        session_id = self._journal.start_session(
            self._clock(),
            planned_minutes,
            variant,
            this_process(),
            position_check_summary=position_check_summary,
            before_check_in_id=before_check_in_id,
            demo=is_demo(clock_speed),
            zone=self._zone,
        )
        return self._journal.get_session(session_id)

    def log(self, started_at: datetime, minutes: int, variant: str) -> PracticeSession:
        """A session done without the app (on holiday, at a class), logged afterwards: back-dated, never ahead."""
        start = require_aware(started_at, "the session start")
        # Compared on the side of now, which never overflows (a start in year 9999 plus minutes would).
        if start > self._clock() + timedelta(minutes=1) - timedelta(minutes=check_planned_minutes(minutes)):
            raise SessionInTheFuture(
                f"a session starting {day_and_time(start)} for {minutes} minutes has not ended yet; "
                "log a session once it is done"
            )
        check_moment(start, self._clock(), "started_at", "the session start")
        # A check-in made "before a session" in the hour before it is its 'before', as for a rest started here.
        before = self.waiting_before_check_in(start)
        before_id = None if before is None else before.id
        return self._journal.get_session(self._journal.log_session(start, minutes, variant, before_id))

    def checkpoint(
        self,
        session_id: int,
        elapsed_s: float,
        clock_speed: float = 1.0,
        uid: str | None = None,
        breath: BreathResult | None = None,
    ) -> PracticeSession:
        """Record the time rested so far; never more than planned, nor than the clock (`clock_speed` times faster
        in a demo, which marks it one) has run since the start. An ended session is refused (`SessionAlreadyEnded`).
        `uid`: as for `finish`. `breath`: the camera's reading so far, kept with the rest, so that a page that never
        ends it (closed, killed) leaves the reading with the time it saved."""
        session = self._journal.get_session(session_id)
        self._require_same(session_id, uid)
        check_progress(session, elapsed_s, self._clock(), clock_speed)
        standing = self._safety.standing()
        # A warning sign recorded while resting (another window, a synced check-in) stops the rest, which saving the
        # sign marked interrupted (`Safety.interrupt_rests_it_stops`): a runner still timing it ends it early here.
        if session.status is SessionStatus.INTERRUPTED and not standing.concern_stands:
            self._require_may_take_up(session)
        # Answers that now advise resting on the side while this rest is on the back stop it the same way:
        # faintness can begin minutes after lying down.
        on_the_back = standing.side_lying_only and not standing.may_practise(session.variant)
        if standing.concern_stands or on_the_back:
            self._journal.finish_session(
                session_id, elapsed_s, SessionStatus.ENDED_EARLY, breath, demo=is_demo(clock_speed)
            )
            refusal = BackNotAdvised if on_the_back else SafetyConcernStands
            raise refusal(f"the rest was stopped and saved as ended early: {standing.explanation()}")
        self._journal.checkpoint_session(
            session_id, elapsed_s, demo=is_demo(clock_speed), writer=this_process(), breath=breath
        )
        return self._journal.get_session(session_id)

    def finish(
        self,
        session_id: int,
        elapsed_s: float,
        status: SessionStatus,
        clock_speed: float = 1.0,
        breath: BreathResult | None = None,
        uid: str | None = None,
    ) -> PracticeSession:
        """End a session once, with the checkpoint's rules; `completed` only when the planned time was done. With
        the camera's breath reading of the rest when one was taken. `uid`: the one the page timing it was given
        (`uids`), so that a tab left open on a session deleted since never ends the next, which may have its id."""
        session = self._journal.get_session(session_id)
        self._require_same(session_id, uid)
        check_finish(session, elapsed_s, status, self._clock(), clock_speed)
        self._journal.finish_session(session_id, elapsed_s, status, breath, demo=is_demo(clock_speed))
        return self._journal.get_session(session_id)

    def _require_same(self, session_id: int, uid: str | None) -> None:
        """Refuse (`RecordReplaced`) a save naming session `session_id` by a `uid` it no longer has: deleted since,
        its id now names another (SQLite reuses the newest deleted id)."""
        if not self._journal.has_uid("sessions", session_id, uid):
            raise RecordReplaced("session")

    def correct(
        self,
        session_id: int,
        edit: SessionEdit,
        uid: str | None = None,
        loaded: str | None = None,
        if_match: IfMatch | None = None,
    ) -> PracticeSession:
        """`uid`: the one the page that sent it was given (`uids`), so that a tab left open on a deleted session
        never changes the next, which may have its id (`RecordReplaced`). `loaded` (an edit page's) and `if_match`
        (an API client's): the session's fingerprint as it was shown, so that an older copy never silently undoes a
        correction saved since (`fingerprints.require_unchanged`), as for a check-in. Refused, at every door alike,
        when it would give a rest crest timed more than its timer measured (`check_edit`), or overlap another session
        (`SessionOverlaps`, as a logged one is)."""
        session = self._require_shown(session_id, uid, loaded, if_match)
        check_edit(require_finished(session), edit, self._clock())
        self._journal.update_session(session_id, edit, self._zone)
        return self._journal.get_session(session_id)

    def delete(self, session_id: int, uid: str | None = None, if_match: IfMatch | None = None) -> None:
        """Delete a session; its check-ins stay, on their own (`Journal.delete_session`). `uid` and `if_match`: as
        for `correct`; one that does not exist is refused before anything is kept."""
        self._require_shown(session_id, uid, if_match=if_match)
        self._journal.delete_session(session_id)

    def _require_shown(
        self, session_id: int, uid: str | None, loaded: str | None = None, if_match: IfMatch | None = None
    ) -> PracticeSession:
        """The session a save names, refused when it is not the one its sender was shown: deleted since, its id
        given to another (the uid), or changed since (the fingerprint)."""
        session = self._journal.get_session(session_id)
        self._journal.require_uid("sessions", session_id, uid)
        require_unchanged(session, loaded, if_match)
        return session

    def waiting_before_check_in(self, starting_at: datetime | None = None) -> CheckIn | None:
        """The newest check-in made "before a session" in the `BEFORE_CHECK_IN_WAITS` before `starting_at` (default
        now) that belongs to no session, unless a rest started after it: the one the session starting then takes up
        (`start`, `log`), so that the check-in after it starts with those places and Progress compares the two."""
        now = self._clock() if starting_at is None else starting_at
        waiting = [
            check_in
            for check_in in self._journal.list_checkins(since=now - BEFORE_CHECK_IN_WAITS)
            if check_in.timing is CheckInTiming.BEFORE and check_in.session_id is None and check_in.at <= now
        ]
        if not waiting:
            return None
        newest = waiting[-1]
        rested_since = any(
            not session.logged and session.started_at <= now for session in self._journal.list_sessions(since=newest.at)
        )
        return None if rested_since else newest

    def ended_just_before(self, moment: datetime) -> PracticeSession | None:
        """The finished session that ended last before `moment`, within `BEFORE_CHECK_IN_WAITS` of it: the one a
        check-in "after a session" made on its own belongs to (`crest log --after-session`), a logged one too."""
        ended = [
            session
            for session in self._journal.list_sessions(
                since=moment - BEFORE_CHECK_IN_WAITS - timedelta(seconds=MAX_ELAPSED_S)
            )
            if session.finished and moment - BEFORE_CHECK_IN_WAITS <= session_end(session) <= moment
        ]
        return max(ended, key=session_end, default=None)

    def followed_by(self, check_in: CheckIn) -> CheckIn:
        """`check_in` as the 'after' of the session that ended in the hour before it (`ended_just_before`); refused
        (`NoSessionToFollow`) when there is none, or when that session has its 'after' already."""
        session = self.ended_just_before(check_in.at)
        hours = counted(BEFORE_CHECK_IN_WAITS // timedelta(hours=1), "hour")
        if session is None or session.id is None:
            when = day_and_time(check_in.at.astimezone(self._zone))
            raise NoSessionToFollow(
                f"no session ended in the {hours} before {when}; log it first (crest log-session), or give the "
                "check-in's time with --at"
            )
        taken = self._journal.list_checkins(session_id=session.id)
        if any(other.timing is CheckInTiming.AFTER for other in taken):
            raise NoSessionToFollow(
                f"session {session.id} ({day_and_time(session.started_at.astimezone(self._zone))}) has its check-in "
                "after it already"
            )
        return replace(check_in, timing=CheckInTiming.AFTER, session_id=session.id)

    def uids(self, session_ids: Collection[int]) -> dict[int, str]:
        """Each session's uid, which a page sends back with an edit or a delete (`correct`, `delete`)."""
        return self._journal.uids_of("sessions", session_ids)

    def get(self, session_id: int) -> PracticeSession:
        return self._journal.get_session(session_id)

    def list_sessions(self, since: datetime | None = None) -> list[PracticeSession]:
        """Oldest first."""
        return self._journal.list_sessions(since=since)

    def recover_abandoned(self) -> list[PracticeSession]:
        """Mark sessions whose process died as interrupted: at every start of a door, and now and then after."""
        return recover_abandoned_sessions(self._journal, self._clock())

    def refuse_if_read_only(self) -> None:
        """Refuse (`JournalReadOnly`) before the setup steps a rest that a journal crest may only read cannot keep."""
        self._journal.refuse_if_read_only()

    def refuse_while_running(self) -> None:
        """Refuse (`JournalReadOnly`, `RestAlreadyRunning`) before the setup steps what `start` would refuse after
        them."""
        self.refuse_if_read_only()
        running = self.running_elsewhere()
        if running is not None:
            raise RestAlreadyRunning(running, this_process(), self._zone)

    def running_elsewhere(self) -> PracticeSession | None:
        """The oldest session still running that another live process writes (a terminal's, another server's);
        those of a process that died are first marked interrupted."""
        self.recover_abandoned()
        writer = this_process()
        elsewhere = [session for session in self._running() if session.writer != writer]
        return elsewhere[0] if elsewhere else None

    def _require_may_take_up(self, session: PracticeSession) -> None:
        """A rest broken off is taken up again only where a new one could start: no warning sign or advice against
        its variant (pregnancy and a rest on the back) stands, and no other rest runs."""
        standing = self._safety.standing()
        if not standing.may_practise(session.variant):
            raise SafetyConcernStands(f"the rest was not resumed: {standing.explanation()}")
        others = [running for running in self._running() if running.id != session.id]
        if others:
            raise RestAlreadyRunning(others[0], this_process(), self._zone)

    def _may_take_up(self, session: PracticeSession) -> bool:
        try:
            self._require_may_take_up(session)
        except (SafetyConcernStands, RestAlreadyRunning):
            return False
        return True

    def open_session(self) -> PracticeSession | None:
        """The rest a page may take up again: the newest session this process runs (a page reloaded), else the
        journal's newest session when it was broken off a moment ago (a tab closed, the app or the computer
        killed mid-rest) with time left to rest."""
        self.recover_abandoned()
        sessions = self._journal.list_sessions()
        writer = this_process()
        here = [session for session in sessions if session.status is SessionStatus.RUNNING and session.writer == writer]
        if here:
            return here[-1]
        newest = sessions[-1] if sessions else None
        if newest is None or newest.status is not SessionStatus.INTERRUPTED or newest.logged:
            return None
        last_sign_of_life = newest.last_checkpoint_at or newest.started_at
        broken_off_lately = self._clock() - last_sign_of_life <= timedelta(seconds=RESUMABLE_FOR_S)
        time_left = newest.actual_seconds < newest.planned_minutes * 60
        return newest if broken_off_lately and time_left and self._may_take_up(newest) else None

    def _running(self) -> list[PracticeSession]:
        """The sessions still running, oldest first."""
        return [session for session in self._journal.list_sessions() if session.status is SessionStatus.RUNNING]

    def recover_closed_pages(self, silent_after_s: float) -> list[PracticeSession]:
        """Mark this process's sessions whose page has been silent for `silent_after_s` as interrupted."""
        return recover_silent_pages(self._journal, this_process(), silent_after_s, self._clock())
