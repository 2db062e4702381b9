"""A loss foreseen ("I might lose", "I'll lose", "will I lose", "going to lose") that the message says has happened
warns, as a loss feared ("scared of losing") always did: "im scared i might lose control of my bladder again, it
happened on monday" fired nothing, read as a loss only foreseen despite "again" and "it happened on monday". Found by
the lead with that message; the rest of the family (a time, "already", "since", "I did", another sentence) by the
helper signs2. A loss only foreseen still does not warn."""

from support.help_signs import Sign, sign_tests

URGENT = "urgent_care"
CAUDA_EQUINA = "warning_cauda_equina"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("bladder_or_bowel_trouble", CAUDA_EQUINA, URGENT): (
        "im scared i might lose control of my bladder again, it happened on monday",
        "im scared ill lose control of my bladder again",
        "im scared i might lose control of my bladder, it happened on monday",
        "worried i might lose control of my bladder, already happened once",
        "afraid ill lose control of my bowels like yesterday",
        "im worried i might lose control of my bladder, it did last week",
        "worried ill lose control of my bladder since it went last week",
        "scared i might lose control of my bladder. It happened on Monday.",
        "im scared im gonna lose control of my bowels again, happened on sunday",
        "will i lose control of my bladder again? it happened on monday",
        "she might lose control of her bladder again, it happened last night",
        "he might lose control of his bowels again, it happened 2 days ago",
        "i'm scared i'll lose control of my bladder, last week i did",
    ),
    ("changed_feeling_in_both_legs", CAUDA_EQUINA, URGENT): (
        "scared i might lose feeling in my legs again, it happened on monday",
        "worried ill lose the feeling in my legs again like yesterday",
    ),
    ("weakness_in_both_legs", CAUDA_EQUINA, URGENT): (
        "worried ill lose strength in my legs again, it happened on monday",
        "scared i might lose strength in both legs again, already happened twice",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "bladder_or_bowel_trouble": (
        "im scared i might lose control of my bladder one day",
        "im worried ill lose control of my bladder when im old like my nan",
    ),
    "new_loss_of_feeling": ("could i lose feeling in my legs if i do this too long?",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
