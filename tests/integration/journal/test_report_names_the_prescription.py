"""The clinician report says what was prescribed beside the practice it measures against it. Walked (s45 walk_rx L5):
the report said "7.0 (target 10, the prescription)" and nothing of the rest prescribed (variant, minutes, times a
day, start), so its reader could not tell what was asked, nor whether the minutes and variant were followed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date
from html import unescape

import pytest

from crest.accounts.records import Prescription
from crest.journal.store import Journal
from crest.services.bundle import Services
from support.clock import FakeClock


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _practice(services: Services, since: date, until: date | None = None) -> str:
    html = services.clinician_reports.html(services.clinician_reports.build(since=since, until=until))
    start = html.index('id="r-practice"')
    text = re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])
    return " ".join(unescape(text).split())


def test_the_report_names_the_prescription_of_its_period(
    services: Services, journal: Journal, clock: FakeClock
) -> None:
    dose = Prescription("supported", 20, 2, 5, date(2026, 4, 20), reminder_time="07:30", prescribed_by="Pat Physio")
    journal.keep_pulled_prescription(dose, clock())
    said = (
        "20 min of the supported variant, twice a day, 5 days a week, from 2026-04-20, reminder at 07:30. (Pat Physio)"
    )
    assert f"Prescription {said}" in _practice(services, since=date(2026, 4, 20))
    before = _practice(services, since=date(2026, 4, 1), until=date(2026, 4, 10))  # a period before it began
    assert "Prescription 20 min" not in before
