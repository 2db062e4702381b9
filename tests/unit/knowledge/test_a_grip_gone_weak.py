"""A grip said to have gone weak, with no hand named, is a new loss of strength (crp-facts.md section 5: any new
loss of feeling or strength: see a clinician), as "I've lost my grip in my right hand" already was; a weak grip
asked about in general, or one that is strong again, is not. Found by the lead trying the help fixes' words."""

from support.help_signs import Sign, sign_tests

PINNED: dict[Sign, tuple[str, ...]] = {
    ("new_loss_of_strength", "warning_new_numbness_or_weakness", "see_clinician"): (
        "my grip has gone weak lately",
        "her grip's getting weaker and she drops cups",
        "my grip feels really weak since last week",
        "my grips gone weak",
        "his grip is getting weak, is that the back?",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "new_loss_of_strength": (
        "how do I improve a weak grip",
        "my grip is strong again after the physio, no longer weak",
        "grip strength exercises for climbers",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
