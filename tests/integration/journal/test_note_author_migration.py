"""r0023_note_author on SQLite and PostgreSQL: a note written before names no author (NULL), so any practitioner who
follows the client may edit or delete it; a new note names its author's account. The way back drops only that
column, and every note stays."""

from __future__ import annotations

from datetime import UTC, datetime

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

BEFORE = "r0022_plain_names"
STARTED = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def test_upgrading_keeps_older_notes_with_no_author_noted(journal_url: str) -> None:
    person = older_journal_with_a_practitioners_note(journal_url, BEFORE, STARTED, WRITTEN, pulled=False)
    assert "author_account_id" not in columns_of(journal_url, "session_notes")

    with Journal.open(journal_url) as journal:
        store = PracticeStore(journal)
        assert store.add_session_note(person, 1, 7, "Sam Second", "Written after.", WRITTEN)
        notes = store.practitioner_notes(person)
    assert [(note.text, note.author_account_id) for note in notes] == [("Written before.", None), ("Written after.", 7)]
    assert notes[0].changeable_by(7) and notes[0].changeable_by(8)
    assert notes[1].changeable_by(7) and not notes[1].changeable_by(8)


def test_downgrading_drops_only_the_author(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        session = journal.start_session(STARTED, 10, "standard", "1@here")
        journal.finish_session(session, 600, "completed")
        PracticeStore(journal).add_session_note(journal.person_id, session, 7, "Pat Physio", "The server's.", WRITTEN)
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE
    assert run_sql(journal_url, "SELECT text FROM session_notes") == ["The server's."]
    assert "author_account_id" not in columns_of(journal_url, "session_notes")

    with Journal.open(journal_url) as journal:  # and up again, to the head: a note nobody is noted as writing
        [note] = PracticeStore(journal).practitioner_notes(journal.person_id)
        assert (note.text, note.author_account_id) == ("The server's.", None)
    assert revision_of(journal_url) == HEAD_REVISION
