"""PSFS rounds in the export formats: read back exactly, checked row by row, and older files still read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.records import InvalidPsfs, JournalContents, PsfsActivity, PsfsAssessment
from crest.journal.transfer import InvalidImportFile, export_text, parse_export
from crest.journal.transfer.csv_format import COLUMNS_BEFORE_PSFS

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
    assert parse_export(export_text(WITH_PSFS, format_name), f"x.{format_name}") == WITH_PSFS


def test_a_journal_without_psfs_exports_as_before() -> None:
    assert '"psfs"' not in export_text(JournalContents(settings={"a": "b"}), "json")


def test_a_csv_written_before_psfs_still_reads() -> None:
    old = ",".join(COLUMNS_BEFORE_PSFS) + "\nsetting" + "," * 19 + "voice,off\n"
    assert parse_export(old, "old.csv") == JournalContents(settings={"voice": "off"})


def test_bad_psfs_rows_name_line_and_field() -> None:
    text = export_text(WITH_PSFS, "csv").replace(",6,,,,,2,Tying", ",11,,,,,2,Tying")
    with pytest.raises(InvalidImportFile, match=r"line 7, field score: activity score 11 is outside 0-10"):
        parse_export(text, "x.csv")
    orphan = export_text(WITH_PSFS, "csv").replace(",,1,Tying my shoes", ",,7,Tying my shoes")
    with pytest.raises(InvalidImportFile, match="no PSFS entry 7 comes before this activity"):
        parse_export(orphan, "x.csv")
    empty = export_text(WITH_PSFS, "json").replace('[{"name": "Tying my shoes", "score": 6}]', "[]")
    with pytest.raises(InvalidImportFile, match="field activities: name at least one activity"):
        parse_export(empty, "x.json")


def test_psfs_records_refuse_what_the_scale_does_not_allow() -> None:
    with pytest.raises(InvalidPsfs, match="up to 5"):
        PsfsAssessment(AT, tuple(PsfsActivity(f"activity {n}", 5) for n in range(6)))
    with pytest.raises(InvalidPsfs, match="named twice"):
        PsfsAssessment(AT, (PsfsActivity("Gardening", 5), PsfsActivity(" gardening ", 6)))
    with pytest.raises(InvalidPsfs, match="needs a name"):
        PsfsActivity("  ", 5)
    with pytest.raises(InvalidPsfs, match="outside 0-10"):
        PsfsActivity("Gardening", -1)
