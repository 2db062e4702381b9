"""A prescription changed halfway is held only against its own days. Walked (s46 walk_report H1): a practitioner
changed "once a day, 5 days a week" to "twice a day, every day" after four weeks, the form keeping its start; the
person followed each version exactly, yet the report read "9.3 a week against the prescription of 14", every week
of the first version held against the second."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest

from crest.accounts.records import Prescription
from crest.insights.reader import Reader
from crest.journal.store import Journal
from crest.services.bundle import Services
from support.clock import FakeClock

START = date(2026, 10, 12)  # a Monday
CHANGED = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)  # four weeks on


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _followed_each_version(journal: Journal, clock: FakeClock) -> None:
    """Version 1 (5 a week) for four weeks, then version 2 (14 a week, its start kept) to the day before today."""
    first = Prescription("standard", 15, 1, 5, START, version=1, prescribed_by="Pat Physio")
    journal.keep_pulled_prescription(first, datetime(2026, 10, 12, 8, 0, tzinfo=UTC))
    for day in range(28):
        if day % 7 < 5:
            journal.log_session(datetime(2026, 10, 12, 18, 0, tzinfo=UTC) + timedelta(days=day), 15, "standard")
    second = Prescription("supported", 20, 2, 7, START, version=2, prescribed_by="Pat Physio", created_at=CHANGED)
    journal.keep_pulled_prescription(second, CHANGED)
    for day in range(28, 56):
        morning = datetime(2026, 10, 12, 7, 30, tzinfo=UTC) + timedelta(days=day)
        journal.log_session(morning, 20, "supported")
        journal.log_session(morning + timedelta(hours=11), 20, "supported")
    clock.now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _section(services: Services, section: str) -> str:
    html = services.clinician_reports.html(services.clinician_reports.build(since=START))
    start = html.index(f'id="{section}"')
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])).split())


def test_the_report_holds_a_changed_prescription_against_its_own_days(
    services: Services, journal: Journal, clock: FakeClock
) -> None:
    _followed_each_version(journal, clock)
    said = _section(services, "r-summary")
    assert "against the prescription of 14" not in said
    # 9 Nov to 7 Dec: 29 days, 56 sessions, against 14 a week prorated to them
    assert "56 sessions in the 29 days since the prescription was changed on 9 Nov, against about 58.0" in said
    practice = _section(services, "r-practice")
    assert (
        "from 2026-10-12. (Pat Physio) Changed to this on 2026-11-09: before, an earlier version applied." in practice
    )


def test_progress_says_since_the_change_while_it_is_young(
    services: Services, journal: Journal, clock: FakeClock
) -> None:
    _followed_each_version(journal, clock)
    clock.now = CHANGED + timedelta(days=2, hours=3)  # Wednesday noon: 5 sessions since Monday's change
    words = services.reports.summary().adherence.target_words
    assert words is not None
    assert words(Reader.PERSON) == (
        "5 sessions in the 3 days since your prescription was changed on 9 Nov, against about 6.0 for 14 a week "
        "over those days"
    )
