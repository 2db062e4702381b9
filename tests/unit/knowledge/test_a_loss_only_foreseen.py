"""'Lose' said of the present warns ("I lose control of my bladder when I cough", dccca9d4); a loss only foreseen or
wondered about does not: the fear ("I'm scared I'll lose control"), the question about the future ("will I lose
strength if I rest too much?", "would I lose feeling in my feet"), the wish not to ("how do I not lose feeling") and
the question about people in general ("do people lose the urge to pee lying down?"). Found by the lead's review of
dccca9d4 with these messages, each of which pinned a warning sign after it and none before."""

from support.help_signs import Sign, sign_tests

URGENT = "urgent_care"
CAUDA_EQUINA = "warning_cauda_equina"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("bladder_or_bowel_trouble", CAUDA_EQUINA, URGENT): (
        "what should I do if I lose control of my bladder? asking because it happened yesterday",
        "I lose control of my bladder when I cough since my back went",
        "my mum loses control of her bladder since her fall",
        "i lose control of my bowels sometimes now, ever since my back went",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "bladder_or_bowel_trouble": (
        "I'm scared I'll lose control of my bladder one day",
        "will I lose control of my bladder if I lie on the floor too long?",
    ),
    "new_loss_of_strength": (
        "will I lose strength in my legs if I rest too much?",
        "might lose strength in my legs if I stop the gym, is crp enough?",
    ),
    "new_loss_of_feeling": (
        "how do I not lose feeling in my legs during the rest",
        "would I lose feeling in my feet if I lie too long",
        "am I going to lose feeling in my legs doing this every day?",
    ),
    "lost_bowel_or_bladder_sensation": ("do people lose the urge to pee when lying down?",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
