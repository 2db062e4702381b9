"""The kinds of message readers_14's first run found read wrongly, in phrasings of their own: a weakness typed as a
form of another entry word ("weeker", a "form" of "week"), a beat felt in the belly said as "a strong beat", and a
symptom denied with "never had any" ("I've never had any bladder problems, just tight hips" pinned urgent care),
while "never had ... before / until / like this" still tells of a new one."""

from crest.knowledge.spelling import SpellingFixer
from support.help_signs import Sign, sign_tests

CAUDA_EQUINA = ("warning_cauda_equina", "urgent_care")

PINNED: dict[Sign, tuple[str, ...]] = {
    ("weakness_in_both_legs", *CAUDA_EQUINA): (
        "both my legs are getting weeker",
        "my legs are both weeker since the weekend",
    ),
    ("pulsing_in_belly", "warning_pulsing_belly", "see_clinician"): (
        "there's a steady beat in my belly when I lie down",
        "I can feel a big beat in my stomach lying flat",
        "my mum says she feels a strange beat in her tummy",
    ),
    ("bladder_or_bowel_trouble", *CAUDA_EQUINA): (
        "I've never had any bladder problems until this week, now I can't pee",
        "I've never had any bladder problems before but now I keep wetting myself",
    ),
    ("pain_in_both_legs", *CAUDA_EQUINA): (
        "I'd never had any pain in both legs till yesterday",
        "I've never had any pain like this in both legs",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "weakness_in_both_legs": ("both my legs feel stronger every week",),
    "pulsing_in_belly": (
        "my heart skipped a beat and my tummy dropped when I saw the bill",
        "I beat my record and my belly is full",
    ),
    "bladder_or_bowel_trouble": (
        "I've never had any bladder problems, just tight hips",
        "never had any bladder or bowel problems, my back is just stiff",
    ),
    "changed_feeling_in_both_legs": ("I never had any numbness in my legs, only a sore back",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


def test_a_word_known_only_as_a_form_of_an_entry_word_is_also_read_as_its_closest_one() -> None:
    fixer = SpellingFixer({"week", "weaker"}, frozenset({"weekly"}))
    assert fixer.readings("weeker") == ("weeker", "weaker")
    assert fixer.readings("weekly") == ("weekly",)  # an English word stays itself
    assert fixer.readings("weaker") == ("weaker",)
