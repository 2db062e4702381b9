"""A full disk is said as one: what to do (free some space), not SQLite's "disk I/O error" or "database or disk is
full". SQLite's page limit stands in for the disk here: it fails a write exactly as a full disk does (SQLITE_FULL)."""

from __future__ import annotations

import math
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from crest.journal.engine import DatabaseUnavailable, connect
from crest.journal.records import CheckIn
from crest.journal.schema import migrate
from crest.journal.store import Journal
from support.databases import older_journal_with_a_session, revision_of


def test_a_full_disk_says_to_free_some_space_and_keeps_what_was_there(tmp_path: Path) -> None:
    path = tmp_path / "crest.db"
    with Journal.open(f"sqlite:///{path}") as journal:
        kept = journal.add_checkin(CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), note="kept"))
    database = connect(f"sqlite:///{path}")
    migrate(database)

    @event.listens_for(database.engine, "connect")
    def _no_more_pages(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    database.engine.dispose()
    full = Journal(database)
    with pytest.raises(DatabaseUnavailable) as raised:
        for _ in range(100):  # the free pages inside the file fill first
            full.add_checkin(CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), note="x" * 900))
    full.close()
    assert str(raised.value) == f"the disk holding the journal at {path} is full: free some space on it, then try again"
    with Journal.open(f"sqlite:///{path}") as journal:
        assert kept in {check_in.id for check_in in journal.list_checkins()}


def test_a_full_disk_during_an_update_says_how_much_room_it_needs(tmp_path: Path) -> None:
    """It said to free 'some space': the update needs the journal's size again and some (walk_upgrade L2)."""
    path = tmp_path / "crest.db"
    older_journal_with_a_session(f"sqlite:///{path}", "r0018_prescription_days", datetime(2026, 5, 1, tzinfo=UTC))
    database = connect(f"sqlite:///{path}")

    @event.listens_for(database.engine, "connect")
    def _no_more_pages(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    with pytest.raises(DatabaseUnavailable) as raised:
        migrate(database)
    database.engine.dispose()
    needed_mb = math.ceil(path.stat().st_size / 1_000_000 + 1)
    assert str(raised.value) == (
        f"the disk holding the journal at {path} is full: this version of crest must update the journal, which needs "
        f"about {needed_mb} MB free on that disk while it runs; free that much, then start crest again (nothing was "
        "changed)"
    )
    assert revision_of(f"sqlite:///{path}") == "r0018_prescription_days"


def test_a_full_disk_at_start_on_a_journal_needing_no_update_says_to_free_some_space(tmp_path: Path) -> None:
    """A journal already in this crest's form was said to need an update, and its room (walk s53 L2): on a full disk
    SQLite cannot make the shared-memory file it reads by, so opening it fails before anything is read."""
    path = tmp_path / "crest.db"
    with Journal.open(f"sqlite:///{path}"):
        pass
    database = connect(f"sqlite:///{path}")

    @event.listens_for(database.engine, "connect")
    def _no_room_for_shared_memory(_dbapi_connection: Any, _record: Any) -> None:
        full = sqlite3.OperationalError("disk I/O error")
        full.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
        raise full

    with pytest.raises(DatabaseUnavailable) as raised:
        migrate(database)
    database.engine.dispose()
    assert str(raised.value) == f"the disk holding the journal at {path} is full: free some space on it, then try again"
