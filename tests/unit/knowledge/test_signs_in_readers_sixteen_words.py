"""A fear and a sign in one message: readers_16's near miss "im worried ill get numb legs if i do this too long, is
that a thing" pins urgent care (cauda equina), a calm fear read as a sign. A rule that read such fears as fears only
(s52) lost the signs below, told after a fear or feared to stay, so it was taken back: a false urgent on a fear costs
less than a missed sign. A fear the words say is only feared ("I'm afraid of ending up ...", "I don't want to end up
...") still pins nothing."""

from support.help_signs import Sign, sign_tests

URGENT = "urgent_care"
CAUDA_EQUINA = "warning_cauda_equina"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("changed_feeling_in_both_legs", CAUDA_EQUINA, URGENT): (
        "scared I'll get numb legs, my legs are numb right now",
        "worried ill end up numb, both my legs feel numb",
        "im worried ill get numb legs again, both went numb yesterday",
        "worried this will make my numb legs worse",
        "I'm terrified it might be cauda equina, both my legs are numb",
        "worried it will give me numb legs, been numb for a week",
    ),
    ("saddle_numbness", CAUDA_EQUINA, URGENT): (
        "worried it will make my back worse, cant feel my bum",
        "nervous this is going to make it worse, my bum has gone numb since this morning",
        # A fear told before a sign in the next clause: the words carry no comma, so a fear's reach cannot be told
        # from the sign after it (s52 review of a rule that read these as fears only, since taken back).
        "worried this will cause damage, saddle area numb",
        "afraid I'll end up with nerve damage, saddle numbness",
        "scared it will get serious, numb bum for two days",
        "worried ill go numb in the saddle, it's numb",
        "worried this will make the numbness between my legs permanent",
    ),
    ("bladder_or_bowel_trouble", CAUDA_EQUINA, URGENT): (
        "worried it may cause incontinence, leaking urine",
        "im worried it will cause bladder issues, peeing myself",
    ),
    ("weakness_in_both_legs", CAUDA_EQUINA, URGENT): ("scared this will make the weakness in both legs spread",),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": ("I'm afraid of ending up with numb legs one day",),
    "bladder_or_bowel_trouble": ("I don't want to end up incontinent",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
