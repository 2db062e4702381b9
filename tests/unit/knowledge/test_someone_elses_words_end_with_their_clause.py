"""What a message says of someone else ends with its clause: "my dad had cancer years ago, uti and back pain since
tuesday" and "my dad had cancer years ago, car crash on friday and my back hurts" fired nothing, the dad's words
(`_SOMEONE_ELSE`, up to ten words) running on over the writer's own next clause. A clause that goes on about them
("he had chemo") is still theirs. Found by the lead with those two messages; the rest by the helper signs2
(crp-facts.md section 5: see a clinician)."""

from support.help_signs import Sign, sign_tests

SEE_CLINICIAN = "see_clinician"
INFECTION = "warning_infection"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("recent_bacterial_infection", INFECTION, SEE_CLINICIAN): (
        "my dad had cancer years ago, uti and back pain since tuesday",
        "my dad had cancer years ago. uti and back pain since tuesday",
        "my dad had cancer years ago\nuti and back pain since tuesday",
        "my mum had a stroke, kidney infection and back pain this week",
        "my sister had sepsis last year, uti and a sore back since monday",
        "my son had tonsillitis, cellulitis on my leg and back pain",
    ),
    ("major_trauma", "warning_fracture", SEE_CLINICIAN): (
        "my dad had cancer years ago, car crash on friday and my back hurts",
        "my brother broke his leg years ago, fell down the stairs yesterday and my back hurts",
        "my wife had cancer, car accident last night, my back is killing me",
    ),
    ("fragile_bones_or_long_term_steroids", "warning_fracture", SEE_CLINICIAN): (
        "my dad had cancer years ago, on steroids for years and my back hurts",
    ),
    ("history_of_cancer", "warning_cancer", SEE_CLINICIAN): (
        "my dad had a stroke years ago, breast cancer in 2019 and back pain now",
    ),
    ("weakened_immune_system", INFECTION, SEE_CLINICIAN): ("my friend had covid, on methotrexate and my back aches",),
    ("injecting_drugs", INFECTION, SEE_CLINICIAN): (
        "my brother had a crash years ago, injecting heroin and back pain since friday",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "history_of_cancer": (
        "my dad had cancer years ago, back is stiff",
        "my dad had cancer years ago, he had chemo, my back is stiff",
        "my dad had cancer, his chemo was hard, I just want to unwind",
        "my sister had cancer, she is fine now, I am just stiff",
    ),
    "major_trauma": ("my brother fell off a ladder years ago, he broke his hip, my back is a bit stiff",),
    "recent_bacterial_infection": ("my son had a uti last year, it cleared with antibiotics, I'm just stiff",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
