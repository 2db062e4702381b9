"""r0015_session_demo on SQLite and PostgreSQL: sessions an older crest wrote stay, as real practice (nothing then
told a demo apart), and the way back drops only the flag."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import columns_of, downgrade_to, older_journal_with_a_session, revision_of

BEFORE = "r0014_safety_warnings"
STARTED = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


def test_upgrading_keeps_older_sessions_as_practice(journal_url: str) -> None:
    older_journal_with_a_session(journal_url, BEFORE, STARTED)
    assert "demo" not in columns_of(journal_url, "practice_sessions")

    with Journal.open(journal_url) as journal:
        sessions = journal.list_sessions()

    assert [(session.id, session.actual_seconds, session.demo) for session in sessions] == [(1, 900, False)]


def test_downgrading_drops_only_the_flag(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        real = journal.start_session(STARTED, 10, "standard", "1@here")
        journal.finish_session(real, 600, "completed")
        demo = journal.start_session(STARTED, 10, "standard", "1@here", demo=True)
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            downgrade_to(connection, BEFORE)
        with engine.connect() as connection:
            ids = connection.execute(text("SELECT id FROM practice_sessions ORDER BY id")).scalars().all()
        assert ids == [real, demo]
        assert "demo" not in columns_of(journal_url, "practice_sessions")
    finally:
        engine.dispose()
    assert revision_of(journal_url) == BEFORE
    assert ids == [real, demo]
    assert "demo" not in columns_of(journal_url, "practice_sessions")

    with Journal.open(journal_url) as journal:  # and up again, to the head
        assert [session.demo for session in journal.list_sessions()] == [False, False]
    assert revision_of(journal_url) == HEAD_REVISION
