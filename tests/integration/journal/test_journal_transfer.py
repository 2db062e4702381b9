"""Export and import on both databases: the round trip is exact, and import only fills an empty journal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from crest.journal.merging import JournalNotEmpty
from crest.journal.records import CheckIn, JournalContents, PainRating, SafetyClearance, SafetyScreen
from crest.journal.store import Journal
from crest.journal.transfer import export_bytes, parse_export

START = datetime(2026, 5, 1, 7, 30, 15, 250000, tzinfo=timezone(timedelta(hours=2)))


def _fill(journal: Journal) -> None:
    first = journal.start_session(
        START, 15, "supported", writer="1@host", position_check_summary="heels 35 cm, arms below shoulders"
    )
    journal.finish_session(first, 903, "completed")
    journal.add_checkin(
        CheckIn(
            at=START - timedelta(minutes=5),
            timing="before",
            session_id=first,
            pain=(PainRating("lower_back", 6), PainRating("hip", 3, "left")),
        )
    )
    journal.add_checkin(
        CheckIn(
            at=START + timedelta(minutes=16),
            timing="after",
            session_id=first,
            pain=(PainRating("lower_back", 4, quality="aching"), PainRating("calf_and_shin", 2, "left", "tingling")),
            sensations=frozenset({"yawning", "warmth"}),
            compared_with_before="better",
            note='Lots of yawning; a "warm" back,\nand a second line.',
        )
    )
    second = journal.start_session(START + timedelta(days=1), 10, "somatic", writer="1@host")
    journal.finish_session(second, 250, "ended_early")
    journal.add_checkin(CheckIn(at=START + timedelta(days=2), sensations=frozenset({"none"}), note="Ünïcode ✓"))
    # An answer set of an older crest: its bundled question is retired but still read at its level.
    journal.record_safety_screen(
        SafetyScreen(
            datetime(2026, 4, 30, tzinfo=UTC), {"pregnant_16_weeks": False, "cancer_signs": True}, "see_clinician"
        )
    )
    journal.record_safety_clearance(
        SafetyClearance(
            recorded_at=datetime(2026, 4, 30, 18, tzinfo=UTC),
            clinician='Dr Ames, "physio", Leeds',
            cleared_on=date(2026, 4, 29),
            question_ids=("cancer_signs",),
        )
    )
    journal.save_settings({"voice": "on", "default_minutes": "15"})


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_export_import_export_is_identical(new_journal_url: Callable[[], str], format_name: str) -> None:
    with Journal.open(new_journal_url()) as source:
        _fill(source)
        exported = export_bytes(source.export_contents(), format_name)

    with Journal.open(new_journal_url()) as target:
        target.import_contents(parse_export(exported, f"journal.{format_name}"))
        again = export_bytes(target.export_contents(), format_name)
        sessions = target.list_sessions()

    assert again == exported
    assert [session.status for session in sessions] == ["completed", "ended_early"]
    assert "Ünïcode ✓" in parse_export(exported, "again").check_ins[-1].note


def test_csv_and_json_carry_the_same_contents(journal: Journal) -> None:
    _fill(journal)
    contents = journal.export_contents()
    from_csv = parse_export(export_bytes(contents, "csv"), "journal.zip")
    from_json = parse_export(export_bytes(contents, "json"), "journal.json")
    assert from_csv == from_json
    assert export_bytes(from_csv, "json") == export_bytes(contents, "json")


def test_new_records_after_import_get_fresh_ids(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as source:
        _fill(source)
        contents = source.export_contents()
    with Journal.open(new_journal_url()) as target:
        target.import_contents(contents)
        session_id = target.start_session(START + timedelta(days=5), 15, "standard", writer="2@host")
        check_in_id = target.add_checkin(CheckIn(at=START, note="after the import"))
        screen_id = target.record_safety_screen(SafetyScreen(START, {"pregnant_16_weeks": False}, "clear"))
        clearance_id = target.record_safety_clearance(
            SafetyClearance(recorded_at=START, clinician="Dr B", cleared_on=date(2026, 5, 1), question_ids=("x",))
        )
    assert clearance_id == 2
    assert session_id == max(session.id or 0 for session in contents.sessions) + 1
    assert check_in_id == max(check_in.id or 0 for check_in in contents.check_ins) + 1
    assert screen_id == 2


def test_import_into_a_non_empty_journal_is_refused_and_changes_nothing(
    new_journal_url: Callable[[], str],
) -> None:
    with Journal.open(new_journal_url()) as source:
        _fill(source)
        contents = source.export_contents()
    with Journal.open(new_journal_url()) as target:
        target.add_checkin(CheckIn(at=START, note="already here"))
        # Only what is there, and no way out: each door says its own (a flag, a box to tick).
        with pytest.raises(JournalNotEmpty, match=r"^the journal is not empty \(1 check-in\)$"):
            target.import_contents(contents)
        assert [check_in.note for check_in in target.list_checkins()] == ["already here"]
        assert target.list_sessions() == []


def test_a_merge_adds_what_is_new_and_skips_what_is_there(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as source:
        _fill(source)
        contents = source.export_contents()
    with Journal.open(new_journal_url()) as target:
        target.add_checkin(CheckIn(at=START, note="already here"))
        target.save_settings({"voice": "off"})
        first = target.merge_contents(contents)
        assert (len(first.sessions), len(first.check_ins), len(first.safety_screens)) == (2, 3, 1)
        assert dict(first.settings) == {"default_minutes": "15"}  # the journal's own voice setting stays
        assert first.skipped == 1
        merged = target.export_contents()
        again = target.merge_contents(contents)  # the same file twice adds nothing
        assert (again.added, again.skipped) == (0, 9)
        assert target.export_contents() == merged
        new_session = target.start_session(START + timedelta(days=9), 10, "standard", writer="2@host")
    assert merged.check_ins[0].note == "already here"
    by_start = {session.started_at: session.id for session in merged.sessions}
    assert new_session == max(by_start.values()) + 1
    after = next(check_in for check_in in merged.check_ins if check_in.timing == "after")
    assert after.session_id == by_start[START]  # linked to the session as the journal numbered it
    assert target.get_settings() == {"default_minutes": "15", "voice": "off"}


def test_deleting_everything_leaves_an_empty_journal_that_works(journal: Journal) -> None:
    _fill(journal)
    journal.delete_everything()
    assert journal.is_empty()
    assert journal.export_contents() == JournalContents()
    session_id = journal.start_session(START, 10, "standard", writer="1@host")
    assert journal.get_session(session_id).status == "running"
