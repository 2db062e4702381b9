"""The clinician report leads with a warning sign its period's check-ins named, though it stands no more. Walked (s46
walk_report H2): a check-in in week 3 named a fever and night pain (see a clinician); weeks later the report's "In
short" spoke of pain, activities and practice only, and its safety section said the sign no longer stood because
"the safety questions [were] answered again since", right under "The safety questions have not been answered"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, timedelta
from html import unescape

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.services.bundle import Services
from support.clock import FakeClock


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _section(services: Services, section: str) -> str:
    html = services.clinician_reports.html(services.clinician_reports.build())
    start = html.index(f'id="{section}"')
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])).split())


def test_the_summary_leads_with_a_sign_that_no_longer_stands(
    services: Services, journal: Journal, clock: FakeClock
) -> None:
    named = CheckIn(at=clock(), pain=(PainRating("lower_back", 6),), note="fever and chills since yesterday")
    journal.add_checkin(named)  # told at the time; the safety questions never answered
    clock.advance(timedelta(days=30).total_seconds())
    journal.add_checkin(CheckIn(at=clock(), pain=(PainRating("lower_back", 4),)))
    assert services.safety.standing().check_in_reasons == ()  # it stands no more
    sign = "warning sign (see a clinician) in a check-in of 1 May 2026: a fever or chills"
    summary = _section(services, "r-summary")
    assert f"Earlier in this period, no longer standing: {sign}." in summary
    assert summary.index("Earlier in this period") < summary.index("Lower back")
    safety = _section(services, "r-safety")
    assert f"Named earlier in this period, and no longer standing (the advice's waiting time is over): W{sign[1:]}" in (
        safety
    )
    assert "answered again" not in safety
