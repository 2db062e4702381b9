"""A sign placed years back in one clause and told again as present in another is a sign now: "had a fever years
ago. fever and back pain since friday" fired nothing, the long-over check cancelling the fever when any clause placed
it in the past. It now cancels it only when every clause that tells the sign places it there, or only says more of
that past (its cure, that it is over: "had a UTI two years ago, sorted with antibiotics"). Found by the lead with
that message; the rest by the helper signs2 (crp-facts.md section 5: fever, recent bacterial infection, major
trauma, see a clinician)."""

from support.help_signs import Sign, sign_tests

SEE_CLINICIAN = "see_clinician"

PINNED: dict[Sign, tuple[str, ...]] = {
    ("fever_or_chills", "warning_infection", SEE_CLINICIAN): (
        "had a fever years ago. fever and back pain since friday",
        "had a fever years ago, fever and back pain since friday",
        "i had a fever as a kid. now a fever and a sore back",
        "night sweats years ago. night sweats and back pain now",
        "years ago I had a fever. fever and back pain since monday",
        "fever last year with flu. a temperature and back pain since sunday",
    ),
    ("recent_bacterial_infection", "warning_infection", SEE_CLINICIAN): (
        "had a uti years ago. uti and back pain since tuesday",
        "pneumonia years ago. kidney infection and back pain since friday",
        "i had cellulitis years ago; cellulitis on my leg and a sore back since monday",
        "had sepsis in 2012, and an infection in my leg now and my back hurts",
    ),
    ("major_trauma", "warning_fracture", SEE_CLINICIAN): (
        "fell down the stairs years ago. fell down the stairs on friday and my back hurts",
        "car crash in 2010, car crash on friday and my back hurts",
        "I fell off my bike years ago. Fell off my bike on Sunday and hurt my back",
        "years ago I fell down the stairs. I fell down the stairs last night, back hurts",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "fever_or_chills": (
        "had a fever years ago, back is sore from gardening",
        "I had a fever years ago. it was a bad fever, years ago. back stiff",
    ),
    "recent_bacterial_infection": (
        "had a UTI two years ago, sorted with antibiotics",
        "had a uti years ago, cleared up with antibiotics, back is stiff",
        "pneumonia as a kid, took antibiotics, fine now",
        "had an infection years ago, antibiotics sorted it",
    ),
    "major_trauma": (
        "fell down the stairs years ago, fully recovered, back is a bit stiff",
        "a car accident years ago, the accident was not my fault, just stiffness",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
