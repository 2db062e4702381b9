"""A fear and a sign in one message: readers_16's near miss "im worried ill get numb legs if i do this too long, is
that a thing" pins urgent care (cauda equina), a calm fear read as a sign. A rule that read such fears as fears only
(s52) lost the signs below, told after a fear or feared to stay, so it was taken back: a false urgent on a fear costs
less than a missed sign. So was its second form (s53), which read a fear within its own clause and still lost signs
told after a fear of something else, on the next line, or with a time. A fear the words say is only feared ("I'm
afraid of ending up ...", "I don't want to end up ...") still pins nothing."""

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
        # A fear whose object is not the sign, then a present sign with no comma, a line break, a bracket or "…"
        # between them (s53 review of a rule that read a fear within its clause, since taken back).
        "worried this will cause damage numb saddle area",
        "im scared it will get serious numb groin",
        "scared this will cause nerve damage numb genitals",
        "worried itll get serious sadle numbness",
        "scared its going to cause paralysis numb bum and groin",
        "scared this will go bad tingling in saddle area",
        "worried ill get sciatica numb genitals",
        "worried this will cause damage\nnumb saddle area",
        "scared it will get serious\nnumb genitals",
        "worried this will cause damage (numb saddle area)",
        "worried it will get serious \u2026 numb groin",
        "scared it will get serious numb groin for 2 days",
        "scared it will get serious numb groin should i go to a&e",
        "my son is worried it will cause damage numb groin",
    ),
    ("bladder_or_bowel_trouble", CAUDA_EQUINA, URGENT): (
        "worried it may cause incontinence, leaking urine",
        "im worried it will cause bladder issues, peeing myself",
        "worried it will end up serious no bladder control",
        "worried this will become serious wet myself at work",
        "worried it will cause damage pee wont come out",
        "worried this will cause problems\nbladder wont empty",
    ),
    ("weakness_in_both_legs", CAUDA_EQUINA, URGENT): (
        "scared this will make the weakness in both legs spread",
        "scared it will cause damage weakness in both legs",
        "worried it could cause nerve damage legs giving way",
        "worried this will make my legs weaker",
    ),
    ("pulsing_in_belly", "warning_pulsing_belly", "see_clinician"): (
        "worried it could cause a problem throbbing in my belly",
        "worried it will cause damage pulsating belly",
    ),
    ("new_loss_of_strength", "warning_new_numbness_or_weakness", "see_clinician"): (
        "worried it will cause damage foot drop",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": ("I'm afraid of ending up with numb legs one day",),
    "bladder_or_bowel_trouble": ("I don't want to end up incontinent",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
