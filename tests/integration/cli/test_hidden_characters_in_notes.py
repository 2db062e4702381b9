"""A note with a hidden control character (DEL, a C1 control: \\x9b starts an escape sequence in many terminals, a
bidirectional override or isolate), which crest prints in `crest history`, is refused at each door of the terminal:
`crest log --note` and `crest import` (a JSON or CSV file's check-in, a linked crest's backup of its practitioners'
notes), in one line that names the character and, for a file, the line and field; nothing is kept. Line breaks and
tabs stay."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crest.accounts.records import SyncedSessionNote
from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

HIDDEN = [
    pytest.param("\x7f", "\\x7f", id="del"),
    pytest.param("\x9b", "\\x9b", id="a-c1-control"),
    pytest.param("\u202e", "\\u202e", id="a-bidirectional-override"),
    pytest.param("\u2066", "\\u2066", id="a-bidirectional-isolate"),
    pytest.param("\u200b", "\\u200b", id="a-zero-width-space"),  # kept before, unseen
]


def refused(shown: str) -> str:
    return f"the note contains a hidden control character ({shown}) that crest does not keep; delete it from the note"


@pytest.mark.parametrize(("character", "shown"), HIDDEN)
def test_crest_log_refuses_the_note_in_one_line_and_keeps_nothing(
    run_crest: RunCrest, character: str, shown: str
) -> None:
    done = run_crest("log", "--note", f"Calves on{character} the seat.")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"crest: {refused(shown)}\n")
    assert json.loads(run_crest("history", "--json", "--check-ins").stdout) == []


def test_crest_log_keeps_line_breaks_and_tabs_each_line_break_a_line_feed(run_crest: RunCrest) -> None:
    """A lone carriage return was kept, and crest history wrote the next words over the line before it."""
    assert run_crest("log", "--note", "Calves on the seat.\r\n\tTen minutes.\rSlowly.").returncode == 0
    [check_in] = json.loads(run_crest("history", "--json", "--check-ins").stdout)
    assert check_in["note"] == "Calves on the seat.\n\tTen minutes.\nSlowly."


def _line_of(text: str, words: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if words in line)


@pytest.mark.parametrize(("character", "shown"), HIDDEN)
def test_crest_import_refuses_a_json_check_in_whose_note_has_one_naming_its_line(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path, character: str, shown: str
) -> None:
    """As an export of a crest from before this check may hold one: the line says where, and what to delete."""
    run_crest("log", "--note", "Calves on the seat.", "--at", "2026-05-01T07:00+00:00")
    backup = tmp_path / "backup.json"
    assert run_crest("export", "-o", str(backup)).returncode == 0
    text = backup.read_text(encoding="utf-8").replace("Calves on", f"Calves on{character}")
    backup.write_text(text, encoding="utf-8")

    crest_env["CREST_HOME"] = str(tmp_path / "restored")
    done = run_crest("import", str(backup))
    line = _line_of(text, '"note": "Calves')
    assert (done.returncode, done.stderr) == (2, f"crest: {backup} line {line}, field note: {refused(shown)}\n")
    assert json.loads(run_crest("history", "--json", "--check-ins").stdout) == []


def test_crest_import_refuses_a_csv_check_in_whose_note_has_one_naming_its_line(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path
) -> None:
    run_crest("log", "--note", "Calves on the seat.", "--at", "2026-05-01T07:00+00:00")
    assert run_crest("export", "--format", "csv", "-o", str(tmp_path / "backup.zip")).returncode == 0
    folder = tmp_path / "backup"
    with zipfile.ZipFile(tmp_path / "backup.zip") as tables:
        tables.extractall(folder)
    check_ins = folder / "check_ins.csv"
    check_ins.write_text(
        check_ins.read_text(encoding="utf-8-sig").replace("Calves on", "Calves on\x9b"), encoding="utf-8"
    )

    crest_env["CREST_HOME"] = str(tmp_path / "restored")
    done = run_crest("import", str(folder))
    said = refused("\\x9b")
    assert (done.returncode, done.stderr) == (2, f"crest: {check_ins} line 2, field note: {said}\n")
    assert json.loads(run_crest("history", "--json", "--check-ins").stdout) == []


def test_crest_import_refuses_a_practitioners_note_with_one_naming_its_line(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path
) -> None:
    run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00")
    with Journal.open() as journal:
        uid = journal.record_uids()["sessions"][journal.list_sessions()[0].id or 0]
        written = datetime(2026, 4, 29, 9, 30, tzinfo=UTC)
        journal.keep_pulled_session_notes([SyncedSessionNote(uid, "Pat Physio", "Feet flat.", written)])
    backup = tmp_path / "backup.json"
    assert run_crest("export", "-o", str(backup)).returncode == 0
    text = backup.read_text(encoding="utf-8").replace("Feet flat.", "Feet \u202eflat.")
    backup.write_text(text, encoding="utf-8")

    crest_env["CREST_HOME"] = str(tmp_path / "restored")
    done = run_crest("import", str(backup))
    line, said = _line_of(text, '"author": "Pat Physio"'), refused("\\u202e")
    assert (done.returncode, done.stderr) == (2, f"crest: {backup} line {line}, field text: {said}\n")
    assert json.loads(run_crest("history", "--json").stdout) == []


def test_crest_history_prints_a_kept_note_with_its_hidden_characters_escaped(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """Every door refuses them now and r0019 rewrote the notes kept before; a note that got past both (a journal
    edited by hand) is still printed with them as escapes, in the table, the stacked lines, the JSON and the export
    to the screen alike, never raw to the terminal. Before, they went out as they were. Line breaks stay."""
    run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00")
    with Journal.open() as journal:
        uid = journal.record_uids()["sessions"][journal.list_sessions()[0].id or 0]
        written = datetime(2026, 4, 29, 9, 30, tzinfo=UTC)
        kept = SyncedSessionNote(uid, "Pat \u202eevil", "Feet\x9b2J flat\x7f.\nSlowly.", written)
        journal.keep_pulled_session_notes([kept])  # as the store takes it: the checks are at the doors

    for columns in ("60", "120"):  # stacked lines, then the table
        crest_env["COLUMNS"] = columns
        history = run_crest("history")
        assert history.returncode == 0, history.stderr
        assert not {"\x9b", "\x7f", "\u202e"} & set(history.stdout), columns
        assert "Note from Pat \\u202eevil, 29 Apr" in history.stdout and "Feet\\x9b2J flat\\x7f.\n" in history.stdout
        assert "  Slowly." in history.stdout
    listed = run_crest("history", "--json")
    assert not {"\x9b", "\x7f", "\u202e"} & set(listed.stdout)
    [session] = json.loads(listed.stdout)
    assert session["practitioner_notes"][0]["text"] == "Feet\x9b2J flat\x7f.\nSlowly."  # JSON's escapes: the same text
    assert session["practitioner_notes"][0]["author"] == "Pat \u202eevil"
    exported = run_crest("export")  # the JSON export, to the screen
    assert not {"\x9b", "\x7f", "\u202e"} & set(exported.stdout)
    assert json.loads(exported.stdout)["session_notes"][0]["text"] == "Feet\x9b2J flat\x7f.\nSlowly."
