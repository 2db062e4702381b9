"""`crest history` shows the notes a linked practice's practitioners wrote on the sessions (pulled by `crest sync`):
who wrote each and when, under its session, in a narrow terminal, a wide one and the JSON."""

import json
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from crest.accounts.records import SyncedSessionNote
from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

WRITTEN = datetime(2024, 4, 29, 9, 30, tzinfo=UTC)  # a year before any test runs: said with its year
NOTE = "Good pace; next week try the supported variant with [bold]calves[/bold] on the sofa."


def test_history_shows_each_note_under_its_session(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00")
    run_crest("log-session", "--minutes", "10", "--at", "2026-04-30T08:00")
    with Journal.open() as journal:
        first = journal.list_sessions()[0]
        uid = journal.record_uids()["sessions"][first.id or 0]
        journal.keep_pulled_session_notes([SyncedSessionNote(uid, "Pat Physio", NOTE, WRITTEN)])
    heading = "Note from Pat Physio, 29 Apr 2024:"

    crest_env["COLUMNS"] = "60"
    narrow = run_crest("history").stdout
    assert f"#{first.id}  2026-04-28 08:00\n" in narrow
    first_entry = narrow.split(f"#{first.id}  2026-04-28 08:00\n")[1].split("\n#")[0]
    assert "  " + heading in first_entry and "[bold]calves[/bold]" in first_entry  # never read as markup
    assert all(len(line) <= 60 for line in narrow.splitlines())
    assert narrow.count("Note from") == 1

    crest_env["COLUMNS"] = "120"
    wide = run_crest("history").stdout
    notes = wide.split("Notes from your practice\n")[1]
    assert notes.startswith(f"#{first.id}\n  {heading} Good pace;")

    [older, newer] = sorted(json.loads(run_crest("history", "--json").stdout), key=lambda s: s["started_at"])
    assert older["practitioner_notes"] == [
        {"author": "Pat Physio", "text": NOTE, "written_at": "2024-04-29T09:30:00+00:00"}
    ]
    assert newer["practitioner_notes"] == []


def test_a_backup_brings_the_notes_back_and_importing_it_again_adds_nothing(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path
) -> None:
    run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00")
    with Journal.open() as journal:
        uid = journal.record_uids()["sessions"][journal.list_sessions()[0].id or 0]
        journal.keep_pulled_session_notes([SyncedSessionNote(uid, "Pat Physio", NOTE, WRITTEN)])
    backup = tmp_path / "backup.json"
    run_crest("export", "--format", "json", "-o", str(backup))

    crest_env["CREST_HOME"] = str(tmp_path / "restored")
    assert "1 practitioner's note into" in run_crest("import", str(backup)).stdout
    assert run_crest("import", "--merge", str(backup)).stdout.startswith("Nothing to add")
    assert run_crest("history").stdout.count("Note from Pat Physio, 29 Apr 2024:") == 1

    backup.write_text(backup.read_text(encoding="utf-8").replace(NOTE, " "), encoding="utf-8")
    crest_env["CREST_HOME"] = str(tmp_path / "refused")
    refused = run_crest("import", str(backup))
    lines = backup.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if '"author": "Pat Physio"' in text)
    assert (refused.returncode, refused.stderr) == (2, f"crest: {backup} line {line}, field text: the note is empty\n")
