"""The first start after an update does not change a SQLite journal that another program has open (walk_upgrade M1).

A crest from before the update that is still running (its `crest serve`, a terminal) could no longer save a
check-in once the tables changed under it ("table check_ins has no column named note_sign"). The new crest now
says which program has the journal open and changes nothing; once it is closed, the update goes through.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crest.journal.open_elsewhere import JournalOpenElsewhere
from crest.journal.schema import HEAD_REVISION, SchemaTooNew
from crest.journal.store import Journal
from support.databases import older_journal_with_a_session, revision_of, run_sql

OLDER = "r0018_prescription_days"  # the schema of the crest of 3 December, the walk-through's middle one
STARTED = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)
# An older crest keeping the journal open: it has read from it and waits, as a running `crest serve` does.
HOLD_OPEN = (
    "import sqlite3, sys; connection = sqlite3.connect(sys.argv[1]); "
    "connection.execute('SELECT count(*) FROM sqlite_master').fetchall(); print('open', flush=True); sys.stdin.read()"
)


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    return tmp_path / "crest.db"


@contextmanager
def held_open(journal_file: Path) -> Iterator[int]:
    """Another program with the journal open while the block runs; yields its process id."""
    program = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(journal_file)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert program.stdout is not None and program.stdout.readline() == "open\n"
        yield program.pid
    finally:
        program.communicate("")  # closed


def _url(journal_file: Path) -> str:
    return f"sqlite:///{journal_file}"


@pytest.fixture
def older_journal(journal_file: Path) -> Path:
    older_journal_with_a_session(_url(journal_file), OLDER, STARTED)
    return journal_file


def test_an_update_waits_while_another_program_has_the_journal_open(older_journal: Path) -> None:
    with held_open(older_journal) as process_id, pytest.raises(JournalOpenElsewhere) as refused:
        Journal.open(_url(older_journal))
    assert f"(process {process_id})" in refused.value.message
    assert "close it, then start crest again; nothing was changed" in refused.value.message
    assert revision_of(_url(older_journal)) == OLDER

    with Journal.open(_url(older_journal)) as journal:
        [session] = journal.list_sessions()
    assert (session.id, session.actual_seconds) == (1, 900)
    assert revision_of(_url(older_journal)) == HEAD_REVISION


def test_a_journal_already_updated_opens_while_another_program_has_it_open(journal_file: Path) -> None:
    Journal.open(_url(journal_file)).close()
    with held_open(journal_file), Journal.open(_url(journal_file)) as journal:
        assert journal.list_sessions() == []


def test_a_newer_crests_journal_held_open_is_still_said_to_be_a_newer_crests(journal_file: Path) -> None:
    Journal.open(_url(journal_file)).close()
    run_sql(_url(journal_file), "UPDATE alembic_version SET version_num = 'r9999_from_a_newer_crest'")
    with held_open(journal_file), pytest.raises(SchemaTooNew, match="written by a newer crest"):
        Journal.open(_url(journal_file))
