"""The clinician report's default period starts on the first day with any record, a daily activities round
included: rated at the clinic the day before the first rest, the first round is the report's baseline, as it is
Progress's (walk-through "is it helping?" H1: the report said "6.0 → 6.0, no change" where Progress said
"2.5 → 6.0, easier")."""

from collections.abc import Iterator
from datetime import UTC, timedelta

import pytest

from crest.insights.verdicts import Verdict
from crest.journal.records import CheckIn, PainRating, PsfsActivity
from crest.journal.store import Journal
from crest.journal.vocabulary import Region, Side
from crest.services.bundle import Services
from support.clock import FakeClock


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _round(services: Services, shoes: int, film: int) -> None:
    activities = (PsfsActivity("Tying my shoes", shoes), PsfsActivity("Sitting through a film", film))
    services.daily_activities.record(activities)


def test_a_round_rated_before_the_first_rest_is_the_reports_baseline(services: Services, clock: FakeClock) -> None:
    clinic_day = clock().date()
    _round(services, 2, 3)  # at the clinic
    for day in range(1, 29):  # rests from the next day on
        clock.advance(timedelta(days=1).total_seconds())
        services.practice.log(clock() - timedelta(minutes=20), 15, "standard")
        services.check_ins.add(CheckIn(clock(), pain=(PainRating(Region.LOWER_BACK, 5, Side.CENTRE),)))
        if day in (14, 28):
            _round(services, 6, 6)
    report = services.clinician_reports.build()
    progress = services.reports.summary()
    assert report.data.period.first_day == clinic_day
    assert progress.psfs.verdict is Verdict.BETTER and progress.psfs.mean_change == 3.5
    assert (report.data.psfs.verdict, report.data.psfs.mean_change) == (Verdict.BETTER, 3.5)
    assert report.data.psfs.baseline is not None and report.data.psfs.baseline.at.date() == clinic_day
