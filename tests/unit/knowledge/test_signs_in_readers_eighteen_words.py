"""Someone else's history asked for with "would it help him": readers_18's warning sign "my brother injects drugs
and now has awful back pain, could this position help him" pinned nothing, since a question asked for another person
("can he", "is it safe for my dad") was read as about their present only in those words, and "help him" was not one
of them, so the brother's drug use stayed his past. A question whether the rest would help them, with a pain they
have now or something lately, now is; their past alone, asked for ("would this help her relax"), stays theirs."""

from support.help_signs import Sign, sign_tests

SEE_CLINICIAN = "see_clinician"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("injecting_drugs", "warning_infection", SEE_CLINICIAN): (
        "my brother injects drugs and now has awful back pain, could this position help him",
        "my son injects heroin and now has a bad back ache, would lying like this help him",
        "my girlfriend injects drugs and now has back pain, will it help her",
    ),
    ("history_of_cancer", "warning_cancer", SEE_CLINICIAN): (
        "my dad had prostate cancer and now has back pain, would this help my dad",
    ),
    ("weakened_immune_system", "warning_infection", SEE_CLINICIAN): (
        "my wife had a kidney transplant and now has a sore back, might this help her",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    # their past, with no pain they have now nor anything lately
    "history_of_cancer": (
        "my sister had cancer years ago, would this help her relax",
        "my mum had breast cancer a long time back, could it help her sleep better",
    ),
    "injecting_drugs": ("my brother used to inject drugs, could this position help him unwind",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
