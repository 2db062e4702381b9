"""A sign said to have come, or grown, when the person moved is not one that passed on moving (the s51 review's
phrasings, on rules older than it): "I was fine until I got up, then my face drooped" read the stroke signs as
passing and pinned nothing; "it went worse when I moved" and "it went numb when I rolled over" read as the feeling
going. Numbness that does pass on moving keeps its levels (`test_legs_that_come_back_and_losses_denied_or_feared`)."""

from support.help_signs import Sign, sign_tests

STROKE: Sign = ("stroke_signs", "warning_emergency", "urgent_care")
BOTH_LEGS: Sign = ("changed_feeling_in_both_legs", "warning_cauda_equina", "urgent_care")
PASSING = "changed_feeling_in_both_legs_that_passes_on_moving"
PASSES: Sign = (PASSING, "warning_new_numbness_or_weakness", "see_clinician")

PINNED: dict[Sign, tuple[str, ...]] = {
    STROKE: (
        "I was fine until I got up, then my face drooped and my words came out wrong",
        "my face suddenly drooped and my arm went weak, I was fine until I got up",
        "I was ok until I stood up and my speech went slurred",
        "he felt alright till he sat on the edge of the bed, then his face drooped",
    ),
    BOTH_LEGS: (
        "everything was fine until I stood up and then both legs went numb",
        "both my legs went numb and it went worse when I moved",
        "I was fine until I got up off the mat, now both legs are numb",
        "both legs tingle in the position and it went worse after I moved",
    ),
    PASSES: (
        "my legs go numb after 10 minutes in the position and come back when I stand",
        "both my legs went numb in the rest and it went away as soon as I moved",
        "both legs pins and needles in crp, it went when I got up",
        "my feet and legs tingle on the floor until I move",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "stroke_signs": ("I was fine until I got up, then my back felt stiff",),
    "changed_feeling_in_both_legs": ("my legs felt fine until I got up and then they were a bit stiff",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
