"""The CSV export a person can open in a spreadsheet: a zip of one table per record type, importable back."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession, SafetyScreen
from crest.journal.transfer import InvalidImportFile, export_bytes, parse_export, read_export_file
from crest.safety.screen import QUESTIONS
from support.csv_export import csv_tables, rewritten_csv_zip

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
NO = {question.id: False for question in QUESTIONS}
CONTENTS = JournalContents(
    sessions=(
        PracticeSession(id=1, started_at=AT, planned_minutes=15, variant="standard", status="completed",
                        actual_seconds=900, position_check_summary="heels 35 cm"),
        PracticeSession(id=2, started_at=AT.replace(day=2), planned_minutes=10, variant="somatic",
                        status="ended_early", actual_seconds=320),
    ),
    check_ins=(
        CheckIn(id=1, at=AT, timing="after", session_id=1, compared_with_before="better",
                pain=(PainRating("lower_back", 4), PainRating("knee", 2, "left", "sharp")),
                note="=1+1 is not a formula\nok"),
        CheckIn(id=2, at=AT, sensations=frozenset({"warmth", "sleepy"}), note="Ünïcode ✓, \"quoted\""),
    ),
    safety_screens=(
        SafetyScreen(id=1, answered_at=AT, answers=NO, advice_level="clear"),
    ),
    settings={"voice": "off", "default_minutes": "15"},
)  # fmt: skip


def test_each_record_type_is_its_own_table_with_a_header() -> None:
    tables = csv_tables(export_bytes(CONTENTS, "csv"))
    assert sorted(tables) == [
        "check_ins.csv",
        "pain_ratings.csv",
        "psfs.csv",
        "psfs_activities.csv",
        "safety_answers.csv",
        "safety_clearances.csv",
        "safety_screens.csv",
        "sessions.csv",
        "settings.csv",
    ]
    assert [(row["id"], row["status"], row["actual_seconds"]) for row in tables["sessions.csv"]] == [
        ("1", "completed", "900"),
        ("2", "ended_early", "320"),
    ]
    assert [tuple(row.values()) for row in tables["pain_ratings.csv"]] == [
        ("1", "lower_back", "centre", "4", ""),
        ("1", "knee", "left", "2", "sharp"),
    ]
    assert tables["check_ins.csv"][1]["sensations"] == "sleepy;warmth"
    assert {row["question_id"]: row["answer"] for row in tables["safety_answers.csv"]} == dict.fromkeys(NO, "no")
    assert {row["key"]: row["value"] for row in tables["settings.csv"]} == {"default_minutes": "15", "voice": "off"}


def test_the_tables_read_back_to_the_same_journal_byte_for_byte() -> None:
    data = export_bytes(CONTENTS, "csv")
    assert parse_export(data, "journal.zip") == CONTENTS
    assert export_bytes(parse_export(data, "journal.zip"), "csv") == data


def test_files_are_utf8_with_a_byte_order_mark_and_unzip_readable_by_their_owner_only() -> None:
    with zipfile.ZipFile(io.BytesIO(export_bytes(CONTENTS, "csv"))) as zipped:
        for member in zipped.infolist():
            assert (member.external_attr >> 16) & 0o777 == 0o600, member.filename
            if member.filename.endswith(".csv"):
                assert zipped.read(member).startswith("\ufeff".encode()), member.filename
        assert "crest import" in zipped.read("README.txt").decode()


def test_a_note_a_spreadsheet_would_run_as_a_formula_is_written_as_text() -> None:
    tables = csv_tables(export_bytes(CONTENTS, "csv"))
    assert tables["check_ins.csv"][0]["note"] == "'=1+1 is not a formula\nok"
    assert parse_export(export_bytes(CONTENTS, "csv"), "j.zip").check_ins[0].note == "=1+1 is not a formula\nok"


@pytest.mark.parametrize(
    ("name", "change", "row", "expected"),
    [
        ("pain_ratings.csv", {"score": "11"}, 1, "line 3, field score: pain score: enter 10 or less, not “11”"),
        ("pain_ratings.csv", {"check_in_id": "9"}, 0, "pain_ratings.csv line 2, field check_in_id: no check-in 9"),
        ("pain_ratings.csv", {"quality": "dull"}, 1, "line 3, field quality: unknown pain quality “dull”"),
        ("sessions.csv", {"variant": "lazy"}, 1, "sessions.csv line 3, field variant: unknown variant “lazy”"),
        ("check_ins.csv", {"session_id": "7"}, 0, "check_ins.csv line 2, field session_id: there is no session 7"),
        ("safety_answers.csv", {"answer": "perhaps"}, 0, "safety_answers.csv line 2, field answer: “perhaps”"),
        ("safety_answers.csv", {"screen_id": "4"}, 0, "field screen_id: there is no safety screen 4"),
        ("settings.csv", {"key": " "}, 0, "settings.csv line 2, field key: empty setting name"),
    ],
)
def test_a_wrong_cell_is_named_by_table_line_and_field(
    name: str, change: dict[str, str], row: int, expected: str
) -> None:
    with pytest.raises(InvalidImportFile) as raised:
        parse_export(rewritten_csv_zip(export_bytes(CONTENTS, "csv"), name, change, row), "journal.zip")
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_zip_without_a_table_or_with_a_foreign_header_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("sessions.csv", "date,minutes\n2026-05-01,10\n")
    with pytest.raises(InvalidImportFile, match=r"sessions\.csv line 1: the header is not a crest export"):
        parse_export(buffer.getvalue(), "mine.zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("notes.txt", "hello")
    with pytest.raises(InvalidImportFile, match=r"sessions\.csv line 1: missing"):
        parse_export(buffer.getvalue(), "mine.zip")
    with pytest.raises(InvalidImportFile, match="not a zip"):
        parse_export(b"PK\x03\x04 broken", "broken.zip")


def test_a_sessions_table_with_a_column_twice_is_refused() -> None:
    """Each column may be missing or there (the optional ones), but not there twice."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(export_bytes(CONTENTS, "csv"))) as exported, zipfile.ZipFile(buffer, "w") as data:
        for name in exported.namelist():
            lines = exported.read(name).decode("utf-8-sig").splitlines()
            if name == "sessions.csv":
                lines = [line + (",status" if number == 0 else ",completed") for number, line in enumerate(lines)]
            data.writestr(name, "\n".join(lines))
    with pytest.raises(InvalidImportFile, match=r"sessions\.csv line 1: the header is not a crest export"):
        parse_export(buffer.getvalue(), "doubled.zip")


def test_the_unzipped_folder_imports_too_after_an_edit_in_a_spreadsheet(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(export_bytes(CONTENTS, "csv"))) as zipped:
        zipped.extractall(tmp_path / "journal")
    notes = tmp_path / "journal" / "check_ins.csv"
    notes.write_bytes(notes.read_bytes().replace("Ünïcode".encode(), b"Edited"))
    contents = read_export_file(tmp_path / "journal")
    assert contents.check_ins[1].note == 'Edited ✓, "quoted"'
    assert contents.sessions == CONTENTS.sessions
    (tmp_path / "journal" / "pain_ratings.csv").unlink()
    with pytest.raises(InvalidImportFile, match=r"pain_ratings\.csv line 1: missing"):
        read_export_file(tmp_path / "journal")
