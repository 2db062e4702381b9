"""The safety service over a real journal: a check-in naming a warning sign stops the next session at the one gate
both doors use, says which check-in and why, and is lifted by deleting or correcting that check-in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, timedelta

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import Region, Side
from crest.safety.screen import ANSWER_AGAIN_AFTER, QUESTIONS, AdviceLevel
from crest.services.bundle import Services
from crest.services.safety import ClearanceRefused, SafetyConcernStands
from support.clock import FakeClock

NO_TO_ALL = {question.id: False for question in QUESTIONS}


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _numb_between_the_legs(services: Services) -> CheckIn:
    rating = PainRating(Region.GROIN, 4, Side.BOTH, quality="numb")
    return services.check_ins.add(CheckIn(at=services.clock(), pain=(rating,)))


def test_an_urgent_check_in_blocks_the_next_session_for_two_weeks(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    _numb_between_the_legs(services)
    clock.advance(60)
    with pytest.raises(SafetyConcernStands) as refused:
        services.practice.start(10, "standard")
    assert "urgent medical care" in str(refused.value)
    assert "Your check-in of 1 May 2026 named: Numbness in your groin on both sides (the saddle area)" in str(
        refused.value
    )
    assert "cauda equina" in str(refused.value)  # the source
    services.safety.record(NO_TO_ALL)  # a quick "no" to everything does not lift it
    assert services.safety.standing().level is AdviceLevel.URGENT

    clock.advance(ANSWER_AGAIN_AFTER[AdviceLevel.URGENT].total_seconds())
    assert services.safety.standing().due
    services.safety.record(NO_TO_ALL)
    assert services.practice.start(10, "standard").id is not None


def test_deleting_or_correcting_the_check_in_lifts_a_see_a_clinician_sign_never_an_urgent_one(
    services: Services, clock: FakeClock
) -> None:
    services.safety.record(NO_TO_ALL)
    tingling = (PainRating(Region.CALF_AND_SHIN, 3, Side.LEFT, "tingling"),)
    mistaken = services.check_ins.add(CheckIn(at=clock(), pain=tingling))
    assert mistaken.id is not None and services.safety.standing().concern_stands
    services.check_ins.replace(mistaken.id, CheckIn(at=mistaken.at, pain=(PainRating(Region.GROIN, 4, Side.BOTH),)))
    assert not services.safety.standing().concern_stands
    again = services.check_ins.add(CheckIn(at=clock(), pain=tingling))
    assert again.id is not None and services.safety.standing().concern_stands
    services.check_ins.delete(again.id)
    assert not services.safety.standing().concern_stands

    urgent = _numb_between_the_legs(services)
    assert urgent.id is not None
    services.check_ins.replace(urgent.id, CheckIn(at=urgent.at, pain=(PainRating(Region.GROIN, 4, Side.BOTH),)))
    assert services.safety.standing().level is AdviceLevel.URGENT
    services.check_ins.delete(urgent.id)
    assert services.safety.standing().level is AdviceLevel.URGENT


def test_a_note_naming_a_see_a_clinician_sign_is_cleared_by_a_clinician(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    services.check_ins.add(CheckIn(at=clock(), note="I have had a fever and chills since Monday"))
    standing = services.safety.standing()
    assert standing.level is AdviceLevel.SEE_CLINICIAN and standing.may_be_cleared
    cleared = services.safety.record_clearance("Dr Ames, physiotherapist", date(2026, 5, 1))
    assert not cleared.concern_stands
    [clearance] = services.safety.clearances()
    assert clearance.question_ids == ("infection_signs",)
    assert services.practice.start(10, "standard").id is not None


def test_an_urgent_note_is_never_cleared(services: Services, clock: FakeClock) -> None:
    services.safety.record(NO_TO_ALL)
    services.check_ins.add(CheckIn(at=clock(), note="I can't control my bladder since yesterday"))
    clock.advance(timedelta(days=1).total_seconds())
    assert services.safety.standing().level is AdviceLevel.URGENT
    with pytest.raises(ClearanceRefused):
        services.safety.record_clearance("Dr Ames", date(2026, 5, 2))


def test_only_the_check_ins_a_sign_could_come_from_are_read(
    services: Services, journal: Journal, clock: FakeClock
) -> None:
    services.safety.record(NO_TO_ALL)
    plain = [
        services.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.LOWER_BACK, 3),), note="calm"))
        for _ in range(5)
    ]
    numb_foot = services.check_ins.add(CheckIn(at=clock(), pain=(PainRating(Region.FOOT, 2, Side.LEFT, "tingling"),)))
    both_calves = services.check_ins.add(
        CheckIn(
            at=clock(),
            pain=(PainRating(Region.CALF_AND_SHIN, 5, Side.LEFT), PainRating(Region.CALF_AND_SHIN, 5, Side.RIGHT)),
        )
    )
    worded = services.check_ins.add(CheckIn(at=clock(), note="I haven't been able to pee since yesterday"))
    week_ago = clock() - timedelta(days=7)
    assert {check_in_id for check_in_id, _ in journal.check_in_notes(week_ago)} == {c.id for c in [*plain, worded]}
    read = journal.check_ins_rating(week_ago, ["numb", "tingling"], ["calf_and_shin", "foot"], or_ids=[worded.id or 0])
    assert [check_in.id for check_in in read] == [numb_foot.id, both_calves.id, worded.id]
    # The gate finds the same signs as when it read every check-in: the urgent note and both legs lead.
    standing = services.safety.standing()
    assert standing.level is AdviceLevel.URGENT
    assert {reason.sign.check_in_id for reason in standing.check_in_reasons} == {
        numb_foot.id,
        both_calves.id,
        worded.id,
    }
