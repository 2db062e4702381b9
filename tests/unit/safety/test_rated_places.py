"""The places a check-in rates, said before its note (`rated_places`): each is said in words that name no sign of
their own, completes only rules of its own sign, and the standing's pre-filter (`may_name_with_its_pain`) keeps
every note that a check-in's places could make name a sign."""

from pathlib import Path

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region
from crest.knowledge.red_flags import RULES
from crest.knowledge.text import clean_question
from crest.safety.rated_places import PLACES_OF_SIGNS, PlaceOfASign
from crest.services.checkins import may_name_with_its_pain, note_warning_entries
from crest.services.help import help_search
from support.clock import FakeClock

QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "help_questions"


@pytest.mark.parametrize("place", PLACES_OF_SIGNS, ids=lambda place: place.said)
def test_each_place_completes_only_rules_of_its_own_sign(place: PlaceOfASign) -> None:
    rules = {rule.name: rule.entry_id for rule in RULES}
    assert place.rules <= set(rules)
    assert {rules[name] for name in place.rules} == {place.entry_id}


@pytest.mark.parametrize("place", PLACES_OF_SIGNS, ids=lambda place: place.said)
def test_a_place_said_alone_names_no_sign(place: PlaceOfASign) -> None:
    assert help_search().warning_signs(clean_question(place.said)) == ()


def test_a_note_naming_another_part_speaks_of_that_part() -> None:
    [legs] = [place for place in PLACES_OF_SIGNS if place.said == "Both my legs."]
    assert legs.speaks_of("they keep giving way")
    assert legs.speaks_of("my left calf feels weak")
    assert not legs.speaks_of("my core feels weak")


def test_the_standings_pre_filter_keeps_every_note_a_rated_place_makes_warn() -> None:
    """Every place rated strongly on both sides: a note that names a sign with them passes the pre-filter."""
    everywhere = tuple(PainRating(region, 9, "both" if region.has_sides else None) for region in Region)
    notes = [
        row.split("\t")[-1]
        for path in sorted(QUESTIONS.glob("*/*.t*"))
        for row in path.read_text(encoding="utf-8").splitlines()[::7]  # a sample: each note is read eight times
        if row.strip() and not row.startswith("#")
    ]
    notes += ["they keep giving way", "it's gone numb", "wakes me every night", "a throb like a heartbeat"]
    at = FakeClock()()
    named = [note for note in notes if note_warning_entries(CheckIn(at=at, pain=everywhere, note=note))]
    assert len(named) > 40
    assert [note for note in named if not may_name_with_its_pain(note)] == []
