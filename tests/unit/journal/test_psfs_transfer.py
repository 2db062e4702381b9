"""PSFS rounds in the export formats: read back exactly, checked row by row, and older files still read."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.records import InvalidPsfs, JournalContents, PsfsActivity, PsfsAssessment
from crest.journal.transfer import InvalidImportFile, export_bytes, export_text, parse_export
from crest.journal.transfer.legacy_csv import LEGACY_COLUMNS, LEGACY_COLUMNS_BEFORE_PSFS

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
WITH_PSFS = JournalContents(
    settings={"voice": "off"},
    psfs=(
        PsfsAssessment(AT, (PsfsActivity("Tying my shoes", 3), PsfsActivity('Sitting through a "long" film', 4)), 1),
        PsfsAssessment(AT + timedelta(days=14), (PsfsActivity("Tying my shoes", 6),), 2),
    ),
)


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_psfs_round_trips(format_name: str) -> None:
    assert parse_export(export_bytes(WITH_PSFS, format_name), f"x.{format_name}") == WITH_PSFS


def test_a_journal_without_psfs_exports_as_before() -> None:
    assert '"psfs"' not in export_text(JournalContents(settings={"a": "b"}), "json")


def _legacy_sheet(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return buffer.getvalue()


def test_the_one_sheet_csv_of_older_crests_still_reads_with_or_without_psfs() -> None:
    setting = {"record": "setting", "key": "voice", "value": "off"}
    old = _legacy_sheet(LEGACY_COLUMNS_BEFORE_PSFS, [setting])
    assert parse_export(old, "old.csv") == JournalContents(settings={"voice": "off"})
    rows = [
        setting,
        {"record": "psfs", "id": "1", "at": "2026-05-01T07:30:00+00:00"},
        {"record": "psfs_activity", "assessment_id": "1", "activity": "Tying my shoes", "score": "3"},
        {"record": "psfs_activity", "assessment_id": "1", "activity": 'Sitting through a "long" film', "score": "4"},
        {"record": "psfs", "id": "2", "at": "2026-05-15T07:30:00+00:00"},
        {"record": "psfs_activity", "assessment_id": "2", "activity": "Tying my shoes", "score": "6"},
    ]
    assert parse_export(_legacy_sheet(LEGACY_COLUMNS, rows), "old.csv") == WITH_PSFS


def _with_table(data: bytes, name: str, text: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with source, zipfile.ZipFile(target, "w") as zipped:
        for member in source.namelist():
            zipped.writestr(member, text if member == name else source.read(member))
    return target.getvalue()


def test_bad_psfs_rows_name_table_line_and_field() -> None:
    tables = export_bytes(WITH_PSFS, "csv")
    activities = "assessment_id,name,score\n1,Tying my shoes,3\n2,Tying my shoes,11\n"
    with pytest.raises(InvalidImportFile, match=r"line 3, field score: activity score: enter 10 or less, not “11”"):
        parse_export(_with_table(tables, "psfs_activities.csv", activities), "x.zip")
    orphan = "assessment_id,name,score\n7,Tying my shoes,3\n"
    with pytest.raises(InvalidImportFile, match="no PSFS entry 7 comes before this activity"):
        parse_export(_with_table(tables, "psfs_activities.csv", orphan), "x.zip")
    empty = export_text(WITH_PSFS, "json").replace('[{"name": "Tying my shoes", "score": 6}]', "[]")
    with pytest.raises(InvalidImportFile, match="field activities: name at least one activity"):
        parse_export(empty, "x.json")


def test_a_csv_zip_without_the_psfs_tables_reads_as_a_journal_without_psfs() -> None:
    tables = export_bytes(JournalContents(settings={"voice": "off"}), "csv")
    source = zipfile.ZipFile(io.BytesIO(tables))
    target = io.BytesIO()
    with source, zipfile.ZipFile(target, "w") as zipped:
        for member in source.namelist():
            if not member.startswith("psfs"):
                zipped.writestr(member, source.read(member))
    assert parse_export(target.getvalue(), "old.zip") == JournalContents(settings={"voice": "off"})


def test_psfs_records_refuse_what_the_scale_does_not_allow() -> None:
    with pytest.raises(InvalidPsfs, match="up to 5"):
        PsfsAssessment(AT, tuple(PsfsActivity(f"activity {n}", 5) for n in range(6)))
    with pytest.raises(InvalidPsfs, match="named twice"):
        PsfsAssessment(AT, (PsfsActivity("Gardening", 5), PsfsActivity(" gardening ", 6)))
    with pytest.raises(InvalidPsfs, match="needs a name"):
        PsfsActivity("  ", 5)
    with pytest.raises(InvalidPsfs, match="activity score: enter 0 or more, not “-1”"):
        PsfsActivity("Gardening", -1)
