"""r0031_synced_holders on SQLite and PostgreSQL, with a record already held: the practice's row stays as it was, and
the same record pushed afterwards by another computer of the person under the same uid stays the first computer's,
the second noted beside it, each told it as its own. The way back drops only the notes' table (the second computer
then sends the record again, and it moves to it, as before)."""

from __future__ import annotations

from datetime import UTC, datetime

from crest.journal.records import JournalContents, PracticeSession
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from crest.journal.vocabulary import SessionStatus
from support.databases import downgrade_journal, older_journal_with_a_session, revision_of, run_sql

BEFORE = "r0030_invite_withdrawn"
LAPTOP, DESKTOP = 7, 8
UID = "a" * 32
STARTED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
REST = PracticeSession(
    id=1, started_at=STARTED, planned_minutes=15, actual_seconds=900, variant="standard",
    status=SessionStatus.COMPLETED,
)  # fmt: skip


def _pushed_by(journal: Journal, device: int) -> None:
    journal.merge_synced(JournalContents(sessions=(REST,)), {"sessions": {1: UID}}, {}, device=device)


def test_upgrading_keeps_the_row_and_notes_the_second_computer_beside_it(journal_url: str) -> None:
    older_journal_with_a_session(journal_url, BEFORE, STARTED)  # as a practice's `crest sync` kept the laptop's
    run_sql(journal_url, "UPDATE practice_sessions SET uid = :uid, pushed_by_device = 7", uid=UID)

    with Journal.open(journal_url) as journal:
        _pushed_by(journal, DESKTOP)
        assert list(journal.record_uids()["sessions"].values()) == [UID]
        assert journal.uids_pushed_by(LAPTOP) == journal.uids_pushed_by(DESKTOP) == [("sessions", UID)]
        # the laptop deletes it: the desktop holds it still
        assert journal.merge_synced(JournalContents(), {}, {"sessions": [UID]}, device=LAPTOP) == 1
        assert journal.uids_pushed_by(LAPTOP) == [] and journal.uids_pushed_by(DESKTOP) == [("sessions", UID)]
    assert revision_of(journal_url) == HEAD_REVISION


def test_downgrading_drops_only_the_notes_beside_rows(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        _pushed_by(journal, LAPTOP)
        _pushed_by(journal, DESKTOP)
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE and run_sql(journal_url, "SELECT uid FROM practice_sessions") == [UID]

    with Journal.open(journal_url) as journal:  # and up again: the desktop is told nothing (no note of it is left),
        # so it sends it again
        assert journal.uids_pushed_by(DESKTOP) == []
        _pushed_by(journal, DESKTOP)
        assert journal.uids_pushed_by(LAPTOP) == journal.uids_pushed_by(DESKTOP) == [("sessions", UID)]
