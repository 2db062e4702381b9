"""The reader's own small fall that did no harm, told beside someone else ("fell off the sofa laughing at my husband
trying this, no harm done apart from my pride", readers_6's one false urgent), is no fracture warning sign: the words
about that person stop at "no harm done", which is the reader's. Harm or fragile bones told with it still warn."""

from support.help_signs import Sign, sign_tests

PINNED: dict[Sign, tuple[str, ...]] = {
    ("major_trauma", "warning_fracture", "see_clinician"): (
        "I fell off the sofa laughing at my husband, no harm done but my back hurts now",
        "my dad fell off the ladder no harm done his back is killing him",
    ),
    ("fragile_bones_or_long_term_steroids", "warning_fracture", "see_clinician"): (
        "I fell off the sofa laughing at my husband trying this, no harm done, I have osteoporosis",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "major_trauma": (
        "fell off the sofa laughing at my husband trying this, no harm done apart from my pride",
        "tripped over my son's toys while showing my daughter the position, no damage done",
        "I slid off the bed giggling at my wife doing the pose, no harm done",
        "I rolled off the mat laughing at my partner's face, none the worse for it",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
