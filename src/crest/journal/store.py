"""`Journal`: the one way into the journal database, for the CLI and the web app alike.

Every method runs in its own short transaction on a thread-safe engine, so a FastAPI worker can share one
`Journal`. Database failures become one-line `CrestError`s naming the database; callers never see SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import copy
import sqlite3
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, Subquery, case, delete, func, insert, or_, select, text, union, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from crest.accounts.records import Prescription, SessionNote, SyncedSessionNote
from crest.breath.result import BreathResult
from crest.config import database_url
from crest.counting import counted
from crest.durations import rested_text
from crest.errors import CrestError
from crest.interop.ical import parse_weekdays, weekdays_text
from crest.journal import capacity
from crest.journal.breath_record import breath_from_text, breath_text
from crest.journal.engine import WRITES, Database, JournalReadOnly, connect, read_only_refusal, translated_errors
from crest.journal.merging import (
    JournalNotEmpty,
    MergePlan,
    blocks,
    check_in_key,
    plan_merge,
    session_key,
    warning_key,
)
from crest.journal.records import (
    MAX_ELAPSED_S,
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsActivity,
    PsfsAssessment,
    SafetyClearance,
    SafetyScreen,
    SafetyWarning,
    SessionEdit,
    as_utc,
    check_comparison,
    check_elapsed,
    check_finished_status,
    check_position_summary,
    check_status,
    check_timing,
    parse_sensation,
    require_aware,
)
from crest.journal.schema import migrate
from crest.journal.tables import (
    LOCAL_PERSON_ID,
    Base,
    CareLinkRow,
    CheckInRow,
    DeviceTokenRow,
    PainRow,
    PersonRow,
    PrescriptionRow,
    PsfsActivityRow,
    PsfsAssessmentRow,
    SafetyAnswerRow,
    SafetyClearanceRow,
    SafetyScreenRow,
    SafetyWarningRow,
    SensationRow,
    SessionNoteRow,
    SessionRow,
    SettingRow,
    SyncedCopyRow,
    SyncedHolderRow,
)
from crest.journal.unreadable import UnreadableRow
from crest.journal.vocabulary import CheckInTiming, SessionStatus
from crest.moments import day_and_time
from crest.safety.screen import AdviceLevel

Clock = Callable[[], datetime]
Row = TypeVar("Row", SessionRow, CheckInRow, SafetyScreenRow, SafetyClearanceRow, PsfsAssessmentRow, SafetyWarningRow)
Built = TypeVar("Built")
RecordKind = Literal["sessions", "check_ins", "safety_screens", "psfs"]
SyncedRow = TypeVar("SyncedRow", SessionRow, CheckInRow, SafetyScreenRow, PsfsAssessmentRow)
CopiedRow = TypeVar("CopiedRow", SessionRow, CheckInRow)  # the records another computer's copy may stand for
_SYNCED_TABLES: dict[RecordKind, type[SessionRow | CheckInRow | SafetyScreenRow | PsfsAssessmentRow]] = {
    "sessions": SessionRow,
    "check_ins": CheckInRow,
    "safety_screens": SafetyScreenRow,
    "psfs": PsfsAssessmentRow,
}
_RECORD_NOUNS: dict[RecordKind, str] = {
    "sessions": "session",
    "check_ins": "check-in",
    "safety_screens": "set of safety answers",
    "psfs": "rating of activities",
}
_SYNCED_CAPS: dict[RecordKind, capacity.RecordCap] = {
    "sessions": capacity.SESSIONS,
    "check_ins": capacity.CHECK_INS,
    "safety_screens": capacity.SAFETY_SCREENS,
    "psfs": capacity.PSFS_ROUNDS,
}


class SessionNotFound(CrestError):
    http_status = 404


class CheckInNotFound(CrestError):
    http_status = 404


class CheckInTaken(CrestError):
    """A "before" check-in that already belongs to another session."""

    http_status = 409


class RecordReplaced(CrestError):
    """An edit or a delete sent from a page opened on a record that was deleted since: its id now names another
    record (SQLite gives the newest deleted id to the next), which a tab left open must never change or delete."""

    http_status = 409

    def __init__(self, noun: str) -> None:
        super().__init__(
            f"this {noun} was deleted in another tab or window since this page was opened; nothing was changed: "
            "reload the journal"
        )


class FromYourCrest(CrestError):
    """An edit or a delete, on a practice's pages, of a record the person's own crest pushed (`crest sync`): their
    journal on their computer is the source of truth, and a change made here would never reach it (the next sync
    finds nothing new there), so the practice would keep, and judge by, what their own journal does not hold."""

    http_status = 409

    def __init__(self, noun: str) -> None:
        super().__init__(f"this {noun} came from your crest on your computer: correct it there, and it syncs here")


class SessionOverlaps(CrestError):
    """A logged or corrected session whose time overlaps another session in the journal: the same rest entered
    twice, or a rest logged over one crest timed, or lengthened over the next."""

    http_status = 409

    def __init__(self, existing: PracticeSession, zone: tzinfo | None, outcome: str = "nothing was logged") -> None:
        kind = "logged" if existing.logged else "timed by crest"
        super().__init__(
            f"this overlaps the session of {day_and_time(existing.started_at.astimezone(zone))} "
            f"({rested_text(existing.actual_seconds)}, {kind}) already in your journal; {outcome}"
        )
        self.existing = existing


class RestAlreadyRunning(CrestError):
    """A session started while another rest is still open: one rest at a time, so that no minute counts twice.

    "Open", not "running": a rest left on a page mid-rest keeps its session open with its timer stopped.
    """

    exit_code = 1
    http_status = 409

    def __init__(self, running: PracticeSession, starter: str, zone: tzinfo | None) -> None:
        started = day_and_time(running.started_at.astimezone(zone))
        # The web server writes every browser page's sessions under its own name: one of them can be resumed there.
        where = (
            "on the Session page: resume it or end it there"
            if running.writer == starter
            else "in another crest (a terminal, or the app in a browser): end it there"
        )
        super().__init__(f"no session was started: the rest started {started} is still open {where} first")
        self.running = running


class PsfsNotFound(CrestError):
    http_status = 404


class UnknownRecordUid(CrestError):
    """A synced record without a uid: the sender must name each record it sends."""


def _check_merged_counts(held: JournalContents, plan: MergePlan) -> None:
    """Each file is capped, but merges add up: the journal a merge would leave is counted before it is stored."""
    for cap, now_held, added in (
        (capacity.SESSIONS, held.sessions, plan.sessions),
        (capacity.CHECK_INS, held.check_ins, plan.check_ins),
        (capacity.SAFETY_SCREENS, held.safety_screens, plan.safety_screens),
        (capacity.CLEARANCES, held.safety_clearances, plan.safety_clearances),
        (capacity.PSFS_ROUNDS, held.psfs, plan.psfs),
        (capacity.SESSION_NOTES, held.session_notes, plan.session_notes),
        (capacity.SAFETY_WARNINGS, held.safety_warnings, plan.safety_warnings),
    ):
        cap.check("merged, the journal would hold", len(now_held) + len(added))
    capacity.SETTINGS.check("merged, the journal would hold", len(held.settings) + len(plan.settings))


def _uid_of(uids: Mapping[RecordKind, Mapping[int, str]], kind: RecordKind, record_id: int | None) -> str:
    uid = uids.get(kind, {}).get(record_id or 0)
    if uid is None:
        raise UnknownRecordUid(f"{kind} record {record_id} was sent without its uid")
    return uid


def _utc_now() -> datetime:
    return datetime.now(UTC)


_writer_locks: dict[Path, threading.Lock] = {}
_writer_locks_guard = threading.Lock()


def _written_meanwhile(error: OperationalError) -> bool:
    """Whether SQLite refused a transaction that began by reading the write lock, as it does at once when another
    connection wrote since (or is writing): what it read may be out of date."""
    cause = error.orig
    return isinstance(cause, sqlite3.Error) and cause.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY


def _writer_lock(path: Path) -> threading.Lock:
    """One lock per journal file in this process, shared by every `Journal` opened on it."""
    with _writer_locks_guard:
        return _writer_locks.setdefault(path, threading.Lock())


def _sent_by_a_linked_crest(
    table: type[SessionRow | CheckInRow | SafetyScreenRow | PsfsAssessmentRow],
) -> ColumnElement[bool]:
    """A record pushed by a computer still linked: only its `crest sync` changes it. Once that computer is unlinked
    (`crest unlink`, signed out everywhere) it syncs no more, and what it sent is the person's to correct here."""
    return table.pushed_by_device.in_(select(DeviceTokenRow.id).where(DeviceTokenRow.revoked_at.is_(None)))


# The kinds a computer may hold a copy of (the same rest, or check-in, logged on two computers), by the column naming
# the row: safety answers and PSFS rounds are each an answer of their moment, and stay apart.
_COPIED: dict[RecordKind, Any] = {"sessions": SyncedCopyRow.session_id, "check_ins": SyncedCopyRow.check_in_id}


_DELETION_ORDER: tuple[RecordKind, ...] = ("check_ins", "sessions", "safety_screens", "psfs")


def _around(moment: datetime) -> tuple[datetime, datetime]:
    """A second either side of `moment`: the rows to compare with a record of that moment, found whatever text
    SQLite keeps a time as (the exact comparison is the records')."""
    return moment - timedelta(seconds=1), moment + timedelta(seconds=1)


def _unlinked(device: int | None) -> Select[bool]:
    """Whether `device` names a computer whose token has ended (`crest unlink`, signed out everywhere)."""
    return select(DeviceTokenRow.revoked_at.is_not(None)).where(DeviceTokenRow.id == device)


def _pushed_by_another(table: type[SessionRow] | type[CheckInRow], device: int) -> ColumnElement[bool]:
    """A row another linked computer pushed (never one entered on the practice's pages)."""
    return table.pushed_by_device.is_not(None) & (table.pushed_by_device != device)


def _copied_by(device: int, copy_of: Any) -> Select[tuple[int]]:
    """The ids of the rows `device` holds a copy of, through `copy_of` (a column of `_COPIED`)."""
    return select(copy_of).where(SyncedCopyRow.pushed_by_device == device, copy_of.is_not(None))


def _rowcount(result: Any) -> int:
    """The rows a DELETE removed."""
    return int(result.rowcount or 0)


def new_uid() -> str:
    return uuid.uuid4().hex


def live_prescription() -> ColumnElement[bool]:
    """A prescription that counts: pulled by a linked crest (no link), or of a consented programme still running.
    Select it with an outer join on its care link."""
    return PrescriptionRow.care_link_id.is_(None) | (
        CareLinkRow.consent_granted_at.is_not(None)
        & CareLinkRow.consent_revoked_at.is_(None)
        & CareLinkRow.ended_at.is_(None)
    )


def prescription_record(row: PrescriptionRow) -> Prescription:
    return Prescription(
        variant=row.variant,
        minutes=row.minutes,
        sessions_per_day=row.sessions_per_day,
        days_per_week=row.days_per_week,
        start_on=row.start_on,
        end_on=row.end_on,
        reminder_time=row.reminder_time,
        note=row.note,
        version=row.version,
        prescribed_by=row.prescribed_by,
        created_at=row.created_at,
        days=None if row.days is None else parse_weekdays(row.days),
    )


def prescription_row(person_id: int, care_link_id: int | None, dose: Prescription, now: datetime) -> PrescriptionRow:
    return PrescriptionRow(
        person_id=person_id,
        care_link_id=care_link_id,
        version=dose.version,
        variant=dose.variant,
        minutes=dose.minutes,
        sessions_per_day=dose.sessions_per_day,
        days_per_week=dose.days_per_week,
        start_on=dose.start_on,
        end_on=dose.end_on,
        reminder_time=dose.reminder_time,
        note=dose.note,
        prescribed_by=dose.prescribed_by,
        created_at=dose.created_at or now,
        days=None if dose.days is None else weekdays_text(dose.days),
    )


def _window_start(since: datetime) -> datetime:
    return as_utc(require_aware(since, "the start of the window"))


IDS_PER_QUERY = 5000  # far below any database's limit on bound values (SQLite: 32,766)


# What a record check refuses in a row edited by hand: its own errors, and a value of the wrong type or range.
READ_FAILURES = (CrestError, ValueError, TypeError, OverflowError)
NoteUnreadable = Callable[[int, str, int, str], None]  # person, table, row id, reason


class UnreadableRows:
    """The rows that reads of one journal left out (`READ_FAILURES`), by person, table and id, with the reason:
    shared by the threads of a web server and by every person's view of the database (`Journal.for_person`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[tuple[int, str, int], str] = {}

    def note(self, person_id: int, table: str, row_id: int, reason: str) -> None:
        with self._lock:
            self._rows[(person_id, table, row_id)] = reason

    def forget(self, person_id: int, table: str, row_id: int) -> None:
        with self._lock:
            self._rows.pop((person_id, table, row_id), None)

    def of(self, person_id: int) -> list[tuple[str, int]]:
        with self._lock:
            return sorted((table, row_id) for person, table, row_id in self._rows if person == person_id)


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__


def _session_left_out(session_id: int) -> str:
    return f"it belongs to session {session_id} (practice_sessions row {session_id}), which cannot be read"


def read_check_ins(
    db: Session, conditions: Sequence[ColumnElement[bool]], note: NoteUnreadable | None = None
) -> list[tuple[int, CheckIn]]:
    """The check-ins matching `conditions` with their person, oldest first, read as plain rows: the check-ins, then
    their ratings and sensations by id (the ORM's objects cost more than linear time once years are read at once).
    One that cannot be read (edited by hand) is left out, and told to `note`.

    By the ids found, not by `check_in_id IN (subquery)`: with the subquery PostgreSQL scanned every rating of every
    client of a practice; a list of ids lets it use the ratings' index, so a dashboard does not slow as journals grow.
    """
    rows = db.execute(
        select(
            CheckInRow.person_id,
            CheckInRow.id,
            CheckInRow.at,
            CheckInRow.timing,
            CheckInRow.session_id,
            CheckInRow.compared_with_before,
            CheckInRow.note,
            CheckInRow.note_signs,
            CheckInRow.note_sign_rules,
            CheckInRow.stored_at,
        )
        .where(*conditions)
        .order_by(CheckInRow.at, CheckInRow.id)
    ).all()
    ids = [row.id for row in rows]
    pain: dict[int, list[tuple[str, str, int, str | None]]] = defaultdict(list)
    sensations: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(ids), IDS_PER_QUERY):
        chosen = ids[start : start + IDS_PER_QUERY]
        for region, side, score, quality, check_in_id in db.execute(
            select(PainRow.region, PainRow.side, PainRow.score, PainRow.quality, PainRow.check_in_id)
            .where(PainRow.check_in_id.in_(chosen))
            .order_by(PainRow.check_in_id, PainRow.position)
        ):
            pain[check_in_id].append((region, side, score, quality))
        for check_in_id, sensation in db.execute(
            select(SensationRow.check_in_id, SensationRow.sensation).where(SensationRow.check_in_id.in_(chosen))
        ):
            sensations[check_in_id].add(sensation)
    read: list[tuple[int, CheckIn]] = []
    for row in rows:
        try:
            check_in = CheckIn(
                id=row.id,
                at=row.at,
                timing=check_timing(row.timing),
                session_id=row.session_id,
                pain=tuple(
                    PainRating(region=region, side=side, score=score, quality=quality)
                    for region, side, score, quality in pain.get(row.id, ())
                ),
                sensations=frozenset(parse_sensation(name) for name in sensations.get(row.id, ())),
                compared_with_before=None
                if row.compared_with_before is None
                else check_comparison(row.compared_with_before),
                note=row.note,
                note_signs=_signs(row.note_signs),
                note_sign_rules=_signs(row.note_sign_rules),
                stored_at=row.stored_at,
            )
        except READ_FAILURES as error:
            if note is not None:
                note(row.person_id, "check_ins", row.id, _reason(error))
            continue
        read.append((row.person_id, check_in))
    return read


def _session_record(row: SessionRow) -> PracticeSession:
    return PracticeSession(
        id=row.id,
        started_at=row.started_at,
        planned_minutes=row.planned_minutes,
        actual_seconds=row.actual_seconds,
        variant=row.variant,
        status=check_status(row.status),
        position_check_summary=row.position_check_summary,
        last_checkpoint_at=row.last_checkpoint_at,
        writer=row.writer,
        logged=row.logged,
        breath=None if row.breath is None else breath_from_text(row.breath),
        demo=row.demo,
    )


def _check_in_record(row: CheckInRow) -> CheckIn:
    return CheckIn(
        id=row.id,
        at=row.at,
        timing=check_timing(row.timing),
        session_id=row.session_id,
        pain=tuple(
            PainRating(region=pain.region, side=pain.side, score=pain.score, quality=pain.quality) for pain in row.pain
        ),
        sensations=frozenset(parse_sensation(sensation.sensation) for sensation in row.sensations),
        compared_with_before=None if row.compared_with_before is None else check_comparison(row.compared_with_before),
        note=row.note,
        note_signs=_signs(row.note_signs),
        note_sign_rules=_signs(row.note_sign_rules),
        stored_at=row.stored_at,
    )


def _signs(stored: str | None) -> tuple[str, ...]:
    return () if stored is None else tuple(stored.split())


def _check_in_values(check_in: CheckIn, stored_at: datetime | None) -> dict[str, Any]:
    """A check-in's own columns (not its id, person or uid), its session's id among them."""
    return {
        "stored_at": stored_at,
        "at": check_in.at,
        "timing": check_in.timing,
        "session_id": check_in.session_id,
        "compared_with_before": check_in.compared_with_before,
        "note": check_in.note,
        "note_signs": " ".join(check_in.note_signs) or None,
        "note_sign_rules": " ".join(check_in.note_sign_rules) or None,
    }


def _pain_values(check_in: CheckIn) -> list[dict[str, Any]]:
    return [
        {"position": position, "region": rating.region, "side": rating.side, "score": rating.score}
        | {"quality": rating.quality}
        for position, rating in enumerate(check_in.pain)
    ]


def _fill_check_in_row(row: CheckInRow, check_in: CheckIn, stored_at: datetime | None) -> None:
    for column, value in _check_in_values(check_in, stored_at).items():
        setattr(row, column, value)
    row.pain = [PainRow(**values) for values in _pain_values(check_in)]
    row.sensations = [SensationRow(sensation=name) for name in sorted(check_in.sensations)]


def _stored_id(db: Session, row: Row) -> int:
    """Write `row` now (added, when it is new): its id."""
    db.add(row)
    db.flush()
    return row.id


def _insert_many(db: Session, table: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` by one statement run for them all: not a statement, nor a round of the ORM, per row, so that a
    large import holds the write lock briefly. Rows given their ids (a file's) and rows given none go apart."""
    for batch in ([row for row in rows if "id" in row], [row for row in rows if "id" not in row]):
        if batch:
            db.execute(insert(Base.metadata.tables[table.__tablename__]), batch)


def _inserted(db: Session, table: type[SessionRow | CheckInRow], rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert one person's `rows` (`_insert_many`) and return their ids in the same order, found by their uids,
    which are that person's own."""
    if not rows:
        return []
    _insert_many(db, table, rows)
    held = db.execute(select(table.uid, table.id).where(table.person_id == rows[0]["person_id"]))
    id_of_uid = {uid: row_id for uid, row_id in held}
    return [id_of_uid[row["uid"]] for row in rows]


@dataclass(frozen=True)
class _NewCheckIns:
    """Check-ins made ready to insert (`insert`) before the write lock is taken: their rows, naming their sessions by
    the file's ids, and each one's pain ratings and sensations."""

    rows: list[dict[str, Any]]
    pain: list[list[dict[str, Any]]]
    sensations: list[list[dict[str, Any]]]

    @classmethod
    def of(
        cls, person_id: int, check_ins: Sequence[tuple[CheckIn, str]], stored_at: datetime, *, new_ids: bool
    ) -> _NewCheckIns:
        """Each check-in with its uid: with new ids (a merge), or keeping those it has (filling an empty journal)."""
        return cls(
            rows=[
                ({} if new_ids or check_in.id is None else {"id": check_in.id})
                | {"person_id": person_id, "uid": uid}
                | _check_in_values(check_in, stored_at)
                for check_in, uid in check_ins
            ],
            pain=[_pain_values(check_in) for check_in, _ in check_ins],
            sensations=[[{"sensation": name} for name in sorted(check_in.sensations)] for check_in, _ in check_ins],
        )

    def insert(self, db: Session, session_ids: Mapping[int, int] | None = None) -> list[int]:
        """Insert them, a statement per table; their ids, in order. `session_ids`: the journal's id of each session
        by the file's (a merge)."""
        rows = self.rows
        if session_ids is not None:
            rows = [
                row | {"session_id": None if row["session_id"] is None else session_ids[row["session_id"]]}
                for row in rows
            ]
        ids = _inserted(db, CheckInRow, rows)
        for table, children in ((PainRow, self.pain), (SensationRow, self.sensations)):
            _insert_many(
                db,
                table,
                [
                    {"check_in_id": check_in_id} | row
                    for check_in_id, rows in zip(ids, children, strict=True)
                    for row in rows
                ],
            )
        return ids


def _screen_record(row: SafetyScreenRow) -> SafetyScreen:
    return SafetyScreen(
        id=row.id,
        answered_at=row.answered_at,
        advice_level=row.advice_level,
        answers={answer.question_id: answer.answer for answer in row.answers},
        stored_at=row.stored_at,
    )


def _session_values(record: PracticeSession, person_id: int, uid: str | None = None) -> dict[str, Any]:
    """A session's columns; its id only when it has one."""
    return ({} if record.id is None else {"id": record.id}) | {
        "person_id": person_id,
        "uid": uid or new_uid(),
        "started_at": record.started_at,
        "planned_minutes": record.planned_minutes,
        "actual_seconds": record.actual_seconds,
        "variant": record.variant,
        "status": record.status,
        "position_check_summary": record.position_check_summary,
        "writer": record.writer,
        "last_checkpoint_at": record.last_checkpoint_at,
        "logged": record.logged,
        "breath": None if record.breath is None else breath_text(record.breath),
        "demo": record.demo,
    }


def _session_row(record: PracticeSession, person_id: int, uid: str | None = None) -> SessionRow:
    return SessionRow(**_session_values(record, person_id, uid))


def _pulled_note_row(note: SyncedSessionNote, person_id: int, session_id: int) -> SessionNoteRow:
    """A linked crest's copy of a practitioner's note, on its session here."""
    return SessionNoteRow(
        person_id=person_id,
        session_id=session_id,
        author_name=note.author_name,
        text=note.text,
        created_at=note.created_at,
        pulled=True,
    )


def _screen_row(
    screen: SafetyScreen, person_id: int, stored_at: datetime | None, uid: str | None = None
) -> SafetyScreenRow:
    return SafetyScreenRow(
        id=screen.id,
        person_id=person_id,
        uid=uid or new_uid(),
        stored_at=stored_at,
        answered_at=screen.answered_at,
        advice_level=screen.advice_level,
        answers=[SafetyAnswerRow(question_id=key, answer=value) for key, value in screen.answers.items()],
    )


def _clearance_record(row: SafetyClearanceRow) -> SafetyClearance:
    return SafetyClearance(
        id=row.id,
        recorded_at=row.recorded_at,
        clinician=row.clinician,
        cleared_on=row.cleared_on,
        question_ids=tuple(row.question_ids.split()),
    )


def _clearance_row(clearance: SafetyClearance, person_id: int) -> SafetyClearanceRow:
    return SafetyClearanceRow(
        id=clearance.id,
        person_id=person_id,
        recorded_at=clearance.recorded_at,
        clinician=clearance.clinician,
        cleared_on=clearance.cleared_on,
        question_ids=" ".join(clearance.question_ids),
    )


def _warning_record(row: SafetyWarningRow) -> SafetyWarning:
    return SafetyWarning(
        question_id=row.question_id,
        level=row.level,
        held_until=row.held_until,
        raised_at=row.raised_at,
        check_in_id=row.check_in_id,
        title=row.title,
        named=row.named,
        sign_rules=_signs(row.sign_rules),
        id=row.id,
    )


def _warning_row(warning: SafetyWarning, person_id: int) -> SafetyWarningRow:
    return SafetyWarningRow(
        person_id=person_id,
        question_id=warning.question_id,
        level=warning.level,
        held_until=warning.held_until,
        raised_at=warning.raised_at,
        check_in_id=warning.check_in_id,
        title=warning.title,
        named=warning.named,
        sign_rules=" ".join(warning.sign_rules) or None,
    )


def _psfs_record(row: PsfsAssessmentRow) -> PsfsAssessment:
    return PsfsAssessment(
        id=row.id,
        at=row.at,
        activities=tuple(PsfsActivity(name=activity.name, score=activity.score) for activity in row.activities),
    )


def _psfs_row(assessment: PsfsAssessment, person_id: int, uid: str | None = None) -> PsfsAssessmentRow:
    return PsfsAssessmentRow(
        id=assessment.id,
        person_id=person_id,
        uid=uid or new_uid(),
        at=assessment.at,
        activities=[
            PsfsActivityRow(position=position, name=activity.name, score=activity.score)
            for position, activity in enumerate(assessment.activities)
        ],
    )


# Each table whose rows become records, with the function that makes one (and refuses a row edited by hand).
_RECORD_OF_TABLE: dict[str, tuple[type[Any], Callable[[Any], object]]] = {
    "practice_sessions": (SessionRow, _session_record),
    "check_ins": (CheckInRow, _check_in_record),
    "safety_screens": (SafetyScreenRow, _screen_record),
    "safety_clearances": (SafetyClearanceRow, _clearance_record),
    "psfs_assessments": (PsfsAssessmentRow, _psfs_record),
    "safety_warnings": (SafetyWarningRow, _warning_record),
}


class Journal:
    """Repository and unit of work over the journal tables; open it with `Journal.open()`.

    A journal is one person's: every query filters on `person_id` and every insert sets it. The local app is
    person 1; practice mode gives each client their own person through `for_person`.
    """

    def __init__(self, database: Database, clock: Clock = _utc_now) -> None:
        self.person_id = LOCAL_PERSON_ID
        self._database = database
        self._engine = database.engine
        # An in-memory database is one connection shared by every thread: take turns on it.
        self._one_at_a_time = threading.Lock() if database.in_memory else contextlib.nullcontext()
        # SQLite has one writer at a time. Writers of this process queue on a lock that wakes the next one at
        # once, instead of meeting SQLite's busy handler, which sleeps in steps of up to 100 ms (the latency tail).
        self._one_writer = _writer_lock(database.file_path) if database.file_path else contextlib.nullcontext()
        self._unit_of_work = sessionmaker(database.engine, expire_on_commit=False)
        self._writing_unit_of_work = sessionmaker(database.engine.execution_options(**WRITES), expire_on_commit=False)
        self._clock = clock
        self.where = database.where
        self._unreadable = UnreadableRows()
        # Whether this opening updated a journal in an older crest's form: a crest from before may still hold it.
        self.updated_for_this_version = False

    @classmethod
    def open(cls, url: str | None = None, clock: Clock = _utc_now) -> Journal:
        """Connect (default: `crest.config.database_url()`) and apply any missing migrations."""
        database = connect(url if url is not None else database_url())
        journal = cls(database, clock)
        try:
            journal.updated_for_this_version = migrate(database)
        except BaseException:
            database.engine.dispose()
            raise
        return journal

    def refuse_if_read_only(self) -> None:
        """Refuse (`JournalReadOnly`) before a person is asked for what only a change could keep (a rest's setup
        steps, the safety questions): otherwise the refusal comes at the first write, after all of them."""
        if self._database.read_only:
            raise JournalReadOnly(read_only_refusal(self.where))

    def for_person(self, person_id: int) -> Journal:
        """The same database, seen as `person_id`'s journal only (sharing the engine and its locks)."""
        scoped = copy.copy(self)
        scoped.person_id = person_id
        return scoped

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def own_files(self) -> frozenset[Path]:
        """The files of a SQLite journal (the database and its companions), resolved; none for a server."""
        path = self._database.file_path
        if path is None:
            return frozenset()
        return frozenset(path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm", ".migrate-lock"))

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """A transaction that only reads."""
        with self._one_at_a_time, translated_errors(self.where), self._unit_of_work.begin() as db:
            yield db

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A transaction that writes: it holds the journal's write lock from its first statement."""
        with (
            self._one_writer,
            self._one_at_a_time,
            translated_errors(self.where),
            self._writing_unit_of_work.begin() as db,
        ):
            yield db

    def _readable(self, rows: Iterable[Row], build: Callable[[Row], Built]) -> list[Built]:
        """The record of each row; a row its record refuses (edited by hand into a pain score of 14, an unknown
        status, a time that is no time) is left out and noted, so that one bad row never hides the others: every
        door names it (`unreadable_rows`)."""
        built: list[Built] = []
        for row in rows:
            try:
                built.append(build(row))
            except READ_FAILURES as error:
                self._unreadable.note(self.person_id, row.__tablename__, row.id, _reason(error))
        return built

    def unreadable_rows(self) -> list[UnreadableRow]:
        """The rows of this person that reads have left out and that are still unreadable, by table and id: each
        is read again, so one corrected or deleted since is no longer named."""
        noted = self._unreadable.of(self.person_id)
        if not noted:
            return []
        found: list[UnreadableRow] = []
        with self._transaction() as db:
            for table, row_id in noted:
                reason = self._unreadable_reason(db, table, row_id)
                if reason is None:
                    self._unreadable.forget(self.person_id, table, row_id)
                else:
                    found.append(UnreadableRow(table, row_id, reason))
        return found

    def _unreadable_reason(self, db: Session, table: str, row_id: int) -> str | None:
        """Why the row cannot be read now, or None: it reads, or is gone. A check-in goes with a session that
        cannot be read (`_contents`)."""
        row_class, build = _RECORD_OF_TABLE[table]
        row = db.get(row_class, row_id)
        if row is None or row.person_id != self.person_id:
            return None
        try:
            build(row)
        except READ_FAILURES as error:
            return _reason(error)
        session_id = row.session_id if isinstance(row, CheckInRow) else None
        if session_id is not None and self._unreadable_reason(db, "practice_sessions", session_id) is not None:
            return _session_left_out(session_id)
        return None

    def _own(self, table: type[Row]) -> Select[Row]:
        """This person's rows of `table`."""
        return select(table).where(table.person_id == self.person_id)

    def _read(self, query: Select[Row], build: Callable[[Row], Built]) -> list[Built]:
        """The records of the rows `query` selects, in a transaction of its own (`_readable`)."""
        with self._transaction() as db:
            return self._readable(db.scalars(query), build)

    def _own_row(
        self, db: Session, table: type[Row], row_id: int, missing: type[CrestError], noun: str, for_update: bool = False
    ) -> Row:
        """Row `row_id` of `table`, refused with `missing` when there is none or it is another person's."""
        row = db.get(table, row_id, with_for_update=for_update)
        if row is None or row.person_id != self.person_id:
            raise missing(f"there is no {noun} {row_id} in the journal")
        return row

    def _session_row(self, db: Session, session_id: int, for_update: bool = False) -> SessionRow:
        return self._own_row(db, SessionRow, session_id, SessionNotFound, "session", for_update)

    # Practice sessions

    def start_session(
        self,
        started_at: datetime,
        planned_minutes: int,
        variant: str,
        writer: str,
        position_check_summary: str | None = None,
        before_check_in_id: int | None = None,
        demo: bool = False,
        zone: tzinfo | None = None,
    ) -> int:
        """Write the session row as the rest starts, so even a crash a second later leaves a record.

        Refused (`RestAlreadyRunning`, said in `zone`) while another session is still running. A check-in made just
        before lying down is linked to the session in the same transaction. `demo`: its clock runs faster than real
        time.
        """
        record = PracticeSession(
            started_at=started_at,
            planned_minutes=planned_minutes,
            variant=variant,
            writer=writer,
            position_check_summary=check_position_summary(position_check_summary),
        )
        with self._writing() as db:
            # Checked under the write lock (on PostgreSQL, the person's row locked), so two starts at once make one.
            db.get(PersonRow, self.person_id, with_for_update=True)
            running = db.scalars(
                select(SessionRow)
                .where(SessionRow.person_id == self.person_id, SessionRow.status == SessionStatus.RUNNING)
                .order_by(SessionRow.started_at, SessionRow.id)
                .limit(1)
            ).first()
            if running is not None:
                raise RestAlreadyRunning(_session_record(running), writer, zone)
            row = SessionRow(
                person_id=self.person_id,
                uid=new_uid(),
                started_at=record.started_at,
                planned_minutes=record.planned_minutes,
                actual_seconds=0,
                variant=record.variant,
                status=SessionStatus.RUNNING,
                position_check_summary=record.position_check_summary,
                writer=writer,
                last_checkpoint_at=self._clock(),
                logged=False,
                demo=demo,
            )
            session_id = _stored_id(db, row)
            self._take_up_before(db, before_check_in_id, session_id)
            return session_id

    def _take_up_before(self, db: Session, before_check_in_id: int | None, session_id: int) -> None:
        """The check-in made before a session becomes that session's 'before'."""
        if before_check_in_id is None:
            return
        before = self._check_in_row(db, before_check_in_id)
        if before.session_id is not None and before.session_id != session_id:
            raise CheckInTaken(f"check-in {before_check_in_id} already belongs to session {before.session_id}")
        before.session_id = session_id
        before.timing = CheckInTiming.BEFORE

    def log_session(
        self, started_at: datetime, minutes: int, variant: str, before_check_in_id: int | None = None
    ) -> int:
        """Record a session done without the app: completed, its minutes as given, marked as logged, taking up the
        check-in made before it, if given. Refused (`SessionOverlaps`) when its time overlaps a session already in
        the journal, said in `started_at`'s zone."""
        record = PracticeSession(
            started_at=started_at,
            planned_minutes=minutes,
            variant=variant,
            status=SessionStatus.COMPLETED,
            actual_seconds=minutes * 60,
            logged=True,
        )
        with self._writing() as db:
            # Checked under the write lock, so that a form sent twice at once cannot slip in twice.
            existing = self._overlapping_session(db, record)
            if existing is not None:
                raise SessionOverlaps(existing, started_at.tzinfo)
            row = SessionRow(
                person_id=self.person_id,
                uid=new_uid(),
                started_at=record.started_at,
                planned_minutes=record.planned_minutes,
                actual_seconds=record.actual_seconds,
                variant=record.variant,
                status=record.status,
                logged=True,
            )
            session_id = _stored_id(db, row)
            self._take_up_before(db, before_check_in_id, session_id)
            return session_id

    def _overlapping_session(self, db: Session, new: PracticeSession) -> PracticeSession | None:
        """The earliest other session already in the journal whose time overlaps `new`'s (a new one, or one
        corrected), if any. A demo takes up no real time (its minutes passed in seconds), so it blocks none."""
        start = as_utc(new.started_at)
        end = start + timedelta(seconds=new.actual_seconds)
        nearby = db.scalars(
            select(SessionRow)
            .where(
                SessionRow.person_id == self.person_id,
                SessionRow.started_at >= start - timedelta(seconds=MAX_ELAPSED_S),  # none lasts longer
                SessionRow.started_at <= end,
            )
            .order_by(SessionRow.started_at, SessionRow.id)
        )
        others = (other for other in self._readable(nearby, _session_record) if other.id != new.id)
        return next((other for other in others if blocks(other, new)), None)

    def checkpoint_session(
        self,
        session_id: int,
        elapsed_s: float,
        demo: bool = False,
        writer: str | None = None,
        breath: BreathResult | None = None,
    ) -> None:
        """Record progress (one UPDATE). Revives a session marked interrupted (a page gone quiet, a crest killed)
        that is taken up again; `writer`, when given, becomes the process that writes a revived session from now
        on, so that a session resumed after its crest died is not marked interrupted again for that death. `demo`: its
        clock ran faster than real time, which marks it a demo for good (a rest partly sped up was no real one).
        The time rested only grows: a left tab's beacon arriving after the view resumed elsewhere saved more keeps
        the larger (in the UPDATE itself, so racing writers cannot undo it); a correction goes through the journal.
        `breath`: the camera's reading so far, kept so that a rest never ended (a killed browser) keeps it too."""
        elapsed = check_elapsed(elapsed_s)
        rested = case((SessionRow.actual_seconds > elapsed, SessionRow.actual_seconds), else_=elapsed)
        values = {"actual_seconds": rested, "last_checkpoint_at": self._clock(), "status": SessionStatus.RUNNING}
        if demo:
            values["demo"] = True
        if breath is not None:
            values["breath"] = breath_text(breath)
        if writer is not None:  # a live process's running session stays its own
            values["writer"] = case((SessionRow.status == SessionStatus.INTERRUPTED, writer), else_=SessionRow.writer)
        with self._writing() as db:
            result = db.execute(
                update(SessionRow)
                .where(
                    SessionRow.id == session_id,
                    SessionRow.person_id == self.person_id,
                    SessionRow.status.in_((SessionStatus.RUNNING, SessionStatus.INTERRUPTED)),
                )
                .values(values)
            )
            if getattr(result, "rowcount", 1) == 0:
                self._session_row(db, session_id)

    def finish_session(
        self,
        session_id: int,
        elapsed_s: float,
        status: str,
        breath: BreathResult | None = None,
        demo: bool = False,
    ) -> None:
        """End the session; `breath`, when given, is the camera's breath reading of the rest (kept as numbers);
        `demo` marks it a demo for good, as a checkpoint does."""
        elapsed = check_elapsed(elapsed_s)
        check_finished_status(status)
        with self._writing() as db:
            row = self._session_row(db, session_id)
            row.actual_seconds = elapsed
            row.status = status
            row.last_checkpoint_at = self._clock()
            if breath is not None:
                row.breath = breath_text(breath)
            row.demo = row.demo or demo

    def get_session(self, session_id: int) -> PracticeSession:
        with self._transaction() as db:
            return _session_record(self._session_row(db, session_id))

    def list_sessions(self, since: datetime | None = None) -> list[PracticeSession]:
        query = self._own(SessionRow).order_by(SessionRow.started_at, SessionRow.id)
        if since is not None:
            query = query.where(SessionRow.started_at >= _window_start(since))
        return self._read(query, _session_record)

    def update_session(self, session_id: int, edit: SessionEdit, zone: tzinfo | None = None) -> None:
        """Correct a finished session's variant, time rested and status; its start and plan stay. Refused
        (`SessionOverlaps`, said in `zone`) when the time it adds overlaps another session, as `log_session` is."""
        with self._writing() as db:
            # Locked, so that a timer reviving an interrupted session cannot slip in between check and write.
            row = self._session_row(db, session_id, for_update=True)
            held = _session_record(row)
            edited = edit.applied_to(held)
            # Only added time can overlap: a journal that already holds an overlap (written by an older crest) can
            # still be corrected by shortening either session.
            if edited.actual_seconds > held.actual_seconds:
                existing = self._overlapping_session(db, edited)
                if existing is not None:
                    raise SessionOverlaps(existing, zone, "nothing was changed")
            row.variant = edited.variant
            row.actual_seconds = edited.actual_seconds
            row.status = edited.status

    def delete_session(self, session_id: int) -> None:
        """Delete a session; its before/after check-ins stay, on their own: the pain a person rated is theirs, and a
        session is most often deleted to log it again or to drop a demo tried with a real rating before it. One
        "before" waits for the next session, as one made away from a session does; one "after" is on its own now,
        as nothing is left to compare it with."""
        with self._writing() as db:
            self._session_row(db, session_id)
            kept = (CheckInRow.session_id == session_id, CheckInRow.person_id == self.person_id)
            db.execute(
                update(CheckInRow)
                .where(*kept, CheckInRow.timing == CheckInTiming.AFTER)
                .values(timing=CheckInTiming.STANDALONE, compared_with_before=None)
            )
            db.execute(update(CheckInRow).where(*kept).values(session_id=None))
            db.execute(delete(SessionRow).where(SessionRow.id == session_id, SessionRow.person_id == self.person_id))

    def mark_abandoned_sessions(
        self,
        is_writer_alive: Callable[[str | None], bool],
        stale_after_s: float,
        now: datetime | None = None,
        writer: str | None = None,
    ) -> list[PracticeSession]:
        """Mark `running` sessions whose process is gone, or silent for `stale_after_s`, as `interrupted`.

        Only `writer`'s sessions, when given. Their elapsed time stays the last checkpointed one: what was really
        practised.
        """
        moment = as_utc(require_aware(now, "now")) if now is not None else self._clock()
        stale_before = moment - timedelta(seconds=stale_after_s)
        marked: list[PracticeSession] = []
        query = select(SessionRow).where(
            SessionRow.person_id == self.person_id, SessionRow.status == SessionStatus.RUNNING
        )
        if writer is not None:
            query = query.where(SessionRow.writer == writer)
        with self._writing() as db:
            for row in db.scalars(query):
                last_sign_of_life = row.last_checkpoint_at or row.started_at
                if last_sign_of_life < stale_before or not is_writer_alive(row.writer):
                    row.status = SessionStatus.INTERRUPTED
                    marked.append(_session_record(row))
        return marked

    # Check-ins

    def add_checkin(self, check_in: CheckIn) -> int:
        with self._writing() as db:
            if check_in.session_id is not None:
                self._session_row(db, check_in.session_id)
            row = CheckInRow(person_id=self.person_id, uid=new_uid())
            _fill_check_in_row(row, check_in, self._clock())
            return _stored_id(db, row)

    def get_checkin(self, check_in_id: int) -> CheckIn:
        with self._transaction() as db:
            return _check_in_record(self._check_in_row(db, check_in_id))

    def list_checkins(self, since: datetime | None = None, session_id: int | None = None) -> list[CheckIn]:
        """Oldest first (plain rows: see `read_check_ins`)."""
        conditions = [CheckInRow.person_id == self.person_id]
        if since is not None:
            conditions.append(CheckInRow.at >= _window_start(since))
        if session_id is not None:
            conditions.append(CheckInRow.session_id == session_id)
        with self._transaction() as db:
            return [check_in for _, check_in in read_check_ins(db, conditions, self._unreadable.note)]

    def check_in_notes(self, since: datetime) -> list[tuple[int, str]]:
        """The id and note of each check-in since `since` that has a note: plain pairs, for rules that read words."""
        with self._transaction() as db:
            rows = db.execute(
                select(CheckInRow.id, CheckInRow.note).where(
                    CheckInRow.person_id == self.person_id,
                    CheckInRow.at >= _window_start(since),
                    CheckInRow.note.is_not(None),
                )
            )
            return [(row.id, row.note) for row in rows]

    def check_ins_with_note_signs(self, since: datetime) -> list[int]:
        """The ids of the check-ins since `since` that carry signs read in their note (`CheckIn.note_signs`)."""
        with self._transaction() as db:
            return list(
                db.scalars(
                    select(CheckInRow.id).where(
                        CheckInRow.person_id == self.person_id,
                        CheckInRow.at >= _window_start(since),
                        CheckInRow.note_signs.is_not(None),
                    )
                )
            )

    def check_ins_rating(
        self, since: datetime, qualities: Collection[str], regions: Collection[str], or_ids: Collection[int] = ()
    ) -> list[CheckIn]:
        """The check-ins since `since` that rate a place with one of `qualities` or in one of `regions`, and those
        in `or_ids`, oldest first: the few a rule needs, not every check-in of the window."""
        rated = select(PainRow.check_in_id).where(or_(PainRow.quality.in_(qualities), PainRow.region.in_(regions)))
        conditions = [
            CheckInRow.person_id == self.person_id,
            CheckInRow.at >= _window_start(since),
            or_(CheckInRow.id.in_(rated), CheckInRow.id.in_(list(or_ids))),
        ]
        with self._transaction() as db:
            return [check_in for _, check_in in read_check_ins(db, conditions, self._unreadable.note)]

    def newest(self, count: int) -> tuple[list[PracticeSession], list[CheckIn]]:
        """The newest `count` sessions and the newest `count` check-ins, each oldest first: all that a page of the
        time line ending at its `count`-th entry needs, without reading years of records."""
        sessions = self._own(SessionRow).order_by(SessionRow.started_at.desc(), SessionRow.id.desc()).limit(count)
        newest_check_ins = (
            select(CheckInRow.id)
            .where(CheckInRow.person_id == self.person_id)
            .order_by(CheckInRow.at.desc(), CheckInRow.id.desc())
            .limit(count)
        )
        with self._transaction() as db:
            session_records = self._readable(db.scalars(sessions), _session_record)[::-1]
            check_ins = read_check_ins(db, [CheckInRow.id.in_(newest_check_ins)], self._unreadable.note)
        return session_records, [check_in for _, check_in in check_ins]

    def latest_checkin(self) -> CheckIn | None:
        query = self._own(CheckInRow).order_by(CheckInRow.at.desc(), CheckInRow.id.desc()).limit(1)
        return next(iter(self._read(query, _check_in_record)), None)

    def update_checkin(self, check_in: CheckIn) -> None:
        """Replace the stored check-in that has `check_in.id` with this one."""
        if check_in.id is None:
            raise CheckInNotFound("the check-in to update has no id")
        with self._writing() as db:
            row = self._check_in_row(db, check_in.id)
            if check_in.session_id is not None:
                self._session_row(db, check_in.session_id)
            _fill_check_in_row(row, check_in, self._clock())

    def delete_checkin(self, check_in_id: int) -> None:
        with self._writing() as db:
            db.delete(self._check_in_row(db, check_in_id))
            db.flush()
            self._unlink_warnings_of_deleted_check_ins(db)

    def _unlink_warnings_of_deleted_check_ins(self, db: Session) -> None:
        """A kept warning whose check-in is gone names none: SQLite gives the newest deleted id to the next
        check-in, and a warning still naming it would be shown beside that check-in, which never named the sign.
        A "see a clinician" one goes with it, in the same transaction: deleting the check-in lifts that sign (it
        was a mistake), its hold from the entry too; an urgent-care one holds on."""
        existing = select(CheckInRow.id).where(CheckInRow.person_id == self.person_id)
        orphaned = (
            SafetyWarningRow.person_id == self.person_id,
            SafetyWarningRow.check_in_id.is_not(None),
            SafetyWarningRow.check_in_id.not_in(existing),
        )
        urgent = AdviceLevel.URGENT.stored_name
        db.execute(delete(SafetyWarningRow).where(*orphaned, SafetyWarningRow.level != urgent))
        db.execute(update(SafetyWarningRow).where(*orphaned).values(check_in_id=None))

    def _check_in_row(self, db: Session, check_in_id: int) -> CheckInRow:
        return self._own_row(db, CheckInRow, check_in_id, CheckInNotFound, "check-in")

    # Safety answers

    def record_safety_screen(self, screen: SafetyScreen) -> int:
        with self._writing() as db:
            return _stored_id(db, _screen_row(screen, self.person_id, self._clock()))

    def safety_screens_since(self, since: datetime) -> list[SafetyScreen]:
        """The answers given at or after `since`, and always the latest ones, oldest first."""
        moment = _window_start(since)
        query = self._own(SafetyScreenRow).order_by(SafetyScreenRow.answered_at, SafetyScreenRow.id)
        recent = self._read(query.where(SafetyScreenRow.answered_at >= moment), _screen_record)
        latest = self.latest_safety_screen()
        if latest is not None and all(screen.id != latest.id for screen in recent):
            recent.append(latest)
        return recent

    def record_safety_clearance(self, clearance: SafetyClearance) -> int:
        with self._writing() as db:
            return _stored_id(db, _clearance_row(clearance, self.person_id))

    def safety_clearances(self) -> list[SafetyClearance]:
        """Every clinician's all-clear, oldest first."""
        query = self._own(SafetyClearanceRow).order_by(SafetyClearanceRow.recorded_at, SafetyClearanceRow.id)
        return self._read(query, _clearance_record)

    # Warning signs kept apart from what raised them

    def keep_safety_warnings(self, warnings: Sequence[SafetyWarning]) -> None:
        if not warnings:
            return
        with self._writing() as db:
            db.add_all(_warning_row(warning, self.person_id) for warning in warnings)

    def safety_warnings(self) -> list[SafetyWarning]:
        """Every kept warning, the oldest end first (a handful: each is forgotten once its hold ends)."""
        query = self._own(SafetyWarningRow).order_by(SafetyWarningRow.held_until, SafetyWarningRow.id)
        return self._read(query, _warning_record)

    def forget_safety_warnings(self, warning_ids: Collection[int]) -> None:
        with self._writing() as db:
            db.execute(
                delete(SafetyWarningRow).where(
                    SafetyWarningRow.person_id == self.person_id, SafetyWarningRow.id.in_(list(warning_ids))
                )
            )

    def latest_safety_screen(self) -> SafetyScreen | None:
        query = self._own(SafetyScreenRow).order_by(SafetyScreenRow.answered_at.desc(), SafetyScreenRow.id.desc())
        return next(iter(self._read(query.limit(1), _screen_record)), None)

    # The Patient-Specific Functional Scale

    def add_psfs(self, assessment: PsfsAssessment) -> int:
        with self._writing() as db:
            return _stored_id(db, _psfs_row(assessment, self.person_id))

    def get_psfs(self, assessment_id: int) -> PsfsAssessment:
        with self._transaction() as db:
            return _psfs_record(self._psfs_row(db, assessment_id))

    def list_psfs(self) -> list[PsfsAssessment]:
        """Oldest first."""
        query = self._own(PsfsAssessmentRow).order_by(PsfsAssessmentRow.at, PsfsAssessmentRow.id)
        return self._read(query, _psfs_record)

    def delete_psfs(self, assessment_id: int) -> None:
        self.require_uid("psfs", assessment_id, None)
        with self._writing() as db:
            self._psfs_row(db, assessment_id)
            db.execute(
                delete(PsfsAssessmentRow).where(
                    PsfsAssessmentRow.id == assessment_id, PsfsAssessmentRow.person_id == self.person_id
                )
            )

    def _psfs_row(self, db: Session, assessment_id: int) -> PsfsAssessmentRow:
        return self._own_row(db, PsfsAssessmentRow, assessment_id, PsfsNotFound, "PSFS entry")

    # Settings

    def get_settings(self) -> dict[str, str]:
        with self._transaction() as db:
            return {
                row.key: row.value
                for row in db.scalars(
                    select(SettingRow).where(SettingRow.person_id == self.person_id).order_by(SettingRow.key)
                )
            }

    def save_settings(self, values: Mapping[str, str]) -> None:
        """Store these keys (others stay as they are)."""
        for key, value in values.items():
            if not isinstance(key, str) or not key.strip() or not isinstance(value, str):
                raise CrestError(f"setting {key!r} = {value!r} must be a named text value")
        with self._writing() as db:
            for key, value in values.items():
                db.merge(SettingRow(person_id=self.person_id, key=key, value=value))

    # Whole journal: export and import

    def _counts(self, db: Session) -> list[str]:
        """How many records of each kind this person has, in words (as an import counts them), for the kinds there
        are any of. Settings are no record: a new journal whose Settings were saved once is still empty to a restore,
        which was refused for "11 settings" when the person had saved one form."""
        found = []
        for table, singular, plural in (
            (SessionRow, "session", None),
            (CheckInRow, "check-in", None),
            (SafetyScreenRow, "set of safety answers", "sets of safety answers"),
            (SafetyClearanceRow, "clinician's all-clear", "clinicians' all-clears"),
            (PsfsAssessmentRow, "rating of daily activities", capacity.PSFS_ROUNDS.plural),  # the person's words
        ):
            count = db.scalar(select(func.count()).select_from(table).where(table.person_id == self.person_id)) or 0
            if count:
                found.append(counted(count, singular, plural))
        return found

    def is_empty(self) -> bool:
        with self._transaction() as db:
            return not self._counts(db)

    def person_key(self) -> str:
        """What tells this person apart from every other, here and in other journals (their id and the moment their
        journal began), so that exports name them by it and never merge two people."""
        with self._transaction() as db:
            created_at = db.scalar(select(PersonRow.created_at).where(PersonRow.id == self.person_id))
        return f"{self.person_id}/{'' if created_at is None else created_at.isoformat()}"

    def export_contents(self) -> JournalContents:
        with self._transaction() as db:
            return self._contents(db)

    def _contents(self, db: Session) -> JournalContents:
        """Every record of this person; a row that cannot be read is left out and noted (`unreadable_rows`), so
        that an export still holds all the others."""
        person = self.person_id
        uids = self._record_uids(db)

        def rows(table: type[Row]) -> Iterable[Row]:
            return db.scalars(self._own(table).order_by(table.id))

        sessions = self._readable(rows(SessionRow), _session_record)
        session_ids = {session.id for session in sessions}

        def check_in_record(row: CheckInRow) -> CheckIn:
            # One of a session left out goes with it: a file naming a session it does not hold cannot be imported.
            if row.session_id is not None and row.session_id not in session_ids:
                raise CrestError(_session_left_out(row.session_id))
            return _check_in_record(row)

        check_ins = self._readable(rows(CheckInRow), check_in_record)
        return JournalContents(
            sessions=tuple(sessions),
            check_ins=tuple(check_ins),
            safety_screens=tuple(self._readable(rows(SafetyScreenRow), _screen_record)),
            settings={
                row.key: row.value
                for row in db.scalars(select(SettingRow).where(SettingRow.person_id == person).order_by(SettingRow.key))
            },
            safety_clearances=tuple(self._readable(rows(SafetyClearanceRow), _clearance_record)),
            psfs=tuple(self._readable(rows(PsfsAssessmentRow), _psfs_record)),
            session_notes=tuple(self._synced_notes(db, pulled=True)),
            session_uids=uids["sessions"],
            check_in_uids=uids["check_ins"],
            screen_uids=uids["safety_screens"],
            psfs_uids=uids["psfs"],
            safety_warnings=tuple(self._exported_warnings(db, {check_in.id for check_in in check_ins})),
        )

    def _exported_warnings(self, db: Session, check_in_ids: Collection[int | None]) -> list[SafetyWarning]:
        """The kept warnings, each naming its check-in only when the export holds it (a file naming a check-in it
        does not hold cannot be imported)."""
        query = self._own(SafetyWarningRow).order_by(SafetyWarningRow.id)
        return [
            warning if warning.check_in_id in check_in_ids else replace(warning, check_in_id=None)
            for warning in self._readable(db.scalars(query), _warning_record)
        ]

    def import_contents(self, contents: JournalContents) -> None:
        """Fill an empty journal (settings saved are no record) with `contents`, keeping their ids, all in one
        transaction."""
        with self._writing() as db:
            found = self._counts(db)
            if found:
                raise JournalNotEmpty(", ".join(found))
            # Each record keeps the uid it was exported with, if any: the practice it is synced with names it by that
            # (so the next sync sends it not again), and so do the practitioner's notes on a session.
            uids = contents.session_uids
            _inserted(
                db,
                SessionRow,
                [_session_values(record, self.person_id, uids.get(record.id or 0)) for record in contents.sessions],
            )
            session_of_uid = {uid: session_id for session_id, uid in uids.items()}
            db.add_all(
                _pulled_note_row(note, self.person_id, session_of_uid[note.session_uid])
                for note in contents.session_notes
            )
            stored_at = self._clock()  # one moment for the whole transaction
            check_in_uids = contents.check_in_uids
            _NewCheckIns.of(
                self.person_id,
                [(check_in, check_in_uids.get(check_in.id or 0) or new_uid()) for check_in in contents.check_ins],
                stored_at,
                new_ids=False,
            ).insert(db)
            db.add_all(
                _screen_row(screen, self.person_id, stored_at, contents.screen_uids.get(screen.id or 0))
                for screen in contents.safety_screens
            )
            db.add_all(_clearance_row(clearance, self.person_id) for clearance in contents.safety_clearances)
            # The file's settings replace those saved here (a new computer's first choices); the others stay.
            for key, value in contents.settings.items():
                db.merge(SettingRow(person_id=self.person_id, key=key, value=value))
            db.add_all(
                _psfs_row(assessment, self.person_id, contents.psfs_uids.get(assessment.id or 0))
                for assessment in contents.psfs
            )
            # New ids: a journal emptied by deleting everything may keep warnings of its own (the same one once).
            held = set(map(warning_key, self._exported_warnings(db, ())))
            db.add_all(
                _warning_row(warning, self.person_id)
                for warning in contents.safety_warnings
                if warning_key(warning) not in held
            )
            db.flush()
            self._continue_id_sequences(
                db, ("practice_sessions", "check_ins", "safety_screens", "safety_clearances", "psfs_assessments")
            )

    def merge_contents(self, contents: JournalContents) -> MergePlan:
        """Add what `contents` holds and this journal does not (`merging.plan_merge`), with new ids, in one
        transaction; the plan says what was added and how many records were there already.

        In a SQLite file the journal is read and matched with the file, and the rows made ready, before the write
        lock is taken, so other crests wait only while the rows are written (a large file takes seconds to match).
        SQLite refuses that lock at once to a transaction that began reading before another crest wrote: it is then
        done again holding the lock throughout, as it always is on a server."""
        if self._database.file_path is not None:
            with translated_errors(self.where):
                try:
                    # without this process's writer lock too: its other writers go on meanwhile
                    with self._one_at_a_time, self._unit_of_work.begin() as db:
                        return self._merge(db, contents)
                except OperationalError as error:
                    if not _written_meanwhile(error):
                        raise
        with self._writing() as db:
            return self._merge(db, contents)

    def _merge(self, db: Session, contents: JournalContents) -> MergePlan:
        person = self.person_id
        held = self._contents(db)
        plan = plan_merge(held, contents)
        _check_merged_counts(held, plan)
        held_uids = {kind: set(uids.values()) for kind, uids in held.uids.items()}

        def file_uid(kind: RecordKind, record_id: int | None) -> str | None:
            """A new record's uid in the file, unless the journal has a record with that uid (an edited copy)."""
            uid = contents.uids[kind].get(record_id or 0)
            return None if uid in held_uids[kind] else uid

        # Made ready before the first write, which takes the write lock (merge_contents). New ids here; and no
        # writer: the process that wrote the session ran on another install.
        sessions = [
            _session_values(replace(record, id=None, writer=None), person, file_uid("sessions", record.id))
            for record in plan.sessions
        ]
        stored_at = self._clock()  # one moment for the whole transaction
        check_ins = _NewCheckIns.of(
            person,
            [(check_in, file_uid("check_ins", check_in.id) or new_uid()) for check_in in plan.check_ins],
            stored_at,
            new_ids=True,
        )

        session_ids = dict(plan.known_sessions)
        session_ids.update(
            (record.id, new_id)
            for record, new_id in zip(plan.sessions, _inserted(db, SessionRow, sessions), strict=True)
            if record.id
        )
        for record in plan.updated_sessions:
            # The journal's record of a rest in the file's later state; its id and uid stay, so what names it (its
            # check-ins, notes, the practice's copy) still does.
            held_row = db.get_one(SessionRow, record.id)
            held_row.status = record.status
            held_row.actual_seconds = record.actual_seconds
            held_row.position_check_summary = record.position_check_summary
            held_row.breath = None if record.breath is None else breath_text(record.breath)
            held_row.logged, held_row.demo = record.logged, record.demo
            held_row.writer = held_row.last_checkpoint_at = None
        session_of_uid = {uid: session_ids[session_id] for session_id, uid in contents.session_uids.items()}
        db.add_all(_pulled_note_row(note, person, session_of_uid[note.session_uid]) for note in plan.session_notes)
        check_in_ids = dict(plan.known_check_ins)
        check_in_ids.update(
            (check_in.id, new_id)
            for check_in, new_id in zip(plan.check_ins, check_ins.insert(db, session_ids), strict=True)
            if check_in.id
        )
        db.add_all(
            _warning_row(replace(warning, check_in_id=check_in_ids.get(warning.check_in_id or 0)), person)
            for warning in plan.safety_warnings
        )
        db.add_all(
            _screen_row(replace(screen, id=None), person, stored_at, file_uid("safety_screens", screen.id))
            for screen in plan.safety_screens
        )
        db.add_all(_clearance_row(replace(clearance, id=None), person) for clearance in plan.safety_clearances)
        db.add_all(SettingRow(person_id=person, key=key, value=value) for key, value in plan.settings.items())
        db.add_all(
            _psfs_row(replace(assessment, id=None), person, file_uid("psfs", assessment.id)) for assessment in plan.psfs
        )
        return plan

    def delete_everything(self, keep: Sequence[SafetyWarning] = ()) -> None:
        """Delete this person's records and settings (all an export holds) and kept warnings, in one transaction;
        their pain ratings, sensations, answers and activities go with them (ON DELETE CASCADE). `keep`: the
        urgent-care warnings that still hold, written back stripped to their sign, level and end."""
        person = self.person_id
        tables = (
            PsfsAssessmentRow,
            SettingRow,
            SafetyClearanceRow,
            SafetyScreenRow,
            SafetyWarningRow,
            CheckInRow,
            SessionRow,
        )
        with self._writing() as db:
            for table in tables:
                db.execute(delete(table).where(table.person_id == person))
            db.add_all(_warning_row(warning.stripped(), person) for warning in keep)

    def _continue_id_sequences(self, db: Session, tables: Sequence[str]) -> None:
        """Explicit ids leave PostgreSQL's sequences behind; move them past the imported rows."""
        if self.dialect != "postgresql":
            return
        for table in tables:
            db.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
                )
            )

    # Practice mode: the companion repositories share these transactions

    def reading(self) -> contextlib.AbstractContextManager[Session]:
        return self._transaction()

    def writing(self) -> contextlib.AbstractContextManager[Session]:
        return self._writing()

    # Practice mode: what a practitioner prescribed, and their notes on sessions

    def current_prescription(self) -> Prescription | None:
        """The newest version of a live programme (or the one pulled by `crest sync`), or None."""
        query = (
            select(PrescriptionRow)
            .outerjoin(CareLinkRow, CareLinkRow.id == PrescriptionRow.care_link_id)
            .where(PrescriptionRow.person_id == self.person_id, live_prescription())
            .order_by(PrescriptionRow.created_at.desc(), PrescriptionRow.id.desc())
            .limit(1)
        )
        with self._transaction() as db:
            row = db.scalars(query).first()
            return None if row is None else prescription_record(row)

    def keep_pulled_prescription(self, prescription: Prescription | None, now: datetime) -> None:
        """Replace the copy of the practice's prescription that a linked crest keeps (None: there is none now)."""
        with self._writing() as db:
            db.execute(
                delete(PrescriptionRow).where(
                    PrescriptionRow.person_id == self.person_id, PrescriptionRow.care_link_id.is_(None)
                )
            )
            if prescription is not None:
                db.add(prescription_row(self.person_id, None, prescription, now))

    def session_notes(self) -> dict[int, list[SessionNote]]:
        """Practitioners' notes on this person's sessions, by session, oldest first."""
        notes: dict[int, list[SessionNote]] = defaultdict(list)
        query = (
            select(SessionNoteRow)
            .where(SessionNoteRow.person_id == self.person_id)
            .order_by(SessionNoteRow.created_at, SessionNoteRow.id)
        )
        with self._transaction() as db:
            for row in db.scalars(query):
                notes[row.session_id].append(SessionNote(row.session_id, row.author_name, row.text, row.created_at))
        return notes

    def synced_session_notes(self) -> list[SyncedSessionNote]:
        """Practitioners' notes on this person's sessions, each naming its session by uid (for a linked crest)."""
        with self._transaction() as db:
            return self._synced_notes(db, pulled=False)

    def _synced_notes(self, db: Session, *, pulled: bool) -> list[SyncedSessionNote]:
        """The notes written here (a practice's), or the copies pulled from the practice (a linked crest's)."""
        query = (
            select(SessionRow.uid, SessionNoteRow)
            .join(SessionRow, SessionRow.id == SessionNoteRow.session_id)
            .where(SessionNoteRow.person_id == self.person_id, SessionNoteRow.pulled.is_(pulled))
            .order_by(SessionNoteRow.created_at, SessionNoteRow.id)
        )
        return [SyncedSessionNote(uid, row.author_name, row.text, row.created_at) for uid, row in db.execute(query)]

    def keep_pulled_session_notes(self, notes: Sequence[SyncedSessionNote]) -> int:
        """Replace the copies of the practice's notes that a linked crest keeps; each goes with the session of its
        uid here, and one on a session this journal does not hold (deleted since) is left out. How many are kept."""
        capacity.SESSION_NOTES.check("the practice sent", len(notes))
        with self._writing() as db:
            db.execute(delete(SessionNoteRow).where(SessionNoteRow.person_id == self.person_id, SessionNoteRow.pulled))
            session_ids = {
                uid: session_id
                for uid, session_id in db.execute(
                    select(SessionRow.uid, SessionRow.id).where(SessionRow.person_id == self.person_id)
                )
            }
            kept = [note for note in notes if note.session_uid in session_ids]
            db.add_all(_pulled_note_row(note, self.person_id, session_ids[note.session_uid]) for note in kept)
            return len(kept)

    # Practice mode: `crest sync` (records matched by their stable uid, so pushing twice changes nothing)

    def record_uids(self) -> dict[RecordKind, dict[int, str]]:
        """Every record's uid by its id, per kind."""
        with self._transaction() as db:
            return self._record_uids(db)

    def _record_uids(self, db: Session) -> dict[RecordKind, dict[int, str]]:
        return {
            kind: {
                record_id: uid
                for record_id, uid in db.execute(select(table.id, table.uid).where(table.person_id == self.person_id))
            }
            for kind, table in _SYNCED_TABLES.items()
        }

    def has_uid(self, kind: RecordKind, record_id: int, uid: str | None) -> bool:
        """Whether record `record_id` is still the one a page was given with this `uid`: False when it was deleted
        since, or its id names another now; True with no `uid` to compare."""
        return uid is None or self.uids_of(kind, [record_id]).get(record_id) == uid

    def require_uid(self, kind: RecordKind, record_id: int, uid: str | None) -> None:
        """Refuse an edit or delete of record `record_id`: sent by a page opened on the record with this `uid`,
        when the id now names another (`RecordReplaced`; `uid` None: nothing to compare, as from the terminal,
        whose commands name an id just typed, and API clients that send none); or of a record a linked computer
        pushed (`FromYourCrest`)."""
        table = _SYNCED_TABLES[kind]
        with self._transaction() as db:
            held = db.execute(
                select(table.uid, _sent_by_a_linked_crest(table).label("from_a_linked_crest")).where(
                    table.id == record_id, table.person_id == self.person_id
                )
            ).first()
        if held is None:
            return
        if uid is not None and held.uid != uid:
            raise RecordReplaced(_RECORD_NOUNS[kind])
        if held.from_a_linked_crest:
            raise FromYourCrest(_RECORD_NOUNS[kind])

    def pushed_ids(self, kind: RecordKind, record_ids: Collection[int]) -> set[int]:
        """Those of these records (by id) that a computer still linked pushed: only its `crest sync` changes them."""
        table = _SYNCED_TABLES[kind]
        query = select(table.id).where(
            table.person_id == self.person_id, table.id.in_(record_ids), _sent_by_a_linked_crest(table)
        )
        with self._transaction() as db:
            return set(db.scalars(query))

    def uids_of(self, kind: RecordKind, record_ids: Collection[int]) -> dict[int, str]:
        """The uids of these records of one kind, by id: what a page sends back with an edit or a delete."""
        table = _SYNCED_TABLES[kind]
        query = select(table.id, table.uid).where(table.person_id == self.person_id, table.id.in_(record_ids))
        with self._transaction() as db:
            return {record_id: uid for record_id, uid in db.execute(query)}

    def uids_pushed_by(
        self, device: int, after: tuple[RecordKind, str] | None = None, limit: int | None = None
    ) -> list[tuple[RecordKind, str]]:
        """The uids of the records the linked computer `device` pushed (`merge_synced`) that this journal still
        holds, each with its kind, in order (kind by kind, each kind's by uid), those after `after` only, at most
        `limit`: its rows and its copies of another computer's (the same rest logged on both); never one entered here
        or pushed by another computer. A page at a time, so that a large journal is never read out whole."""
        kinds = list(_SYNCED_TABLES)
        listed: list[tuple[RecordKind, str]] = []
        with self._transaction() as db:
            for kind in kinds[0 if after is None else kinds.index(after[0]) :]:
                uids = self._held_for(kind, device)
                query = select(uids.c.uid).order_by(uids.c.uid)
                if after is not None and kind == after[0]:
                    query = query.where(uids.c.uid > after[1])
                if limit is not None:
                    query = query.limit(limit - len(listed))
                listed += ((kind, uid) for uid in db.scalars(query))
                if limit is not None and len(listed) >= limit:
                    break
        return listed

    def _held_for(self, kind: RecordKind, device: int) -> Subquery:
        """The uids of this kind that `device` pushed (column `uid`): its rows', those it pushed too under the same
        uid (`SyncedHolderRow`) and its copies'."""
        table = _SYNCED_TABLES[kind]
        own = table.person_id == self.person_id
        rows = select(table.uid.label("uid")).where(own, table.pushed_by_device == device)
        beside = select(SyncedHolderRow.uid).where(
            SyncedHolderRow.person_id == self.person_id,
            SyncedHolderRow.kind == kind,
            SyncedHolderRow.pushed_by_device == device,
            SyncedHolderRow.uid.in_(select(table.uid).where(own)),
        )
        copy_of = _COPIED.get(kind)
        if copy_of is None:
            return union(rows, beside).subquery()
        copies = select(SyncedCopyRow.uid).where(
            SyncedCopyRow.person_id == self.person_id, SyncedCopyRow.pushed_by_device == device, copy_of.is_not(None)
        )
        return union(rows, beside, copies).subquery()

    def copies_held(self, kind: RecordKind) -> dict[str, int]:
        """Each copy's uid (`SyncedCopyRow`) and the id of the row it names, for this kind."""
        copy_of = _COPIED.get(kind)
        if copy_of is None:
            return {}
        query = select(SyncedCopyRow.uid, copy_of).where(
            SyncedCopyRow.person_id == self.person_id, copy_of.is_not(None)
        )
        with self._transaction() as db:
            return {uid: row_id for uid, row_id in db.execute(query)}

    def copied_uids(self, kind: RecordKind, uids: Collection[str]) -> set[str]:
        """Those of these uids whose row another computer holds a copy of, or pushed too under the same uid:
        deleting one hands the row on to that computer, or drops only that computer's note of it (`merge_synced`),
        so the record stays."""
        if not uids:
            return set()
        table = _SYNCED_TABLES[kind]
        listed = table.uid.in_(list(uids))
        beside = select(SyncedHolderRow.uid).where(
            SyncedHolderRow.person_id == self.person_id,
            SyncedHolderRow.kind == kind,
            SyncedHolderRow.uid.in_(list(uids)),
        )
        with self._transaction() as db:
            staying = set(
                db.scalars(select(table.uid).where(table.person_id == self.person_id, listed, table.uid.in_(beside)))
            )
            copy_of = _COPIED.get(kind)
            if copy_of is not None:
                copied = select(table.uid).join(SyncedCopyRow, copy_of == table.id)
                staying.update(db.scalars(copied.where(table.person_id == self.person_id, listed)))
            return staying

    def merge_synced(
        self,
        contents: JournalContents,
        uids: Mapping[RecordKind, Mapping[int, str]],
        deleted: Mapping[RecordKind, Sequence[str]],
        device: int | None = None,
    ) -> int:
        """Insert or replace each record by its uid (`uids` maps the sender's ids to uids), noting the linked
        computer that pushed it (`device`), and delete by uid; one transaction, so a sync cut off half-way leaves
        the batch all there or not at all. A session or check-in new here that another linked computer of the person
        pushed already, equal in every field (the same rest logged on both), is held once: a copy names the row
        (`SyncedCopyRow`). A check-in or safety answers sent again unchanged keep when they were stored (`stored_at`).
        How many of the person's records the deletions removed, copies included."""
        with self._writing() as db:
            stored_at = self._clock()  # one moment for the whole batch
            # Most people sync from one computer: then nothing is a copy, and none is looked for record by record.
            copies = db.scalars(select(SyncedCopyRow.id).where(SyncedCopyRow.person_id == self.person_id)).first()
            looked_for = copies is not None or self._another_computer_pushed(db, device)
            session_ids: dict[int, int] = {}
            for session in contents.sessions:
                uid = _uid_of(uids, "sessions", session.id)
                same_rest = partial(self._same_rest, db, session, device) if looked_for else None
                row = self._pushed_row(db, SessionRow, uid, device, same_rest) or SessionRow(
                    person_id=self.person_id, uid=uid, writer=None, pushed_by_device=device
                )
                row.started_at = session.started_at
                row.planned_minutes = session.planned_minutes
                row.actual_seconds = session.actual_seconds
                row.variant = session.variant
                row.status = session.status
                row.position_check_summary = session.position_check_summary
                row.last_checkpoint_at = session.last_checkpoint_at or session.started_at
                row.logged = session.logged
                row.breath = None if session.breath is None else breath_text(session.breath)
                row.demo = session.demo
                session_ids[session.id or 0] = _stored_id(db, row)
            for check_in in contents.check_ins:
                uid = _uid_of(uids, "check_ins", check_in.id)
                session_id = None if check_in.session_id is None else session_ids[check_in.session_id]
                check_in = replace(check_in, session_id=session_id)
                same_check_in = partial(self._same_check_in, db, check_in, device) if looked_for else None
                check_in_row = self._pushed_row(db, CheckInRow, uid, device, same_check_in) or CheckInRow(
                    person_id=self.person_id, uid=uid, pushed_by_device=device
                )
                # Sent again as it is held (its computer's sync state lost, or the computer linked again): no
                # news, so it keeps when it was stored, from which its alerts count.
                held = check_in_row.id is not None and _check_in_record(check_in_row) == replace(
                    check_in, id=check_in_row.id
                )
                _fill_check_in_row(check_in_row, check_in, check_in_row.stored_at if held else stored_at)
                db.add(check_in_row)
            for screen in contents.safety_screens:
                uid = _uid_of(uids, "safety_screens", screen.id)
                kept = self._row_by_uid(db, SafetyScreenRow, uid)
                held = kept is not None and _screen_record(kept) == replace(screen, id=kept.id)
                since = kept.stored_at if held and kept is not None else stored_at  # as a check-in's, above
                fresh = _screen_row(replace(screen, id=None), self.person_id, since)
                self._replace_by_uid(db, "safety_screens", uid, fresh, device)
            for assessment in contents.psfs:
                uid = _uid_of(uids, "psfs", assessment.id)
                self._replace_by_uid(db, "psfs", uid, _psfs_row(replace(assessment, id=None), self.person_id), device)
            # check-ins before sessions: one whose session goes too would go by cascade, uncounted
            removed = sum(
                self._delete_synced(db, kind, deleted[kind], device) for kind in _DELETION_ORDER if deleted.get(kind)
            )
            self._unlink_warnings_of_deleted_check_ins(db)
            # Each batch is small, but batches add up: the journal they leave is counted before it is kept.
            db.flush()
            for kind, table in _SYNCED_TABLES.items():
                count = db.scalar(select(func.count()).select_from(table).where(table.person_id == self.person_id))
                _SYNCED_CAPS[kind].check("the journal would hold", count or 0)
            return removed

    def _another_computer_pushed(self, db: Session, device: int | None) -> bool:
        """Whether another linked computer than `device` pushed a session or check-in of this person."""
        return device is not None and any(
            db.scalars(
                select(table.id).where(table.person_id == self.person_id, _pushed_by_another(table, device)).limit(1)
            ).first()
            is not None
            for table in (SessionRow, CheckInRow)
        )

    def _delete_synced(self, db: Session, kind: RecordKind, gone: Sequence[str], device: int | None) -> int:
        """Delete by uid what one computer (`device`) told deleted: its note beside a row it pushed too under the
        same uid, its copy of a record, or its own row; a row another computer pushed too, or holds a copy of, is
        handed on to that computer (the oldest; a copy's uid too) instead, so the record stays while a computer still
        holds it. How many uids named something."""
        table = _SYNCED_TABLES[kind]
        copy_of = _COPIED.get(kind)
        kept = self._hand_on_to_holders(db, kind, gone, device)
        removed = len(kept)
        gone = [uid for uid in gone if uid not in kept]
        if copy_of is not None:
            copies = delete(SyncedCopyRow).where(
                SyncedCopyRow.person_id == self.person_id, SyncedCopyRow.uid.in_(list(gone)), copy_of.is_not(None)
            )
            removed += _rowcount(db.execute(copies))
            if kind == "sessions":
                removed += self._hand_on(db, SessionRow, copy_of, gone)
            else:
                removed += self._hand_on(db, CheckInRow, copy_of, gone)
        return removed + _rowcount(
            db.execute(delete(table).where(table.person_id == self.person_id, table.uid.in_(list(gone))))
        )

    def _hand_on_to_holders(self, db: Session, kind: RecordKind, gone: Sequence[str], device: int | None) -> set[str]:
        """Of these uids, those another computer pushed too (`SyncedHolderRow`): `device`'s note of each goes, or,
        where `device` has none, the row is handed on to the computer that pushed it first after; the uids kept."""
        holders = db.scalars(
            select(SyncedHolderRow)
            .where(
                SyncedHolderRow.person_id == self.person_id,
                SyncedHolderRow.kind == kind,
                SyncedHolderRow.uid.in_(list(gone)),
            )
            .order_by(SyncedHolderRow.id)
        ).all()
        own = {holder.uid: holder for holder in holders if holder.pushed_by_device == device}
        for holder in own.values():
            db.delete(holder)
        table = _SYNCED_TABLES[kind]
        next_holder: dict[str, SyncedHolderRow] = {}
        for holder in holders:
            if holder.uid not in own:
                next_holder.setdefault(holder.uid, holder)
        kept = set(own)
        for uid, holder in next_holder.items():
            row = table.person_id == self.person_id, table.uid == uid
            if _rowcount(db.execute(update(table).where(*row).values(pushed_by_device=holder.pushed_by_device))):
                db.delete(holder)
                kept.add(uid)
        db.flush()
        return kept

    def _hand_on(self, db: Session, table: type[SyncedRow], copy_of: Any, gone: Sequence[str]) -> int:
        """Each row of these uids that another computer holds a copy of takes the oldest copy's uid and computer,
        the copy going; how many."""
        copied = select(table).where(
            table.person_id == self.person_id, table.uid.in_(list(gone)), table.id.in_(select(copy_of))
        )
        handed_on = db.scalars(copied).all()
        for row in handed_on:
            oldest = db.scalars(select(SyncedCopyRow).where(copy_of == row.id).order_by(SyncedCopyRow.id)).first()
            assert oldest is not None  # selected for having one
            db.delete(oldest)
            db.flush()  # its uid is free before the row takes it
            row.uid, row.pushed_by_device = oldest.uid, oldest.pushed_by_device
        return len(handed_on)

    def _pushed_row(
        self,
        db: Session,
        table: type[CopiedRow],
        uid: str,
        device: int | None,
        same_record: Callable[[], CopiedRow | None] | None,
    ) -> CopiedRow | None:
        """The row a pushed record fills: its own (`_pushed_again`), or, where copies are looked for
        (`same_record` given), the row it is a copy of or the same record another computer pushed, noted as `device`'s
        copy; None for a new row."""
        row = self._row_by_uid(db, table, uid)
        if row is not None:
            kind: RecordKind = "sessions" if table is SessionRow else "check_ins"
            row.pushed_by_device = self._pushed_again(db, kind, uid, row.pushed_by_device, device)
        elif same_record is not None and (row := self._copied_row(db, table, uid) or same_record()):
            self._hold_copy(db, uid, device, row)
        return row

    def _copied_row(self, db: Session, table: type[SessionRow] | type[CheckInRow], uid: str) -> Any:
        """The row this uid is a copy of (pushed again, or changed since on its computer), or None."""
        copy_of = _COPIED["sessions" if table is SessionRow else "check_ins"]
        return db.scalars(
            select(table)
            .join(SyncedCopyRow, copy_of == table.id)
            .where(SyncedCopyRow.person_id == self.person_id, SyncedCopyRow.uid == uid)
        ).first()

    def _hold_copy(self, db: Session, uid: str, device: int | None, row: SessionRow | CheckInRow) -> None:
        """Note `uid` as `device`'s copy of `row`, unless it is already."""
        if db.scalars(
            select(SyncedCopyRow.id).where(SyncedCopyRow.person_id == self.person_id, SyncedCopyRow.uid == uid)
        ).first():
            return
        assert device is not None  # only a linked computer's record is held as a copy (`_same_rest`)
        named = {"session_id": row.id} if isinstance(row, SessionRow) else {"check_in_id": row.id}
        db.add(SyncedCopyRow(person_id=self.person_id, uid=uid, pushed_by_device=device, **named))

    def _same_rest(self, db: Session, session: PracticeSession, device: int | None) -> SessionRow | None:
        """The row of the same rest (equal in every field two journals compare) that another linked computer of the
        person pushed, and of which `device` holds no copy yet; never a demo. Anything else is another rest."""
        if device is None or session.demo:
            return None
        candidates = db.scalars(
            select(SessionRow).where(
                SessionRow.person_id == self.person_id,
                SessionRow.started_at.between(*_around(session.started_at)),
                _pushed_by_another(SessionRow, device),
                SessionRow.id.not_in(_copied_by(device, SyncedCopyRow.session_id)),
            )
        )
        return next((row for row in candidates if session_key(_session_record(row)) == session_key(session)), None)

    def _same_check_in(self, db: Session, check_in: CheckIn, device: int | None) -> CheckInRow | None:
        """As `_same_rest`, for a check-in naming its session by this journal's id."""
        if device is None:
            return None
        candidates = db.scalars(
            select(CheckInRow).where(
                CheckInRow.person_id == self.person_id,
                CheckInRow.at.between(*_around(check_in.at)),
                _pushed_by_another(CheckInRow, device),
                CheckInRow.id.not_in(_copied_by(device, SyncedCopyRow.check_in_id)),
            )
        )
        key = check_in_key(check_in, check_in.session_id)
        return next((row for row in candidates if check_in_key(_check_in_record(row), row.session_id) == key), None)

    def _row_by_uid(self, db: Session, table: type[SyncedRow], uid: str) -> SyncedRow | None:
        return db.scalars(select(table).where(table.person_id == self.person_id, table.uid == uid)).first()

    def _replace_by_uid(self, db: Session, kind: RecordKind, uid: str, fresh: SyncedRow, device: int | None) -> None:
        """`fresh` in place of the row with `uid` (its children go with it by cascade), or added when there is none;
        pushed by `device` (`_pushed_again`)."""
        existing = self._row_by_uid(db, type(fresh), uid)
        fresh.pushed_by_device = device
        if existing is not None:
            fresh.pushed_by_device = self._pushed_again(db, kind, uid, existing.pushed_by_device, device)
            db.delete(existing)
            db.flush()
        fresh.uid = uid
        db.add(fresh)

    def _pushed_again(self, db: Session, kind: RecordKind, uid: str, pushed_by: int | None, device: int | None) -> Any:
        """Which computer a row of `uid` that `pushed_by` pushed is pushed by once `device` pushes that uid too:
        `device` where it was nobody's or a computer's since unlinked, or its own; else still `pushed_by`, and `device`
        is noted beside it (`SyncedHolderRow`: the same journal on both computers), so each is told it as its own."""
        if device is None or pushed_by in (None, device) or db.scalar(_unlinked(pushed_by)):
            return device
        noted = select(SyncedHolderRow.id).where(
            SyncedHolderRow.person_id == self.person_id,
            SyncedHolderRow.kind == kind,
            SyncedHolderRow.uid == uid,
            SyncedHolderRow.pushed_by_device == device,
        )
        if db.scalars(noted).first() is None:
            db.add(SyncedHolderRow(person_id=self.person_id, kind=kind, uid=uid, pushed_by_device=device))
        return pushed_by
