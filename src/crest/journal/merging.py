"""Adding an export to a journal that already holds records: what is new, and what is there already.

A record is "there already" when the journal holds one exactly like it apart from its id (a check-in's session is
compared once mapped to the journal's own), so importing the same backup twice adds nothing. Settings the
journal already has keep their value. A session is one rest however often it was exported: one with the same uid
or the same start as a session the journal holds is that session, kept in its more complete state (an export
taken while it ran holds less than one taken after), never added beside it. Pure: contents in, a plan out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from crest.durations import rested_text
from crest.errors import CrestError
from crest.journal.records import (
    MAX_ELAPSED_S,
    CheckIn,
    JournalContents,
    PracticeSession,
    PsfsAssessment,
    SafetyClearance,
    SafetyScreen,
    SafetyWarning,
    session_end,
    sessions_overlap,
)
from crest.journal.vocabulary import SessionStatus
from crest.moments import day_and_time

if TYPE_CHECKING:
    from crest.accounts.records import SyncedSessionNote


class JournalNotEmpty(CrestError):
    """A plain import only fills an empty journal, so nothing is duplicated or overwritten; merging adds to one.
    The message says only what the journal holds: each door tells its own way to merge (a flag, a box to tick)."""

    http_status = 409

    def __init__(self, found: str) -> None:
        super().__init__(f"the journal is not empty ({found})")
        self.found = found


class MergedSessionOverlaps(CrestError):
    """A session in the file whose time overlaps a different session the journal holds: one rest runs at a time,
    so one of the two is wrong (the same rest entered twice at different times, a clock that was off), and crest
    cannot tell which; keeping both would count the time twice, dropping one unasked could lose the right one."""

    http_status = 409

    def __init__(self, incoming: PracticeSession, held: PracticeSession) -> None:
        zone = incoming.started_at.tzinfo
        super().__init__(
            f"session {incoming.id} in the file, {session_words(incoming, zone)}, overlaps the session of "
            f"{session_words(held, zone)} already in your journal; one rest runs at a time, so one of them is "
            "wrong: delete it (from the journal, or from the file) and merge again; nothing was imported"
        )


def session_words(session: PracticeSession, zone: tzinfo | None = None) -> str:
    """'1 Jan 2027, 08:00 (10 min, ended early)': a session as a message names it, said in `zone`."""
    kind = "demo" if session.demo else "logged" if session.logged else session.status.label
    return f"{day_and_time(session.started_at.astimezone(zone))} ({rested_text(session.actual_seconds)}, {kind})"


def same_rest_first(first: PracticeSession, second: PracticeSession) -> bool:
    """Whether `first` is the more complete record of one rest than `second`: finished, or else more time rested.
    A tie keeps `second` (the journal's own), so merging the same file again changes nothing."""

    def completeness(session: PracticeSession) -> tuple[bool, int]:
        return session.finished, session.actual_seconds

    return completeness(first) > completeness(second)


def blocks(first: PracticeSession, second: PracticeSession) -> bool:
    """Whether two different sessions cannot both have happened, by the rule `Journal.log_session` follows: their
    times overlap, and neither is a demo (whose minutes passed in seconds, taking up no real time)."""
    return not first.demo and not second.demo and sessions_overlap(first, second)


@dataclass(frozen=True)
class MergePlan:
    sessions: tuple[PracticeSession, ...] = ()  # new, still with the file's ids
    check_ins: tuple[CheckIn, ...] = ()  # new, still with the file's ids and session ids
    safety_screens: tuple[SafetyScreen, ...] = ()
    safety_clearances: tuple[SafetyClearance, ...] = ()
    settings: Mapping[str, str] = field(default_factory=dict)
    psfs: tuple[PsfsAssessment, ...] = ()
    known_sessions: Mapping[int, int] = field(default_factory=dict)  # the file's session id -> the journal's
    known_check_ins: Mapping[int, int] = field(default_factory=dict)  # likewise for check-ins
    safety_warnings: tuple[SafetyWarning, ...] = ()  # new, still naming the file's check-in ids
    session_notes: tuple[SyncedSessionNote, ...] = ()  # new, still naming their sessions by the file's uids
    # Sessions the journal holds, with its ids, in the file's more complete state (a rest exported as it ran is
    # finished in the file): the journal's record of that rest is brought up to date, not joined by a second one.
    updated_sessions: tuple[PracticeSession, ...] = ()
    skipped: int = 0  # records the journal already holds (as they are, or brought up to date)

    @property
    def added(self) -> int:
        kinds = (
            self.sessions,
            self.check_ins,
            self.safety_screens,
            self.safety_clearances,
            self.settings,
            self.psfs,
            self.session_notes,
            self.safety_warnings,
        )
        return sum(map(len, kinds))


def session_key(session: PracticeSession) -> PracticeSession:
    """A rest as two journals compare it: equal in every field it says, whatever the ids and its crest's writer."""
    return replace(session, id=None, writer=None, last_checkpoint_at=None)


def check_in_key(check_in: CheckIn, session_id: int | None) -> CheckIn:
    """A check-in as two journals compare it, naming its session by `session_id` (the journal's own id)."""
    return replace(check_in, id=None, session_id=session_id)


def _screen_key(screen: SafetyScreen) -> tuple[datetime, str, tuple[tuple[str, bool], ...]]:
    return screen.answered_at, screen.advice_level, tuple(sorted(screen.answers.items()))


def warning_key(warning: SafetyWarning) -> SafetyWarning:
    """A kept warning as two journals compare it: the same sign, level, end and words, whatever the ids, and whether
    or not the file says which rules its sign came from (a backup written before the rules travelled in one)."""
    return replace(warning, id=None, check_in_id=None, sign_rules=())


def plan_merge(journal: JournalContents, incoming: JournalContents) -> MergePlan:
    """What merging `incoming` adds; `MergedSessionOverlaps` when one of its sessions overlaps a different one the
    journal holds."""
    known, new_sessions, updated = _plan_sessions(journal, incoming)
    held_check_ins = {check_in_key(check_in, check_in.session_id): check_in.id for check_in in journal.check_ins}
    known_check_ins: dict[int, int] = {}
    new_check_ins = []
    for check_in in incoming.check_ins:
        if check_in.session_id is not None and check_in.session_id not in known:
            new_check_ins.append(check_in)  # the check-in of a new session is new
            continue
        # A check-in of a session the journal already has is compared as belonging to the journal's session.
        session_id = None if check_in.session_id is None else known[check_in.session_id]
        held_check_in = held_check_ins.get(check_in_key(check_in, session_id))
        if held_check_in is None:
            new_check_ins.append(check_in)
        elif check_in.id is not None:
            known_check_ins[check_in.id] = held_check_in
    held_screens = {_screen_key(screen) for screen in journal.safety_screens}
    new_screens = tuple(screen for screen in incoming.safety_screens if _screen_key(screen) not in held_screens)
    new_settings = {key: value for key, value in incoming.settings.items() if key not in journal.settings}
    held_clearances = {replace(clearance, id=None) for clearance in journal.safety_clearances}
    new_clearances = tuple(
        clearance for clearance in incoming.safety_clearances if replace(clearance, id=None) not in held_clearances
    )
    held_psfs = {replace(assessment, id=None) for assessment in journal.psfs}
    new_psfs = tuple(assessment for assessment in incoming.psfs if replace(assessment, id=None) not in held_psfs)
    held_warnings = set(map(warning_key, journal.safety_warnings))
    new_warnings = tuple(warning for warning in incoming.safety_warnings if warning_key(warning) not in held_warnings)
    plan = MergePlan(
        sessions=new_sessions,
        updated_sessions=updated,
        session_notes=_new_notes(journal, incoming, known),
        check_ins=tuple(new_check_ins),
        safety_screens=new_screens,
        safety_clearances=new_clearances,
        settings=new_settings,
        psfs=new_psfs,
        known_sessions=known,
        known_check_ins=known_check_ins,
        safety_warnings=new_warnings,
    )
    total = sum(
        map(
            len,
            (
                incoming.sessions,
                incoming.check_ins,
                incoming.safety_screens,
                incoming.safety_clearances,
                incoming.settings,
                incoming.psfs,
                incoming.session_notes,
                incoming.safety_warnings,
            ),
        )
    )
    return replace(plan, skipped=total - plan.added - len(updated))


def _plan_sessions(
    journal: JournalContents, incoming: JournalContents
) -> tuple[dict[int, int], tuple[PracticeSession, ...], tuple[PracticeSession, ...]]:
    """The file's sessions the journal holds (file id -> journal id), those it does not, and the held ones to bring
    up to date. A file session is a held one when it is the same record ids aside, or carries its uid (a linked
    crest's), or starts at the same moment (no two rests start together: crest runs one at a time)."""
    held_sessions = {session_key(session): session.id for session in journal.sessions}
    held_by_uid = {uid: session_id for session_id, uid in journal.session_uids.items()}
    held_by_id = {session.id: session for session in journal.sessions}
    journal_by_start = sorted(journal.sessions, key=lambda session: session.started_at)
    starts = [session.started_at for session in journal_by_start]
    held_by_start: dict[datetime, PracticeSession] = {}
    for session in journal_by_start:
        held_by_start.setdefault(session.started_at, session)
    known: dict[int, int] = {}
    new: list[PracticeSession] = []
    updated: dict[int, PracticeSession] = {}
    for session in incoming.sessions:
        held_id = held_sessions.get(session_key(session))
        if held_id is None:
            uid_match = held_by_uid.get(incoming.session_uids.get(session.id or 0, ""))
            same = held_by_id.get(uid_match) if uid_match is not None else held_by_start.get(session.started_at)
            if same is not None:
                held_id = same.id
                current = updated.get(same.id or 0, same)
                # A rest still running here is written by its own crest, which would find it ended under it; one
                # without a writer was itself imported running (a snapshot), and nothing writes it.
                running_here = same.status is SessionStatus.RUNNING and same.writer is not None
                if not running_here:
                    kept = replace(session, id=same.id) if same_rest_first(session, current) else current
                    # A demo stays one (its clock ran fast, at least for a while): a file from before demos were
                    # told apart reads it as real.
                    kept = replace(kept, demo=session.demo or current.demo, writer=None, last_checkpoint_at=None)
                    if session_key(kept) != session_key(current):
                        updated[same.id or 0] = kept
        if held_id is not None:
            if session.id is not None:
                known[session.id] = held_id
            continue
        clash = _overlapping(session, journal_by_start, starts, updated)
        if clash is not None:
            raise MergedSessionOverlaps(session, clash)
        new.append(session)
    return known, tuple(new), tuple(updated.values())


def _overlapping(
    session: PracticeSession,
    held: Sequence[PracticeSession],
    starts: Sequence[datetime],
    updated: Mapping[int, PracticeSession],
) -> PracticeSession | None:
    """The first of `held` (in order of start, `starts`) that `session` cannot have happened beside, as it stands
    after the merge. Only those starting up to a day before it are looked at: no session lasts longer."""
    first = bisect_left(starts, session.started_at - timedelta(seconds=MAX_ELAPSED_S))
    last = bisect_right(starts, session_end(session))
    for other in held[first:last]:
        other = updated.get(other.id or 0, other)
        if blocks(session, other):
            return other
    return None


def _new_notes(
    journal: JournalContents, incoming: JournalContents, known: Mapping[int, int]
) -> tuple[SyncedSessionNote, ...]:
    """The practitioners' notes the journal does not hold: a note on a session it already has is compared as
    naming that session by the journal's uid; a note on a new session is new."""
    held = set(journal.session_notes)
    session_of_uid = {uid: session_id for session_id, uid in incoming.session_uids.items()}
    new = []
    for note in incoming.session_notes:
        held_session = known.get(session_of_uid[note.session_uid])
        if held_session is None or replace(note, session_uid=journal.session_uids[held_session]) not in held:
            new.append(note)
    return tuple(new)
