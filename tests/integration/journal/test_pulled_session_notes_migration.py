"""r0017_pulled_session_notes on SQLite and PostgreSQL: notes an older crest wrote stay, as the server's own (a
sync never replaces them), and the way back drops the pulled copies with the flag (kept, they would pass for the
server's own; the next sync brings them back)."""

from __future__ import annotations

from datetime import UTC, datetime

from crest.accounts.records import SyncedSessionNote
from crest.journal.practice_store import PracticeStore
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import (
    columns_of,
    downgrade_journal,
    older_journal_with_a_practitioners_note,
    revision_of,
    run_sql,
)
from support.journal_sync import sync_of

BEFORE = "r0016_check_in_note_sign"
STARTED = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def test_upgrading_keeps_older_notes_as_the_servers_own(journal_url: str) -> None:
    older_journal_with_a_practitioners_note(journal_url, BEFORE, STARTED, WRITTEN)
    assert "pulled" not in columns_of(journal_url, "session_notes")

    with Journal.open(journal_url) as journal:
        sync_of(journal).keep_session_notes([])
        assert [note.text for note in journal.session_notes()[1]] == ["Written before."]


def test_downgrading_drops_the_pulled_copies_with_the_flag(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        session = journal.start_session(STARTED, 10, "standard", "1@here")
        journal.finish_session(session, 600, "completed")
        PracticeStore(journal).add_session_note(journal.person_id, session, 2, "Pat Physio", "The server's.", WRITTEN)
        uid = journal.record_uids()["sessions"][session]
        sync_of(journal).keep_session_notes([SyncedSessionNote(uid, "Sam Smith", "A pulled copy.", WRITTEN)])
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE
    assert run_sql(journal_url, "SELECT text FROM session_notes") == ["The server's."]
    assert "pulled" not in columns_of(journal_url, "session_notes")

    with Journal.open(journal_url) as journal:  # and up again, to the head
        assert [note.text for note in journal.session_notes()[session]] == ["The server's."]
    assert revision_of(journal_url) == HEAD_REVISION
