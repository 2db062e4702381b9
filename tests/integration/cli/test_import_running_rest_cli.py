"""A backup taken while a rest ran holds that rest as running. Imported, it was left running, and the next command,
whatever it was, opened with "Saved as interrupted: 1 session that stopped unexpectedly, 2026-12-08 00:15", a rest
the person never ran on this journal (walk s56 L4). It is saved as interrupted at the import, which says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.refusals import run_crest

RUNNING = {"id": 1, "started_at": "2026-12-08T00:15:00+00:00", "planned_minutes": 5, "actual_seconds": 60}
RUNNING |= {"variant": "standard", "status": "running", "position_check_summary": None}


@pytest.mark.parametrize("merge", [[], ["--merge"]], ids=["restore", "merge"])
def test_a_rest_running_in_the_file_is_saved_as_interrupted_by_the_import_that_says_so(
    tmp_path: Path, merge: list[str]
) -> None:
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({"format": "crest-journal", "version": 1, "sessions": [RUNNING]}))
    home = tmp_path / "home"
    imported = run_crest(home, "import", *merge, str(backup))
    assert imported.returncode == 0, imported
    said = "Imported 1 session (1 running when the file was made: saved as interrupted) into"
    assert imported.stdout.startswith(said), imported.stdout
    assert imported.stderr == ""
    after = run_crest(home, "export")
    assert after.returncode == 0 and after.stderr == "", after.stderr  # no "Saved as interrupted: ..." line
    [session] = json.loads(after.stdout)["sessions"]
    assert (session["status"], session["actual_seconds"]) == ("interrupted", 60)
