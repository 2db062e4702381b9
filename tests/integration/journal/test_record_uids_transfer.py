"""A linked crest's export carries the uid of every record `crest sync` sends (sessions, check-ins, safety screens,
PSFS entries) and `crest import` keeps them, so the practice still knows each restored record by its uid. Before,
only the sessions kept theirs: the check-ins, answers and PSFS entries came back under new uids, and the next sync
pushed them all again and deleted the practice's copies."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from crest.accounts.records import SyncedSessionNote
from crest.clock import system_now
from crest.journal.records import CheckIn, PainRating, PsfsActivity, PsfsAssessment, SafetyScreen
from crest.journal.store import Journal
from crest.journal.transfer import InvalidImportFile
from crest.services.bundle import Services
from crest.services.practice_link import LINK_FILE, PracticeLink
from crest.services.transfer import Transfer

DAY = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
SYNCED_KINDS = ("sessions", "check_ins", "safety_screens", "psfs")


def _services(journal: Journal) -> Services:
    return Services.over(journal, system_now, UTC)


def _transfer(journal: Journal) -> Transfer:
    return _services(journal).transfer


def _linked(journal: Journal) -> None:
    """A linked crest's journal: a session with a practitioner's note, two check-ins (one on the session), a set of
    safety answers and a PSFS entry."""
    session = journal.start_session(DAY, 10, "standard", writer="1@host")
    journal.finish_session(session, 600, "completed")
    journal.add_checkin(
        CheckIn(
            at=DAY + timedelta(minutes=11), timing="after", session_id=session, pain=(PainRating("hip", 3, "left"),)
        )
    )
    journal.add_checkin(CheckIn(at=DAY + timedelta(days=1), sensations=frozenset({"none"}), note="a quiet day"))
    journal.record_safety_screen(SafetyScreen(DAY - timedelta(days=1), {"cancer_signs": False}, "clear"))
    journal.add_psfs(PsfsAssessment(DAY + timedelta(days=2), (PsfsActivity("gardening", 4),)))
    uid = journal.record_uids()["sessions"][session]
    journal.keep_pulled_session_notes([SyncedSessionNote(uid, "Pat Physio", "Well done.", DAY + timedelta(days=3))])


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_restored_backup_keeps_every_synced_records_uid(
    new_journal_url: Callable[[], str], tmp_path: Path, format_name: str
) -> None:
    backup = tmp_path / f"backup.{format_name}"
    with Journal.open(new_journal_url()) as linked:
        _linked(linked)
        uids = linked.record_uids()
        _transfer(linked).export_to_file(backup, format_name)
    assert all(uids[kind] for kind in SYNCED_KINDS)
    with Journal.open(new_journal_url()) as restored:
        _transfer(restored).import_file(backup)
        assert restored.record_uids() == uids
        assert _transfer(restored).export_bytes(format_name) == backup.read_bytes()


def test_the_exports_write_each_records_uid_beside_it(journal: Journal) -> None:
    _linked(journal)
    uids = journal.record_uids()
    exported = json.loads(_transfer(journal).export_text("json"))
    for kind in SYNCED_KINDS:
        assert {record["id"]: record["uid"] for record in exported[kind]} == uids[kind]
    with zipfile.ZipFile(BytesIO(_transfer(journal).export_bytes("csv"))) as zipped:
        for table, kind in (
            ("check_ins.csv", "check_ins"),
            ("safety_screens.csv", "safety_screens"),
            ("psfs.csv", "psfs"),
        ):
            header, *rows = zipped.read(table).decode("utf-8-sig").splitlines()
            assert header.endswith(",uid")
            assert {int(row.split(",")[0]): row.rsplit(",", 1)[1] for row in rows} == uids[kind]


def test_a_journal_without_notes_exports_no_uids_as_before(journal: Journal) -> None:
    """An older crest refuses fields it does not know: only a linked crest's export (notes, or the mark) has them."""
    _linked(journal)
    journal.keep_pulled_session_notes([])
    exported = json.loads(_transfer(journal).export_text("json"))
    assert not any("uid" in record for kind in SYNCED_KINDS for record in exported[kind])
    with zipfile.ZipFile(BytesIO(_transfer(journal).export_bytes("csv"))) as zipped:
        for table in ("sessions.csv", "check_ins.csv", "safety_screens.csv", "psfs.csv"):
            assert "uid" not in zipped.read(table).decode("utf-8-sig").splitlines()[0].split(",")


# What a practice answers a linked crest that links, then syncs with the practice following it.
PRACTICE: dict[str, Any] = {
    "POST /api/auth/accept-invite": {"device_token": "t" * 32, "practice": "Riverside Physio"},
    "GET /api/account/sharing": [{"link_id": 1, "shared": True, "share_notes": False}],
    "POST /api/sync/push": {"received": {}},
    "GET /api/sync/prescription": None,
    "GET /api/sync/notes": [],
    "GET /api/sync/held": {"sessions": [], "check_ins": [], "safety_screens": [], "psfs": []},  # a sync without state
}


def _practice(method: str, url: str, body: dict[str, Any] | None, token: str | None) -> Any:
    return PRACTICE[f"{method} {url.removeprefix('https://practice.example').partition('?')[0]}"]


def _exported_uids(journal: Journal) -> dict[str, dict[int, str]]:
    exported = json.loads(_transfer(journal).export_text("json"))
    return {kind: {record["id"]: record.get("uid") for record in exported[kind]} for kind in SYNCED_KINDS}


def test_a_journal_linked_to_a_practice_exports_its_uids_without_any_notes(journal: Journal, tmp_path: Path) -> None:
    """The practice knows a linked crest's records by uid, notes or none; the link is a file beside the journal,
    which an export did not see: a restored backup without notes got new uids and the next sync sent it all again."""
    _linked(journal)
    journal.keep_pulled_session_notes([])
    link = PracticeLink(tmp_path, _services(journal).sync, system_now, transport=_practice)
    link.link("https://practice.example", "CODE", "sam@example.org", "a long password", "Sam", False, "laptop")
    assert _exported_uids(journal) == journal.record_uids()


def test_a_crest_linked_before_the_journal_said_so_exports_uids_once_it_syncs(journal: Journal, tmp_path: Path) -> None:
    _linked(journal)
    journal.keep_pulled_session_notes([])
    (tmp_path / LINK_FILE).write_text(
        json.dumps({"url": "https://practice.example", "token": "t" * 32, "linked_at": DAY.isoformat()}),
        encoding="utf-8",
    )
    assert not any(any(uids.values()) for uids in _exported_uids(journal).values())
    PracticeLink(tmp_path, _services(journal).sync, system_now, transport=_practice).sync()
    assert _exported_uids(journal) == journal.record_uids()


def test_an_export_without_uids_still_imports_with_new_ones(journal: Journal, tmp_path: Path) -> None:
    _linked(journal)
    uids = journal.record_uids()
    document = json.loads(_transfer(journal).export_text("json"))
    for kind in ("check_ins", "safety_screens", "psfs"):
        for record in document[kind]:
            del record["uid"]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    journal.delete_everything()
    _transfer(journal).import_file(path)
    restored = journal.record_uids()
    assert restored["sessions"] == uids["sessions"]
    for kind in ("check_ins", "safety_screens", "psfs"):
        assert len(restored[kind]) == len(uids[kind]) and not set(restored[kind].values()) & set(uids[kind].values())


def test_merging_the_same_backup_twice_adds_nothing_and_keeps_the_files_uids(
    new_journal_url: Callable[[], str], tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    with Journal.open(new_journal_url()) as linked:
        _linked(linked)
        uids = linked.record_uids()
        _transfer(linked).export_to_file(backup, "json")
        assert _transfer(linked).import_file(backup, merge=True).nothing_new("backup.json") is not None
        assert linked.record_uids() == uids
    with Journal.open(new_journal_url()) as other:
        other.log_session(DAY - timedelta(days=3), 15, "supported")
        first = _transfer(other).import_file(backup, merge=True)
        assert (first.check_ins, first.safety_screens, first.psfs_rounds) == (2, 1, 1)
        merged = other.record_uids()
        for kind in ("check_ins", "safety_screens", "psfs"):
            assert set(merged[kind].values()) == set(uids[kind].values())
        again = _transfer(other).import_file(backup, merge=True)
        assert again.nothing_new("backup.json") is not None
        assert other.record_uids() == merged


def test_a_merged_record_whose_uid_the_journal_holds_gets_a_new_one(journal: Journal, tmp_path: Path) -> None:
    """A backup's check-in edited since: the journal's copy keeps the uid, the file's older one is added anew."""
    _linked(journal)
    backup = tmp_path / "backup.json"
    _transfer(journal).export_to_file(backup, "json")
    check_in_id = max(journal.record_uids()["check_ins"])
    journal.update_checkin(
        CheckIn(id=check_in_id, at=DAY + timedelta(days=1), sensations=frozenset({"none"}), note="edited")
    )
    held = journal.record_uids()["check_ins"]
    assert _transfer(journal).import_file(backup, merge=True).check_ins == 1
    after = journal.record_uids()["check_ins"]
    assert {key: after[key] for key in held} == held and len(set(after.values())) == 3


def _json_backup(journal: Journal) -> list[str]:
    """A linked journal's JSON export, by line; the journal is emptied, ready to import it."""
    _linked(journal)
    lines = _transfer(journal).export_text("json").splitlines()
    journal.delete_everything()
    return lines


@pytest.mark.parametrize(
    ("marker", "uid", "expected"),
    [
        (
            '"a quiet day"',
            "F" * 32,
            "field uid: expected 32 lowercase hexadecimal digits, as crest writes a record's uid",
        ),
        ('"cancer_signs"', 7, "field uid: expected 32 lowercase hexadecimal digits"),
        ('"gardening"', "0" * 31, "field uid: expected 32 lowercase hexadecimal digits"),
        ('"a quiet day"', None, "field uid: expected 32 lowercase hexadecimal digits"),
    ],
)
def test_a_bad_uid_is_refused_in_one_line_naming_its_line_and_field(
    journal: Journal, tmp_path: Path, marker: str, uid: object, expected: str
) -> None:
    lines = _json_backup(journal)
    number = next(number for number, line in enumerate(lines, 1) if marker in line)
    ending = "," if lines[number - 1].endswith(",") else ""
    lines[number - 1] = "    " + json.dumps({**json.loads(lines[number - 1].rstrip(",")), "uid": uid}) + ending
    path = tmp_path / "bad.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InvalidImportFile) as refused:
        _transfer(journal).import_file(path)
    assert str(refused.value).startswith(f"{path} line {number}, {expected}")
    assert "\n" not in str(refused.value)
    assert journal.export_contents().sessions == ()


def test_a_uid_given_twice_in_a_section_is_refused(journal: Journal, tmp_path: Path) -> None:
    lines = _json_backup(journal)
    first, second = (number for number, line in enumerate(lines, 1) if '"timing"' in line)
    uid = json.loads(lines[first - 1].rstrip(","))["uid"]
    lines[second - 1] = "    " + json.dumps({**json.loads(lines[second - 1].rstrip(",")), "uid": uid})
    path = tmp_path / "twice.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InvalidImportFile, match=f"^{path} line {second}, field uid: check-in uid {uid} appears twice$"):
        _transfer(journal).import_file(path)


def test_a_bad_uid_in_a_csv_zip_names_its_table_line_and_field(journal: Journal, tmp_path: Path) -> None:
    _linked(journal)
    uid = next(iter(journal.record_uids()["psfs"].values()))
    data = _transfer(journal).export_bytes("csv")
    journal.delete_everything()
    rebuilt = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as zipped, zipfile.ZipFile(rebuilt, "w") as out:
        for name in zipped.namelist():
            text = zipped.read(name)
            out.writestr(name, text.replace(uid.encode(), b"not-a-uid") if name == "psfs.csv" else text)
    path = tmp_path / "bad.zip"
    path.write_bytes(rebuilt.getvalue())
    with pytest.raises(InvalidImportFile, match=r"^\S+bad.zip/psfs.csv line 2, field uid: expected 32 lowercase"):
        _transfer(journal).import_file(path)
