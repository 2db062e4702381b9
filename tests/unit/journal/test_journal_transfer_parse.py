"""Reading exports: every problem is reported with file, line and field, before anything is imported."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession, SafetyScreen
from crest.journal.transfer import (
    InvalidImportFile,
    UnknownFormat,
    export_bytes,
    export_text,
    parse_export,
    read_export_file,
)
from crest.journal.transfer.json_format import export_json
from crest.journal.transfer.legacy_csv import LEGACY_COLUMNS

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
CONTENTS = JournalContents(
    sessions=(PracticeSession(id=1, started_at=AT, planned_minutes=15, variant="standard", status="completed"),),
    check_ins=(
        CheckIn(id=1, at=AT, timing="after", session_id=1, pain=(PainRating("knee", 2, "left"),), note="a\nb"),
        CheckIn(id=2, at=AT, sensations=frozenset({"warmth", "sleepy"})),
    ),
    safety_screens=(SafetyScreen(id=1, answered_at=AT, answers={"pregnant_16_weeks": False}, advice_level="clear"),),
    settings={"voice": "off"},
)


def _error(text: str | bytes, source: str = "journal.csv") -> str:
    with pytest.raises(InvalidImportFile) as raised:
        parse_export(text, source)
    message = str(raised.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_parse_reads_back_what_export_wrote(format_name: str) -> None:
    assert parse_export(export_bytes(CONTENTS, format_name), f"x.{format_name}") == CONTENTS


def test_empty_journal_round_trips() -> None:
    for format_name in ("csv", "json"):
        assert parse_export(export_bytes(JournalContents(), format_name), "x") == JournalContents()


def test_unknown_format() -> None:
    with pytest.raises(UnknownFormat, match="xml"):
        export_text(CONTENTS, "xml")


# The one-sheet CSV of older crests (CONTENTS as it exported them) still imports.
LEGACY_ROWS = [
    {"record": "session", "id": "1", "at": "2026-05-01T07:30:00+00:00", "planned_minutes": "15",
     "actual_seconds": "0", "variant": "standard", "status": "completed"},
    {"record": "check_in", "id": "1", "at": "2026-05-01T07:30:00+00:00", "timing": "after", "session_id": "1",
     "note": "a\nb"},
    {"record": "pain", "check_in_id": "1", "region": "knee", "side": "left", "score": "2"},
    {"record": "check_in", "id": "2", "at": "2026-05-01T07:30:00+00:00", "timing": "standalone",
     "sensations": "sleepy;warmth"},
    {"record": "safety_screen", "id": "1", "at": "2026-05-01T07:30:00+00:00", "advice_level": "clear",
     "answers": "pregnant_16_weeks=no"},
    {"record": "setting", "key": "voice", "value": "off"},
]  # fmt: skip


def _csv_with(line_index: int = 0, column: str = "record", value: str | None = None) -> str:
    import csv
    import io

    rows = [list(LEGACY_COLUMNS)] + [[row.get(name, "") for name in LEGACY_COLUMNS] for row in LEGACY_ROWS]
    if value is not None:
        rows[line_index][LEGACY_COLUMNS.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def test_the_one_sheet_csv_of_older_crests_still_imports() -> None:
    assert parse_export(_csv_with(), "old.csv") == CONTENTS
    assert parse_export(_csv_with().encode("utf-8"), "old.csv") == CONTENTS


@pytest.mark.parametrize(("side", "read_as"), [("both", "both"), ("", "both"), ("centre", "both"), ("left", "left")])
def test_an_older_backup_restores_the_side_of_a_pair_as_the_journal_held_it(side: str, read_as: str) -> None:
    # "Both" said, or no side from before a pair's side was asked for (migration r0007 read that as both): new
    # ratings must say their side, but what a journal already held comes back as it was.
    [old_csv_rating] = parse_export(_csv_with(3, "side", side), "old.csv").check_ins[0].pain
    document = json.loads(export_bytes(CONTENTS, "json"))
    document["check_ins"][0]["pain"][0]["side"] = side or None
    [json_rating] = parse_export(json.dumps(document), "old.json").check_ins[0].pain
    assert old_csv_rating == json_rating == PainRating("knee", 2, read_as)


def test_csv_rating_of_eleven_names_file_line_and_field() -> None:
    # header, session, check-in (two physical lines: the note has a newline), pain on line 5
    text = _csv_with(3, "score", "11")
    assert _error(text).startswith("journal.csv line 5, field score: pain score: enter 10 or less, not “11”")


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (1, "planned_minutes", "45", "line 2, field planned_minutes: minutes: enter 30 or less, not “45”"),
        (1, "variant", "lazy", "line 2, field variant: unknown variant “lazy”"),
        (1, "at", "01/05/2026", "line 2, field at: cannot read the time “01/05/2026”"),
        (1, "at", "2026-05-01T07:30", "line 2, field at: the time “2026-05-01T07:30” has no time zone"),
        (3, "region", "elbow", "line 5, field region: “elbow” is not a place crest knows; choose lower back, "),
        (3, "side", "up", "line 5, field side: unknown side “up”"),
        (3, "check_in_id", "9", "line 5, field check_in_id: no check-in 9"),
        (4, "sensations", "warmth;tingling", "line 6, field sensations: unknown sensation “tingling”"),
        (4, "session_id", "1", "line 6, field timing: a standalone check-in belongs to no session"),
        (
            5,
            "answers",
            "pregnant=perhaps",
            "line 7, field answers: cannot read the answer “pregnant=perhaps”",
        ),
        (1, "record", "workout", "line 2, field record: unknown record kind “workout”"),
        (1, "key", "surprise", "line 2, field key: a session row leaves this column empty"),
        (2, "session_id", "7", "line 3, field session_id: there is no session 7 in this file"),
        (4, "id", "1", "line 6, field id: check-in id 1 appears twice"),
    ],
)
def test_csv_errors_name_line_and_field(row: int, column: str, value: str, expected: str) -> None:
    assert expected in _error(_csv_with(row, column, value))


def test_csv_with_a_foreign_header_is_refused_as_not_an_export_without_listing_columns() -> None:
    message = _error("date,pain\n2026-05-01,3\n")
    assert message == (
        "journal.csv: this is not a crest export; crest imports the JSON file or the CSV zip that it exports"
    )
    assert "folder" not in message  # the browser's Restore says it too, and a browser cannot upload a folder
    assert "check_in_id" not in message and "\n" not in message


def test_json_that_is_no_object_is_said_of_the_whole_file() -> None:
    assert _error("[1, 2]", "list.json") == "list.json: not a crest export (expected a JSON object)"


def test_csv_with_a_short_row_is_refused() -> None:
    text = _csv_with() + "session,2\n"
    assert "columns instead of" in _error(text)


def _json_with(section: str, index: int, change: dict[str, object]) -> str:
    document = json.loads(export_json(CONTENTS))
    document[section][index].update(change)
    # Rendered one item per line, as crest writes it, so the expected line numbers stay put.
    lines = ["{", f'  "format": {json.dumps(document["format"])},', f'  "version": {document["version"]},']
    sections = ["sessions", "check_ins", "safety_screens", "settings"]
    for number, name in enumerate(sections):
        lines.append(f'  "{name}": [')
        items = [f"    {json.dumps(item)}" for item in document[name]]
        lines.append(",\n".join(items))
        lines.append("  ]" + ("," if number < len(sections) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("section", "index", "change", "expected"),
    [
        (
            "sessions",
            0,
            {"actual_seconds": -5},
            "line 5, field actual_seconds: elapsed time -5 s is negative",
        ),
        ("sessions", 0, {"planned_minutes": "fifteen"}, "line 5, field planned_minutes"),
        ("sessions", 0, {"mood": "good"}, "line 5, field mood: unknown field"),
        (
            "check_ins",
            1,
            {"pain": [{"region": "knee", "side": None, "score": 11}]},
            "line 9, field pain[0].score",
        ),
        (
            "check_ins",
            0,
            {"pain": [{"region": "elbow", "side": None, "score": 1}]},
            "line 8, field pain[0].region",
        ),
        ("check_ins", 0, {"at": "not a date"}, "line 8, field at: cannot read the time “not a date”"),
        ("safety_screens", 0, {"answers": {"pregnant": "no"}}, "line 12, field answers"),
        ("settings", 0, {"value": 3}, "line 15, field value: 3 is not text"),
    ],
)
def test_json_errors_name_line_and_field(section: str, index: int, change: dict[str, object], expected: str) -> None:
    assert expected in _error(_json_with(section, index, change), "journal.json")


def test_a_json_export_on_one_line_names_the_record_as_well_as_the_line() -> None:
    """The whole export on one line said 'line 1, field pain[0].score' of any of its check-ins, and the person could
    not find which; a record that shares its line is named by its path (one on its own line, as crest writes them,
    by its line: above)."""
    document = json.loads(export_json(CONTENTS))
    document["check_ins"][1]["pain"] = [{"region": "knee", "side": "left", "score": 11}]
    message = _error(json.dumps(document), "journal.json")
    assert message.startswith("journal.json line 1, field check_ins[1].pain[0].score: ")
    document = json.loads(export_json(CONTENTS))
    document["sessions"].append(document["sessions"][0])
    message = _error(json.dumps(document), "journal.json")
    assert message == "journal.json line 1, field sessions[1].id: session id 1 appears twice"
    document["sessions"][1] = 5  # a problem of the record as a whole, refused as it is read
    message = _error(json.dumps(document), "journal.json")
    assert message == "journal.json line 1, record sessions[1]: expected an object in sessions, found 5"


def test_a_huge_wrong_value_is_quoted_by_its_start_and_end() -> None:
    # Megabytes of text where a number belongs: the message says what is wrong without printing them.
    value = "warmth " * 200_000
    message = _error(_json_with("sessions", 0, {"planned_minutes": value}), "journal.json")
    said = "“warmth warmth warmth warmth warmth warm…” is not a whole number"
    assert message == f"journal.json line 5, field planned_minutes: {said}"


def test_json_missing_field_is_named() -> None:
    document = json.loads(export_json(CONTENTS))
    del document["sessions"][0]["variant"]
    assert "field sessions[0].variant: missing" in _error(json.dumps(document), "journal.json")


def test_invalid_json_reports_the_line() -> None:
    assert _error('{\n  "format": "crest-journal",\n  oops\n}', "journal.json").startswith("journal.json line 3:")


def test_invalid_json_is_said_in_a_whole_sentence() -> None:
    # Python's words alone read cut off: "not valid JSON (Expecting ',' delimiter)".
    assert _error('{"format": "crest-journal", "sessions": [1 2]}', "journal.json") == (
        "journal.json line 1: not valid JSON (expecting ',' delimiter at column 44)"
    )


@pytest.mark.parametrize("cut", [40, 60, len(export_json(CONTENTS)) - 3])
def test_a_json_export_cut_short_says_so(cut: int) -> None:
    # It said "not valid JSON (Unterminated string starting at)", as if the sentence itself had been cut.
    message = _error(export_json(CONTENTS)[:cut], "journal.json")
    assert message.endswith("the file stops before its data ends (a download or a copy cut short?); export it again")


def test_a_first_line_no_csv_reader_takes_is_not_an_export() -> None:
    # 60 MB of spaces in a .json file read as "not valid CSV (field larger than field limit (131072))".
    assert _error(" " * 200_000 + "x", "big.json") == (
        "big.json: this is not a crest export; crest imports the JSON file or the CSV zip that it exports"
    )


@pytest.mark.parametrize("data", [b"", b"  \n\n", "\ufeff".encode()])
def test_an_empty_or_blank_file_says_so(data: bytes) -> None:
    # It said "line 1: this is not a crest export", as of a file of another program.
    with pytest.raises(InvalidImportFile) as refusal:
        parse_export(data, "journal.json")
    assert str(refusal.value) == (
        "journal.json: there is nothing in the file (empty or blank); give the file `crest export` wrote"
    )


def test_a_broken_zip_is_named_whole_not_by_a_line() -> None:
    with pytest.raises(InvalidImportFile) as refusal:
        parse_export(b"PK\x03\x04 not really a zip", "journal.zip")
    assert str(refusal.value) == "journal.zip: not a zip file that can be read; give the zip `crest export` wrote"


def test_json_of_another_program_is_refused() -> None:
    assert "field format" in _error('{"format": "other", "version": 1}', "journal.json")
    assert "field version" in _error('{"format": "crest-journal", "version": 99}', "journal.json")


def test_read_export_file_names_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidImportFile, match="cannot read"):
        read_export_file(tmp_path / "missing.json")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(InvalidImportFile, match="not UTF-8 text or a zip"):
        read_export_file(binary)
    good = tmp_path / "journal.json"
    good.write_text(export_json(CONTENTS), encoding="utf-8")
    assert read_export_file(good) == CONTENTS


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("id", 2**70, "field sessions[0].id: id 1180591620717411303424 must be from 1 to 2147483647"),
        ("started_at", "0001-01-01T00:00+14:00", "outside the dates crest can store"),
        ("actual_seconds", 2**70, "more than a day"),
    ],
)
def test_json_values_no_database_can_hold_are_named(field: str, value: object, expected: str) -> None:
    document = json.loads(export_json(CONTENTS))
    document["sessions"][0][field] = value
    message = _error(json.dumps(document), "journal.json")
    assert message.startswith("journal.json")
    assert expected in message
