"""A loss only foreseen ("will i lose", "might lose", "ill lose", "gonna lose") beside a sign told now ("numbness in
saddle area", "leaking urine", "weak legs", "pain wakes me at night") keeps that sign at its level: the foreseeing
words are not read (nor the loss, until the message says it has happened), and nothing after them is dropped with
them. And the writer's own fall, crash or infection told after someone else's history, in a clause that names more
people ("a friend of ours and us"), keeps its warning: someone else's words are dropped by clause only to find more of
the writer's signs, never fewer than dropped whole (crp-facts.md section 5). Every message here was read as calm by a
first form of those two changes (c060f7af, fc52e717), as a read-only review found."""

from support.help_signs import Sign, sign_tests

PINNED: dict[Sign, tuple[str, ...]] = {
    ("bladder_or_bowel_trouble", "warning_cauda_equina", "urgent_care"): (
        "might lose bladder control, leaking urine",
        "gonna lose bladder control, leaking urine",
    ),
    ("changed_feeling_in_both_legs", "warning_cauda_equina", "urgent_care"): (
        "will i lose feeling, numb legs both sides",
        "might lose feeling numbness both legs",
        "might lose sensation, tingling in both legs and feet",
        "ill lose feeling, pins and needles both legs",
    ),
    ("fever_or_chills", "warning_infection", "see_clinician"): ("i might lose weight, fever, chills",),
    ("major_trauma", "warning_fracture", "see_clinician"): (
        "my dad had cancer, a friend of ours recommended this and we both fell off a ladder on saturday, back agony",
        "my gran had cancer, the other day a friend and us got in a car crash, back and neck agony",
        "my wife had cancer. on friday a friend of ours and us were in a bad car crash, neck and back hurt",
    ),
    ("new_loss_of_strength", "warning_cauda_equina", "urgent_care"): ("might lose grip, weak legs",),
    ("new_loss_of_strength", "warning_new_numbness_or_weakness", "see_clinician"): (
        "ill lose strength, leg weakness getting worse",
    ),
    ("night_pain", "warning_cancer", "see_clinician"): ("im going to lose sleep, pain wakes me at night",),
    ("recent_bacterial_infection", "warning_infection", "see_clinician"): (
        "my dad had cancer, the kids and a friend and us all got a kidney infection on monday, back pain",
    ),
    ("saddle_numbness", "warning_cauda_equina", "urgent_care"): (
        "i think i might lose control, numbness in saddle area",
        "will i lose bowel control, saddle numbness",
        "might lose control!! saddle area numb",
        "im gonna lose control... saddle feels numb",
        "ill lose control?? numb saddle region",
        "will i lose bowel control. numb bum & groin",
        "i might lose bowel function, numb groin area",
        "will i lose sensation - numb between my legs",
        "will i lose control?\nnumb saddle",
        "WILL I LOSE CONTROL, SADDLE NUMBNESS",
        "i might lose control (numbness in saddle area)",
        "might lose bowel control: saddle anaesthesia",
        "could i lose control... numb bum cheeks and groin",
    ),
    ("weakness_in_both_legs", "warning_cauda_equina", "urgent_care"): (
        "will i lose strength? legs giving way both sides",
        "would i lose strength - weakness in both legs",
        "will i lose strength, legs weak both sides",
    ),
}

test_pins_its_entry_and_level, _ = sign_tests(PINNED, {})
