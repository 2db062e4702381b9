"""A list or an object where a single value belongs in a JSON import (a record's field, an unknown field, an item
of a record's list, a header field) is refused at its first bracket, in one line, before any of it is read. Before,
it was decoded whole first: a 60 MB one took 2.2 s and 574 MB, only to be refused."""

from __future__ import annotations

import json
import tracemalloc
from datetime import UTC, datetime
from typing import Any

import pytest

from crest.breath.result import BreathResult, BreathWindow
from crest.journal.records import CheckIn, JournalContents, PainRating, PracticeSession, SafetyScreen
from crest.journal.transfer import InvalidImportFile, parse_export
from crest.journal.transfer.json_format import JSON_VERSION, JSON_VERSIONS, export_json

# The versions this crest reads, as its refusal of a newer file lists them
VERSIONS_READ = ", ".join(map(str, JSON_VERSIONS[:-1])) + f" and {JSON_VERSION}"

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
CONTENTS = JournalContents(
    sessions=(
        PracticeSession(
            id=1,
            started_at=AT,
            planned_minutes=15,
            variant="standard",
            status="completed",
            breath=BreathResult((BreathWindow(0.0, 30.0, 12.0),), ()),
        ),
    ),
    check_ins=(CheckIn(id=1, at=AT, timing="after", session_id=1, pain=(PainRating("knee", 2, "left"),), note="ok"),),
    safety_screens=(SafetyScreen(id=1, answered_at=AT, answers={"pregnant_16_weeks": False}, advice_level="clear"),),
    settings={"voice": "off"},
)
LINES = export_json(CONTENTS).splitlines()
REST = "1, 2, this is not JSON at all"  # what follows a refused value's first item: never read, or it would fail


def _line(marker: str) -> int:
    return next(number for number, line in enumerate(LINES, 1) if marker in line)


def _with(marker: str, change: Any, value_text: str) -> str:
    """The export, the record on the line with `marker` changed by `change` (its fields, a path to one of them set
    to the text `value_text`, written as it is)."""
    lines = list(LINES)
    number = _line(marker)
    ending = "," if lines[number - 1].endswith(",") else ""
    record = json.loads(lines[number - 1].strip().rstrip(","))
    target = record
    *path, last = change
    for key in path:
        target = target[key]
    target[last] = "@VALUE@"
    lines[number - 1] = "    " + json.dumps(record).replace('"@VALUE@"', value_text) + ending
    return "\n".join(lines)


def _refusal(text: str) -> str:
    with pytest.raises(InvalidImportFile) as refused:
        parse_export(text, "journal.json")
    message = str(refused.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("marker", "change", "opening", "expected"),
    [
        ('"note"', ["note"], "[", "field note: expected a single value, found a list"),
        ('"note"', ["note"], "{", "field note: expected a single value, found an object"),
        ('"planned_minutes"', ["id"], "[", "field id: expected a single value, found a list"),
        ('"planned_minutes"', ["extra"], "[", "field extra: unknown field"),
        ('"voice"', ["value"], "{", "field value: expected a single value, found an object"),
        ('"note"', ["pain", 0, "score"], "[", "field pain: expected a single value, found a list inside it"),
        ('"note"', ["sensations"], "[[", "field sensations: expected a single value, found a list inside it"),
        ('"pregnant_16_weeks"', ["answers", "pregnant_16_weeks"], "[", "field answers: expected a single value"),
        ('"planned_minutes"', ["breath", "rate_bpm"], "[", "field breath.rate_bpm: expected a single value"),
        ('"planned_minutes"', ["breath", "windows", 0, "end_s"], "{", "field breath.windows: expected a single"),
        ('"planned_minutes"', ["breath"], "[", "field breath: a list is not a breath reading"),
    ],
)
def test_a_list_or_object_where_a_single_value_belongs_is_refused_at_its_start(
    marker: str, change: list[Any], opening: str, expected: str
) -> None:
    """What follows the bracket is not even JSON: the refusal names the field, so the reader stopped at the start
    (read whole, the value would have been refused as 'not valid JSON')."""
    message = _refusal(_with(marker, change, opening + REST))
    assert message.startswith(f"journal.json line {_line(marker)}, {expected}")


def test_a_record_that_is_a_list_and_a_section_that_is_an_object_are_refused_at_their_start() -> None:
    number = _line('"voice"')
    lines = list(LINES)
    lines[number - 1] = "    [" + REST
    assert _refusal("\n".join(lines)) == f"journal.json line {number}: expected an object in settings, found a list"
    lines = list(LINES)
    start = _line('"settings"')
    lines[start - 1] = '  "settings": {' + REST
    assert _refusal("\n".join(lines)) == "journal.json line 1, field settings: expected a list, found an object"


def test_a_format_holding_a_list_is_refused_as_a_wrong_format_is() -> None:
    assert _refusal('{"format": [' + REST).endswith("field format: expected “crest-journal”, found a list")


def test_a_wrong_or_missing_format_or_version_is_named_before_a_value_in_a_section() -> None:
    """As when the whole file was read first: crest writes them before its sections."""
    text = _with('"note"', ["note"], "[" + REST)
    assert _refusal(text.replace('"crest-journal"', '"other-app"')).endswith(
        "field format: expected “crest-journal”, found “other-app”"
    )
    assert _refusal(text.replace('"version": 1', '"version": 0')).endswith(
        f"field version: this crest reads versions {VERSIONS_READ}, found 0"
    )
    assert _refusal(text.replace('"version": 1', f'"version": {JSON_VERSION + 1}')).endswith(
        f"field version: this file was made by a newer crest (version {JSON_VERSION + 1}; this crest reads versions "
        f"{VERSIONS_READ}); update crest to import it"
    )
    assert _refusal(text.replace('"format": "crest-journal",', "")).endswith(
        "field format: expected “crest-journal” first, found field “check_ins”"
    )


def test_a_huge_list_in_a_note_is_never_built() -> None:
    """10 MB of items: decoded, they would take 40 MB and more (the list alone); refused at its start, next to
    nothing."""
    text = _with('"note"', ["note"], "[" + "1," * 5_000_000 + "1]")
    tracemalloc.start()
    try:
        message = _refusal(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message.endswith("field note: expected a single value, found a list")
    assert peak < 1_000_000
