"""A linked crest's copies of its practitioners' notes travel in its exports (JSON and the CSV zip), each under its
session's uid, and come back with `crest import`: a backup used to lose them silently. Importing twice keeps one
copy, a bad note is refused by the checks `crest sync` applies, and none is ever pushed back to the practice."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest

from crest.accounts.records import SyncedSessionNote
from crest.clock import system_now
from crest.journal import capacity
from crest.journal.store import Journal
from crest.journal.transfer import InvalidImportFile
from crest.journal.transfer.json_format import export_json
from crest.services.bundle import Services
from crest.services.transfer import Transfer
from support.journal_sync import sync_of

DAY = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 11, 4, 9, 30, tzinfo=UTC)


def _transfer(journal: Journal) -> Transfer:
    return Services.over(journal, system_now, UTC).transfer


def _linked(journal: Journal) -> tuple[list[int], dict[int, str]]:
    """Two sessions, the second with two notes pulled from the practice; the sessions' ids and uids."""
    ids = []
    for day in range(2):
        session = journal.start_session(DAY + timedelta(days=day), 10, "standard", writer="1@host")
        journal.finish_session(session, 600, "completed")
        ids.append(session)
    uids = journal.record_uids()["sessions"]
    journal.keep_pulled_session_notes(
        [
            SyncedSessionNote(uids[ids[1]], "Pat Physio", 'Keep your "knees" up,\nfeet flat.', WRITTEN),
            SyncedSessionNote(uids[ids[1]], "Sam Smith", "Well done.", WRITTEN + timedelta(hours=1)),
        ]
    )
    return ids, uids


def _notes(journal: Journal) -> list[tuple[int, str, str, datetime]]:
    return [
        (session_id, note.author_name, note.text, note.created_at)
        for session_id, notes in sorted(journal.session_notes().items())
        for note in notes
    ]


def test_the_json_export_carries_each_note_under_its_sessions_uid(journal: Journal) -> None:
    ids, uids = _linked(journal)
    exported = json.loads(_transfer(journal).export_text("json"))
    assert exported["session_notes"] == [
        {
            "session_uid": uids[ids[1]],
            "author": "Pat Physio",
            "text": 'Keep your "knees" up,\nfeet flat.',
            "written_at": "2026-11-04T09:30:00+00:00",
        },
        {
            "session_uid": uids[ids[1]],
            "author": "Sam Smith",
            "text": "Well done.",
            "written_at": "2026-11-04T10:30:00+00:00",
        },
    ]
    assert [session["uid"] for session in exported["sessions"]] == [uids[ids[0]], uids[ids[1]]]


def test_the_csv_export_carries_them_in_a_table_of_their_own(journal: Journal) -> None:
    ids, uids = _linked(journal)
    with zipfile.ZipFile(BytesIO(_transfer(journal).export_bytes("csv"))) as zipped:
        notes = zipped.read("session_notes.csv").decode("utf-8-sig").splitlines()
        sessions = zipped.read("sessions.csv").decode("utf-8-sig").splitlines()
    assert notes[0] == "session_uid,author,text,written_at"
    assert notes[1] == f'{uids[ids[1]]},Pat Physio,"Keep your ""knees"" up,'
    assert notes[3] == f"{uids[ids[1]]},Sam Smith,Well done.,2026-11-04T10:30:00+00:00"
    assert sessions[0].endswith(",uid") and sessions[1].endswith(uids[ids[0]])


def test_a_journal_without_notes_exports_as_before(journal: Journal) -> None:
    """No notes section and no uids: an older crest still reads the file."""
    journal.log_session(DAY, 10, "standard")
    exported = json.loads(_transfer(journal).export_text("json"))
    assert "session_notes" not in exported and "uid" not in exported["sessions"][0]
    with zipfile.ZipFile(BytesIO(_transfer(journal).export_bytes("csv"))) as zipped:
        assert "session_notes.csv" not in zipped.namelist()
        assert "uid" not in zipped.read("sessions.csv").decode("utf-8-sig").splitlines()[0].split(",")


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_restored_backup_has_the_notes_on_their_sessions_and_the_sessions_uids(
    new_journal_url: Callable[[], str], tmp_path: Path, format_name: str
) -> None:
    backup = tmp_path / f"backup.{format_name}"
    with Journal.open(new_journal_url()) as linked:
        _, uids = _linked(linked)
        notes = _notes(linked)
        _transfer(linked).export_to_file(backup, format_name)
        exported = backup.read_bytes()
    with Journal.open(new_journal_url()) as restored:
        imported = _transfer(restored).import_file(backup)
        assert imported.session_notes == 2
        assert imported.counts()[-1] == "2 practitioners' notes"
        assert _notes(restored) == notes
        # The practice names the sessions by these: the next sync keeps the notes on the same sessions.
        assert restored.record_uids()["sessions"] == uids
        assert _transfer(restored).export_bytes(format_name) == exported
        assert sync_of(restored).keep_session_notes(list(restored.export_contents().session_notes)) == 2
        assert _notes(restored) == notes


def test_merging_the_same_backup_twice_keeps_one_copy_of_each_note(
    new_journal_url: Callable[[], str], tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    with Journal.open(new_journal_url()) as linked:
        _linked(linked)
        _transfer(linked).export_to_file(backup, "json")
        assert _transfer(linked).import_file(backup, merge=True).nothing_new("backup.json") is not None
        assert len(_notes(linked)) == 2
    with Journal.open(new_journal_url()) as other:
        other.log_session(DAY - timedelta(days=3), 15, "supported")
        first = _transfer(other).import_file(backup, merge=True)
        assert (first.sessions, first.session_notes) == (2, 2)
        notes = _notes(other)
        again = _transfer(other).import_file(backup, merge=True)
        assert (again.sessions, again.session_notes, again.skipped) == (0, 0, 4)
        assert again.nothing_new("backup.json") == "Nothing to add: every record in backup.json is already here."
        assert _notes(other) == notes


def test_a_merge_adds_a_note_the_journal_lacks_on_a_session_it_has(
    new_journal_url: Callable[[], str], tmp_path: Path
) -> None:
    """A newer backup with one more note: the note is new though its session is not."""
    older, newer = tmp_path / "older.json", tmp_path / "newer.json"
    with Journal.open(new_journal_url()) as linked:
        ids, uids = _linked(linked)
        _transfer(linked).export_to_file(older, "json")
        later = SyncedSessionNote(uids[ids[0]], "Pat Physio", "Good start.", WRITTEN + timedelta(days=1))
        linked.keep_pulled_session_notes([*linked.export_contents().session_notes, later])
        _transfer(linked).export_to_file(newer, "json")
    with Journal.open(new_journal_url()) as restored:
        _transfer(restored).import_file(older)
        merged = _transfer(restored).import_file(newer, merge=True)
        assert (merged.sessions, merged.session_notes) == (0, 1)
        assert merged.nothing_new("newer.json") is None
        assert [note.text for note in restored.session_notes()[ids[0]]] == ["Good start."]


def _json_backup(journal: Journal) -> list[str]:
    """A linked journal's JSON export, by line; the journal is emptied, ready to import it."""
    _linked(journal)
    lines = _transfer(journal).export_text("json").splitlines()
    journal.delete_everything()
    return lines


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"text": "   "}, "field text: the note is empty"),
        ({"text": "x" * 1001}, "field text: String should have at most 1000 characters"),
        (
            {"author": "Pat\u202ePhysio"},
            "field author: the note's author contains a hidden control character (\\u202e)",
        ),
        ({"written_at": "2026-11-04T09:30:00"}, "field written_at: Input should have timezone info"),
        ({"session_uid": "F" * 32}, "field session_uid: String should match pattern"),
        ({"session_uid": "e" * 32}, f"field session_uid: there is no session with uid {'e' * 32} in this file"),
        ({"signed": "Pat"}, "field signed: unknown field"),
    ],
)
def test_a_bad_note_is_refused_in_one_line_naming_its_line_and_field(
    journal: Journal, tmp_path: Path, change: dict[str, str], expected: str
) -> None:
    lines = _json_backup(journal)
    number = next(number for number, line in enumerate(lines, 1) if "Sam Smith" in line)
    lines[number - 1] = "    " + json.dumps({**json.loads(lines[number - 1].rstrip(",")), **change})
    path = tmp_path / "bad.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InvalidImportFile) as refused:
        _transfer(journal).import_file(path)
    assert str(refused.value).startswith(f"{path} line {number}, {expected}")
    assert "\n" not in str(refused.value)
    assert journal.export_contents().sessions == ()  # nothing is kept


def test_a_note_without_its_text_is_refused_naming_the_field(journal: Journal, tmp_path: Path) -> None:
    lines = _json_backup(journal)
    number = next(number for number, line in enumerate(lines, 1) if "Sam Smith" in line)
    note = json.loads(lines[number - 1])
    del note["text"]
    lines[number - 1] = "    " + json.dumps(note)
    path = tmp_path / "bad.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InvalidImportFile, match=f"line {number}, field text: Field required"):
        _transfer(journal).import_file(path)


def test_a_bad_note_in_a_csv_zip_names_its_table_line_and_field(journal: Journal, tmp_path: Path) -> None:
    _linked(journal)
    data = _transfer(journal).export_bytes("csv")
    journal.delete_everything()
    rebuilt = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as zipped, zipfile.ZipFile(rebuilt, "w") as out:
        for name in zipped.namelist():
            text = zipped.read(name)
            if name == "session_notes.csv":
                text = text.replace(b"Sam Smith", b"")
            out.writestr(name, text)
    path = tmp_path / "bad.zip"
    path.write_bytes(rebuilt.getvalue())
    with pytest.raises(InvalidImportFile, match=r"bad.zip/session_notes.csv line 4, field author: the note's author"):
        _transfer(journal).import_file(path)


def test_the_notes_list_is_counted_as_it_is_read(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _json_backup(journal)
    monkeypatch.setattr(capacity.SESSION_NOTES, "most", 1)
    path = tmp_path / "many.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(capacity.TooManyRecords, match="holds more than 1 notes on sessions; crest takes at most 1"):
        _transfer(journal).import_file(path)


def test_pulled_notes_are_never_pushed_back_to_the_practice(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as linked:
        ids, _ = _linked(linked)
        text, uids = sync_of(linked).outgoing().batch({"sessions": ids})
        with_notes = export_json(linked.export_contents())  # what no crest sends: a server keeps none of them
    assert "session_notes" not in json.loads(text) and "Pat Physio" not in text
    assert json.loads(text)["version"] == 1  # nor uids in the file: a practice's server of any age reads a push
    assert json.loads(with_notes)["version"] == 2
    with Journal.open(new_journal_url()) as server:
        sync_of(server).receive(text, uids, {})
        sync_of(server).receive(with_notes, uids, {})
        assert server.session_notes() == {}
        assert sync_of(server).session_notes() == []
