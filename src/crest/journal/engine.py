"""Connect to the journal's database: SQLite by default (a private file, WAL), or any SQLAlchemy URL.

Database failures become one-line `DatabaseUnavailable` errors naming the database, never SQLAlchemy's text with
a password in it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from crest.errors import CrestError

SQLITE_BUSY_TIMEOUT_S = 5
_HIDDEN = "***"  # what a message shows for a password, as SQLAlchemy does
_INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"
_MISSING_DATABASE = re.compile(r'database "(.+)" does not exist')  # PostgreSQL's words, at connecting
_AT_SIGN = "an @ in its user name or password must be written %40 (and a : in its user name %3A)"
# An execution option marking a transaction that will write: on SQLite it takes the write lock at BEGIN.
WRITES = {"crest_writes": True}


class DatabaseUnavailable(CrestError):
    """The journal database cannot be opened or used: locked, damaged, unreachable, read-only."""

    http_status = 503


class DiskFull(DatabaseUnavailable):
    """The disk holding the journal has no room left for a change."""


class JournalReadOnly(DatabaseUnavailable):
    """A change to a journal this user may only read (`read_only_refusal`)."""


@dataclass(frozen=True)
class Database:
    """An engine, its parsed URL and how to name it in a message (never with its password)."""

    engine: Engine
    url: URL
    where: str
    read_only: bool = False  # a SQLite file this user may read but not write: opened to read only

    @property
    def file_path(self) -> Path | None:
        """The SQLite file, resolved; None for an in-memory or server database."""
        database = self.url.database or ""
        if self.url.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
            return None
        return Path(database).resolve()

    @property
    def in_memory(self) -> bool:
        """One connection shared by every thread (tests, demos), so its users must take turns."""
        return isinstance(self.engine.pool, StaticPool)


def connect(url: str) -> Database:
    where = f"'{url.split(':', 1)[0]}:...'"  # never echo a password from an unreadable URL
    at_sign = f"cannot use the database URL {where}: {_AT_SIGN}"
    try:
        parsed = make_url(url)
    except ValueError as error:  # int() of the port: its words repeat what it read there, which may end a password
        said = at_sign if "@" in str(error) else f"cannot use the database URL {where}: its port is not a number"
        raise DatabaseUnavailable(said) from None
    if "@" in (parsed.host or ""):  # the password ends at its first @: the rest, read as the host, would be shown
        raise DatabaseUnavailable(at_sign)
    try:
        where = _describe(parsed)
        read_only = False
        if parsed.get_backend_name() == "sqlite":
            read_only = _read_only(parsed)
            engine = _sqlite_engine(parsed, read_only)
        else:
            # In UTC, times come back with datetime's own UTC, which costs nothing to convert (a named zone does).
            options = {"options": "-c timezone=UTC"} if parsed.get_backend_name() == "postgresql" else {}
            engine = create_engine(parsed, pool_pre_ping=True, connect_args=options)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise DatabaseUnavailable(f"cannot use the database URL {where}: {error}") from None
    return Database(engine, parsed, where, read_only)


@contextmanager
def translated_errors(where: str) -> Iterator[None]:
    try:
        yield
    except (DBAPIError, SQLAlchemyError) as error:
        refusal = JournalReadOnly if _refused_as_read_only(error) else DatabaseUnavailable
        if _disk_full(error, str(getattr(error, "orig", None) or error).lower()):
            refusal = DiskFull
        raise refusal(_explain(error, where)) from None


def _describe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or "an in-memory database"
    # libpq also takes a password as a parameter (password=, sslpassword=): hidden as the usual one is.
    secrets = {key: _HIDDEN for key in url.query if "password" in key.lower()}
    shown = url.update_query_dict(secrets).render_as_string(hide_password=True)
    return shown.replace(quote_plus(_HIDDEN), _HIDDEN)


def _explain(error: DBAPIError | SQLAlchemyError, where: str) -> str:
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    reason = detail[0] if detail else type(error).__name__
    lowered = reason.lower()
    if _disk_full(error, lowered):
        return f"the disk holding the journal at {where} is full: free some space on it, then try again"
    if "locked" in lowered or "busy" in lowered:
        # Most often another crest writing (a large import holds the journal for seconds), not a program to close
        return (
            f"the journal at {where} is busy: another program is writing to it (a crest import of a large file, "
            "perhaps); try again in a moment, or close that program"
        )
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return f"the journal at {where} is damaged ({reason}); move that file aside to start a fresh journal"
    if _refused_as_read_only(error):
        return read_only_refusal(where)
    if getattr(getattr(error, "orig", None), "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
        return (
            f"the database user of {where} may not use the journal's tables ({reason}); connect as the user that "
            "owns the journal's tables, or grant this one their use"
        )
    missing = _MISSING_DATABASE.search(reason)
    if missing:
        name = missing.group(1)
        return (
            f"there is no database {name} at {where}: create it first (createdb {name}), or correct its name in the URL"
        )
    if "connection" in lowered and ("failed" in lowered or "refused" in lowered):
        return f"cannot reach the journal database at {where} ({reason})"
    if "unable to open" in lowered:
        return f"cannot open the journal at {where}; check that its folder exists and is writable"
    return f"the journal database at {where} failed: {reason}"


def _refused_as_read_only(error: DBAPIError | SQLAlchemyError) -> bool:
    """SQLite's "attempt to write a readonly database" (the file, or a journal opened to read only)."""
    said = str(getattr(error, "orig", None) or error).lower()
    return "readonly" in said or "read-only" in said


def _disk_full(error: DBAPIError | SQLAlchemyError, lowered_reason: str) -> bool:
    """SQLite says a full disk as "database or disk is full", or, when its shared-memory file cannot grow (even to
    read), as a bare "disk I/O error"; PostgreSQL's server as the system's "No space left on device"."""
    cause = getattr(error, "orig", None)
    return (
        getattr(cause, "sqlite_errorname", None) in ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE")
        or "no space left on device" in lowered_reason
    )


def _create_private_file(path: Path) -> None:
    """Health notes stay private: the SQLite file is created readable by its owner only, and one found with wider
    rights (copied back from a backup or a memory stick, made by another program) is narrowed before crest writes
    to it, with its write-ahead log and shared-memory files, which SQLite creates with the journal's rights."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as error:
        if os.path.lexists(path):  # "cannot create" of a journal that is there read as if it were lost
            raise DatabaseUnavailable(
                f"cannot open the journal at {path} ({error.strerror or error}); check that it is a file you may "
                "read and write (its owner and permissions), or set CREST_HOME to another folder"
            ) from None
        raise DatabaseUnavailable(
            f"cannot create the journal at {path} ({error.strerror or error}); "
            "set CREST_HOME to a folder you can write to"
        ) from None
    os.close(descriptor)
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with suppress(FileNotFoundError, PermissionError):  # gone, or another person's file
            if stat.S_IMODE(file.stat().st_mode) & 0o077:
                file.chmod(0o600)


CAN_ONLY_READ = "crest can show and export it, but not change it"


def read_only_refusal(where: str, so: str = CAN_ONLY_READ) -> str:
    """What a journal crest may only read answers a change: what that means (`so`), and the two ways to write."""
    return (
        f"the journal at {where} is read-only: {so}; make it writable (chmod u+w '{where}' and its folder), or "
        "copy it into a folder you can write to and set CREST_HOME there"
    )


def may_write(path: Path) -> bool:
    """Whether this user may change the SQLite file at `path`: the file and its folder, where SQLite writes its log.
    os.access answers as the system would (as root, yes, except on a read-only disk)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only(url: URL) -> bool:
    """A journal there that this user may read but not write (a backup from a read-only disk, chmod 400)."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return False
    path = Path(database)
    return path.is_file() and os.access(path, os.R_OK) and not may_write(path)


def _read_only_connection(path: Path) -> Callable[[], sqlite3.Connection]:
    """Connections that never write: SQLite's read-only mode; also immutable where the folder cannot take the
    shared-memory file that reading a WAL journal needs (a copy never changes while crest reads it)."""
    immutable = not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-shm").exists()
    uri = f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"

    def connection() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=SQLITE_BUSY_TIMEOUT_S)

    return connection


def _sqlite_engine(url: URL, read_only: bool) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:")
    if not in_memory and not database.startswith("file:") and not read_only:
        _create_private_file(Path(database))
    extra: dict[str, Any] = {"creator": _read_only_connection(Path(database))} if read_only else {}
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
        # An in-memory journal (tests, demos) must be one database shared by every thread.
        poolclass=StaticPool if in_memory else None,
        **extra,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # crest says BEGIN itself (below) instead of the driver's implicit one, which skips schema changes: so a
        # migration is one transaction too, and a kill half-way leaves the journal as it was.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if not read_only:  # a journal read only is left in the mode it was copied in
                cursor.execute("PRAGMA journal_mode=WAL")
                # In WAL mode, NORMAL syncs the log at checkpoints rather than at every commit: a killed or crashed
                # crest loses nothing (the log is written before a commit returns), and only a power cut can undo
                # the last seconds of checkpoints. A commit then costs about a tenth: the fsync was the latency tail.
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A writing transaction takes the write lock at once, so it never fails half-way on a busy journal.
        writes = connection.get_execution_options().get("crest_writes", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine
