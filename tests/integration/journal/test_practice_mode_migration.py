"""Migration r0006 (practice mode) on a filled local journal keeps every row, on SQLite and PostgreSQL: every row
becomes person 1's, gets a uid, and the foreign keys still cascade."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.tables import LOCAL_PERSON_ID
from support.databases import upgrade_to

BEFORE = "r0003_psfs"
ROWS = {
    "practice_sessions": 3,
    "check_ins": 4,
    "pain_ratings": 5,
    "check_in_sensations": 2,
    "safety_screens": 2,
    "safety_answers": 4,
    "settings": 2,
    "psfs_assessments": 2,
    "psfs_activities": 3,
}


def _fill_at_r0003(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            upgrade_to(connection, BEFORE)
            now = "2026-05-01 07:00:00"
            for number in (1, 2, 3):
                connection.execute(
                    text(
                        "INSERT INTO practice_sessions (id, started_at, planned_minutes, actual_seconds, variant, "
                        "status) VALUES (:id, :at, 15, 900, 'standard', 'completed')"
                    ),
                    {"id": number, "at": now},
                )
            for number, session in ((1, 1), (2, 1), (3, 2), (4, None)):
                connection.execute(
                    text("INSERT INTO check_ins (id, at, timing, session_id) VALUES (:id, :at, :timing, :session)"),
                    {
                        "id": number,
                        "at": now,
                        "timing": "standalone" if session is None else "after",
                        "session": session,
                    },
                )
            for number, check_in in enumerate((1, 1, 2, 3, 4), start=1):
                connection.execute(
                    text(
                        "INSERT INTO pain_ratings (id, check_in_id, position, region, side, score) "
                        "VALUES (:id, :check_in, :id, :region, 'left', 3)"
                    ),
                    {"id": number, "check_in": check_in, "region": "hip" if number != 2 else "knee"},
                )
            connection.execute(text("INSERT INTO check_in_sensations VALUES (1, 'warmth'), (2, 'yawning')"))
            for number in (1, 2):
                connection.execute(
                    text("INSERT INTO safety_screens (id, answered_at, advice_level) VALUES (:id, :at, 'clear')"),
                    {"id": number, "at": now},
                )
                connection.execute(
                    text("INSERT INTO safety_answers VALUES (:id, 'both_legs', false), (:id, 'pulsing_belly', false)"),
                    {"id": number},
                )
                connection.execute(
                    text("INSERT INTO psfs_assessments (id, at) VALUES (:id, :at)"), {"id": number, "at": now}
                )
            connection.execute(
                text(
                    "INSERT INTO psfs_activities VALUES "
                    "(1, 0, 'sitting', 4), (1, 1, 'walking', 5), (2, 0, 'sitting', 6)"
                )
            )
            connection.execute(text("INSERT INTO settings VALUES ('theme', 'dark'), ('default_minutes', '20')"))
            if connection.dialect.name == "postgresql":  # as if crest had written them: the sequences moved on
                for table in ("practice_sessions", "check_ins", "pain_ratings", "safety_screens", "psfs_assessments"):
                    connection.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
                    )
    finally:
        engine.dispose()


def test_upgrading_a_filled_journal_keeps_every_row_as_the_local_persons(journal_url: str) -> None:
    _fill_at_r0003(journal_url)

    with Journal.open(journal_url) as journal:  # applies r0006
        assert journal.get_settings() == {"default_minutes": "20", "theme": "dark"}
        assert [len(c.pain) for c in journal.list_checkins()] == [2, 1, 1, 1]
        assert len(journal.list_psfs()) == 2
        journal.delete_session(1)  # its check-ins stay, on their own
        assert [(c.id, c.session_id) for c in journal.list_checkins()] == [(1, None), (2, None), (3, 2), (4, None)]
        journal.delete_checkin(1)  # the cascade still reaches the ratings
        assert [len(c.pain) for c in journal.list_checkins()] == [1, 1, 1]
        new_id = journal.add_checkin(CheckIn(at=journal.list_checkins()[0].at, pain=(PainRating("hip", 2, "left"),)))
        assert new_id == 5  # the id sequence carries on after the migrated rows

    engine = create_engine(journal_url)
    try:
        with engine.connect() as connection:
            counts = {table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() for table in ROWS}
            assert counts == ROWS | {
                "practice_sessions": 2,
                "check_ins": 4,
                "pain_ratings": 4,
                "check_in_sensations": 1,
            }
            for table in ("practice_sessions", "check_ins", "safety_screens", "psfs_assessments", "settings"):
                people = connection.execute(text(f"SELECT DISTINCT person_id FROM {table}")).scalars().all()
                assert people == [LOCAL_PERSON_ID], table
            for table in ("practice_sessions", "check_ins", "safety_screens", "psfs_assessments"):
                uids = connection.execute(text(f"SELECT uid FROM {table}")).scalars().all()
                assert all(len(uid) == 32 for uid in uids) and len(set(uids)) == len(uids), table
            if connection.dialect.name == "sqlite":
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    finally:
        engine.dispose()
