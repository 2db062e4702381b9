"""r0021_note_characters on SQLite and PostgreSQL: a note kept before crest refused zero-width characters (U+200B,
U+2060, U+FEFF) in notes, and before every line break became a line feed, is read after it without them and with
"\\n" for each line break; the joiners a joined emoji or Persian needs stay, and the way back leaves the notes as
they are.

Before, such a check-in could not be read at all once crest refused these characters (a record read back is checked
as it was made), and with it every page and command that lists check-ins."""

from __future__ import annotations

from datetime import UTC, datetime

from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import downgrade_journal, older_journal_with_notes, revision_of, run_sql

BEFORE = "r0020_pushed_by_device"
STARTED = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
KEPT = "Calves\u200b on\u2060 the \ufeffseat.\r\n\tTen minutes.\rThen 👩\u200d⚕️ said: می\u200cروم."
PLAIN = "Calves on the seat.\n\tTen minutes.\nThen 👩\u200d⚕️ said: می\u200cروم."


def _older_journal_with_unseen_characters(url: str) -> None:
    older_journal_with_notes(url, BEFORE, STARTED, WRITTEN, KEPT)


def test_upgrading_drops_the_zero_width_characters_of_a_kept_note_and_makes_its_line_breaks_line_feeds(
    journal_url: str,
) -> None:
    _older_journal_with_unseen_characters(journal_url)

    with Journal.open(journal_url) as journal:
        assert [check_in.note for check_in in journal.list_checkins()] == [PLAIN, "Plain."]
        assert [note.text for note in journal.session_notes()[1]] == [PLAIN]
    assert revision_of(journal_url) == HEAD_REVISION
    assert run_sql(journal_url, "SELECT note FROM check_ins ORDER BY id") == [PLAIN, "Plain."]  # as kept, not only read


def test_downgrading_leaves_the_notes_as_they_are(journal_url: str) -> None:
    _older_journal_with_unseen_characters(journal_url)
    with Journal.open(journal_url):
        pass
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE
    assert run_sql(journal_url, "SELECT note FROM check_ins ORDER BY id") == [PLAIN, "Plain."]
    assert run_sql(journal_url, "SELECT text FROM session_notes") == [PLAIN]
