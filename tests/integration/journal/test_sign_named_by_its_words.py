"""A check-in note that names night pain is named by night pain in the clinician report ("In short" and the safety
section, HTML and PDF), never by its help entry's title, which lists every sign of possible cancer as if the person
had said all of them; a row kept without which sign fired (before r0026) is named by its entry, as before. On SQLite
and PostgreSQL."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.schema import HEAD_REVISION
from crest.journal.store import Journal
from crest.services.bundle import Services
from crest.services.checkins import entry_warning
from support.clock import FakeClock
from support.databases import columns_of, downgrade_journal, older_journal_with_a_session, revision_of, run_sql

NIGHT_PAIN = "Pain at night that changing position does not ease"  # its own words (`sign_words`)
ENTRY_TITLE = entry_warning("warning_cancer").title
NOTE = "My back pain wakes me at night and changing position doesn't ease it"
BEFORE = "r0025_stored_at"
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def test_the_clinician_report_names_a_night_pain_note_by_night_pain(services: Services) -> None:
    services.check_ins.add(CheckIn(at=services.clock(), pain=(PainRating("lower_back", 5, "centre"),), note=NOTE))
    report = services.clinician_reports.build()
    pdf = services.clinician_reports.pdf(report)
    printed = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    why = f"Why: warning sign in a check-in of 1 May 2026: {NIGHT_PAIN[:1].lower()}{NIGHT_PAIN[1:]}"
    for text in (services.clinician_reports.html(report), " ".join(printed.split())):
        assert why in text
        assert ENTRY_TITLE[1:] not in text


def _named(journal_url: str) -> list[str]:
    with Journal.open(journal_url) as journal:
        services = Services.over(journal, FakeClock(WRITTEN), UTC)
        return [reason.sign.title for reason in services.safety.standing().check_in_reasons]


def test_a_row_kept_before_r0026_is_named_by_its_entry_and_one_kept_since_by_its_sign(journal_url: str) -> None:
    """As a practice keeps a check-in whose note was not shared: its signs alone (`note_signs`), and, since r0026,
    which sign of each fired (`note_sign_rules`). The way back drops them, and names the sign by its entry again."""
    older_journal_with_a_session(journal_url, BEFORE, WRITTEN - timedelta(days=1))
    run_sql(
        journal_url,
        "INSERT INTO check_ins (id, uid, at, timing, note_signs) VALUES (1, 'c1', :at, 'standalone', 'warning_cancer')",
        at=WRITTEN.replace(tzinfo=None),
    )
    assert _named(journal_url) == [ENTRY_TITLE]  # the upgrade kept the row, named as before
    assert revision_of(journal_url) == HEAD_REVISION
    with Journal.open(journal_url) as journal:
        journal.delete_checkin(1)
        journal.add_checkin(CheckIn(at=WRITTEN, note_signs=("warning_cancer",), note_sign_rules=("night_pain",)))
    assert _named(journal_url) == [NIGHT_PAIN]
    downgrade_journal(journal_url, BEFORE)
    assert "note_sign_rules" not in columns_of(journal_url, "check_ins")
    assert run_sql(journal_url, "SELECT note_signs FROM check_ins") == ["warning_cancer"]
