"""The clinician report lists every "yes" to a safety question given in its period, with when and its all-clear,
even once later answers are all "no": a clinician reading it must not miss a warning sign the person gave."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, timedelta
from html import unescape

import pytest

from crest.journal.store import Journal
from crest.safety.screen import QUESTIONS
from crest.services.bundle import Services
from support.clock import FakeClock

NO_TO_ALL = {question.id: False for question in QUESTIONS}
WEIGHT = "Have you lost weight recently without trying to?"


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _safety(services: Services, since: date = date(2026, 5, 1)) -> str:
    html = services.clinician_reports.html(services.clinician_reports.build(since=since))
    start = html.index('id="r-safety"')
    text = re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])
    return " ".join(unescape(text).split())


def test_a_cleared_yes_stays_in_the_report_after_answers_of_no(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL | {"weight_loss": True})
    clock.advance(3600)
    services.safety.record_clearance("Dr Ames, GP", clock().date())
    clock.advance(timedelta(days=8).total_seconds())
    services.safety.record(NO_TO_ALL)
    safety = _safety(services)
    assert "every answer was “no”" in safety  # what stands now is still said
    assert f"1 May 2026 07:00: yes to “{WEIGHT}”, cleared by Dr Ames, GP on 1 May 2026" in safety


def test_a_yes_not_cleared_and_answered_no_at_once_is_listed_without_a_clearance(
    services: Services, clock: FakeClock
) -> None:
    services.safety.record(NO_TO_ALL | {"weight_loss": True})
    clock.advance(60)
    services.safety.record(NO_TO_ALL)
    clock.advance(timedelta(days=8).total_seconds())
    services.safety.record(NO_TO_ALL)
    safety = _safety(services)
    assert f"1 May 2026 07:00: yes to “{WEIGHT}” (" in safety and "cleared by" not in safety


def test_a_yes_before_the_period_is_left_to_its_own_report(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL | {"weight_loss": True})
    clock.advance(timedelta(days=10).total_seconds())
    services.safety.record(NO_TO_ALL)
    assert "answers given in this period" not in _safety(services, since=date(2026, 5, 5))
    assert "“Yes” answers given in this period" in _safety(services)


def test_a_yes_that_stands_is_listed_once(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL | {"weight_loss": True})
    clock.advance(60)
    services.safety.record(NO_TO_ALL | {"weight_loss": True, "night_pain": True})
    safety = _safety(services)
    # standing, and the first "yes" a minute before it; the standing answers are not listed again
    assert safety.count(WEIGHT) == 2 and f"1 May 2026 07:00: yes to “{WEIGHT}”" in safety
    assert "07:01: yes to" not in safety
    assert "Other “yes” answers given in this period" in safety
