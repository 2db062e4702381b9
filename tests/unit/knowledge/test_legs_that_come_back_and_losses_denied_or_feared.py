"""Three kinds of calm words crest ask read as urgent (the lead's brief, s50): both legs numb in the position that come
back when the person stands (crp-facts.md section 5: any new loss of feeling, see a clinician; stop if the position
brings on symptoms; only numbness that stays, or comes with a first-group sign, is urgent), a loss denied in the past
("I've never lost control of my bladder, just stiff") and a loss only feared ("I'm scared of losing control of my
bladder"). Each is tried with the same words telling of a real sign: present, recent, or a relative's."""

from crest.services.help import ask
from support.help_signs import Sign, sign_tests

CAUDA_EQUINA = ("warning_cauda_equina", "urgent_care")
SEE_A_CLINICIAN = ("warning_new_numbness_or_weakness", "see_clinician")

PINNED: dict[Sign, tuple[str, ...]] = {
    ("changed_feeling_in_both_legs_that_passes_on_moving", *SEE_A_CLINICIAN): (
        "my legs go numb after 10 minutes in the position and come back when I stand",
        "my legs go numb after 10 minutes in the position and it goes away when I stand",
        "both legs go numb after 10 minutes and it goes away when I move",
        "my legs tingle in the position and come back to normal when I get up",
        "my mum's legs go numb in the position and come back when she stands",
    ),
    ("changed_feeling_in_both_legs", *CAUDA_EQUINA): (
        "my legs go numb in the position",
        "my legs go numb after 10 minutes in the position and stay numb when I stand",
        "my legs go numb in the position and come back when I stand but since yesterday they stay numb",
        "my legs went numb in the position and didn't come back when I stood up",
        "my legs went numb in the position and came back when I stood up, but now they're numb again",
        "the numbness in my legs came back when I stood up",
        "I have lost feeling in both legs",
        "she has lost feeling in both legs",
        "I've never lost feeling in my legs until this week",
        "I'm worried about losing feeling in my legs, they went numb yesterday",
        "I'm worried about losing the feeling in my legs, they've been numb since Monday",
    ),
    # a first-group sign beside legs that come back: the higher level wins
    ("saddle_numbness", *CAUDA_EQUINA): (
        "my legs go numb after 10 minutes in the position and come back when I stand, and I can't feel my bum",
    ),
    ("bladder_or_bowel_trouble", *CAUDA_EQUINA): (
        "my legs go numb in the position and come back when I stand, and I've wet myself",
        "I lost control of my bladder",
        "I had never lost control of my bladder before yesterday",
        "I've never lost control of my bladder until this week",
        "I've never lost control of my bladder before, it happened today",
        "I haven't lost control of my bladder till now, but I wet myself today",
        "I'm losing control of my bowels",
        "my mum has lost control of her bladder",
        "I'm scared of losing control of my bladder, it happened twice this week",
        "I'm scared of losing control of my bladder again",
        "I'm scared because I keep losing control of my bladder",
        "I'm scared I'm losing control of my bladder",
        "my mum is scared she's losing control of her bladder",
        "I'm scared of losing control of my bladder and I've had a few leaks",
        "terrified of losing control of my bowels, I had an accident in my pants this morning",
    ),
    ("weakness_in_both_legs", *CAUDA_EQUINA): (
        "my legs go numb and come back when I stand, and both legs are getting weaker",
    ),
    ("lost_bowel_or_bladder_sensation", *CAUDA_EQUINA): (
        "I've not lost control of my bladder but I can't feel when I need to go",
    ),
}

NOT_FIRED: dict[str, tuple[str, ...]] = {
    "changed_feeling_in_both_legs": (
        "my legs go numb after 10 minutes in the position and come back when I stand",
        "my legs tingle in the position and come back to normal when I get up",
        "my mum's legs go numb in the position and come back when she stands",
        "I have never lost feeling in my legs",
        "I've not lost any feeling in my legs",
        "I'm worried about losing feeling in my legs",
        "both my legs went numb on the long flight but they came back as soon as I walked down the aisle",
    ),
    "changed_feeling_in_both_legs_that_passes_on_moving": (
        "my feet went a bit numb lying there but it went as soon as i moved them",
        "one leg goes numb after 10 minutes and it goes away when I move",
        "pins and needles in my legs from sitting on them, gone after a minute",
        "my legs tingle a bit at the start and it goes",
        "my legs go warm and tingly in a nice way and it goes when I get up",
        # a sit, not the position
        "both my legs went numb on the long flight but they came back as soon as I walked down the aisle",
        "both my thighs go numb on the hard chair, I stand up and it's gone",
    ),
    "bladder_or_bowel_trouble": (
        "I've never lost control of my bladder, just stiff",
        "I haven't lost control of my bladder or anything, just a stiff back",
        "I didn't lose control of my bladder, I just needed the loo badly",
        "I'm scared of losing control",
        "I'm scared of losing control of my bladder",
        "I'm scared of losing control of my bowels if I relax too much",
        "I'm afraid of losing control of my bladder like my mum did",
        "I'm not losing control of my bowels, it's just wind",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


def test_legs_that_come_back_on_standing_are_told_to_stop_and_see_a_clinician_not_urgent_care() -> None:
    reply = ask("my legs go numb after 10 minutes in the position and come back when I stand")
    assert [(sign.id, sign.level) for sign in reply.warnings] == [SEE_A_CLINICIAN]
    [sign] = reply.warnings
    assert (
        "If the position brings it on, stop" in sign.text
        and "unless it came on in the position and passed within minutes of standing" in sign.text
    )
    assert reply.answers[0].id == "pain_during_session"  # "Stop if the position ... brings on a symptom"


def test_feared_or_denied_losses_pin_nothing() -> None:
    for calm in ("I've never lost control of my bladder, just stiff", "I'm scared of losing control of my bladder"):
        assert ask(calm).warnings == []


# Found by the lead's review of the rules above: a denial or a fear that the same message says came true, legs that
# come back numb, and the numbness (not the feeling) coming back, each read as calm or only "see a clinician".
STILL_URGENT = (
    "I didn't lose control of my bladder until last night",
    "she didn't lose control of her bowels till yesterday",
    "she didnt lose control of her bladder till this week",
    "I have never lost control of my bladder like this, what is going on",
    "I've never lost control of my bowels like that, it just happened",
    "I had never lost control of my bladder in my whole life, but it happened today",
    "my dad never lost control of his bladder in his life and he wet himself twice today",
    "both my legs came back numb when I stood up",
    "my legs come back numb after I walk",
    "my feet and legs went numb in the position and came back numb when I stood",
    "numbness in both legs then numbness came back after I moved",
    "both legs went numb last week and numbness came back when I stood up today",
    "numbness in my legs and feet came back when I stood up",
    "the numbness down both legs came back when I walked",
    "the tingling down both legs came back after I walked to the kitchen",
    "my dad is afraid of losing his legs they are both numb and weak",
    "I'm afraid of losing control of my bladder because I can't feel when it's full anymore",
)
# A beat that is not one felt in the belly: a heart that skips or misses one, a pause, music.
NO_BEAT_IN_THE_BELLY = (
    "my heart is skipping a beat and my tummy feels fluttery when I lie down",
    "my heart missed a beat and then my stomach churned",
    "should I wait a beat before breathing into my belly",
    "hold for a beat then let your tummy soften",
    "I have a funny beat in my chest and my stomach is upset",
    "I have a steady beat of music on while I rest, my belly rises and falls",
)


def test_a_denial_or_fear_said_to_have_come_true_and_legs_that_come_back_numb_stay_urgent() -> None:
    calm_or_less = [said for said in STILL_URGENT if "urgent_care" not in {sign.level for sign in ask(said).warnings}]
    assert calm_or_less == []


def test_a_beat_not_felt_in_the_belly_pins_nothing() -> None:
    assert [said for said in NO_BEAT_IN_THE_BELLY if ask(said).warnings] == []
