"""What can have happened: the rules that refuse impossible records, written once for every door.

The services apply them to every new or changed record, the importer to every row it reads (the clock's rules
only: a backup keeps what an older crest accepted). Each refusal is one line that starts with the field it is
about, so a form, a script or a person knows what to change. Pure: `now` is passed in.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone

from crest.durations import rested_text
from crest.errors import CrestError, FieldError
from crest.journal.records import (
    EARLIEST_DAY,
    CheckIn,
    InvalidDuration,
    PracticeSession,
    SessionEdit,
    check_elapsed,
    check_rested_seconds,
)
from crest.journal.vocabulary import CheckInTiming, SessionStatus, Side

# crest keeps a diary of practice, not of the last century
EARLIEST = datetime.combine(EARLIEST_DAY, time(0), tzinfo=UTC)
# The first moment that is 2000 somewhere (midnight at UTC+14): a time refused as "before 2000" is before 2000 in
# its own zone too, so 00:30 on 1 January 2000 at +01:00 is not called "before 2000" for being 1999 in UTC.
_EARLIEST_ANYWHERE = datetime.combine(EARLIEST_DAY, time(0), tzinfo=timezone(timedelta(hours=14)))
CLOCK_AHEAD = timedelta(minutes=5)  # another device's "now" may run a little ahead of this one
TIMER_GRACE_S = 2.0  # a timer starts just after its session is written, and rounds its seconds
MAX_CLOCK_SPEED = 3600.0  # the fastest demo clock (`--speed`, `?speed=`): an hour a second


class ImpossibleRecord(FieldError):
    """A record that cannot be true: a time in the future, more rest than the clock allows, an empty check-in."""

    def named(self, field: str) -> ImpossibleRecord:
        """The same refusal for a door that calls the field otherwise (`--at` in the terminal)."""
        return ImpossibleRecord(field, self.reason)


class ConflictsWithSession(ImpossibleRecord):
    """Time rested or a status that the stored session (its plan, its start) rules out: the request itself is well
    formed, so it is a conflict with the record (409), not a malformed one."""

    http_status = 409


class SessionAlreadyEnded(CrestError):
    """A session that is over, finished or checkpointed again; a correction goes through the journal."""

    http_status = 409


def check_moment(moment: datetime, now: datetime, field: str, what: str) -> datetime:
    """A time something happened: not before 2000 (in any zone: a door that reads a day as written judges that day
    itself, as the terminal's `--at` does) and not after now."""
    if moment < _EARLIEST_ANYWHERE:
        raise ImpossibleRecord(field, f"{what} {moment.date().isoformat()} is before 2000; give the day it happened")
    if moment > now + CLOCK_AHEAD:
        raise ImpossibleRecord(field, f"{what} {moment:%Y-%m-%d %H:%M} is in the future; give a time that has passed")
    return moment


def _minutes_seconds(seconds: int) -> str:
    return f"{seconds // 60} min {seconds % 60} s"


def check_rest(session: PracticeSession, seconds: int, now: datetime, field: str, clock_speed: float = 1.0) -> int:
    """Seconds rested in `session`: no more than it planned (the timer stops there) and, beyond what it already
    holds (checked when it was written), no more than the clock has run since it started (`clock_speed` times
    faster for a demo)."""
    try:
        check_rested_seconds(seconds, session.planned_minutes)
    except InvalidDuration as error:
        raise ConflictsWithSession(field, error.message) from None
    if seconds <= session.actual_seconds:
        return seconds
    since_start_s = max(0.0, (now - session.started_at).total_seconds())
    if seconds > since_start_s * clock_speed + TIMER_GRACE_S:
        raise ConflictsWithSession(
            field,
            f"{seconds} seconds rested is more than the {int(since_start_s * clock_speed)} s since the session started",
        )
    return seconds


def check_completed(status: SessionStatus, seconds: int, planned_minutes: int, field: str) -> None:
    """Completed means the planned time was done; less is an ended-early session."""
    if status is SessionStatus.COMPLETED and seconds < planned_minutes * 60:
        raise ConflictsWithSession(
            field,
            f"a session is completed once its {planned_minutes} minutes are done; "
            f"{_minutes_seconds(seconds)} is ended early",
        )


def check_progress(session: PracticeSession, elapsed_s: float, now: datetime, clock_speed: float = 1.0) -> int:
    """A checkpoint of a session still under way (or revived after it was wrongly marked interrupted)."""
    if session.status in (SessionStatus.COMPLETED, SessionStatus.ENDED_EARLY):
        raise SessionAlreadyEnded(
            f"session {session.id} has already ended ({session.status.label}); correct it from the journal instead"
        )
    return check_rest(session, check_elapsed(elapsed_s), now, "elapsed_s", clock_speed)


def check_finish(
    session: PracticeSession, elapsed_s: float, status: SessionStatus, now: datetime, clock_speed: float = 1.0
) -> int:
    seconds = check_progress(session, elapsed_s, now, clock_speed)
    check_completed(status, seconds, session.planned_minutes, "status")
    return seconds


def most_rested_s(session: PracticeSession) -> int:
    """The most time rested a correction may give `session`. A rest crest timed keeps at most what its timer
    measured, so that "timed by crest" is never said of minutes nobody timed (a clinician reads them as measured);
    keeping a "corrected by hand" mark instead would have to travel through every export, sync and report. A logged
    one, its planned minutes."""
    return session.planned_minutes * 60 if session.logged else session.actual_seconds


def check_edit(session: PracticeSession, edit: SessionEdit, now: datetime) -> SessionEdit:
    """A correction may lower the time rested or keep it, but not claim more than the clock allows, nor more than
    crest's timer measured of a rest it timed."""
    check_rest(session, edit.actual_seconds, now, "actual_seconds")
    if edit.actual_seconds > most_rested_s(session):  # a logged one's most, its plan, is checked above
        raise ConflictsWithSession(
            "actual_seconds",
            f"crest timed this rest at {rested_text(session.actual_seconds)}; a correction can shorten a timed rest, "
            "not add time its timer did not measure",
        )
    check_completed(edit.status, edit.actual_seconds, session.planned_minutes, "status")
    return edit


def check_new_check_in(check_in: CheckIn, now: datetime) -> CheckIn:
    """A check-in written now, at any door."""
    check_moment(check_in.at, now, "at", "the check-in time")
    if check_in.is_empty:
        raise ImpossibleRecord("pain", "there is nothing to save; rate a place, tick what you noticed or write a note")
    if check_in.timing is CheckInTiming.AFTER and check_in.session_id is None:
        raise ImpossibleRecord(
            "session_id", "a check-in after a session needs that session; save it as a check-in on its own"
        )
    if check_in.compared_with_before is not None and check_in.timing is not CheckInTiming.AFTER:
        raise ImpossibleRecord(
            "compared_with_before", "only a check-in after a session is compared with before it; leave it out"
        )
    _one_score_per_side(check_in)
    return check_in


def _one_score_per_side(check_in: CheckIn) -> None:
    """ "Both sides" and one side of the same place would give that side two scores at once, and split its line in
    Progress in two. Only new check-ins are refused: a journal or a backup that already holds one still reads."""
    for region in dict.fromkeys(rating.region for rating in check_in.pain):
        sides = {rating.side for rating in check_in.pain if rating.region is region}
        if Side.BOTH in sides and len(sides) > 1:
            raise ImpossibleRecord(
                "pain",
                f"the {region.label} is rated for both sides and for one side; give each side its score, or one "
                "score for both sides",
            )


def check_imported_session(session: PracticeSession, now: datetime, demo_said: bool = True) -> PracticeSession:
    """A session read from a backup: its times must be possible (what it says of itself is the importer's).
    `demo_said`: False for a file from before demos were told apart, where a rest longer than the real time since
    it started can only have run on a demo's sped-up clock: it comes back a demo, at once (refused until the real
    clock caught up with it, it then came back as real practice)."""
    check_moment(session.started_at, now, "started_at", "the session start")
    if not demo_said and session.actual_seconds > (now - session.started_at).total_seconds() + TIMER_GRACE_S:
        session = replace(session, demo=True)
    # A demo's seconds ran on its sped-up clock and were checked against it as it ran; a backup does not keep that
    # clock's speed, so the real time since its start cannot bound them (a 5-minute demo is over in seconds), and
    # only its plan does. A real session's seconds are all checked against the real time since it started.
    held = session.actual_seconds if session.demo else 0
    check_rest(replace(session, actual_seconds=held), session.actual_seconds, now, "actual_seconds")
    return session


def check_imported_check_in(check_in: CheckIn, now: datetime) -> CheckIn:
    check_moment(check_in.at, now, "at", "the check-in time")
    return check_in
