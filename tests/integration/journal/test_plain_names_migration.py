"""r0022_plain_names on SQLite and PostgreSQL: a daily activity's name, a clinician's name on an all-clear and a
position check's summary that an older crest kept with a hidden control character (DEL, a C1 control, a
bidirectional override), which crest now refuses at every door, are read after it with each such character as
U+FFFD; the way back leaves them as they are.

Without it, the round of activities, the all-clear or the session could not be read at all once crest refused these
characters (a record read back is checked as it was made)."""

from __future__ import annotations

from datetime import UTC, datetime

from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import downgrade_journal, older_journal_with_a_session, revision_of, run_sql

BEFORE = "r0021_note_characters"
STARTED = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
HIDDEN = "bad\x7f na\x9bme \u202eright"
PLAIN = "bad\ufffd na\ufffdme \ufffdright"


def _older_journal_with_hidden_names(url: str) -> None:
    older_journal_with_a_session(url, BEFORE, STARTED)
    at = STARTED.replace(tzinfo=None)
    run_sql(url, "UPDATE practice_sessions SET position_check_summary = :text WHERE id = 1", text=HIDDEN)
    run_sql(url, "INSERT INTO psfs_assessments (id, uid, at) VALUES (1, 'p1', :at)", at=at)
    run_sql(
        url, "INSERT INTO psfs_activities (assessment_id, position, name, score) VALUES (1, 0, :name, 3)", name=HIDDEN
    )
    run_sql(url, "INSERT INTO psfs_activities (assessment_id, position, name, score) VALUES (1, 1, 'plain', 4)")
    run_sql(
        url,
        "INSERT INTO safety_clearances (recorded_at, clinician, cleared_on, question_ids) "
        "VALUES (:at, :name, :day, 'fever')",
        at=at,
        name=HIDDEN,
        day=STARTED.date(),
    )


def test_upgrading_makes_each_hidden_character_of_a_kept_name_the_replacement_character(journal_url: str) -> None:
    _older_journal_with_hidden_names(journal_url)

    with Journal.open(journal_url) as journal:
        assert [a.name for a in journal.list_psfs()[0].activities] == [PLAIN, "plain"]
        assert [clearance.clinician for clearance in journal.safety_clearances()] == [PLAIN]
        assert [session.position_check_summary for session in journal.list_sessions()] == [PLAIN]
    assert revision_of(journal_url) == HEAD_REVISION


def test_downgrading_leaves_the_names_as_they_are(journal_url: str) -> None:
    _older_journal_with_hidden_names(journal_url)
    with Journal.open(journal_url):
        pass
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE
    assert run_sql(journal_url, "SELECT name FROM psfs_activities ORDER BY position") == [PLAIN, "plain"]
