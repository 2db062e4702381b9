"""The levels the s50 review found wrong, in phrasings of their own: legs that "fall asleep" pinned nothing (neither
the urgent sign nor, passing on moving, "see a clinician"); numbness in both legs that goes when the person rolls
over, sits up or moves ("it all goes", "until she moves") was urgent care, where crp-facts.md section 5 says see a
clinician and stop the position; and a beat in the belly never had ("I've never had a strong beat in my tummy")
pinned the pulsing-belly warning."""

from support.help_signs import Sign, sign_tests

CAUDA_EQUINA = ("warning_cauda_equina", "urgent_care")
PASSES_ON_MOVING = ("warning_new_numbness_or_weakness", "see_clinician")
PULSING = ("pulsing_in_belly", "warning_pulsing_belly", "see_clinician")

PINNED: dict[Sign, tuple[str, ...]] = {
    ("changed_feeling_in_both_legs_that_passes_on_moving", *PASSES_ON_MOVING): (
        "both my legs fall asleep in the rest position until I move",
        "my dads legs both fall asleep in the position until he gets up",
        "my legs go numb and tingly on the floor, it all goes when I move",
        "my legs go numb and tingly when I lie on the floor, it goes when I roll over",
        "my legs go numb and tingly when I lie on the floor, it goes when I sit up",
        "both legs tingle in crp and it soon goes when I turn over",
        "my mums legs go numb and tingly on the floor, it all goes when she moves",
        "my wifes legs both go numb in crp until she gets up",
    ),
    ("changed_feeling_in_both_legs", *CAUDA_EQUINA): (
        "both my legs fall asleep in the rest position",
        "my legs fell asleep in crp yesterday and they're still asleep",
        "both my legs fall asleep in the rest position and stay asleep after I move",
        "my husbands legs both fell asleep lying down this morning",
        "my legs go numb and tingly when I lie on the floor and stay numb when I sit up",
        "my legs went numb when I rolled over",
        "my legs go numb in crp and stay numb until she gets up",
    ),
    PULSING: (
        "I've never had a strong beat in my tummy before",
        "I've never had a strong beat in my tummy like this",
        "I never had a strong beat in my tummy until last night",
        "I've never had a strong beat in my tummy, but I feel one now",
        "I never felt a pulse in my belly but since yesterday it throbs",
        "my mum has never had a strong beat in her tummy till today",
        "I didn't notice the throbbing in my belly at first",
        "I don't feel the pulse in my tummy all the time, only when I lie flat",
        "I've never had a strong beat in my tummy but my belly is throbbing when I lie down",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": (
        "I put my legs up and fall asleep in the position",
        "my legs feel heavy and I fall asleep",
        "my husband rests with his legs on the chair and he falls asleep",
    ),
    "changed_feeling_in_both_legs_that_passes_on_moving": ("I fall asleep in the rest position, is that ok",),
    "pulsing_in_belly": (
        "I've never had a strong beat in my tummy",
        "I don't feel any pulse in my belly, is that normal",
        "my dad has never had a strong beat in his tummy",
        "I havent felt my heartbeat in my stomach",
        "I dont get any throbbing in my stomach, just tight hips",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
