"""Numbness between one's legs is the saddle area's sign, not numbness in both legs: a check-in note "Numb between my
legs since this morning and I can't pee properly" beside both thighs rated numb was asked about as "Numbness or
tingling in both legs" and then "New trouble passing urine ...; numbness or tingling in both legs" (s50 walk L2: the
both-legs words twice). Someone else's ("between her legs") is the saddle's sign too, where it was read only as both
legs."""

from crest.knowledge.sign_words import said_of
from crest.services.help import help_search
from support.help_signs import Sign, sign_tests

CAUDA_EQUINA = ("warning_cauda_equina", "urgent_care")

PINNED: dict[Sign, tuple[str, ...]] = {
    ("saddle_numbness", *CAUDA_EQUINA): (
        "Numb between my legs since this morning and I can't pee properly",
        "pins and needles between her legs",
        "my wife has gone numb between her legs",
        "his tingling between his legs started today",
    ),
    ("changed_feeling_in_both_legs", *CAUDA_EQUINA): (
        "numb between my legs and down both legs",
        "numb between the legs and both thighs",
        "my legs are numb",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": (
        "Numb between my legs since this morning and I can't pee properly",
        "tingling between my legs",
        "numbness between her legs",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


def test_a_note_numb_between_the_legs_names_the_saddle_not_both_legs() -> None:
    note = "Numb between my legs since this morning and I can't pee properly"
    rules = [rule.name for rule in help_search().fired_rules(note)]
    assert said_of("warning_cauda_equina", rules) == (
        "New trouble passing urine or controlling the bladder or bowels; numbness or a changed feeling in the saddle "
        "area, between the legs"
    )
