"""Someone else's history asked for with "would it help him": readers_18's warning sign "my brother injects drugs
and now has awful back pain, could this position help him" pins nothing, since a question asked for another person
("can he", "is it safe for my dad") is read as about their present only in those words. A rule that read "help him"
as such a question too (s54, 3bccefaf) was taken back after its read-only review: it read "lately" and "a pain now"
anywhere in the message, so the writer's own pain or "tonight" made the other person's past theirs (an aneurysm
repaired years ago pinned urgent care), and it let the other person's long-over past cancel the writer's own sign
(their old fall, their infection years ago). These keep each message at its level, for the next try."""

from support.help_signs import Sign, sign_tests

SEE_CLINICIAN = "see_clinician"

PINNED: dict[Sign, tuple[str, ...]] = {
    # the writer's own sign, beside someone else's long-over past asked for with "help"
    ("major_trauma", "warning_fracture", SEE_CLINICIAN): (
        "i was in a car crash, my back is sore. my dad had a bad fall years ago and has back pain now, would it "
        "help him",
        "i fell off a chair earlier. my wife fell too but shes fine, would it help her",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    # their past, with no pain they have now nor anything lately
    "history_of_cancer": (
        "my sister had cancer years ago, would this help her relax",
        "my mum had breast cancer a long time back, could it help her sleep better",
        "my husband had cancer years ago, would it help him relax tonight",
    ),
    "injecting_drugs": ("my brother used to inject drugs, could this position help him unwind",),
    # their past, repaired or over, beside the writer's own back pain now
    "pain_with_known_aneurysm": (
        "my grandad had an aneurysm repaired years ago, i have back pain now, would this help him as well",
    ),
    "cauda_equina_named": (
        "my friend had cauda equina surgery in 2015 and is fine, i have a sore back now, would it help her",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
