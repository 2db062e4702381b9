"""A journal row edited by hand into a value crest refuses: every reading command still works, leaves that row out,
names it in one line on stderr, and exits 0; the export holds every other record and imports back."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
START = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)

CORRUPTIONS = {
    "pain-score-14": ("UPDATE pain_ratings SET score = 14 WHERE check_in_id = 2", "pain score: enter 10 or less"),
    "time-that-is-no-time": ("UPDATE check_ins SET at = 'yesterday' WHERE id = 2", "'yesterday' is not a date"),
    "unknown-status": ("UPDATE practice_sessions SET status = 'paused' WHERE id = 2", "unknown session status"),
}


@pytest.fixture
def corrupted(request: pytest.FixtureRequest, crest_env: dict[str, str]) -> tuple[str, str]:
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True)
    with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
        for day in range(2):
            journal.log_session(START + timedelta(days=day), 15, "standard")
            journal.add_checkin(CheckIn(at=START + timedelta(days=day, hours=2), pain=(PainRating("lower_back", 4),)))
    statement, reason = CORRUPTIONS[request.param]
    with sqlite3.connect(home / "crest.db") as db:
        db.execute(statement)
    table = "practice_sessions" if "practice_sessions" in statement else "check_ins"
    return f"{table} row 2 (", reason


@pytest.mark.parametrize("corrupted", list(CORRUPTIONS), indirect=True)
@pytest.mark.parametrize(
    "command", [("history",), ("history", "--json"), ("history", "--json", "--check-ins"), ("progress",), ("export",)]
)
def test_reading_commands_name_the_bad_row_and_go_on(
    run_crest: RunCrest, corrupted: tuple[str, str], command: tuple[str, ...]
) -> None:
    result = run_crest(*command)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    named, reason = corrupted
    assert line.startswith("Left out 1 row of the journal that crest cannot read: ")
    assert named in line and reason in line and "correct or delete it" in line
    if command == ("export",):
        exported = json.loads(result.stdout)
        assert len(exported["sessions"]) + len(exported["check_ins"]) == 3


@pytest.mark.parametrize("corrupted", ["pain-score-14"], indirect=True)
def test_the_export_file_holds_every_other_record_and_imports_back(
    run_crest: RunCrest, corrupted: tuple[str, str], crest_env: dict[str, str], tmp_path: Path
) -> None:
    exported = tmp_path / "journal.zip"
    result = run_crest("export", "--format", "csv", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    left_out, exported_line = result.stderr.splitlines()
    assert corrupted[0] in left_out
    assert exported_line == f"Exported the journal to {exported}."

    crest_env["CREST_HOME"] = str(tmp_path / "fresh")
    imported = run_crest("import", str(exported))
    assert imported.returncode == 0, imported.stderr
    restored = json.loads(run_crest("export").stdout)
    assert len(restored["sessions"]) + len(restored["check_ins"]) == 3
