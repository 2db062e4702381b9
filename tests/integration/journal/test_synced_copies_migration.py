"""r0029_synced_copies on SQLite and PostgreSQL, with records already held: a practice's rows stay as they were, and
the same rest pushed afterwards by another computer of the person is held once, each computer told its own uid. The
way back drops only the copies' table (a copy's computer then sends its rest again, as a record the practice lost)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, inspect, text

from crest.journal.records import JournalContents, PracticeSession
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from crest.journal.vocabulary import SessionStatus
from support.databases import downgrade_journal, revision_of, run_sql, upgrade_to

BEFORE = "r0028_kept_warning_sign_rules"
LAPTOP, DESKTOP = 7, 8
LAPTOPS, DESKTOPS = "a" * 32, "b" * 32
STARTED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
REST = PracticeSession(
    id=1, started_at=STARTED, planned_minutes=15, actual_seconds=900, variant="standard",
    status=SessionStatus.COMPLETED,
)  # fmt: skip


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _desktop_pushes_the_same_rest(journal: Journal) -> None:
    journal.merge_synced(JournalContents(sessions=(REST,)), {"sessions": {1: DESKTOPS}}, {}, device=DESKTOP)


def test_upgrading_keeps_the_rows_held_and_holds_the_same_rest_once(journal_url: str) -> None:
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            upgrade_to(connection, BEFORE)
            connection.execute(  # as a practice's `crest sync` kept the laptop's rest before
                text(
                    "INSERT INTO practice_sessions (person_id, uid, started_at, planned_minutes, actual_seconds,"
                    " variant, status, pushed_by_device) VALUES (1, :uid, :at, 15, 900, 'standard', 'completed', 7)"
                ),
                {"uid": LAPTOPS, "at": STARTED.replace(tzinfo=None)},
            )
    finally:
        engine.dispose()
    assert "synced_copies" not in _tables(journal_url)

    with Journal.open(journal_url) as journal:
        assert journal.uids_pushed_by(LAPTOP) == [("sessions", LAPTOPS)]
        _desktop_pushes_the_same_rest(journal)
        assert list(journal.record_uids()["sessions"].values()) == [LAPTOPS]
        assert journal.uids_pushed_by(LAPTOP) == [("sessions", LAPTOPS)]
        assert journal.uids_pushed_by(DESKTOP) == [("sessions", DESKTOPS)]
        # the laptop deletes it: the desktop's copy holds it now
        assert journal.merge_synced(JournalContents(), {}, {"sessions": [LAPTOPS]}, device=LAPTOP) == 1
        assert list(journal.record_uids()["sessions"].values()) == [DESKTOPS]
        assert journal.uids_pushed_by(DESKTOP) == [("sessions", DESKTOPS)]
        assert journal.uids_pushed_by(LAPTOP) == []
    assert revision_of(journal_url) == HEAD_REVISION


def test_downgrading_drops_only_the_copies(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        journal.merge_synced(JournalContents(sessions=(REST,)), {"sessions": {1: LAPTOPS}}, {}, device=LAPTOP)
        _desktop_pushes_the_same_rest(journal)
    downgrade_journal(journal_url, BEFORE)
    kept = run_sql(journal_url, "SELECT uid FROM practice_sessions")
    assert revision_of(journal_url) == BEFORE and kept == [LAPTOPS]
    assert "synced_copies" not in _tables(journal_url)

    with Journal.open(journal_url) as journal:  # and up again: the desktop is told nothing, so it sends it again
        assert journal.uids_pushed_by(DESKTOP) == []
        _desktop_pushes_the_same_rest(journal)
        assert list(journal.record_uids()["sessions"].values()) == [LAPTOPS]
        assert journal.uids_pushed_by(DESKTOP) == [("sessions", DESKTOPS)]
