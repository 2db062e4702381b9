"""A CSV export holds a rest's breath reading only summed up (its rate and movement count): restoring it brought the
sessions back without their readings, and the import's line did not say so."""

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.integration.cli.conftest import RunCrest

from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.journal.records import JournalContents, PracticeSession
from crest.journal.transfer import export_text

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
READING = BreathResult((BreathWindow(0.0, 60.0, 12.0),), (Movement(33.5),))
SESSION = PracticeSession(id=1, started_at=AT, planned_minutes=15, variant="standard", status="completed")


def _csv_export(run_crest: RunCrest, tmp_path: Path, read: int) -> Path:
    """A CSV export of a journal of three rests, `read` of them with a breath reading."""
    sessions = tuple(
        replace(SESSION, id=number, started_at=AT.replace(day=number), breath=READING if number <= read else None)
        for number in (1, 2, 3)
    )
    backup = tmp_path / "journal.json"
    backup.write_text(export_text(JournalContents(sessions=sessions), "json"))
    assert run_crest("import", str(backup)).returncode == 0
    exported = tmp_path / "journal.zip"
    assert run_crest("export", "--format", "csv", "-o", str(exported)).returncode == 0
    return exported


@pytest.mark.parametrize(
    ("read", "said_last"),
    [
        (
            2,
            ". 2 sessions' breath readings are in this CSV file only as a summary (the rate and the movement count) "
            "and were not restored; import the JSON export instead to keep them.",
        ),
        (
            1,
            ". 1 session's breath reading is in this CSV file only as a summary (the rate and the movement count) "
            "and was not restored; import the JSON export instead to keep it.",
        ),
        (0, " into {home}/crest.db."),
    ],
)
def test_a_csv_restore_says_which_breath_readings_it_left_out(
    read: int, said_last: str, run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path
) -> None:
    exported = _csv_export(run_crest, tmp_path, read)
    home = tmp_path / "restored"
    crest_env["CREST_HOME"] = str(home)
    restored = run_crest("import", str(exported))
    assert restored.returncode == 0, restored.stderr
    said = " ".join(restored.stdout.split())
    assert said.startswith("Imported 3 sessions")
    assert said.endswith(said_last.format(home=home)), said
