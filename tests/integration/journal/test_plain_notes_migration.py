"""r0019_plain_notes on SQLite and PostgreSQL: a note an older crest kept with a hidden control character (DEL, a C1
control, a bidirectional override), which crest now refuses at every door, is read after it with each such character
as U+FFFD, its line breaks and tabs as they were; nothing else changes, and the way back leaves the notes as they are.

Before, a prescription with such a note could not be read at all (every page and command that reads it refused the
journal's own record), and a check-in's or a practitioner's note went to the terminal as it was."""

from __future__ import annotations

from datetime import UTC, date, datetime

from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import downgrade_journal, older_journal_with_notes, revision_of, run_sql

BEFORE = "r0018_prescription_days"
STARTED = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
HIDDEN = "Calves\x7f on\x9b2J the \u202eseat\u2066.\r\n\tTen minutes."
PLAIN = "Calves\ufffd on\ufffd2J the \ufffdseat\ufffd.\r\n\tTen minutes."
HEAD = PLAIN.replace("\r\n", "\n")  # as the head keeps it: r0021_note_characters makes each line break a line feed


def _older_journal_with_hidden_notes(url: str) -> None:
    older_journal_with_notes(url, BEFORE, STARTED, WRITTEN, HIDDEN)
    at = WRITTEN.replace(tzinfo=None)
    run_sql(  # as crest sync of an older crest kept it: no care link
        url,
        "INSERT INTO prescriptions (person_id, care_link_id, version, variant, minutes, sessions_per_day, "
        "days_per_week, start_on, prescribed_by, created_at, note) "
        "VALUES (1, NULL, 1, 'standard', 12, 1, 3, :start, 'Pat Physio', :at, :note)",
        start=date(2026, 12, 1),
        at=at,
        note="Feet\x9b flat\u202e.\n\tSlowly.",
    )


def test_upgrading_writes_each_hidden_character_of_a_kept_note_as_a_replacement_character(journal_url: str) -> None:
    _older_journal_with_hidden_notes(journal_url)

    with Journal.open(journal_url) as journal:
        assert [check_in.note for check_in in journal.list_checkins()] == [HEAD, "Plain."]
        assert [note.text for note in journal.session_notes()[1]] == [HEAD]
        prescription = journal.current_prescription()
    assert prescription is not None and prescription.note == "Feet\ufffd flat\ufffd.\n\tSlowly."
    assert revision_of(journal_url) == HEAD_REVISION


def test_downgrading_leaves_the_notes_as_they_are(journal_url: str) -> None:
    _older_journal_with_hidden_notes(journal_url)
    with Journal.open(journal_url):
        pass
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE
    assert run_sql(journal_url, "SELECT note FROM check_ins ORDER BY id") == [HEAD, "Plain."]
