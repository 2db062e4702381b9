"""A carer or parent telling of someone else's fall or injury with a pain they have now, or beside fragile bones or
steroids they have now, is told the possible fracture's warning (crp-facts.md section 5: see a clinician) as the
person would be; their fall long over and healed, one that did no harm, their history alone, and their old fall told
beside the reader's own question stay calm. The rule is general: any history of theirs told with a pain they have
now warns as the person's own would ("my mum had breast cancer, her back hurts now")."""

from support.help_signs import Sign, sign_tests

FRACTURE = "warning_fracture"

# (rule, entry pinned, its level): messages that must fire the rule and pin that entry
PINNED: dict[Sign, tuple[str, ...]] = {
    # their fall, with a pain they have now, in any words and tense
    ("major_trauma", FRACTURE, "see_clinician"): (
        "my mum fell yesterday and her back is in agony",
        "My dad fell down this morning and his hip hurts",
        "my husband slipped on the ice last week and his lower back is really sore",
        "our son came off his bike and his neck is sore",
        "my grandad took a tumble on saturday, he is in a lot of pain",
        "me nan fell in the garden and her hip is killing her",
        "my wife fell on the stairs, she's in agony with her back",
        "my friend tripped over a kerb this morning and she is sore all down her back",
        "my friend fell off a horse and his back hurts badly",  # the rider's back, not the horse's
        "my son fell off the trampoline and his back really hurts",
        # a fall of theirs that hurt them
        "my gran fell and hurt her back, she has osteoporosis",
        "my husband fell and hurt his back, can I still do crp?",
        # misspelt
        "my hubby slipt on the ice and his back hurts",
        "my dad fell and his back is realy sore",
        "my wife tripped on the step and her bakc hurts",
    ),
    # their fall beside fragile bones or steroids they have now
    ("fragile_bones_or_long_term_steroids", FRACTURE, "see_clinician"): (
        "my gran has osteoporosis and fell yesterday, her back hurts",
        "my dad has osteoporosis and fell over in the kitchen today",
        "my mum fell over yesterday, she is on steroids for her asthma",
        "my gran slipped in the shower, she has brittle bones",
        "my mum has osteoperosis and fell yesterday",
        "my wife is on steroids for her asthma and her back aches",
    ),
    # steroids they take, and another history, with a pain they have now
    ("history_of_cancer", "warning_cancer", "see_clinician"): (
        "my mum had breast cancer, her back hurts now",
        "my dad had cancer years ago, his back hurts when he lies down, can he do crp?",
    ),
}

CALM = (
    # their fall long over and healed
    "my dad broke his hip years ago, he's fine now",
    "my wife fell off her horse last month, fully healed now. Can I do CRP on a yoga mat?",
    # their fall that did no harm
    "my son fell off the sofa, he's grand, not a scratch",
    "my son fell off the trampoline, not hurt at all, just laughing",
    # their pain denied
    "my mum fell yesterday but her back isn't sore at all",
    "my mum fell yesterday and she is in no pain",
    # their history alone
    "my mum had osteoporosis",
    "my grandad has osteoporosis, can I do crp for my back?",
    # their old fall beside the reader's own ordinary question
    "my dad fell off a ladder years ago but it healed; my back aches when I lie down, is crp ok for me?",
    "my mum fell last year and broke her wrist. is the constructive rest position good for neck tension?",
    "my mum slipped on the ice in 2019 and her back hurt for a week",  # her pain told in the past
    "my daughter fell over at nursery today, she was fine, no harm done. how long should I rest for?",
    "my dad had a fall two years ago, he's fine now; my hip aches, what do I do",
    # an animal's own fall
    "my horse fell and his leg hurts",
)

NOT_FIRED: dict[str, tuple[str, ...]] = {"major_trauma": CALM, "fragile_bones_or_long_term_steroids": CALM}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)
