"""r0020_pushed_by_device on SQLite and PostgreSQL: each synced record notes the linked computer that pushed it, so
that the practice tells a computer only what it pushed (GET /api/sync/held). A record kept before is nobody's:
no computer is told it, as none could be told apart from what the person entered on the practice's pages. The way
back drops only that column."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from crest.journal.records import JournalContents, PracticeSession
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from crest.journal.vocabulary import SessionStatus
from support.databases import columns_of, downgrade_journal, revision_of, run_sql, upgrade_to

BEFORE = "r0019_plain_notes"
TABLES = ("practice_sessions", "check_ins", "safety_screens", "psfs_assessments")
OLD_UID = "a" * 32
NEW_UID = "b" * 32
STARTED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def _pushed(journal: Journal, uid: str, device: int | None) -> None:
    session = PracticeSession(
        id=1, started_at=STARTED, planned_minutes=15, actual_seconds=900, variant="standard",
        status=SessionStatus.COMPLETED,
    )  # fmt: skip
    journal.merge_synced(JournalContents(sessions=(session,)), {"sessions": {1: uid}}, {}, device=device)


def test_upgrading_keeps_every_record_told_to_no_computer(journal_url: str) -> None:
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            upgrade_to(connection, BEFORE)
            connection.execute(  # as a practice's `crest sync` kept it before: no computer noted
                text(
                    "INSERT INTO practice_sessions (person_id, uid, started_at, planned_minutes, actual_seconds,"
                    " variant, status) VALUES (1, :uid, :at, 15, 900, 'standard', 'completed')"
                ),
                {"uid": OLD_UID, "at": STARTED.replace(tzinfo=None)},
            )
    finally:
        engine.dispose()
    for table in TABLES:
        assert "pushed_by_device" not in columns_of(journal_url, table)

    with Journal.open(journal_url) as journal:
        assert journal.uids_pushed_by(7) == []
        _pushed(journal, NEW_UID, 7)
        assert journal.uids_pushed_by(7) == [("sessions", NEW_UID)]
        assert journal.uids_pushed_by(8) == []
        assert sorted(journal.record_uids()["sessions"].values()) == [OLD_UID, NEW_UID]
    for table in TABLES:
        assert "pushed_by_device" in columns_of(journal_url, table)


def test_downgrading_drops_only_who_pushed_each_record(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        _pushed(journal, NEW_UID, 7)
    downgrade_journal(journal_url, BEFORE)
    kept = run_sql(journal_url, "SELECT uid FROM practice_sessions")
    assert revision_of(journal_url) == BEFORE and kept == [NEW_UID]
    for table in TABLES:
        assert "pushed_by_device" not in columns_of(journal_url, table)

    with Journal.open(journal_url) as journal:  # and up again: the record stays, told to no computer now
        assert journal.uids_pushed_by(7) == []
        assert list(journal.record_uids()["sessions"].values()) == [NEW_UID]
    assert revision_of(journal_url) == HEAD_REVISION
