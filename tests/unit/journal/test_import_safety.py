"""Import recomputes what can be derived and refuses what does not fit (issue 9, item 3): safety answers, the
clinicians' all-clears, and the position check summary's one length rule."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from crest.journal.records import (
    MAX_POSITION_SUMMARY_CHARACTERS,
    JournalContents,
    PracticeSession,
    SafetyClearance,
    SafetyScreen,
)
from crest.journal.transfer import InvalidImportFile, export_bytes, parse_export
from crest.journal.transfer.json_format import export_json
from crest.journal.transfer.legacy_csv import LEGACY_COLUMNS_BEFORE_CLEARANCES
from crest.safety.screen import QUESTIONS

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
NO = {question.id: False for question in QUESTIONS}


def _json(screens: list[dict[str, object]], clearances: list[dict[str, object]] | None = None) -> str:
    document = {"format": "crest-journal", "version": 1, "safety_screens": screens}
    if clearances is not None:
        document["safety_clearances"] = clearances
    return json.dumps(document)


def _screen(answers: dict[str, bool], level: str = "clear") -> dict[str, object]:
    return {"id": 1, "answered_at": AT.isoformat(), "advice_level": level, "answers": answers}


def _error(text: str) -> str:
    with pytest.raises(InvalidImportFile) as raised:
        parse_export(text, "journal.json")
    return str(raised.value)


def test_the_advice_level_is_recomputed_from_the_answers() -> None:
    contents = parse_export(_json([_screen({**NO, "both_legs": True}, "clear")]), "journal.json")
    assert contents.safety_screens[0].advice_level == "urgent"
    contents = parse_export(_json([_screen(NO, "urgent")]), "journal.json")
    assert contents.safety_screens[0].advice_level == "clear"


@pytest.mark.parametrize("level", ["see_a_clinician", "bogus", "x" * 100])
def test_an_unknown_advice_level_is_refused_naming_the_field(level: str) -> None:
    message = _error(_json([_screen(NO, level)]))
    assert message.startswith("journal.json line 1, field safety_screens[0].advice_level: unknown safety advice level")


def test_unknown_question_ids_are_refused_but_retired_ones_are_read() -> None:
    assert "field safety_screens[0].answers: unknown safety question “made_up”" in _error(
        _json([_screen({**NO, "made_up": True})])
    )
    old = {key: value for key, value in NO.items() if key != "cancer_history"} | {"cancer_signs": True}
    contents = parse_export(_json([_screen(old, "clear")]), "journal.json")
    assert contents.safety_screens[0].advice_level == "see_clinician"


def test_a_clearance_covers_only_known_see_a_clinician_answers() -> None:
    clearance = {
        "id": 1,
        "recorded_at": AT.isoformat(),
        "clinician": "Dr Ames",
        "cleared_on": "2026-04-30",
        "question_ids": ["cancer_history"],
    }
    assert parse_export(_json([], [clearance]), "journal.json").safety_clearances[0].clinician == "Dr Ames"
    urgent = _error(_json([], [{**clearance, "question_ids": ["both_legs"]}]))
    assert "field safety_clearances[0].question_ids" in urgent and "both_legs" in urgent
    assert "field safety_clearances[0].question_ids: unknown" in _error(
        _json([], [{**clearance, "question_ids": ["made_up"]}])
    )
    assert "after it was recorded" in _error(_json([], [{**clearance, "cleared_on": "2026-06-01"}]))
    # a day that is no date, in the words of every door (it said "cannot read the day '30/04/2026'; write it like")
    assert _error(_json([], [{**clearance, "cleared_on": "30/04/2026"}])).endswith(
        "field safety_clearances[0].cleared_on: “30/04/2026” is not a date; write it as YYYY-MM-DD, "
        "for example 2026-05-01"
    )


def test_the_position_check_summary_has_one_length_rule() -> None:
    session = PracticeSession(id=1, started_at=AT, planned_minutes=15, variant="standard", status="completed")
    document = json.loads(export_json(JournalContents(sessions=(session,))))
    document["sessions"][0]["position_check_summary"] = "x" * (MAX_POSITION_SUMMARY_CHARACTERS + 1)
    message = _error(json.dumps(document))
    assert "field sessions[0].position_check_summary" in message and str(MAX_POSITION_SUMMARY_CHARACTERS) in message
    document["sessions"][0]["position_check_summary"] = "x" * MAX_POSITION_SUMMARY_CHARACTERS
    assert parse_export(json.dumps(document), "journal.json").sessions[0].position_check_summary


def test_clearances_round_trip_and_old_csv_files_are_still_read() -> None:
    contents = JournalContents(
        safety_screens=(
            SafetyScreen(id=1, answered_at=AT, answers={**NO, "cancer_history": True}, advice_level="see_clinician"),
        ),
        safety_clearances=(
            SafetyClearance(
                recorded_at=AT,
                clinician="Dr Ames",
                cleared_on=date(2026, 4, 30),
                question_ids=("cancer_history",),
                id=1,
            ),
        ),
    )
    for format_name in ("csv", "json"):
        assert parse_export(export_bytes(contents, format_name), f"x.{format_name}") == contents
    row = {name: "" for name in LEGACY_COLUMNS_BEFORE_CLEARANCES} | {"record": "setting", "key": "voice", "value": "on"}
    old_csv = ",".join(LEGACY_COLUMNS_BEFORE_CLEARANCES) + "\n" + ",".join(row.values()) + "\n"
    assert parse_export(old_csv, "old.csv").settings == {"voice": "on"}
