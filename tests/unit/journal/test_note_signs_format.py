"""A check-in's warning signs in the JSON export: one sign is written as before (`note_sign`, the file's version
unchanged, for every crest to read); several are written as `note_signs` too, beside the most urgent, in a file of
version 4, which a crest from before them refuses saying to update it. Each reads back as written.

In the CSV export, a `note_signs` column of check_ins.csv: every sign in one cell, most urgent first, joined by `;`
(as sensations are), only when a check-in has a sign. The CSV export dropped them: a check-in whose note a practice
kept only as its signs came back from a CSV backup with none."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from crest.journal.records import CheckIn, JournalContents
from crest.journal.transfer import InvalidImportFile, export_bytes, parse_export
from crest.journal.transfer.json_format import export_json
from support.csv_export import csv_tables, rewritten_csv_zip

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
URGENT, CLINICIAN = "warning_cauda_equina", "warning_infection"


def _contents(*signs: str) -> JournalContents:
    return JournalContents(check_ins=(CheckIn(at=AT, note_signs=signs, id=1),))


def test_one_sign_is_written_as_before() -> None:
    text = export_json(_contents(URGENT))
    document = json.loads(text)
    assert document["version"] == 1 and document["check_ins"][0]["note_sign"] == URGENT
    assert "note_signs" not in text
    assert parse_export(text, "journal.json") == _contents(URGENT)


def test_several_signs_are_each_written_and_read_back_in_a_version_4_file() -> None:
    text = export_json(_contents(URGENT, CLINICIAN))
    document = json.loads(text)
    assert document["version"] == 4
    assert document["check_ins"][0]["note_sign"] == URGENT
    assert document["check_ins"][0]["note_signs"] == [URGENT, CLINICIAN]
    assert parse_export(text, "journal.json") == _contents(URGENT, CLINICIAN)


def test_a_sign_this_crest_does_not_know_is_refused_not_dropped() -> None:
    text = export_json(_contents(URGENT, CLINICIAN))
    listed = f'"note_signs": ["{URGENT}", "{CLINICIAN}"]'
    newer = text.replace(listed, f'"note_signs": ["{URGENT}", "warning_from_a_newer_crest"]')
    with pytest.raises(InvalidImportFile, match="field note_signs: unknown warning sign “warning_from_a_newer_crest”"):
        parse_export(newer, "journal.json")
    with pytest.raises(InvalidImportFile, match=r"field note_signs: .* is not a list of warning signs"):
        parse_export(text.replace(listed, f'"note_signs": "{CLINICIAN}"'), "journal.json")


def test_every_sign_is_one_cell_of_the_csv_in_its_order_and_reads_back() -> None:
    signs = (URGENT, CLINICIAN)
    zipped = export_bytes(JournalContents(check_ins=(*_contents(*signs).check_ins, CheckIn(at=AT, id=2))), "csv")
    rows = csv_tables(zipped)["check_ins.csv"]
    assert [row["note_signs"] for row in rows] == [f"{URGENT};{CLINICIAN}", ""]
    assert parse_export(zipped, "journal.zip").check_ins[0].note_signs == signs
    assert parse_export(export_bytes(_contents(CLINICIAN), "csv"), "journal.zip") == _contents(CLINICIAN)


def test_a_csv_without_signs_has_the_columns_it_had_before() -> None:
    zipped = export_bytes(_contents(), "csv")
    assert "note_signs" not in csv_tables(zipped)["check_ins.csv"][0]
    assert parse_export(zipped, "journal.zip") == _contents()


def test_a_sign_this_crest_does_not_know_in_the_csv_is_refused_naming_its_cell() -> None:
    zipped = export_bytes(_contents(URGENT, CLINICIAN), "csv")
    newer = rewritten_csv_zip(zipped, "check_ins.csv", {"note_signs": f"{URGENT};warning_from_a_newer_crest"})
    with pytest.raises(InvalidImportFile, match=r"check_ins\.csv line 2, field note_signs: unknown warning sign"):
        parse_export(newer, "journal.zip")


def test_which_sign_fired_is_one_cell_of_the_csv_and_reads_back_and_without_it_the_csv_is_as_before() -> None:
    """A practice's CSV export kept each sign's entry and dropped which sign of it fired (`note_sign_rules`): a
    night-pain note came back named by every sign of possible cancer."""
    rules = ("night_pain", "unexplained_weight_loss")
    told = CheckIn(at=AT, note_signs=("warning_cancer",), note_sign_rules=rules, id=1)
    zipped = export_bytes(JournalContents(check_ins=(told, CheckIn(at=AT, id=2))), "csv")
    rows = csv_tables(zipped)["check_ins.csv"]
    assert [row["note_sign_rules"] for row in rows] == ["night_pain;unexplained_weight_loss", ""]
    assert parse_export(zipped, "journal.zip").check_ins[0].note_sign_rules == rules
    assert "note_sign_rules" not in csv_tables(export_bytes(_contents(CLINICIAN), "csv"))["check_ins.csv"][0]
