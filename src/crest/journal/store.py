"""`Journal`: the one way into the journal database, for the CLI and the web app alike.

Every method runs in its own short transaction on a thread-safe engine, so a FastAPI worker can share one
`Journal`. Database failures become one-line `CrestError`s naming the database; callers never see SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from crest.errors import CrestError
from crest.journal.records import (
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    SafetyScreen,
    SessionEdit,
    as_utc,
    check_elapsed,
    check_finished_status,
    require_aware,
)
from crest.journal.schema import migration_lock, upgrade_to_head
from crest.journal.tables import (
    CheckInRow,
    PainRow,
    SafetyAnswerRow,
    SafetyScreenRow,
    SensationRow,
    SessionRow,
    SettingRow,
)

Clock = Callable[[], datetime]
SQLITE_BUSY_TIMEOUT_S = 5


class DatabaseUnavailable(CrestError):
    """The journal database cannot be opened or used: locked, damaged, unreachable, read-only."""


class SessionNotFound(CrestError):
    http_status = 404


class CheckInNotFound(CrestError):
    http_status = 404


class JournalNotEmpty(CrestError):
    """Import only fills an empty journal, so nothing is ever duplicated or overwritten."""

    http_status = 409


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _describe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or "an in-memory database"
    return url.render_as_string(hide_password=True)


def _explain(error: DBAPIError | SQLAlchemyError, where: str) -> str:
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    reason = detail[0] if detail else type(error).__name__
    lowered = reason.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the journal at {where} is locked by another program; close it and try again"
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return f"the journal at {where} is damaged ({reason}); move that file aside to start a fresh journal"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the journal at {where} is read-only; check its permissions"
    if "connection" in lowered and ("failed" in lowered or "refused" in lowered):
        return f"cannot reach the journal database at {where} ({reason})"
    if "unable to open" in lowered:
        return f"cannot open the journal at {where}; check that its folder exists and is writable"
    return f"the journal database at {where} failed: {reason}"


def _create_private_file(path: Path) -> None:
    """Health notes stay private: the SQLite file is created readable by its owner only."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as error:
        raise DatabaseUnavailable(
            f"cannot create the journal at {path} ({error.strerror or error}); "
            "set CREST_HOME to a folder you can write to"
        ) from None
    os.close(descriptor)


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory and not database.startswith("file:"):
        _create_private_file(Path(database))
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
        # An in-memory journal (tests, demos) must be one database shared by every thread.
        poolclass=StaticPool if in_memory else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    return engine


def _session_record(row: SessionRow) -> PracticeSession:
    return PracticeSession(
        id=row.id,
        started_at=row.started_at,
        planned_minutes=row.planned_minutes,
        actual_seconds=row.actual_seconds,
        variant=row.variant,
        status=row.status,
        position_check_summary=row.position_check_summary,
        last_checkpoint_at=row.last_checkpoint_at,
        owner=row.owner,
    )


def _check_in_record(row: CheckInRow) -> CheckIn:
    return CheckIn(
        id=row.id,
        at=row.at,
        timing=row.timing,
        session_id=row.session_id,
        pain=tuple(PainRating(region=pain.region, side=pain.side, score=pain.score) for pain in row.pain),
        sensations=frozenset(sensation.sensation for sensation in row.sensations),
        compared_with_before=row.compared_with_before,
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


class Journal:
    """Repository and unit of work over the journal tables; open it with `Journal.open()`."""

    def __init__(self, engine: Engine, where: str, clock: Clock = _utc_now) -> None:
        self._engine = engine
        # An in-memory database is one connection shared by every thread: take turns on it.
        self._one_at_a_time = threading.Lock() if isinstance(engine.pool, StaticPool) else contextlib.nullcontext()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._clock = clock
        self.where = where

    @classmethod
    def open(cls, url: str | None = None, clock: Clock = _utc_now) -> Journal:
        """Connect (default: `crest.config.database_url()`) and apply any missing migrations."""
        if url is None:
            from crest.config import database_url

            url = database_url()
        where = f"'{url.split(':', 1)[0]}:...'"  # never echo a password from an unreadable URL
        try:
            parsed = make_url(url)
            where = _describe(parsed)
            engine = (
                _sqlite_engine(parsed)
                if parsed.get_backend_name() == "sqlite"
                else create_engine(parsed, pool_pre_ping=True)
            )
        except (ArgumentError, NoSuchModuleError, ImportError) as error:
            raise DatabaseUnavailable(f"cannot use the database URL {where}: {error}") from None
        journal = cls(engine, where, clock)
        try:
            with journal._translated_errors(), migration_lock(parsed), engine.begin() as connection:
                upgrade_to_head(connection, where)
        except BaseException:
            engine.dispose()
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

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except (DBAPIError, SQLAlchemyError) as error:
            raise DatabaseUnavailable(_explain(error, self.where)) from None

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._one_at_a_time, self._translated_errors(), self._sessions.begin() as session:
            yield session

    @staticmethod
    def _session_row(session: Session, session_id: int, for_update: bool = False) -> SessionRow:
        row = session.get(SessionRow, session_id, with_for_update=for_update)
        if row is None:
            raise SessionNotFound(f"there is no session {session_id} in the journal")
        return row

    # Practice sessions

    def start_session(self, started_at: datetime, planned_minutes: int, variant: str, owner: str) -> int:
        """Write the session row as the rest starts, so even a crash a second later leaves a record."""
        record = PracticeSession(
            started_at=started_at, planned_minutes=planned_minutes, variant=variant, owner=owner
        )
        with self._transaction() as session:
            row = SessionRow(
                started_at=record.started_at,
                planned_minutes=record.planned_minutes,
                actual_seconds=0,
                variant=record.variant,
                status="running",
                owner=owner,
                last_checkpoint_at=self._clock(),
            )
            session.add(row)
            session.flush()
            return row.id

    def checkpoint_session(self, session_id: int, elapsed_s: float) -> None:
        """Record progress (one UPDATE). Revives a session another start wrongly marked interrupted."""
        elapsed = check_elapsed(elapsed_s)
        with self._transaction() as session:
            result = session.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id, SessionRow.status.in_(("running", "interrupted")))
                .values(actual_seconds=elapsed, last_checkpoint_at=self._clock(), status="running")
            )
            if getattr(result, "rowcount", 1) == 0:
                self._session_row(session, session_id)

    def finish_session(self, session_id: int, elapsed_s: float, status: str) -> None:
        elapsed = check_elapsed(elapsed_s)
        check_finished_status(status)
        with self._transaction() as session:
            row = self._session_row(session, session_id)
            row.actual_seconds = elapsed
            row.status = status
            row.last_checkpoint_at = self._clock()

    def set_position_check_summary(self, session_id: int, summary: str | None) -> None:
        with self._transaction() as session:
            self._session_row(session, session_id).position_check_summary = (summary or "").strip() or None

    def get_session(self, session_id: int) -> PracticeSession:
        with self._transaction() as session:
            return _session_record(self._session_row(session, session_id))

    def list_sessions(self, since: datetime | None = None) -> list[PracticeSession]:
        query = select(SessionRow).order_by(SessionRow.started_at, SessionRow.id)
        if since is not None:
            query = query.where(
                SessionRow.started_at >= as_utc(require_aware(since, "the start of the window"))
            )
        with self._transaction() as session:
            return [_session_record(row) for row in session.scalars(query)]

    def update_session(self, session_id: int, edit: SessionEdit) -> None:
        """Correct a finished session's variant, time rested and status; its start and plan stay."""
        with self._transaction() as session:
            # Locked, so that a timer reviving an interrupted session cannot slip in between check and write.
            row = self._session_row(session, session_id, for_update=True)
            edited = edit.applied_to(_session_record(row))
            row.variant = edited.variant
            row.actual_seconds = edited.actual_seconds
            row.status = edited.status

    def delete_session(self, session_id: int) -> None:
        """Delete a session together with its before/after check-ins."""
        with self._transaction() as session:
            self._session_row(session, session_id)
            # The database cascades to the check-ins and their ratings (SQLite has foreign keys switched on).
            session.execute(delete(SessionRow).where(SessionRow.id == session_id))

    def mark_abandoned_sessions(
        self, is_owner_alive: Callable[[str | None], bool], stale_after_s: float, now: datetime | None = None
    ) -> list[PracticeSession]:
        """Mark `running` sessions whose process is gone, or silent for `stale_after_s`, as `interrupted`.

        Their elapsed time stays the last checkpointed one: what was really practised.
        """
        moment = as_utc(require_aware(now, "now")) if now is not None else self._clock()
        stale_before = moment - timedelta(seconds=stale_after_s)
        marked: list[PracticeSession] = []
        with self._transaction() as session:
            for row in session.scalars(select(SessionRow).where(SessionRow.status == "running")):
                last_sign_of_life = row.last_checkpoint_at or row.started_at
                if last_sign_of_life < stale_before or not is_owner_alive(row.owner):
                    row.status = "interrupted"
                    marked.append(_session_record(row))
        return marked

    # Check-ins

    def add_checkin(self, check_in: CheckIn) -> int:
        with self._transaction() as session:
            if check_in.session_id is not None:
                self._session_row(session, check_in.session_id)
            row = CheckInRow()
            _fill_check_in_row(row, check_in)
            session.add(row)
            session.flush()
            return row.id

    def get_checkin(self, check_in_id: int) -> CheckIn:
        with self._transaction() as session:
            return _check_in_record(self._check_in_row(session, check_in_id))

    def list_checkins(self, since: datetime | None = None, session_id: int | None = None) -> list[CheckIn]:
        query = select(CheckInRow).order_by(CheckInRow.at, CheckInRow.id)
        if since is not None:
            query = query.where(CheckInRow.at >= as_utc(require_aware(since, "the start of the window")))
        if session_id is not None:
            query = query.where(CheckInRow.session_id == session_id)
        with self._transaction() as session:
            return [_check_in_record(row) for row in session.scalars(query)]

    def update_checkin(self, check_in: CheckIn) -> None:
        """Replace the stored check-in that has `check_in.id` with this one."""
        if check_in.id is None:
            raise CheckInNotFound("the check-in to update has no id")
        with self._transaction() as session:
            row = self._check_in_row(session, check_in.id)
            if check_in.session_id is not None:
                self._session_row(session, check_in.session_id)
            _fill_check_in_row(row, check_in)

    def delete_checkin(self, check_in_id: int) -> None:
        with self._transaction() as session:
            session.delete(self._check_in_row(session, check_in_id))

    @staticmethod
    def _check_in_row(session: Session, check_in_id: int) -> CheckInRow:
        row = session.get(CheckInRow, check_in_id)
        if row is None:
            raise CheckInNotFound(f"there is no check-in {check_in_id} in the journal")
        return row

    # Safety answers

    def record_safety_screen(self, screen: SafetyScreen) -> int:
        with self._transaction() as session:
            row = _screen_row(screen)
            session.add(row)
            session.flush()
            return row.id

    def latest_safety_screen(self) -> SafetyScreen | None:
        query = select(SafetyScreenRow).order_by(
            SafetyScreenRow.answered_at.desc(), SafetyScreenRow.id.desc()
        )
        with self._transaction() as session:
            row = session.scalars(query.limit(1)).first()
            return None if row is None else _screen_record(row)

    # Settings

    def get_settings(self) -> dict[str, str]:
        with self._transaction() as session:
            return {
                row.key: row.value for row in session.scalars(select(SettingRow).order_by(SettingRow.key))
            }

    def save_settings(self, values: Mapping[str, str]) -> None:
        """Store these keys (others stay as they are)."""
        for key, value in values.items():
            if not isinstance(key, str) or not key.strip() or not isinstance(value, str):
                raise CrestError(f"setting {key!r} = {value!r} must be a named text value")
        with self._transaction() as session:
            for key, value in values.items():
                session.merge(SettingRow(key=key, value=value))

    # Whole journal: export and import

    def is_empty(self) -> bool:
        with self._transaction() as session:
            return all(
                session.scalar(select(func.count()).select_from(table)) == 0
                for table in (SessionRow, CheckInRow, SafetyScreenRow, SettingRow)
            )

    def export_contents(self) -> JournalContents:
        with self._transaction() as session:
            return JournalContents(
                sessions=tuple(
                    _session_record(row)
                    for row in session.scalars(select(SessionRow).order_by(SessionRow.id))
                ),
                check_ins=tuple(
                    _check_in_record(row)
                    for row in session.scalars(select(CheckInRow).order_by(CheckInRow.id))
                ),
                safety_screens=tuple(
                    _screen_record(row)
                    for row in session.scalars(select(SafetyScreenRow).order_by(SafetyScreenRow.id))
                ),
                settings={
                    row.key: row.value for row in session.scalars(select(SettingRow).order_by(SettingRow.key))
                },
            )

    def import_contents(self, contents: JournalContents) -> None:
        """Fill an empty journal with `contents`, keeping their ids, all in one transaction."""
        with self._transaction() as session:
            counts = [
                session.scalar(select(func.count()).select_from(t)) or 0 for t in (SessionRow, CheckInRow)
            ]
            screens = session.scalar(select(func.count()).select_from(SafetyScreenRow)) or 0
            settings = session.scalar(select(func.count()).select_from(SettingRow)) or 0
            if sum(counts) + screens + settings:
                raise JournalNotEmpty(
                    f"the journal at {self.where} is not empty ({counts[0]} sessions, {counts[1]} check-ins, "
                    f"{screens} safety screens, {settings} settings); import only fills an empty journal, "
                    "so point CREST_HOME at a new folder"
                )
            for record in contents.sessions:
                session.add(
                    SessionRow(
                        id=record.id,
                        started_at=record.started_at,
                        planned_minutes=record.planned_minutes,
                        actual_seconds=record.actual_seconds,
                        variant=record.variant,
                        status=record.status,
                        position_check_summary=record.position_check_summary,
                        owner=record.owner,
                        last_checkpoint_at=record.last_checkpoint_at,
                    )
                )
            session.flush()
            for check_in in contents.check_ins:
                row = CheckInRow(id=check_in.id)
                _fill_check_in_row(row, check_in)
                session.add(row)
            session.add_all(_screen_row(screen) for screen in contents.safety_screens)
            session.add_all(SettingRow(key=key, value=value) for key, value in contents.settings.items())
            session.flush()
            self._continue_id_sequences(session, ("practice_sessions", "check_ins", "safety_screens"))

    def _continue_id_sequences(self, session: Session, tables: Sequence[str]) -> None:
        """Explicit ids leave PostgreSQL's sequences behind; move them past the imported rows."""
        if self.dialect != "postgresql":
            return
        for table in tables:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
                )
            )
