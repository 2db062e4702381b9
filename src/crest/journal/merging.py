"""Adding an export to a journal that already holds records: what is new, and what is there already.

A record is "there already" when the journal holds one exactly like it apart from its id (a check-in's session is
compared once mapped to the journal's own), so importing the same backup twice adds nothing. Settings the
journal already has keep their value. Pure: contents in, a plan out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from crest.errors import CrestError
from crest.journal.records import (
    CheckIn,
    JournalContents,
    PracticeSession,
    PsfsAssessment,
    SafetyClearance,
    SafetyScreen,
    SafetyWarning,
)

if TYPE_CHECKING:
    from crest.accounts.records import SyncedSessionNote


class JournalNotEmpty(CrestError):
    """A plain import only fills an empty journal, so nothing is duplicated or overwritten; merging adds to one.
    The message says only what the journal holds: each door tells its own way to merge (a flag, a box to tick)."""

    http_status = 409

    def __init__(self, found: str) -> None:
        super().__init__(f"the journal is not empty ({found})")
        self.found = found


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
    skipped: int = 0  # records the journal already holds

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


def _session_key(session: PracticeSession) -> PracticeSession:
    return replace(session, id=None, writer=None, last_checkpoint_at=None)


def _check_in_key(check_in: CheckIn, session_id: int | None) -> CheckIn:
    return replace(check_in, id=None, session_id=session_id)


def _screen_key(screen: SafetyScreen) -> tuple[datetime, str, tuple[tuple[str, bool], ...]]:
    return screen.answered_at, screen.advice_level, tuple(sorted(screen.answers.items()))


def warning_key(warning: SafetyWarning) -> SafetyWarning:
    """A kept warning as two journals compare it: the same sign, level, end and words, whatever the ids."""
    return replace(warning, id=None, check_in_id=None)


def plan_merge(journal: JournalContents, incoming: JournalContents) -> MergePlan:
    held_sessions = {_session_key(session): session.id for session in journal.sessions}
    known: dict[int, int] = {}
    new_sessions = []
    for session in incoming.sessions:
        held = held_sessions.get(_session_key(session))
        if held is not None and session.id is not None:
            known[session.id] = held
        else:
            new_sessions.append(session)
    held_check_ins = {_check_in_key(check_in, check_in.session_id): check_in.id for check_in in journal.check_ins}
    known_check_ins: dict[int, int] = {}
    new_check_ins = []
    for check_in in incoming.check_ins:
        if check_in.session_id is not None and check_in.session_id not in known:
            new_check_ins.append(check_in)  # the check-in of a new session is new
            continue
        # A check-in of a session the journal already has is compared as belonging to the journal's session.
        session_id = None if check_in.session_id is None else known[check_in.session_id]
        held_check_in = held_check_ins.get(_check_in_key(check_in, session_id))
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
        sessions=tuple(new_sessions),
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
    return replace(plan, skipped=total - plan.added)


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
