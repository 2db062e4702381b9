"""readers_20's calm near miss that pinned urgent care in its first, blind run, a denial said "I'm not having any
bladder or bowel problems", now pins nothing: "not having any" and "haven't had any" deny as "no" and "never had any"
do, with the same guards, so the signs told beside such words ("until today", "except i leaked this morning", "but my
groin is numb") still pin theirs (crp-facts.md section 5). Its other near misses (legs "heavy and floppy ... in a nice
way", "a UTI last year that cleared up ..., can I still do this?", "a bit of a temperature two weeks ago") still pin
their warnings: a first reading of them as calm lost real signs in review (legs "floppy in a nice way but they
wouldnt hold me", "a uti that never really cleared up"), so it was taken back. The signs beside them pin here."""

from support.help_signs import Sign, sign_tests

URGENT = "urgent_care"
CAUDA_EQUINA = "warning_cauda_equina"
INFECTION = "warning_infection"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("bladder_or_bowel_trouble", CAUDA_EQUINA, URGENT): (
        "no bladder problems until today",
        "I'm not having any bladder problems until today, now I can't pee",
        "im not having any bladder or bowel problems except i leaked this morning",
        "havent had any bladder problems before this week, now i keep leaking",
        "I'm not having any bowel problems but I can't control my bladder",
        "not having any bladder or bowel problems up to now, today i cant go",
    ),
    ("saddle_numbness", CAUDA_EQUINA, URGENT): (
        "my legs are fine but i cant feel my bum",
        "I'm not having any bladder or bowel problems but my groin is numb",
        "haven't had any pain but I can't feel my saddle",
    ),
    ("weakness_in_both_legs", CAUDA_EQUINA, URGENT): (
        "heavy and floppy legs since the fall",
        "my legs feel heavy and floppy in a nice way but now they wont hold me up",
        "legs floppy in a nice way but they wouldnt hold me when i stood up",
        "my legs are floppy, not in a nice way",
        "my legs went floppy suddenly, like after a massage",
        "both legs weak and floppy after the session in a nice way",
        "not having any luck, my legs gave way",
    ),
    ("recent_bacterial_infection", INFECTION, "see_clinician"): (
        "I had a UTI last year and I still get them, can I still do this?",
        "had a uti last year, still on antibiotics, can I still do this?",
        "uti last year that never cleared up, can i still do this",
        "had a uti last year that never really cleared up, can i still do this?",
    ),
    ("fever_or_chills", INFECTION, "see_clinician"): (
        "UTI last week, now fever and back pain",
        "had a cold and a bit of a temperature two weeks ago, all better now and my back is fine, just want something "
        "to relax",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "bladder_or_bowel_trouble": (
        "I'm not having any bladder or bowel problems and my legs are fine, just general stiffness, is this ok to try",
        "I haven't had any bladder problems, just a tight lower back",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
