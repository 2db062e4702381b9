"""A check-in's note that names several warning signs names each of them, most urgent first, as `crest ask` pins
them for the same words: "I have lost 6 kg in a month without trying, and I have a fever and chills at night" named
only the weight loss (a new user's walk-through, L5), not the fever. The standing still holds by the most urgent,
"Is that right?" asks of every urgent one, and `crest sync` still sends one sign, the most urgent, in place of the
words. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.knowledge.sign_words import SIGN_WORDS
from crest.safety.screen import AdviceLevel
from crest.services import help as help_service
from crest.services.bundle import Services
from crest.services.checkins import note_warning_entries
from crest.services.sync import with_note_signs
from support.clock import FakeClock
from support.safety_gate import NO_TO_ALL, refused

BACK = (PainRating("lower_back", 5),)
WEIGHT_LOSS_AND_FEVER = "I have lost 6 kg in a month without trying, and I have a fever and chills at night"
BLADDER_CHEST_AND_FEVER = "I wet myself and I have crushing chest pain, and a fever"


@pytest.fixture
def services(journal: Journal, clock: FakeClock) -> Iterator[Services]:
    yield Services.over(journal, clock, UTC)


def _named(*rules: str) -> list[str]:
    """Each sign by its own words (`sign_words`), not by its help entry's title."""
    return [SIGN_WORDS[rule] for rule in rules]


def _saved(services: Services, clock: FakeClock, check_in: CheckIn) -> CheckIn:
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(check_in)
    clock.advance(60)
    return saved


def test_a_note_naming_weight_loss_and_a_fever_names_both_signs_as_crest_ask_pins_them(
    services: Services, clock: FakeClock
) -> None:
    saved = _saved(services, clock, CheckIn(at=clock(), pain=BACK, note=WEIGHT_LOSS_AND_FEVER))

    advice = services.check_ins.advice_for(saved)
    assert advice is not None and not advice.urgent
    named = [sign.title for sign in advice.warnings]
    assert named == _named("unexplained_weight_loss", "fever_or_chills")
    asked = help_service.ask(WEIGHT_LOSS_AND_FEVER).warnings  # the same entries, their advice as crest ask's
    assert [sign.text for sign in advice.warnings] == [warning.text for warning in asked]
    assert services.check_ins.urgent_signs(saved) == ()  # see a clinician: nothing to confirm
    standing = services.safety.standing()
    assert standing.level is AdviceLevel.SEE_CLINICIAN and refused(services)
    assert {reason.sign.title for reason in standing.check_in_reasons} == set(named)
    [synced] = with_note_signs((saved,))
    assert synced.note_signs == ("warning_cancer", "warning_infection")  # every sign on the wire


def test_urgent_signs_come_first_each_once_all_of_them_asked_about_and_the_standing_is_urgent(
    services: Services, clock: FakeClock
) -> None:
    # numb in the saddle area by the rating, and by the words a bladder sign (the same advice: said once), chest
    # pain (an emergency) and a fever (see a clinician)
    numb_groin = PainRating("groin", 2, "both", "numb")
    saved = _saved(services, clock, CheckIn(at=clock(), pain=(numb_groin,), note=BLADDER_CHEST_AND_FEVER))

    advice = services.check_ins.advice_for(saved)
    assert advice is not None and advice.urgent
    named = [sign.title for sign in advice.warnings]
    saddle = "Numbness in your groin on both sides (the saddle area)"
    assert named == [saddle, *_named("bladder_or_bowel_trouble", "chest_pain", "fever_or_chills")]
    assert [sign.title for sign in services.check_ins.urgent_signs(saved)] == named[:3]
    assert services.safety.standing().level is AdviceLevel.URGENT and refused(services)
    [synced] = with_note_signs((saved,))
    assert synced.note_signs == ("warning_cauda_equina", "warning_emergency", "warning_infection")


def test_a_sign_read_with_a_rated_place_joins_the_words_own(services: Services, clock: FakeClock) -> None:
    """Night pain under the back rated is a sign of possible cancer (read with the place); the fever is the words'."""
    saved = _saved(services, clock, CheckIn(at=clock(), pain=BACK, note="it wakes me every night, and I have a fever"))

    advice = services.check_ins.advice_for(saved)
    assert advice is not None
    assert [sign.title for sign in advice.warnings] == _named("fever_or_chills", "night_pain")
    assert note_warning_entries(saved)[0] == "warning_infection"  # of equals, the words' own first, as before
