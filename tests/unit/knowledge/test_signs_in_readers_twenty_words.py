"""readers_20's calm near misses that pinned a warning (its first, blind run): a denial said "I'm not having any
bladder or bowel problems" (urgent care), legs "heavy and floppy ... in a nice way, like after a massage" (urgent
care) and "a UTI last year that cleared up with antibiotics, no problems since, can I still do this?" (see a
clinician, its "still" read as the infection's) now pin nothing; the signs beside such words still pin theirs
(crp-facts.md section 5). Its fourth, "a bit of a temperature two weeks ago, all better now", still pins see a
clinician: a fever within weeks is recent, and crest errs on the side of caution."""

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
    ),
    ("weakness_in_both_legs", CAUDA_EQUINA, URGENT): (
        "heavy and floppy legs since the fall",
        "my legs feel heavy and floppy in a nice way but now they wont hold me up",
        "my legs feel floppy like after a massage and they stayed like that for hours",
        "my legs are floppy, not in a nice way",
        "my legs went floppy suddenly, like after a massage",
        "both legs weak and floppy after the session in a nice way",
    ),
    ("recent_bacterial_infection", INFECTION, "see_clinician"): (
        "I had a UTI last year and I still get them, can I still do this?",
        "had a uti last year, still on antibiotics, can I still do this?",
        "had pneumonia last year and a chest infection on monday, can I still do this",
        "had a uti last year that cleared up, and a kidney infection since friday, can I still do this",
        "uti last year that never cleared up, can i still do this",
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
    "weakness_in_both_legs": (
        "my legs feel heavy and floppy after the session in a nice way, like after a massage",
        "my legs go lovely and floppy after the rest",
    ),
    "new_loss_of_strength": ("my legs feel heavy and floppy after the session in a nice way, like after a massage",),
    "recent_bacterial_infection": (
        "I had a UTI last year that cleared up with antibiotics, no problems since, can I still do this?",
        "had pneumonia in 2019, all better, can i still do this",
    ),
    "major_trauma": ("fell down the stairs years ago, fully recovered, can I still do this?",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
