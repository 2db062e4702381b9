"""A session's breath reading in the journal: saved with the finish, read back, kept through export, import and
merge, refused when it is not one crest wrote, and an older journal gains the column (r0008) with no reading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.journal.breath_record import InvalidBreath
from crest.journal.store import Journal
from crest.journal.transfer import export_text, parse_export
from support.databases import older_journal_with_a_session

DAY = datetime(2026, 4, 28, 8, 0, tzinfo=UTC)
READING = BreathResult(
    (BreathWindow(0.0, 30.0, 14.0), BreathWindow(30.0, 60.0, None, "too_dark"), BreathWindow(60.0, 120.0, 8.0)),
    (Movement(95.5),),
)


def test_the_reading_is_saved_with_the_finish_and_kept_through_export_and_import(
    new_journal_url: Callable[[], str],
) -> None:
    with Journal.open(new_journal_url()) as source:
        read = source.start_session(DAY, 15, "standard", writer="1@host")
        source.finish_session(read, 900, "completed", READING)
        unread = source.start_session(DAY.replace(day=29), 15, "standard", writer="1@host")
        source.finish_session(unread, 900, "completed")
        assert source.get_session(read).breath == READING
        assert source.get_session(unread).breath is None
        contents = source.export_contents()
    exported = export_text(contents, "json")
    assert export_text(parse_export(exported, "x.json"), "json") == exported
    with Journal.open(new_journal_url()) as target:
        target.import_contents(parse_export(exported, "x.json"))
        assert [session.breath for session in target.list_sessions()] == [READING, None]


def test_a_merged_export_keeps_the_reading(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as source:
        read = source.start_session(DAY, 15, "standard", writer="1@host")
        source.finish_session(read, 900, "completed", READING)
        exported = export_text(source.export_contents(), "json")
    with Journal.open(new_journal_url()) as target:
        target.log_session(DAY.replace(day=20), 10, "standard")
        plan = target.merge_contents(parse_export(exported, "x.json"))
        assert len(plan.sessions) == 1
        [merged] = [session for session in target.list_sessions() if session.started_at == DAY]
        assert merged.breath == READING
        assert merged.writer is None  # the process that wrote it ran elsewhere


def test_a_damaged_saved_reading_is_one_line_not_a_crash(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        session_id = journal.start_session(DAY, 15, "standard", writer="1@host")
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE practice_sessions SET breath = '{\"windows\": 3}'"))
    finally:
        engine.dispose()
    with Journal.open(journal_url) as journal, pytest.raises(InvalidBreath, match="windows"):
        journal.get_session(session_id)


def test_an_older_journal_gains_the_column_with_no_reading(new_journal_url: Callable[[], str]) -> None:
    url = new_journal_url()
    older_journal_with_a_session(url, "r0004_safety_clearance", DAY)
    with Journal.open(url) as journal:
        [session] = journal.list_sessions()
        assert session.breath is None and session.actual_seconds == 900


def test_a_synced_session_keeps_its_reading(new_journal_url: Callable[[], str]) -> None:
    from support.journal_sync import sync_of

    with Journal.open(new_journal_url()) as local:
        session_id = local.start_session(DAY, 15, "standard", writer="1@host")
        local.finish_session(session_id, 900, "completed", READING)
        outgoing = sync_of(local).outgoing()
    text, uids = outgoing.batch({"sessions": [session_id]})
    with Journal.open(new_journal_url()) as server:
        sync_of(server).receive(text, uids, {})
        assert [session.breath for session in server.list_sessions()] == [READING]
