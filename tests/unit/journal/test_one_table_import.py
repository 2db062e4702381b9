"""One table of the CSV export given alone (the one a person edited in a spreadsheet) is named as such, with the
way to import it: it was called "not a crest export", which it is, in part."""

from __future__ import annotations

import pytest

from crest.journal.records import JournalContents
from crest.journal.transfer import InvalidImportFile, parse_export
from crest.journal.transfer.csv_format import export_csv_tables

TABLES = export_csv_tables(JournalContents())


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_given_alone_is_named_with_the_way_to_import_it(name: str) -> None:
    with pytest.raises(InvalidImportFile) as refused:
        parse_export(("\ufeff" + TABLES[name]).encode(), name)
    said = f"{name} line 1: this is one table ({name}) of a crest CSV export; import the whole zip"
    assert str(refused.value) == said


def test_another_program_s_csv_is_still_not_a_crest_export() -> None:
    with pytest.raises(InvalidImportFile, match=r"^bank\.csv: this is not a crest export"):
        parse_export(b"Date,Amount\r\n2026-01-01,3\r\n", "bank.csv")
