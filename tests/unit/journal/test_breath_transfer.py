"""Breath readings in the export formats: whole in JSON, summed up in the CSV zip's sessions.csv (its rate and
movement count), checked on import with the file, line and field named, and files written before them still read."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.journal import capacity
from crest.journal.records import JournalContents, PracticeSession
from crest.journal.transfer import InvalidImportFile, export_bytes, export_text, parse_export, reading
from support.csv_export import csv_tables, rewritten_csv_zip

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
READING = BreathResult(
    (BreathWindow(0.0, 30.0, 14.0), BreathWindow(30.0, 60.0, None, "moving"), BreathWindow(60.0, 120.0, 8.0)),
    (Movement(33.5),),
)
SESSION = PracticeSession(id=1, started_at=AT, planned_minutes=15, variant="standard", status="completed")
CONTENTS = JournalContents(sessions=(replace(SESSION, breath=READING), replace(SESSION, id=2)))


def test_json_carries_the_whole_reading_back() -> None:
    text = export_text(CONTENTS, "json")
    assert json.loads(text)["sessions"][0]["breath"] == READING.to_json_dict()
    assert json.loads(text)["sessions"][1]["breath"] is None
    assert parse_export(text, "x.json") == CONTENTS


def test_csv_carries_the_rate_and_the_movement_count() -> None:
    data = export_bytes(CONTENTS, "csv")
    rows = csv_tables(data)["sessions.csv"]
    assert (rows[0]["breath_rate_bpm"], rows[0]["breath_movements"]) == ("11.0", "1")
    assert (rows[1]["breath_rate_bpm"], rows[1]["breath_movements"]) == ("", "")
    # The windows travel in JSON only: a CSV brings the sessions back without their reading.
    assert parse_export(data, "x.zip").sessions == (SESSION, replace(SESSION, id=2))


def test_a_json_file_with_a_bad_reading_names_line_and_field() -> None:
    text = export_text(CONTENTS, "json").replace('"reason": "moving"', '"reason": "sneezing"')
    with pytest.raises(InvalidImportFile, match=r"x.json line \d+, field breath: breath window 2 has no rate"):
        parse_export(text, "x.json")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"breath_rate_bpm": "fast"}, "line 2, field breath_rate_bpm: “fast” is not a number"),
        ({"breath_movements": "-1"}, "line 2, field breath_movements: -1 is not a count"),
        ({"breath_rate_bpm": "400"}, "line 2, field breath_rate_bpm: 400 breaths a minute is outside"),
    ],
)
def test_a_csv_with_a_bad_breath_summary_names_line_and_field(change: dict[str, str], expected: str) -> None:
    with pytest.raises(InvalidImportFile, match=f"x.zip/sessions.csv {expected}"):
        parse_export(rewritten_csv_zip(export_bytes(CONTENTS, "csv"), "sessions.csv", change), "x.zip")


def test_files_written_before_breath_readings_still_read() -> None:
    old_json = json.loads(export_text(CONTENTS, "json"))
    for session in old_json["sessions"]:
        del session["breath"]
    assert parse_export(json.dumps(old_json), "old.json").sessions == (SESSION, replace(SESSION, id=2))


def test_json_movements_past_a_readings_cap_are_counted_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """One session's reading held up to 60 MB of movements, all built (2 GB) before the reading was checked."""

    def never(value: object) -> BreathResult:
        raise AssertionError("the reading was built before its movements were counted")

    monkeypatch.setattr(capacity.BREATH_MOVEMENTS, "most", 2)
    monkeypatch.setattr(reading, "check_breath", never)
    many = replace(READING, movements=(Movement(10.0), Movement(20.0), Movement(33.5)))
    text = export_text(JournalContents(sessions=(replace(SESSION, id=2), replace(SESSION, breath=many))), "json")
    with pytest.raises(InvalidImportFile) as refused:
        parse_export(text, "x.json")
    assert str(refused.value) == (
        "x.json line 6, field breath: the breath reading has more than 2 movements; a rest has at most 2"
    )
