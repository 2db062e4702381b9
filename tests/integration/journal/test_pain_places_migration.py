"""r0007_pain_places: a journal written before the side rule is upgraded in place, every row kept, one place
per name (the terminal's side-less `lower_back` and the body map's `centre` become one place)."""

from __future__ import annotations

from sqlalchemy import text

from crest.journal.engine import connect
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import upgrade_to

TABLES = (
    "practice_sessions",
    "check_ins",
    "pain_ratings",
    "check_in_sensations",
    "safety_screens",
    "safety_answers",
    "settings",
)


def _journal_at_revision(url: str, revision: str) -> None:
    """A journal as an older crest left it: the schema of `revision`, nothing newer."""
    database = connect(url)
    try:
        with database.engine.begin() as connection:
            upgrade_to(connection, revision)
    finally:
        database.engine.dispose()


def _fill_like_an_older_crest(url: str) -> None:
    database = connect(url)
    rows = {
        "practice_sessions": [
            "(1, '2026-04-01 07:00:00', 10, 600, 'standard', 'completed', NULL, NULL, NULL)",
            "(2, '2026-04-02 07:00:00', 10, 300, 'standard', 'ended_early', NULL, NULL, NULL)",
        ],
        "check_ins": [
            "(1, '2026-04-01 06:58:00', 'before', 1, NULL, NULL)",
            "(2, '2026-04-01 07:11:00', 'after', 1, 'better', 'lighter')",
            "(3, '2026-04-03 08:00:00', 'standalone', NULL, NULL, 'from the terminal')",
        ],
        # (id, check_in_id, position, region, side, score)
        "pain_ratings": [
            "(1, 1, 0, 'lower_back', 'centre', 6)",  # the body map
            "(2, 1, 1, 'knee', 'left', 3)",
            "(3, 2, 0, 'lower_back', 'centre', 4)",
            "(4, 3, 0, 'lower_back', NULL, 5)",  # crest log --pain lower_back=5
            "(5, 3, 1, 'hip', NULL, 2)",  # crest log --pain hip=2
            "(6, 3, 2, 'knee', 'centre', 1)",  # an API client's centre of a knee: both knees
            "(7, 3, 3, 'knee', 'both', 4)",  # ... rated twice once named alike: the higher score stays
            "(8, 3, 4, 'neck', 'both', 2)",  # both sides of the neck: the neck
        ],
        "check_in_sensations": ["(2, 'warmth')", "(2, 'yawning')"],
        "safety_screens": ["(1, '2026-03-31 20:00:00', 'ok')"],
        "safety_answers": ["(1, 'fever', false)", "(1, 'pregnant', false)"],
        "settings": ["('theme', 'dark')"],
    }
    try:
        with database.engine.begin() as connection:
            for table, values in rows.items():
                connection.execute(text(f"INSERT INTO {table} VALUES {', '.join(values)}"))
    finally:
        database.engine.dispose()


def _counts(url: str) -> dict[str, int]:
    database = connect(url)
    try:
        with database.engine.connect() as connection:
            return {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in TABLES}
    finally:
        database.engine.dispose()


def test_upgrading_keeps_every_row_and_names_each_place_once(journal_url: str) -> None:
    _journal_at_revision(journal_url, "r0002_session_writer")
    _fill_like_an_older_crest(journal_url)
    before = _counts(journal_url)

    with Journal.open(journal_url) as journal:
        sessions = journal.list_sessions()
        check_ins = journal.list_checkins()

    after = _counts(journal_url)
    assert after == {**before, "pain_ratings": before["pain_ratings"] - 1}  # only knee-twice became one rating
    assert [session.id for session in sessions] == [1, 2]
    assert [check_in.id for check_in in check_ins] == [1, 2, 3]
    assert check_ins[1].sensations == {"warmth", "yawning"} and check_ins[1].note == "lighter"
    places = [[(rating.region, rating.side, rating.score) for rating in check_in.pain] for check_in in check_ins]
    assert places == [
        [("lower_back", "centre", 6), ("knee", "left", 3)],
        [("lower_back", "centre", 4)],
        [("lower_back", "centre", 5), ("hip", "both", 2), ("knee", "both", 4), ("neck", "centre", 2)],
    ]


def test_the_upgraded_journal_is_at_head_and_requires_a_side(journal_url: str) -> None:
    _journal_at_revision(journal_url, "r0002_session_writer")
    _fill_like_an_older_crest(journal_url)
    Journal.open(journal_url).close()
    database = connect(journal_url)
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
            assert connection.execute(text("SELECT count(*) FROM pain_ratings WHERE side IS NULL")).scalar_one() == 0
    finally:
        database.engine.dispose()
