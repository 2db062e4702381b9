"""A check-in's note is read with every rated place that is part of a warning sign, not only strong back or belly
pain: "they keep giving way" under both thighs rated is weakness in both legs (cauda equina, urgent care), "it feels
weak" under one leg is new weakness, "it's gone numb" under a buttock is numbness in the saddle area, a throb under
the belly is a pulsing belly, night pain under the back is a sign of possible cancer, though none of these words
name a sign alone. The answer, the standing that holds sessions (its pre-filter reads only the notes that may warn)
and the sign `crest sync` sends in place of the words all read it, on SQLite and PostgreSQL. A place said before a
note adds no sign that the rating alone does not name, and a note that names another part speaks of that part."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.knowledge.sign_words import RULE_ENTRIES, SIGN_WORDS
from crest.safety.worse_check_in import WarningLevel
from crest.services.bundle import Services
from crest.services.checkins import entry_warning, note_warning_entries
from crest.services.sync import with_note_signs
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, refused

URGENT, SEE = WarningLevel.URGENT_CARE, WarningLevel.SEE_CLINICIAN
THIGHS = PainRating("front_of_thigh", 3, "both")  # not below the knee, no numbness: no sign by the rating alone


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


@pytest.mark.parametrize(
    ("pain", "note", "rule", "level"),
    [
        ((THIGHS,), "they keep giving way", "weakness_in_both_legs", URGENT),
        (
            (PainRating("knee", 2, "left"), PainRating("front_of_thigh", 4, "right")),
            "getting weaker",
            "weakness_in_both_legs",
            URGENT,
        ),
        ((PainRating("buttock", 3, "left"),), "and it's gone numb", "saddle_numbness", URGENT),
        ((PainRating("front_of_thigh", 3, "left"),), "it feels weak today", "new_loss_of_strength", SEE),
        ((PainRating("abdomen", 3),), "a throb there like a heartbeat", "pulsing_in_belly", SEE),
        ((PainRating("lower_back", 4),), "it wakes me up every night", "night_pain", SEE),
    ],
    ids=["both-legs-giving-way", "both-legs-weaker", "buttock-numb", "one-leg-weak", "belly-throbs", "back-at-night"],
)
def test_a_note_read_with_the_place_it_completes_names_the_sign(
    services: Services,
    clock: FakeClock,
    pain: tuple[PainRating, ...],
    note: str,
    rule: str,
    level: WarningLevel,
) -> None:
    """The sign is named by its own words, the rule's that fired (`sign_words`), with its help entry's advice."""
    entry_id = RULE_ENTRIES[rule]
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=pain, note=note))

    advice = services.check_ins.advice_for(saved)
    assert advice is not None
    # the sign first; a lesser one the same words name may follow ("they keep giving way" under both thighs is
    # weakness in a leg too), as `crest ask "both my legs keep giving way"` pins both
    assert (advice.warnings[0].title, advice.warnings[0].text) == (SIGN_WORDS[rule], entry_warning(entry_id).text)
    assert advice.warnings[0].level is level
    assert [sign.title for sign in services.check_ins.urgent_signs(saved)] == (
        [SIGN_WORDS[rule]] if level is URGENT else []
    )
    clock.advance(60)
    assert refused(services)  # the standing finds it among months of check-ins (`may_name_with_its_pain`)
    [synced] = with_note_signs((saved,))
    assert synced.note_signs[:1] == (entry_id,)


@pytest.mark.parametrize(
    ("pain", "note"),
    [
        ((THIGHS,), "they ache"),  # pain in both thighs is what the rating says: no sign by it
        ((THIGHS,), "my core is weak"),  # another part named: the words speak of it
        ((THIGHS,), "I keep dropping off"),  # asleep, not legs giving way
        ((PainRating("knee", 3, "left"),), "slept badly last night"),
        ((PainRating("upper_back", 3),), "my sleep is getting worse every week"),
        ((PainRating("abdomen", 3),), "I can feel my heart beating slowly"),
        ((PainRating("neck", 5),), "they keep giving way"),  # the neck is part of no such sign
        ((), "it feels weak today"),
    ],
    ids=["pain-only", "core", "asleep", "slept-badly", "sleep-worse", "calm-heart", "elsewhere", "no-place"],
)
def test_a_rated_place_adds_no_sign_the_words_do_not_complete(
    services: Services, clock: FakeClock, pain: tuple[PainRating, ...], note: str
) -> None:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=pain, note=note))

    assert note_warning_entries(saved) == ()
    assert services.check_ins.advice_for(saved) is None
    clock.advance(60)
    assert not refused(services)


def test_the_most_urgent_reading_wins_over_the_words_own_sign(services: Services, clock: FakeClock) -> None:
    """A known aneurysm alone is a clinician's to see; with severe back pain rated it is the aortic emergency."""
    note = "I have an aortic aneurysm"
    low, high = (CheckIn(at=clock(), pain=(PainRating("lower_back", score),), note=note) for score in (3, 8))
    assert note_warning_entries(low) == ("warning_pulsing_belly",)
    assert note_warning_entries(high)[:1] == ("warning_aortic",)


def test_a_tingle_in_both_feet_stays_a_clinicians_to_see_numbness_there_is_urgent(clock: FakeClock) -> None:
    """As the help reads "my feet tingle" (see a clinician) and "my feet are numb" (urgent), and as a check-in that
    rates both feet tingling says "see a clinician"."""
    feet = (PainRating("foot", 2, "both"),)
    tingle, numb = (CheckIn(at=clock(), pain=feet, note=note) for note in ("they tingle", "they've gone numb"))
    assert note_warning_entries(tingle)[:1] == ("warning_new_numbness_or_weakness",)
    assert note_warning_entries(numb)[:1] == ("warning_cauda_equina",)
