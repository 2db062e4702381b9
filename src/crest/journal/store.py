"""`Journal`: the one way into the journal database, for the CLI and the web app alike.

Every method runs in its own short transaction on a thread-safe engine, so a FastAPI worker can share one
`Journal`. Database failures become one-line `CrestError`s naming the database; callers never see SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from crest.breath.result import BreathResult
from crest.config import database_url
from crest.errors import CrestError
from crest.journal.breath_record import breath_from_text, breath_text
from crest.journal.engine import WRITES, Database, connect, translated_errors
from crest.journal.records import (
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsActivity,
    PsfsAssessment,
    SafetyClearance,
    SafetyScreen,
    SessionEdit,
    as_utc,
    check_comparison,
    check_elapsed,
    check_finished_status,
    check_position_summary,
    check_status,
    check_timing,
    parse_region,
    parse_sensation,
    parse_side,
    require_aware,
)
from crest.journal.schema import migrate
from crest.journal.tables import (
    CheckInRow,
    PainRow,
    PsfsActivityRow,
    PsfsAssessmentRow,
    SafetyAnswerRow,
    SafetyClearanceRow,
    SafetyScreenRow,
    SensationRow,
    SessionRow,
    SettingRow,
)
from crest.journal.vocabulary import CheckInTiming, SessionStatus

Clock = Callable[[], datetime]


class SessionNotFound(CrestError):
    http_status = 404


class CheckInNotFound(CrestError):
    http_status = 404


class CheckInTaken(CrestError):
    """A "before" check-in that already belongs to another session."""

    http_status = 409


class PsfsNotFound(CrestError):
    http_status = 404


class JournalNotEmpty(CrestError):
    """Import only fills an empty journal, so nothing is ever duplicated or overwritten."""

    http_status = 409


def _utc_now() -> datetime:
    return datetime.now(UTC)


_writer_locks: dict[Path, threading.Lock] = {}
_writer_locks_guard = threading.Lock()


def _writer_lock(path: Path) -> threading.Lock:
    """One lock per journal file in this process, shared by every `Journal` opened on it."""
    with _writer_locks_guard:
        return _writer_locks.setdefault(path, threading.Lock())


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
    )


def _check_in_record(row: CheckInRow) -> CheckIn:
    return CheckIn(
        id=row.id,
        at=row.at,
        timing=check_timing(row.timing),
        session_id=row.session_id,
        pain=tuple(
            PainRating(
                region=parse_region(pain.region),
                side=None if pain.side is None else parse_side(pain.side),
                score=pain.score,
            )
            for pain in row.pain
        ),
        sensations=frozenset(parse_sensation(sensation.sensation) for sensation in row.sensations),
        compared_with_before=None if row.compared_with_before is None else check_comparison(row.compared_with_before),
        note=row.note,
    )


def _fill_check_in_row(row: CheckInRow, check_in: CheckIn) -> None:
    row.at = check_in.at
    row.timing = check_in.timing
    row.session_id = check_in.session_id
    row.compared_with_before = check_in.compared_with_before
    row.note = check_in.note
    row.pain = [
        PainRow(position=position, region=rating.region, side=rating.side, score=rating.score)
        for position, rating in enumerate(check_in.pain)
    ]
    row.sensations = [SensationRow(sensation=name) for name in sorted(check_in.sensations)]


def _screen_record(row: SafetyScreenRow) -> SafetyScreen:
    return SafetyScreen(
        id=row.id,
        answered_at=row.answered_at,
        advice_level=row.advice_level,
        answers={answer.question_id: answer.answer for answer in row.answers},
    )


def _screen_row(screen: SafetyScreen) -> SafetyScreenRow:
    return SafetyScreenRow(
        id=screen.id,
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


def _clearance_row(clearance: SafetyClearance) -> SafetyClearanceRow:
    return SafetyClearanceRow(
        id=clearance.id,
        recorded_at=clearance.recorded_at,
        clinician=clearance.clinician,
        cleared_on=clearance.cleared_on,
        question_ids=" ".join(clearance.question_ids),
    )


def _psfs_record(row: PsfsAssessmentRow) -> PsfsAssessment:
    return PsfsAssessment(
        id=row.id,
        at=row.at,
        activities=tuple(PsfsActivity(name=activity.name, score=activity.score) for activity in row.activities),
    )


def _psfs_row(assessment: PsfsAssessment) -> PsfsAssessmentRow:
    return PsfsAssessmentRow(
        id=assessment.id,
        at=assessment.at,
        activities=[
            PsfsActivityRow(position=position, name=activity.name, score=activity.score)
            for position, activity in enumerate(assessment.activities)
        ],
    )


class Journal:
    """Repository and unit of work over the journal tables; open it with `Journal.open()`."""

    def __init__(self, database: Database, clock: Clock = _utc_now) -> None:
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

    @classmethod
    def open(cls, url: str | None = None, clock: Clock = _utc_now) -> Journal:
        """Connect (default: `crest.config.database_url()`) and apply any missing migrations."""
        database = connect(url if url is not None else database_url())
        journal = cls(database, clock)
        try:
            migrate(database)
        except BaseException:
            database.engine.dispose()
            raise
        return journal

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

    @staticmethod
    def _session_row(db: Session, session_id: int, for_update: bool = False) -> SessionRow:
        row = db.get(SessionRow, session_id, with_for_update=for_update)
        if row is None:
            raise SessionNotFound(f"there is no session {session_id} in the journal")
        return row

    # Practice sessions

    def start_session(
        self,
        started_at: datetime,
        planned_minutes: int,
        variant: str,
        writer: str,
        position_check_summary: str | None = None,
        before_check_in_id: int | None = None,
    ) -> int:
        """Write the session row as the rest starts, so even a crash a second later leaves a record.

        A check-in made just before lying down is linked to the session in the same transaction.
        """
        record = PracticeSession(
            started_at=started_at,
            planned_minutes=planned_minutes,
            variant=variant,
            writer=writer,
            position_check_summary=check_position_summary(position_check_summary),
        )
        with self._writing() as db:
            row = SessionRow(
                started_at=record.started_at,
                planned_minutes=record.planned_minutes,
                actual_seconds=0,
                variant=record.variant,
                status=SessionStatus.RUNNING,
                position_check_summary=record.position_check_summary,
                writer=writer,
                last_checkpoint_at=self._clock(),
                logged=False,
            )
            db.add(row)
            db.flush()
            if before_check_in_id is not None:
                before = self._check_in_row(db, before_check_in_id)
                if before.session_id is not None and before.session_id != row.id:
                    raise CheckInTaken(
                        f"check-in {before_check_in_id} already belongs to session {before.session_id}"
                    )
                before.session_id = row.id
                before.timing = CheckInTiming.BEFORE
            return row.id

    def log_session(self, started_at: datetime, minutes: int, variant: str) -> int:
        """Record a session done without the app: completed, its minutes as given, marked as logged."""
        record = PracticeSession(
            started_at=started_at,
            planned_minutes=minutes,
            variant=variant,
            status=SessionStatus.COMPLETED,
            actual_seconds=minutes * 60,
            logged=True,
        )
        with self._writing() as db:
            row = SessionRow(
                started_at=record.started_at,
                planned_minutes=record.planned_minutes,
                actual_seconds=record.actual_seconds,
                variant=record.variant,
                status=record.status,
                logged=True,
            )
            db.add(row)
            db.flush()
            return row.id

    def checkpoint_session(self, session_id: int, elapsed_s: float) -> None:
        """Record progress (one UPDATE). Revives a session another start wrongly marked interrupted."""
        elapsed = check_elapsed(elapsed_s)
        with self._writing() as db:
            result = db.execute(
                update(SessionRow)
                .where(
                    SessionRow.id == session_id,
                    SessionRow.status.in_((SessionStatus.RUNNING, SessionStatus.INTERRUPTED)),
                )
                .values(actual_seconds=elapsed, last_checkpoint_at=self._clock(), status=SessionStatus.RUNNING)
            )
            if getattr(result, "rowcount", 1) == 0:
                self._session_row(db, session_id)

    def finish_session(
        self, session_id: int, elapsed_s: float, status: str, breath: BreathResult | None = None
    ) -> None:
        """End the session; `breath`, when given, is the camera's breath reading of the rest (kept as numbers)."""
        elapsed = check_elapsed(elapsed_s)
        check_finished_status(status)
        with self._writing() as db:
            row = self._session_row(db, session_id)
            row.actual_seconds = elapsed
            row.status = status
            row.last_checkpoint_at = self._clock()
            if breath is not None:
                row.breath = breath_text(breath)

    def get_session(self, session_id: int) -> PracticeSession:
        with self._transaction() as db:
            return _session_record(self._session_row(db, session_id))

    def list_sessions(self, since: datetime | None = None) -> list[PracticeSession]:
        query = select(SessionRow).order_by(SessionRow.started_at, SessionRow.id)
        if since is not None:
            query = query.where(
                SessionRow.started_at >= as_utc(require_aware(since, "the start of the window"))
            )
        with self._transaction() as db:
            return [_session_record(row) for row in db.scalars(query)]

    def update_session(self, session_id: int, edit: SessionEdit) -> None:
        """Correct a finished session's variant, time rested and status; its start and plan stay."""
        with self._writing() as db:
            # Locked, so that a timer reviving an interrupted session cannot slip in between check and write.
            row = self._session_row(db, session_id, for_update=True)
            edited = edit.applied_to(_session_record(row))
            row.variant = edited.variant
            row.actual_seconds = edited.actual_seconds
            row.status = edited.status

    def delete_session(self, session_id: int) -> None:
        """Delete a session together with its before/after check-ins."""
        with self._writing() as db:
            self._session_row(db, session_id)
            # The database cascades to the check-ins and their ratings (SQLite has foreign keys switched on).
            db.execute(delete(SessionRow).where(SessionRow.id == session_id))

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
        query = select(SessionRow).where(SessionRow.status == SessionStatus.RUNNING)
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
            row = CheckInRow()
            _fill_check_in_row(row, check_in)
            db.add(row)
            db.flush()
            return row.id

    def get_checkin(self, check_in_id: int) -> CheckIn:
        with self._transaction() as db:
            return _check_in_record(self._check_in_row(db, check_in_id))

    def list_checkins(self, since: datetime | None = None, session_id: int | None = None) -> list[CheckIn]:
        """Oldest first. Read as plain rows, three queries in all: the ORM's objects cost more than linear time
        once years of check-ins are read at once (the progress summary, the report)."""
        conditions = []
        if since is not None:
            conditions.append(CheckInRow.at >= as_utc(require_aware(since, "the start of the window")))
        if session_id is not None:
            conditions.append(CheckInRow.session_id == session_id)
        chosen = select(CheckInRow.id).where(*conditions)
        with self._transaction() as db:
            pain: dict[int, list[PainRating]] = defaultdict(list)
            for region, side, score, check_in_id in db.execute(
                select(PainRow.region, PainRow.side, PainRow.score, PainRow.check_in_id)
                .where(PainRow.check_in_id.in_(chosen))
                .order_by(PainRow.check_in_id, PainRow.position)
            ):
                side_name = None if side is None else parse_side(side)
                pain[check_in_id].append(PainRating(region=parse_region(region), side=side_name, score=score))
            sensations: dict[int, set[str]] = defaultdict(set)
            for check_in_id, sensation in db.execute(
                select(SensationRow.check_in_id, SensationRow.sensation).where(SensationRow.check_in_id.in_(chosen))
            ):
                sensations[check_in_id].add(sensation)
            rows = db.execute(
                select(
                    CheckInRow.id,
                    CheckInRow.at,
                    CheckInRow.timing,
                    CheckInRow.session_id,
                    CheckInRow.compared_with_before,
                    CheckInRow.note,
                )
                .where(*conditions)
                .order_by(CheckInRow.at, CheckInRow.id)
            )
            return [
                CheckIn(
                    id=row.id,
                    at=row.at,
                    timing=check_timing(row.timing),
                    session_id=row.session_id,
                    pain=tuple(pain.get(row.id, ())),
                    sensations=frozenset(parse_sensation(name) for name in sensations.get(row.id, ())),
                    compared_with_before=None
                    if row.compared_with_before is None
                    else check_comparison(row.compared_with_before),
                    note=row.note,
                )
                for row in rows
            ]

    def latest_checkin(self) -> CheckIn | None:
        query = select(CheckInRow).order_by(CheckInRow.at.desc(), CheckInRow.id.desc()).limit(1)
        with self._transaction() as db:
            row = db.scalars(query).first()
            return None if row is None else _check_in_record(row)

    def update_checkin(self, check_in: CheckIn) -> None:
        """Replace the stored check-in that has `check_in.id` with this one."""
        if check_in.id is None:
            raise CheckInNotFound("the check-in to update has no id")
        with self._writing() as db:
            row = self._check_in_row(db, check_in.id)
            if check_in.session_id is not None:
                self._session_row(db, check_in.session_id)
            _fill_check_in_row(row, check_in)

    def delete_checkin(self, check_in_id: int) -> None:
        with self._writing() as db:
            db.delete(self._check_in_row(db, check_in_id))

    @staticmethod
    def _check_in_row(db: Session, check_in_id: int) -> CheckInRow:
        row = db.get(CheckInRow, check_in_id)
        if row is None:
            raise CheckInNotFound(f"there is no check-in {check_in_id} in the journal")
        return row

    # Safety answers

    def record_safety_screen(self, screen: SafetyScreen) -> int:
        with self._writing() as db:
            row = _screen_row(screen)
            db.add(row)
            db.flush()
            return row.id

    def safety_screens_since(self, since: datetime) -> list[SafetyScreen]:
        """The answers given at or after `since`, and always the latest ones, oldest first."""
        moment = as_utc(require_aware(since, "the start of the window"))
        query = select(SafetyScreenRow).order_by(SafetyScreenRow.answered_at, SafetyScreenRow.id)
        with self._transaction() as db:
            recent = [_screen_record(row) for row in db.scalars(query.where(SafetyScreenRow.answered_at >= moment))]
        latest = self.latest_safety_screen()
        if latest is not None and all(screen.id != latest.id for screen in recent):
            recent.append(latest)
        return recent

    def record_safety_clearance(self, clearance: SafetyClearance) -> int:
        with self._writing() as db:
            row = _clearance_row(clearance)
            db.add(row)
            db.flush()
            return row.id

    def safety_clearances(self) -> list[SafetyClearance]:
        """Every clinician's all-clear, oldest first."""
        query = select(SafetyClearanceRow).order_by(SafetyClearanceRow.recorded_at, SafetyClearanceRow.id)
        with self._transaction() as db:
            return [_clearance_record(row) for row in db.scalars(query)]

    def latest_safety_screen(self) -> SafetyScreen | None:
        query = select(SafetyScreenRow).order_by(
            SafetyScreenRow.answered_at.desc(), SafetyScreenRow.id.desc()
        )
        with self._transaction() as db:
            row = db.scalars(query.limit(1)).first()
            return None if row is None else _screen_record(row)

    # The Patient-Specific Functional Scale

    def add_psfs(self, assessment: PsfsAssessment) -> int:
        with self._transaction() as db:
            row = _psfs_row(assessment)
            db.add(row)
            db.flush()
            return row.id

    def get_psfs(self, assessment_id: int) -> PsfsAssessment:
        with self._transaction() as db:
            return _psfs_record(self._psfs_row(db, assessment_id))

    def list_psfs(self) -> list[PsfsAssessment]:
        """Oldest first."""
        query = select(PsfsAssessmentRow).order_by(PsfsAssessmentRow.at, PsfsAssessmentRow.id)
        with self._transaction() as db:
            return [_psfs_record(row) for row in db.scalars(query)]

    def delete_psfs(self, assessment_id: int) -> None:
        with self._transaction() as db:
            self._psfs_row(db, assessment_id)
            db.execute(delete(PsfsAssessmentRow).where(PsfsAssessmentRow.id == assessment_id))

    @staticmethod
    def _psfs_row(db: Session, assessment_id: int) -> PsfsAssessmentRow:
        row = db.get(PsfsAssessmentRow, assessment_id)
        if row is None:
            raise PsfsNotFound(f"there is no PSFS entry {assessment_id} in the journal")
        return row

    # Settings

    def get_settings(self) -> dict[str, str]:
        with self._transaction() as db:
            return {
                row.key: row.value for row in db.scalars(select(SettingRow).order_by(SettingRow.key))
            }

    def save_settings(self, values: Mapping[str, str]) -> None:
        """Store these keys (others stay as they are)."""
        for key, value in values.items():
            if not isinstance(key, str) or not key.strip() or not isinstance(value, str):
                raise CrestError(f"setting {key!r} = {value!r} must be a named text value")
        with self._writing() as db:
            for key, value in values.items():
                db.merge(SettingRow(key=key, value=value))

    # Whole journal: export and import

    def is_empty(self) -> bool:
        with self._transaction() as db:
            return all(
                db.scalar(select(func.count()).select_from(table)) == 0
                for table in (
                    SessionRow, CheckInRow, SafetyScreenRow, SafetyClearanceRow, SettingRow, PsfsAssessmentRow
                )
            )

    def export_contents(self) -> JournalContents:
        with self._transaction() as db:
            return JournalContents(
                sessions=tuple(
                    _session_record(row)
                    for row in db.scalars(select(SessionRow).order_by(SessionRow.id))
                ),
                check_ins=tuple(
                    _check_in_record(row)
                    for row in db.scalars(select(CheckInRow).order_by(CheckInRow.id))
                ),
                safety_screens=tuple(
                    _screen_record(row)
                    for row in db.scalars(select(SafetyScreenRow).order_by(SafetyScreenRow.id))
                ),
                settings={
                    row.key: row.value for row in db.scalars(select(SettingRow).order_by(SettingRow.key))
                },
                safety_clearances=tuple(
                    _clearance_record(row)
                    for row in db.scalars(select(SafetyClearanceRow).order_by(SafetyClearanceRow.id))
                ),
                psfs=tuple(
                    _psfs_record(row)
                    for row in db.scalars(select(PsfsAssessmentRow).order_by(PsfsAssessmentRow.id))
                ),
            )

    def import_contents(self, contents: JournalContents) -> None:
        """Fill an empty journal with `contents`, keeping their ids, all in one transaction."""
        with self._writing() as db:
            counts = [
                db.scalar(select(func.count()).select_from(t)) or 0 for t in (SessionRow, CheckInRow)
            ]
            screens = sum(
                db.scalar(select(func.count()).select_from(t)) or 0 for t in (SafetyScreenRow, SafetyClearanceRow)
            )
            settings = db.scalar(select(func.count()).select_from(SettingRow)) or 0
            psfs = db.scalar(select(func.count()).select_from(PsfsAssessmentRow)) or 0
            if sum(counts) + screens + settings + psfs:
                raise JournalNotEmpty(
                    f"the journal at {self.where} is not empty ({counts[0]} sessions, {counts[1]} check-ins, "
                    f"{screens} safety records, {settings} settings, {psfs} PSFS entries); import only fills an "
                    "empty journal, so point CREST_HOME at a new folder"
                )
            for record in contents.sessions:
                db.add(
                    SessionRow(
                        id=record.id,
                        started_at=record.started_at,
                        planned_minutes=record.planned_minutes,
                        actual_seconds=record.actual_seconds,
                        variant=record.variant,
                        status=record.status,
                        position_check_summary=record.position_check_summary,
                        writer=record.writer,
                        last_checkpoint_at=record.last_checkpoint_at,
                        logged=record.logged,
                        breath=None if record.breath is None else breath_text(record.breath),
                    )
                )
            db.flush()
            for check_in in contents.check_ins:
                row = CheckInRow(id=check_in.id)
                _fill_check_in_row(row, check_in)
                db.add(row)
            db.add_all(_screen_row(screen) for screen in contents.safety_screens)
            db.add_all(_clearance_row(clearance) for clearance in contents.safety_clearances)
            db.add_all(SettingRow(key=key, value=value) for key, value in contents.settings.items())
            db.add_all(_psfs_row(assessment) for assessment in contents.psfs)
            db.flush()
            self._continue_id_sequences(
                db, ("practice_sessions", "check_ins", "safety_screens", "safety_clearances", "psfs_assessments")
            )

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
