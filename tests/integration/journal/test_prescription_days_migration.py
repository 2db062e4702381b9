"""r0018_prescription_days on SQLite and PostgreSQL: a prescription an older crest kept stays, with no days chosen
(its reminder spreads its days a week, as before), and the way back drops only the days."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import create_engine, text

from crest.accounts.records import Prescription
from crest.interop.ical import Weekday
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import columns_of, downgrade_to, revision_of, upgrade_to

BEFORE = "r0017_pulled_session_notes"
PULLED = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def test_upgrading_keeps_an_older_prescription_without_chosen_days(journal_url: str) -> None:
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            upgrade_to(connection, BEFORE)
            connection.execute(  # as `crest sync` of an older crest kept it: person 1, no care link
                text(
                    "INSERT INTO prescriptions (person_id, care_link_id, version, variant, minutes, sessions_per_day,"
                    " days_per_week, start_on, prescribed_by, created_at)"
                    " VALUES (1, NULL, 2, 'standard', 12, 1, 3, :start, 'Pat Physio', :at)"
                ),
                {"start": date(2026, 5, 4), "at": PULLED.replace(tzinfo=None)},
            )
    finally:
        engine.dispose()
    assert "days" not in columns_of(journal_url, "prescriptions")

    with Journal.open(journal_url) as journal:
        kept = journal.current_prescription()

    assert kept is not None and (kept.version, kept.days_per_week, kept.days) == (2, 3, None)
    assert kept.summary() == "12 min of the standard variant, once a day, 3 days a week"


def test_downgrading_drops_only_the_days(journal_url: str) -> None:
    chosen = Prescription("standard", 12, 1, 2, date(2026, 5, 4), created_at=PULLED, days=(Weekday.TUE, Weekday.SAT))
    with Journal.open(journal_url) as journal:
        journal.keep_pulled_prescription(chosen, PULLED)
        assert journal.current_prescription() == chosen  # the days come back as they were kept
    engine = create_engine(journal_url)
    try:
        with engine.begin() as connection:
            downgrade_to(connection, BEFORE)
        with engine.connect() as connection:
            kept = connection.execute(text("SELECT days_per_week FROM prescriptions")).scalars().all()
    finally:
        engine.dispose()
    assert revision_of(journal_url) == BEFORE
    assert kept == [2] and "days" not in columns_of(journal_url, "prescriptions")

    with Journal.open(journal_url) as journal:  # and up again, to the head: the days were the one thing lost
        again = journal.current_prescription()
    assert again is not None and (again.days_per_week, again.days) == (2, None)
    assert revision_of(journal_url) == HEAD_REVISION
