"""The SQLite journal file: WAL mode, private permissions, and one-line errors for damage and locks."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crest.journal.engine import DatabaseUnavailable
from crest.journal.records import CheckIn
from crest.journal.store import Journal


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_file_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "crest.db"
    with Journal.open(f"sqlite:///{path}") as journal:
        journal.save_settings({"voice": "off"})
        assert _mode(path) == 0o600
        for companion in (tmp_path / "crest.db-wal", tmp_path / "crest.db-shm"):
            if companion.exists():
                assert _mode(companion) == 0o600
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    import os

    previous = os.umask(0)
    try:
        path = tmp_path / "crest.db"
        Journal.open(f"sqlite:///{path}").close()
    finally:
        os.umask(previous)
    assert _mode(path) == 0o600


def test_a_journal_found_with_wider_rights_is_narrowed_with_its_log(tmp_path: Path) -> None:
    """A journal copied back from a memory stick or a backup (0644): crest wrote health notes into it, and into
    the write-ahead log SQLite created with the same rights, for everyone on the computer to read."""
    path = tmp_path / "crest.db"
    Journal.open(f"sqlite:///{path}").close()
    path.chmod(0o644)
    with Journal.open(f"sqlite:///{path}") as journal:
        journal.add_checkin(CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), note="private"))
        assert _mode(path) == 0o600
        assert _mode(tmp_path / "crest.db-wal") == 0o600


def test_the_data_folder_and_the_folders_above_it_that_crest_creates_are_private_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from crest.config import ensure_home

    tmp_path.chmod(0o755)
    home = tmp_path / "data" / "crest"
    monkeypatch.setenv("CREST_HOME", str(home))
    previous = os.umask(0)
    try:
        assert ensure_home() == home
    finally:
        os.umask(previous)
    assert [_mode(folder) for folder in (tmp_path, home.parent, home)] == [0o755, 0o700, 0o700]


def test_crests_starting_together_never_call_the_data_folder_unwritable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each proves the folder writable with a file of its own: with one shared name (`.write-test`) a crest removed
    another's probe as it checked, and that one said it could not write there (a fresh clone's test run, a terminal
    session started beside a process reading the journal). A leftover of that name must not matter either."""
    from concurrent.futures import ThreadPoolExecutor

    from crest.config import ensure_home

    home = tmp_path / "crest"
    monkeypatch.setenv("CREST_HOME", str(home))
    home.mkdir()
    (home / ".write-test").mkdir()  # what the shared name ran into; now never looked at
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(lambda _: ensure_home(), range(400))) == {home}
    assert sorted(path.name for path in home.iterdir()) == [".write-test"]  # no probe left behind


def test_damaged_file_gives_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "crest.db"
    path.write_bytes(b"this is not a database, just some text that happens to be here " * 20)
    with pytest.raises(DatabaseUnavailable, match="damaged") as raised:
        Journal.open(f"sqlite:///{path}")
    assert "\n" not in str(raised.value)
    assert str(path) in str(raised.value)


def test_locked_database_gives_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import crest.journal.engine as engine

    path = tmp_path / "crest.db"
    with Journal.open(f"sqlite:///{path}") as journal:
        journal.add_checkin(CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), note="first"))
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseUnavailable, match="is busy: another program is writing to it") as raised:
            Journal.open(f"sqlite:///{path}")
        assert "\n" not in str(raised.value)
    finally:
        holder.close()


def test_unwritable_folder_gives_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "crest.db"
    with pytest.raises(DatabaseUnavailable, match="cannot create the journal") as raised:
        Journal.open(f"sqlite:///{missing}")
    assert "\n" not in str(raised.value)


def test_a_journal_there_but_not_ours_to_open_is_not_said_to_be_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crest.db left unreadable (copied back from a backup as another user) was 'cannot create the journal ...;
    set CREST_HOME to a folder you can write to', as if there were none and the folder were the problem."""
    import os

    from crest.journal import engine

    path = tmp_path / "crest.db"
    with Journal.open(f"sqlite:///{path}") as journal:
        journal.save_settings({"voice": "off"})

    def refused(*_args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(engine.os, "open", refused)  # as for a file mode 000 (root reads any file: no chmod here)
    with pytest.raises(DatabaseUnavailable) as raised:
        Journal.open(f"sqlite:///{path}")
    said = str(raised.value)
    assert said.startswith(f"cannot open the journal at {path} (Permission denied)") and "\n" not in said
    assert "may read and write" in said
    monkeypatch.undo()
    assert os.path.exists(path)


def test_unknown_database_url_gives_one_line_error() -> None:
    with pytest.raises(DatabaseUnavailable, match="cannot use the database URL"):
        Journal.open("nosuchdb://somewhere")


def test_in_memory_journal_is_shared_by_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with Journal.open("sqlite://") as journal, ThreadPoolExecutor(max_workers=3) as pool:
        list(
            pool.map(
                lambda index: journal.add_checkin(CheckIn(at=datetime(2026, 5, 1, tzinfo=UTC), note=str(index))),
                range(6),
            )
        )
        assert len(journal.list_checkins()) == 6


def test_a_password_in_an_unusable_url_is_never_shown() -> None:
    with pytest.raises(DatabaseUnavailable) as raised:
        Journal.open("mysql://someone:s3cret@db.invalid/crest")
    assert "s3cret" not in str(raised.value)
    assert "cannot use the database URL" in str(raised.value)
