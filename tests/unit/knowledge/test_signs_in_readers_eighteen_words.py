"""Someone else's history asked for with "would it help him": readers_18's warning sign "my brother injects drugs
and now has awful back pain, could this position help him" pinned nothing, since a question asked for another person
("can he", "is it safe for my dad") was read as about their present only in those words. A first rule that read "help
him" so (s54, 3bccefaf) was taken back after its read-only review: it read "lately" and "a pain now" anywhere in the
message, so the writer's own pain or "tonight" made the other person's past theirs (an aneurysm repaired years ago
pinned urgent care), and it let the other person's long-over past cancel the writer's own sign. Now the question
counts only where that person's own words say a pain they have or something that happened to them lately, those words
are read apart from the writer's, by the six rules of a person's history only, and the writer's own reading is
unchanged. Its review (s55) found four ways a calm message still warned, each kept calm here (`CALM`): a pain denied
or not a pain ("has never had back pain", "painting", "a real pain"), any day of theirs taken for something that
befell them ("went shopping today"), and someone else's words, or the writer's own without "I", read as theirs."""

import pytest

from crest.services.help import help_search
from support.help_signs import Sign, sign_tests

SEE_CLINICIAN = "see_clinician"

PINNED: dict[Sign, tuple[str, ...]] = {
    # someone else's history, with a pain they have now in their own words, asked "would it help them"
    ("injecting_drugs", "warning_infection", SEE_CLINICIAN): (
        "my brother injects drugs and now has awful back pain, could this position help him",
        "could this position help my brother, he injects drugs and has had back pain since last week",
        "would it be helpful for my brother, he injects drugs and now has back pain",
        # "hlep" read as "help" with its typo fixed
        "could this position hlep him my brother injects drugs and now has awful back pain",
    ),
    ("history_of_cancer", "warning_cancer", SEE_CLINICIAN): (
        "would it help my dad, he had prostate cancer and now has back pain",
        "would it help my dad with his back pain, he had cancer years ago",
    ),
    ("weakened_immune_system", "warning_infection", SEE_CLINICIAN): (
        "could this help my wife, she had a kidney transplant and has got back pain now",
        "does it help my sister, she had a transplant and has pain in her back",
    ),
    ("recent_bacterial_infection", "warning_infection", SEE_CLINICIAN): (
        "my daughter had pneumonia this week and now has back pain, would it help my daughter",
        "would it help my daughter, she had a kidney infection this week and has back ache",
        # the writer's own sign, beside someone else's long-over past
        "i have a uti. my sister had a uti years ago and has got back pain now, would it help my sister",
    ),
    ("fragile_bones_or_long_term_steroids", "warning_fracture", SEE_CLINICIAN): (
        "my partner has been on steroids for years and now has back ache, would it help my partner",
    ),
    ("major_trauma", "warning_fracture", SEE_CLINICIAN): (
        # their fall or crash lately, said of them
        "my mum fell on the ice today, would it help her",
        "my dad was in a car crash this morning, would the position help my dad",
        "would it help my wife, she slipped on the ice this morning",
        "would it help my brother, he was hit by a car yesterday",
        # the writer's own sign, beside someone else's long-over past asked for with "help"
        "i was in a car crash, my back is sore. my dad had a bad fall years ago and has back pain now, would it "
        "help him",
        "i fell off a chair earlier. my wife fell too but shes fine, would it help her",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "history_of_cancer": (
        # their past, with no pain they have now nor anything lately
        "my sister had cancer years ago, would this help her relax",
        "my mum had breast cancer a long time back, could it help her sleep better",
        "my husband had cancer years ago, would it help him relax tonight",
        "would it help my mum sleep tonight, she had cancer years ago",
        # the writer's pain or day, not theirs
        "my mum had cancer 20 years ago, i have back pain now, would it help her too",
        "my dad had cancer years ago, i read about crp today, would it help him",
        # "help" of another sense
        "please help. my dad had cancer years ago and i have got back pain now",
        "god help him, my dad had cancer years ago, my back hurts today",
        # not their history: a workplace, a pet's, a fear
        "would it help my daughter, she works in a cancer ward and has back pain now",
        "would it help my friend, her dog had cancer and she has back pain now",
        "would it help my mum, she is scared of getting cancer, she has back pain now",
        # someone else's words than those of the person asked for; a pain denied
        "could this help my mum, my dad had cancer and now has back pain",
        "would it help my dad, he had cancer years ago and hasnt got any back pain",
    ),
    "injecting_drugs": (
        "my brother used to inject drugs, could this position help him unwind",
        "can you help? my brother injects drugs and i have back pain now",
        "would it help my son, his friends inject drugs, he has back pain now",
        "my brother used to inject drugs years ago, clean now, i hurt my back this morning, could this help him too",
    ),
    "fragile_bones_or_long_term_steroids": (
        "i help my mum every day, she is on steroids long term, i have got back pain now",
    ),
    "recent_bacterial_infection": (
        "my mum had sepsis years ago, would doing this this evening help her relax",
        # their own infection long over: theirs to cancel, as it would be the writer's
        "would it help my dad, he had a uti years ago and now has back pain",
    ),
    "major_trauma": ("would it help my dad get up off the floor, he fell this morning",),
    # their past, repaired or over, beside the writer's own back pain now: never read by these three
    "pain_with_known_aneurysm": (
        "my grandad had an aneurysm repaired years ago, i have back pain now, would this help him as well",
    ),
    "cauda_equina_named": (
        "my friend had cauda equina surgery in 2015 and is fine, i have a sore back now, would it help her",
    ),
}

# The review's four (s55), by the rule each warned by: calm, no warning sign at all.
CALM: dict[str, tuple[str, ...]] = {
    "history_of_cancer": (
        # 1. a pain denied, or free of it
        "could this help my mum, she had breast cancer but has never had back pain",
        "is it helpful for my sister, she had chemo last year and has been pain free since",
        # 2. words that hold a pain's without being one
        "would it help my dad, he had cancer years ago and has started painting again",
        "would it help my wife, she had chemo and has got painkillers from her gp just in case",
        # 3. any day of theirs, or their past placed "earlier in life"
        "would it help my mum, she had breast cancer and she went shopping today",
        "could this help my sister, she had cancer earlier in life and is fine now",
        # 4. someone else's pain, or the writer's own without "I" after a sentence's end, a typo fixed or not
        "my dad had cancer years ago, the neighbour has back pain now, would it help him",
        "my wife had cancer, mrs smith next door has back pain now, would it help her",
        "My dad had cancer years ago, John has back pain now, would it help him",
        "My mum had cancer years ago. Got back pain since Friday, would it help her too",
        "My mum had cancer years ago. Got back pian since Friday, would it help her too",
    ),
    "weakened_immune_system": (
        "would it help my wife, she had a kidney transplant and has not got any pain",
        "would it help my wife, she had a transplant years ago and she started a new job today",
        "My husband had a transplant in 2010. Have back pain now, would it help him too",
    ),
    "injecting_drugs": (
        "would it help my brother, he injects drugs but has zero pain",
        "would it help my husband, he injects drugs and has been a real pain to live with",
        "could it help my son, he injects heroin and has hurt his girlfriend",
        "my son injects drugs, his teacher has back pain now, would it help him",
        "my brother injects drugs and the lodger has awful back pain now, would it help him",
    ),
    "fragile_bones_or_long_term_steroids": (
        "could this help my gran, she has osteoporosis and has no aches",
        "could it help my gran, she is on steroids long term and has a burning desire to try yoga",
        "my wife was on steroids years ago, she retired on friday, would it help her",
    ),
    "major_trauma": ("my son had a car accident ten years ago, he started a new job today, would it help him",),
    "recent_bacterial_infection": ("my partner had sepsis in 2015, he was at the gym tonight, would it help him",),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(
    PINNED, {rule: NOT_FIRED.get(rule, ()) + CALM.get(rule, ()) for rule in NOT_FIRED | CALM}
)


@pytest.mark.parametrize("question", [said for each in CALM.values() for said in each])
def test_calm_stays_calm(question: str) -> None:
    assert help_search().warning_sign(question) is None
