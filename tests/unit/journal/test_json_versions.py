"""The JSON export says which version of the format it is, so a crest knows whether it can read the file whole.

Version 1 is what every crest that reads JSON reads; version 2 adds what a linked crest writes: each synced
record's uid and the practitioners' notes; version 3 the urgent-care warnings kept after their check-in was deleted
(tests/integration/journal/test_kept_warnings_transfer.py). Before, a linked crest's file said version 1 too, and a
crest from before the uids refused it as "field uid: unknown field", a problem the person could do nothing with. A
file of a version newer than this crest knows is refused in one line that says to update crest."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from crest.accounts.records import SyncedSessionNote
from crest.journal.records import (
    CheckIn,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsActivity,
    PsfsAssessment,
    SafetyScreen,
)
from crest.journal.transfer import InvalidImportFile, parse_export
from crest.journal.transfer.fields import LINKED_SETTING
from crest.journal.transfer.json_format import export_json

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
NEVER_LINKED = JournalContents(
    sessions=(PracticeSession(id=1, started_at=AT, planned_minutes=15, variant="standard", status="completed"),),
    check_ins=(CheckIn(id=1, at=AT, timing="after", session_id=1, pain=(PainRating("knee", 2, "left"),)),),
    safety_screens=(SafetyScreen(id=1, answered_at=AT, answers={"pregnant_16_weeks": False}, advice_level="clear"),),
    settings={"voice": "off"},
    psfs=(PsfsAssessment(AT, (PsfsActivity("gardening", 4),), 1),),
)
UIDS = {
    "session_uids": {1: "a" * 32},
    "check_in_uids": {1: "b" * 32},
    "screen_uids": {1: "c" * 32},
    "psfs_uids": {1: "d" * 32},
}
LINKED = JournalContents(
    sessions=NEVER_LINKED.sessions,
    check_ins=NEVER_LINKED.check_ins,
    safety_screens=NEVER_LINKED.safety_screens,
    settings={**NEVER_LINKED.settings, LINKED_SETTING: "true"},
    psfs=NEVER_LINKED.psfs,
    **UIDS,
)
WITH_NOTES = JournalContents(
    sessions=NEVER_LINKED.sessions,
    session_notes=(SyncedSessionNote("a" * 32, "Pat Physio", "Well done.", AT + timedelta(days=1)),),
    session_uids={1: "a" * 32},
)
NEWER = (
    "this file was made by a newer crest (version {}; this crest reads versions 1, 2, 3, 4, 5, 6 and 7); "
    "update crest to import it"
)


def _version(text: str) -> Any:
    return json.loads(text)["version"]


def _as_version(text: str, version: str) -> str:
    """The file with its version field (on its own line, as crest writes it) saying `version`."""
    changed, count = re.subn(r'^  "version": [^,]*,$', f'  "version": {version},', text, flags=re.MULTILINE)
    assert count == 1
    return changed


def _refusal(text: str) -> str:
    with pytest.raises(InvalidImportFile) as refused:
        parse_export(text, "journal.json")
    assert "\n" not in str(refused.value)
    return str(refused.value)


def test_a_journal_never_linked_is_written_as_version_1_which_every_crest_reads() -> None:
    assert _version(export_json(NEVER_LINKED)) == 1
    assert _version(export_json(JournalContents())) == 1


@pytest.mark.parametrize("contents", [LINKED, WITH_NOTES], ids=["uids", "notes"])
def test_a_linked_crests_journal_is_written_as_version_2(contents: JournalContents) -> None:
    text = export_json(contents)
    assert _version(text) == 2
    assert parse_export(text, "journal.json") == contents  # read back whole: the uids and notes kept


def test_a_linked_crest_with_no_records_yet_writes_nothing_of_version_2_so_says_version_1() -> None:
    assert _version(export_json(JournalContents(settings={LINKED_SETTING: "true"}))) == 1


@pytest.mark.parametrize("contents", [NEVER_LINKED, LINKED, WITH_NOTES], ids=["plain", "uids", "notes"])
def test_a_file_saying_version_2_is_read(contents: JournalContents) -> None:
    assert parse_export(_as_version(export_json(contents), "2"), "journal.json") == contents


@pytest.mark.parametrize("contents", [NEVER_LINKED, LINKED, WITH_NOTES], ids=["plain", "uids", "notes"])
def test_a_version_1_file_reads_as_before_uids_and_notes_of_older_crests_included(contents: JournalContents) -> None:
    assert parse_export(_as_version(export_json(contents), "1"), "journal.json") == contents


@pytest.mark.parametrize("version", [8, 17, 10**40])
def test_a_newer_crests_file_is_refused_in_one_line_saying_to_update_crest(version: int) -> None:
    text = _as_version(export_json(LINKED), str(version))
    assert _refusal(text) == f"journal.json line 1, field version: {NEWER.format(version)}"


@pytest.mark.parametrize(
    "change",
    [
        ('  "settings": [', '  "moods": [[{"calm": true}]],\n  "settings": ['),  # a section this crest lacks
        ('"planned_minutes": 15', '"planned_minutes": 15, "mood": "calm"'),  # a field it lacks
        ('"planned_minutes": 15', '"planned_minutes": 15, "moods": [{"calm": 1}]'),  # refused unread
        ('"planned_minutes": 15', '"planned_minutes": [15, 20]'),  # a field it knows, in a shape it does not
        ('"variant": "standard"', '"variant": "sideways"'),  # a value it does not know
    ],
)
def test_what_a_newer_crest_added_is_refused_as_a_newer_file_not_as_an_unknown_field(change: tuple[str, str]) -> None:
    text = _as_version(export_json(LINKED), "8").replace(*change)
    assert _refusal(text) == f"journal.json line 1, field version: {NEWER.format(8)}"


@pytest.mark.parametrize(
    ("version", "found"),
    # true and 1.0 equal 1 in Python, but no crest writes them: a version is a whole number
    # each named as the file writes it, text between curly quotes like every echo (it said 'None', True)
    [("0", "0"), ('"2"', "“2”"), ("null", "null"), ("1.5", "1.5"), ("-3", "-3"), ("true", "true"), ("1.0", "1.0")],
)
def test_a_version_no_crest_writes_is_named_with_the_versions_this_crest_reads(version: str, found: str) -> None:
    text = _as_version(export_json(NEVER_LINKED), version)
    assert (
        _refusal(text)
        == f"journal.json line 1, field version: this crest reads versions 1, 2, 3, 4, 5, 6 and 7, found {found}"
    )
