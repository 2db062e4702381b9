"""A warning sign a check-in raised, kept through "Delete all my data", keeps its own words: the person is not shown
a safety question they never answered yes to, and the report reads as statements ("…function?." and "in the first
0 days" were what it said)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC
from html import unescape

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.services.bundle import Services
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL

BLADDER_NOTE = "new numbness between my legs and trouble peeing"


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _report(services: Services) -> str:
    return _text(services.clinician_reports.html(services.clinician_reports.build()))


def test_a_check_in_sign_kept_through_deleting_everything_keeps_its_title(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    services.check_ins.add(CheckIn(at=clock(), pain=(PainRating("lower_back", 6, "centre"),), note=BLADDER_NOTE))
    told = [reason.sign.title for reason in services.safety.standing().check_in_reasons]
    named = services.safety.standing().check_in_reasons[0].sign.named
    assert told and "?" not in told[0]
    clock.advance(60)
    services.transfer.delete_everything()

    standing = services.safety.standing()
    # the urgent sign is kept; "new numbness", which the note names too (as `crest ask` pins it), goes with the data
    assert len(told) == 2 and [reason.sign.title for reason in standing.check_in_reasons] == told[:1]
    assert f"Kept when you deleted your data: {told[0]}" in standing.explanation()
    assert "Since your back pain started" not in standing.explanation()
    report = _report(services)
    assert "Since your back pain started" not in report and "?." not in report
    assert f"Why: urgent-care warning sign kept when the data was deleted: {named[:1].lower()}{named[1:]}." in report
    assert "the first 0 days" not in report and "0 sessions" not in report
    assert "No session or check-in in this period (crest's suggested weekly goal: 7 a week)." in report
    assert "Sessions a week none in this period" in report


def test_a_yes_kept_through_deleting_everything_reads_as_a_statement_in_the_report(services: Services) -> None:
    services.safety.record(NO_TO_ALL | {"bladder_bowel_saddle": True})
    services.transfer.delete_everything()
    report = _report(services)
    assert "kept when the data was deleted (the safety question “Since your back pain started" in report
    assert "?." not in report and "sexual function?”)." in report
