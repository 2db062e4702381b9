"""r0021_note_characters on SQLite and PostgreSQL: a note kept before crest refused zero-width characters (U+200B,
U+2060, U+FEFF) in notes, and before every line break became a line feed, is read after it without them and with
"\\n" for each line break; the joiners a joined emoji or Persian needs stay, and the way back leaves the notes as
they are.

Before, such a check-in could not be read at all once crest refused these characters (a record read back is checked
as it was made), and with it every page and command that lists check-ins."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import downgrade_to, older_journal_with_a_session, revision_of

BEFORE = "r0020_pushed_by_device"
STARTED = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
KEPT = "Calves\u200b on\u2060 the \ufeffseat.\r\n\tTen minutes.\rThen 👩\u200d⚕️ said: می\u200cروم."
PLAIN = "Calves on the seat.\n\tTen minutes.\nThen 👩\u200d⚕️ said: می\u200cروم."


def _on(url: str, statement: str, **values: object) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement), values)
            return list(result.scalars()) if result.returns_rows else []
    finally:
        engine.dispose()


def _older_journal_with_unseen_characters(url: str) -> None:
    older_journal_with_a_session(url, BEFORE, STARTED)
    at = WRITTEN.replace(tzinfo=None)
    _on(
        url,
        "INSERT INTO check_ins (id, uid, at, timing, session_id, note) VALUES (1, 'c1', :at, 'after', 1, :note)",
        at=at,
        note=KEPT,
    )
    _on(url, "INSERT INTO check_ins (id, uid, at, timing, note) VALUES (2, 'c2', :at, 'standalone', 'Plain.')", at=at)
    _on(
        url,
        "INSERT INTO session_notes (person_id, session_id, author_name, text, created_at, pulled) "
        "VALUES (1, 1, 'Pat Physio', :note, :at, :pulled)",
        note=KEPT,
        at=at,
        pulled=True,
    )


def test_upgrading_drops_the_zero_width_characters_of_a_kept_note_and_makes_its_line_breaks_line_feeds(
    journal_url: str,
) -> None:
    _older_journal_with_unseen_characters(journal_url)

    with Journal.open(journal_url) as journal:
        assert [check_in.note for check_in in journal.list_checkins()] == [PLAIN, "Plain."]
        assert [note.text for note in journal.session_notes()[1]] == [PLAIN]
    assert revision_of(journal_url) == HEAD_REVISION
    assert _on(journal_url, "SELECT note FROM check_ins ORDER BY id") == [PLAIN, "Plain."]  # as kept, not only read


def test_downgrading_leaves_the_notes_as_they_are(journal_url: str) -> None:
    _older_journal_with_unseen_characters(journal_url)
    with Journal.open(journal_url):
        pass
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            downgrade_to(connection, BEFORE)
    finally:
        engine.dispose()
    assert revision_of(journal_url) == BEFORE
    assert _on(journal_url, "SELECT note FROM check_ins ORDER BY id") == [PLAIN, "Plain."]
    assert _on(journal_url, "SELECT text FROM session_notes") == [PLAIN]
