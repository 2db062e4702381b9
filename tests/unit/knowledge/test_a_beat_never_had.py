"""A beat in the belly the person says they never had or do not feel ("I've never had a strong beat in my tummy")
pinned the pulsing-belly warning (found by the s50 review); one that words after it say has come ("it started",
"its new", "suddenly", "before yesterday", "but now") still pins it (the s51 review's phrasings)."""

from support.help_signs import Sign, sign_tests

PULSING: Sign = ("pulsing_in_belly", "warning_pulsing_belly", "see_clinician")

PINNED: dict[Sign, tuple[str, ...]] = {
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
        "I never had a pulsing in my tummy, it started when I lay down for the rest",
        "i never felt a pulsing in my abdomen, its new",
        "I never had a pulse in my belly, it appeared last month",
        "my mum never had a pulse in her belly, suddenly she has",
        "never had the throbbing in my belly this time",
        "I never had a pulse in my tummy before yesterday",
        "I have never had a strong beat in my tummy, it's there every time I lie down",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "pulsing_in_belly": (
        "I've never had a strong beat in my tummy",
        "i have never had a pulse in my tummy, just curious if i should check",
        "I don't feel any pulse in my belly, is that normal",
        "my dad has never had a strong beat in his tummy",
        "I havent felt my heartbeat in my stomach",
        "I dont get any throbbing in my stomach, just tight hips",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
