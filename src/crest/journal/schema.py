"""Bring a journal database to the schema this program knows, or refuse one written by a newer crest.

Migrations run from code with the scripts shipped inside the package: no alembic.ini at run time. When the
database is already at `HEAD_REVISION` Alembic is not even imported, so an ordinary start stays quick.
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL

from crest.errors import CrestError
from crest.journal.engine import (
    WRITES,
    Database,
    DiskFull,
    JournalReadOnly,
    read_only_refusal,
    translated_errors,
)
from crest.journal.open_elsewhere import refuse_update_while_open_elsewhere

HEAD_REVISION = "r0032_sign_in_renewed_as"
VERSION_TABLE = "alembic_version"
_MIGRATION_LOCK_KEY = 0x637265737401  # any fixed number: "crest" plus the lock's purpose


class SchemaTooNew(CrestError):
    """The database was written by a newer crest; it is left untouched."""


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar_one_or_none()


@contextmanager
def migration_lock(url: URL) -> Iterator[None]:
    """Let one process at a time migrate a SQLite file, so two crest starts on a new journal don't collide.

    PostgreSQL needs no file: `upgrade_to_head` takes an advisory lock in the migrating transaction instead.
    """
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        yield
        return
    import fcntl

    try:
        descriptor = os.open(f"{database}.migrate-lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # a read-only folder: nobody can migrate there, and opening will say why
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def migrate(database: Database) -> bool:
    """Bring the database to `HEAD_REVISION` in one transaction, one process at a time; whether it updated a
    journal in an older crest's form.

    On SQLite, foreign keys are off while the schema changes: a migration that rebuilds a table drops it first,
    and with foreign keys on, dropping `practice_sessions` would delete every check-in of every session.
    """
    if database.read_only:
        _require_current(database)
        return False
    sqlite = database.url.get_backend_name() == "sqlite"
    with (
        _room_for_the_update(database),
        translated_errors(database.where),
        migration_lock(database.url),
        database.engine.connect() as connection,
    ):
        if sqlite:
            _pragma(connection, "foreign_keys=OFF")  # outside any transaction, where SQLite honours it
        try:
            with connection.execution_options(**WRITES).begin():
                updated = upgrade_to_head(connection, database.where, database.file_path)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise SchemaBroken(f"the journal at {database.where} has check-ins of sessions that do not exist")
        finally:
            if sqlite:
                _pragma(connection, "foreign_keys=ON")
    return updated


# The room an update takes while it runs, beyond the journal itself: the changed tables are written again in the
# write-ahead log before it is copied back. Measured (notes/s49/leftovers/measure_update.py: journals of 300 and
# 3,000 sessions and check-ins, vacuumed, updated from r0008, r0014 and r0018): the file and its log grew to 1.2-1.5
# times the journal (0.46 -> 0.59 MB, 1.73 -> 2.44 MB); a 98 KB journal made by crest of 1 December grew to 330 KB
# (s48 walk_upgrade: 300 KB free failed, 450 KB went through). The journal's size again and 1 MB covers both.
_UPDATE_ROOM_BEYOND_BYTES = 1_000_000


@contextmanager
def _room_for_the_update(database: Database) -> Iterator[None]:
    """A full disk during the update says how much room to free, not "some space": its size is known."""
    try:
        yield
    except DiskFull:
        path = database.file_path
        if path is None or not path.exists() or _needs_no_update(path):
            raise  # the engine's own words: free some space, then try again
        needed_mb = math.ceil((path.stat().st_size + _UPDATE_ROOM_BEYOND_BYTES) / 1_000_000)
        raise DiskFull(
            f"the disk holding the journal at {database.where} is full: this version of crest must update the "
            f"journal, which needs about {needed_mb} MB free on that disk while it runs; free that much, then start "
            "crest again (nothing was changed)"
        ) from None


def _needs_no_update(journal_file: Path) -> bool:
    """Whether the journal is already in this crest's form: a journal that needs no update was said to need one, and
    the room for it. Read as the file lies (immutable: no lock, no shared-memory file, which a full disk cannot make);
    a change still in its write-ahead log is not seen, and then the update's room is asked for."""
    try:
        with closing(sqlite3.connect(f"{journal_file.as_uri()}?mode=ro&immutable=1", uri=True)) as reading:
            row = reading.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
    except sqlite3.Error:
        return False  # cannot tell: the update's room is asked for, the safer thing to free
    return row is not None and row[0] == HEAD_REVISION


def _require_current(database: Database) -> None:
    """A journal crest may only read is read as it is: one in an older form (or a newer crest's) is refused."""
    where = database.where
    with translated_errors(where), database.engine.connect() as connection, connection.begin():
        try:
            with translated_errors(where):
                upgrade_to_head(connection, where)  # at once when current; SchemaTooNew when newer
        except JournalReadOnly:  # the first change it tried
            so = "it is in an older crest's form, which this crest must update before it can show it"
            raise JournalReadOnly(read_only_refusal(where, so)) from None


class SchemaBroken(CrestError):
    """A migration would leave rows pointing at rows that do not exist; it was rolled back."""


def _pragma(connection: Connection, setting: str) -> None:
    connection.connection.driver_connection.execute(f"PRAGMA {setting}")  # type: ignore[union-attr]


def upgrade_to_head(connection: Connection, where: str, journal_file: Path | None = None) -> bool:
    """Apply the missing migrations on `connection` (committed by the caller); `where` names the database. An older
    `journal_file` (SQLite) is changed only while no other program has it open (`refuse_update_while_open_elsewhere`).
    Whether it updated a journal in an older crest's form (not a new one's first tables).
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
    revision = current_revision(connection)
    if revision == HEAD_REVISION:
        return False
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    with resources.as_file(resources.files("crest.journal.migrations")) as script_location:
        config = Config()
        config.set_main_option("script_location", str(script_location))
        config.attributes["connection"] = connection
        if revision is not None:
            try:
                ScriptDirectory.from_config(config).get_revision(revision)
            except CommandError:
                raise SchemaTooNew(
                    f"the journal at {where} was written by a newer crest (schema '{revision}'); "
                    "update crest to open it, nothing was changed"
                ) from None
            if journal_file is not None:  # a journal in an older crest's form, which that crest may hold open
                refuse_update_while_open_elsewhere(journal_file, where)
        command.upgrade(config, "head")
    return revision is not None
