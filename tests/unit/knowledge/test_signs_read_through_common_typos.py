"""A warning sign typed with a common slip warns as its spelt words do (the lead's brief, s50): a short word with a
doubled letter or a "ck" short ("fel" for "fell", "bak" for "back") is read as each sign word it may be, and the
signs' everyday words the help entries do not use ("daughter", "fell", "stairs") are among the words typos are fixed
into. No calm message warns because of the fix."""

from crest.knowledge.spelling import SpellingFixer
from support.help_signs import Sign, sign_tests

FRACTURE = ("warning_fracture", "see_clinician")
CAUDA_EQUINA = ("warning_cauda_equina", "urgent_care")

PINNED: dict[Sign, tuple[str, ...]] = {
    ("major_trauma", *FRACTURE): (
        "my daugher fell of the climbing frame and hurt her bak",
        "my daughter fell off the climbing frame and hurt her bak",
        "I fel down the stairs",
        "my grandad fel of a ladder yesterday and his bak is killing him",
        "i tripd on the stares and landed on my bak",
    ),
    ("saddle_numbness", *CAUDA_EQUINA): ("numbnes in my saddle area",),
    ("bladder_or_bowel_trouble", *CAUDA_EQUINA): ("cant control my bladdr",),
    # "fel" is "feel" as well as "fell"
    ("changed_feeling_in_both_legs", *CAUDA_EQUINA): ("I cant fel my legs",),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "major_trauma": (
        "my bak is a bit stiff, I fel great after",
        "I fel relaxed and my bak feels looser",
        "my daugher does it with me and her bak feels better",
        "I fel asleep on the floor",
    ),
    "changed_feeling_in_both_legs": ("I fel my legs relax", "I can fel my legs letting go"),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


def test_a_short_word_is_read_as_each_word_it_may_be_and_a_known_one_as_itself() -> None:
    fixer = SpellingFixer({"feel", "fell", "back"}, frozenset({"fee"}))
    assert fixer.readings("fel") == ("feel", "fell")
    assert fixer.readings("bak") == ("back",)
    assert fixer.readings("fee") == ("fee",)  # a correctly spelt word stays itself
    assert fixer.readings("xyz") == ("xyz",)
