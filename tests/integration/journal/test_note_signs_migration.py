"""r0024_check_in_note_signs on SQLite and PostgreSQL: the one sign r0016 kept of a check-in's note (the most
urgent, `note_sign`) is read after it as that check-in's signs, where every sign is kept now (`note_signs`), and the
way back keeps the most urgent of them, as the crest before it kept one."""

from __future__ import annotations

from datetime import UTC, datetime

from crest.journal.records import CheckIn
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from support.databases import columns_of, downgrade_journal, older_journal_with_a_session, revision_of, run_sql

BEFORE = "r0023_note_author"
STARTED = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
SIGNS = ("warning_cauda_equina", "warning_infection")


def test_upgrading_keeps_the_one_sign_kept_before(journal_url: str) -> None:
    older_journal_with_a_session(journal_url, BEFORE, STARTED)
    at = WRITTEN.replace(tzinfo=None)
    run_sql(
        journal_url,
        "INSERT INTO check_ins (id, uid, at, timing, note_sign) VALUES (1, 'c1', :at, 'standalone', :sign)",
        at=at,
        sign=SIGNS[0],
    )
    run_sql(
        journal_url,
        "INSERT INTO check_ins (id, uid, at, timing, note) VALUES (2, 'c2', :at, 'standalone', 'Ok')",
        at=at,
    )

    with Journal.open(journal_url) as journal:
        assert [check_in.note_signs for check_in in journal.list_checkins()] == [SIGNS[:1], ()]
    assert revision_of(journal_url) == HEAD_REVISION
    assert "note_sign" not in columns_of(journal_url, "check_ins")


def test_every_sign_is_kept_and_the_way_back_keeps_the_most_urgent(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        journal.add_checkin(CheckIn(at=WRITTEN, note_signs=SIGNS))
        journal.add_checkin(CheckIn(at=WRITTEN, note="Ok"))
        assert [check_in.note_signs for check_in in journal.list_checkins()] == [SIGNS, ()]
        assert journal.check_ins_with_note_signs(STARTED) == [1]
    downgrade_journal(journal_url, BEFORE)
    assert revision_of(journal_url) == BEFORE
    assert run_sql(journal_url, "SELECT note_sign FROM check_ins ORDER BY id") == [SIGNS[0], None]
    assert "note_signs" not in columns_of(journal_url, "check_ins")
