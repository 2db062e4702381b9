"""A journal the person may read but not write (a backup copied from a read-only disk, chmod 400, a folder not theirs
to write) is shown and exported; a change to it is refused in one line that says how to write it. crest opened
it to write: every command failed.

Root may write any file whatever its mode, so the check crest asks (os.access) is told "not writable" here as
well as the file being made so: the refusal is seen whoever runs the tests."""

import io
import json
import socket
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.support.databases import downgrade_journal, run_sql
from tests.support.read_only_journal import READ_ONLY, not_writable

from crest.cli.app import main
from crest.journal.schema import HEAD_REVISION


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CREST_HOME", str(home))
    monkeypatch.delenv("CREST_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return home


def crest(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """`crest ARGS` in this process: its exit code, stdout and stderr."""
    monkeypatch.setattr(sys, "argv", ["crest", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def written(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal with the safety questions answered and a check-in: its file."""
    from crest.cli.journal_access import open_services
    from crest.safety.screen import QUESTIONS

    with open_services() as services:
        services.safety.record({question.id: False for question in QUESTIONS})
    assert crest(capsys, monkeypatch, "log", "--pain", "hip:left=2", "--yes")[0] == 0
    return home / "crest.db"


@pytest.fixture
def file_read_only(written: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """chmod 400, as a backup copied from a read-only disk is."""
    written.chmod(0o400)
    not_writable(monkeypatch, written)
    yield written
    written.chmod(0o600)


@pytest.fixture
def folder_read_only(written: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder this user may not write: SQLite cannot put its log beside the journal."""
    for companion in ("-wal", "-shm"):
        written.with_name(written.name + companion).unlink(missing_ok=True)
    written.parent.chmod(0o500)
    not_writable(monkeypatch, written.parent)
    yield written
    written.parent.chmod(0o700)


@pytest.mark.parametrize("journal", ["file_read_only", "folder_read_only"])
def test_a_journal_that_cannot_be_written_is_shown_and_exported(
    journal: str,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path: Path = request.getfixturevalue(journal)
    before = path.read_bytes()
    code, out, err = crest(capsys, monkeypatch, "history")
    assert code == 0, err
    assert "hip (left) 2/10" in out
    code, out, err = crest(capsys, monkeypatch, "progress")
    assert code == 0, err
    exported = tmp_path / "journal.json"
    code, out, err = crest(capsys, monkeypatch, "export", "--format", "json", "-o", str(exported))
    assert code == 0, err
    [check_in] = json.loads(exported.read_text())["check_ins"]
    assert [(pain["region"], pain["score"]) for pain in check_in["pain"]] == [("hip", 2)]
    assert path.read_bytes() == before  # read, never written


@pytest.mark.parametrize("journal", ["file_read_only", "folder_read_only"])
@pytest.mark.parametrize(
    "change",
    [
        ("log", "--pain", "hip:left=3", "--yes"),
        ("session", "--yes", "--minutes", "5", "--speed", "300", "--no-checkin"),
    ],
)
def test_a_change_to_it_is_refused_in_one_line(
    journal: str,
    change: tuple[str, ...],
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path: Path = request.getfixturevalue(journal)
    before = path.read_bytes()
    code, _out, err = crest(capsys, monkeypatch, *change)
    assert code != 0
    [line] = err.strip().splitlines()
    assert line.startswith(f"crest: the journal at {path} {READ_ONLY}"), line
    assert "set CREST_HOME there" in line
    assert path.read_bytes() == before


def _history_once_read_only(
    written: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """`crest history` on the journal as changed so far, made read-only for it."""
    written.chmod(0o400)
    not_writable(monkeypatch, written)
    try:
        return crest(capsys, monkeypatch, "history")
    finally:
        written.chmod(0o600)


def test_a_journal_in_an_older_form_says_it_must_be_written_to_be_read(
    written: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    downgrade_journal(f"sqlite:///{written}", "r0029_synced_copies")
    code, _out, err = _history_once_read_only(written, capsys, monkeypatch)
    assert code != 0
    [line] = err.strip().splitlines()
    assert f"the journal at {written} is read-only: it is in an older crest's form" in line, line
    assert "make it writable" in line
    assert run_sql(f"sqlite:///{written}", "SELECT version_num FROM alembic_version") != [HEAD_REVISION]


def test_a_rest_left_running_in_it_is_shown_as_it_was(
    written: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command first marks a rest whose crest died as interrupted, a change: refused here, it stopped every
    command; the rest is shown as it was copied."""
    started = (datetime.now(UTC) - timedelta(hours=5)).replace(tzinfo=None)
    run_sql(
        f"sqlite:///{written}",
        "INSERT INTO practice_sessions (uid, started_at, planned_minutes, actual_seconds, variant, status, writer) "
        "VALUES ('s1', :at, 15, 120, 'standard', 'running', :writer)",
        at=started,
        writer=f"999999999@{socket.gethostname()}",
    )
    code, out, err = _history_once_read_only(written, capsys, monkeypatch)
    assert code == 0, err
    [row] = [line for line in out.splitlines() if "Standard" in line]
    assert "2 min" in row and "running" in row


@pytest.mark.parametrize("journal", ["file_read_only", "folder_read_only"])
@pytest.mark.parametrize("safety_due", [False, True], ids=["setup_steps", "safety_questions"])
def test_a_rest_is_refused_before_anything_is_asked(
    journal: str,
    safety_due: bool,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It was refused at its first write: after the setup steps, or the safety questions when they were due."""
    if safety_due:
        written: Path = request.getfixturevalue("written")
        for table in ("safety_answers", "safety_screens"):
            run_sql(f"sqlite:///{written}", f"DELETE FROM {table}")
    path: Path = request.getfixturevalue(journal)
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n" * 40))  # whatever would be asked is answered
    code, out, err = crest(capsys, monkeypatch, "session", "--minutes", "5", "--speed", "300", "--no-checkin")
    assert code != 0
    [line] = err.strip().splitlines()
    assert line.startswith(f"crest: the journal at {path} {READ_ONLY}"), line
    assert "Press Enter" not in out and "?" not in out, out  # no step, no question
