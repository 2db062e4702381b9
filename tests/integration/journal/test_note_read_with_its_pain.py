"""A check-in's note is read with the pain the check-in rates: "dizzy and clammy" under 8/10 in the lower back or the
belly is the aortic warning sign (severe belly or back pain with faintness, crp-facts.md), though the words alone
name none. The answer, the standing that holds sessions and the sign `crest sync` sends in place of the words all
read it; a low rating, or strong pain elsewhere, adds nothing to the words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.safety.worse_check_in import WarningLevel
from crest.services.bundle import Services
from crest.services.checkins import note_warning_entries
from crest.services.sync import with_note_signs
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, refused

NOTE = "dizzy and clammy"


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


@pytest.mark.parametrize("place", ["lower_back", "abdomen"])
def test_strong_back_or_belly_pain_with_faintness_in_the_note_is_the_aortic_sign(
    services: Services, clock: FakeClock, place: str
) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=(PainRating(place, 8),), note=NOTE))

    advice = services.check_ins.advice_for(saved)
    assert advice is not None and advice.warnings
    assert advice.warnings[0].level is WarningLevel.URGENT_CARE
    assert advice.warnings[0].title.startswith("Sudden severe belly or back pain")
    clock.advance(60)
    assert refused(services)
    [synced] = with_note_signs((saved,))
    assert synced.note_signs[0] == "warning_aortic"


@pytest.mark.parametrize(
    "pain", [(PainRating("lower_back", 4),), (PainRating("knee", 9, "left"),), ()], ids=["mild", "elsewhere", "none"]
)
def test_the_same_words_with_mild_pain_or_pain_elsewhere_name_no_sign(
    services: Services, clock: FakeClock, pain: tuple[PainRating, ...]
) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=pain, note=NOTE))

    assert note_warning_entries(saved) == ()
    clock.advance(60)
    assert not refused(services)


def test_a_rating_adds_no_other_sign_than_the_one_it_is_part_of(services: Services, clock: FakeClock) -> None:
    """Strong back pain said beside a note is read for the aortic sign only: the words' own sign, or none."""
    calm = CheckIn(at=clock(), pain=(PainRating("lower_back", 9),), note="felt sleepy and yawned a lot")
    numb = CheckIn(at=clock(), pain=(PainRating("lower_back", 9),), note="new numbness between my legs")
    assert note_warning_entries(calm) == ()
    assert note_warning_entries(numb)[:1] == ("warning_cauda_equina",)
