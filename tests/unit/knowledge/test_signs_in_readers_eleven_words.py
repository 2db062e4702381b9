"""Messages an eleventh readers' part (bench/help_questions/readers_11) found read wrongly, and two a tenth part's
untouched half left (readers_10), told in words of their own: each pins, in crest ask, the warning sign its rule gives
(at the level crp-facts.md section 5 gives it), and a calm message does not fire the rule it was once mistaken for."""

from crest.services.help import help_search
from support.help_signs import Sign, sign_tests

# (rule, entry pinned, its level): messages that must fire the rule and pin that entry
PINNED: dict[Sign, tuple[str, ...]] = {
    ("bladder_or_bowel_trouble", "warning_cauda_equina", "urgent_care"): (
        # an accident in one's clothes or bed is urine or stool let go, not a crash
        "my dad had an accident in his trousers this morning and didn't notice, his back is bad",
        "I'm 45 and had an accident in the bed last night, back is killing me",
        "she's had two accidents in her underwear since her back went",
        # needing to go and next to nothing coming out
        "my husband says he has to go every hour now but only a little bit, not much comes out at all",
        "I feel the urge to go all the time but barely anything came out this morning",
    ),
    # a grip lost on a thing held in the hand, the hand named far from it or not at all
    ("new_loss_of_strength", "warning_new_numbness_or_weakness", "see_clinician"): (
        "since friday I couldn't grasp the kettle handle properly with my left hand, which is odd",
        "my mum can't grip her knife and fork any more, it came on this month",
    ),
    # breathless from fear is the body's own, not an idiom
    ("breathless_at_rest", "warning_emergency", "urgent_care"): ("lying here breathless from fear and I can't settle",),
    ("saddle_numbness", "warning_cauda_equina", "urgent_care"): (
        # numbness said after "for now" is there now
        "if I ever went numb down there I'd stop, I know, but for now it's my bottom that's numb",
        # numbness that stays after standing is still numbness
        "my backside was numb on the train until I got up, and it's still numb two hours later",
    ),
    # long-standing pain in a teenager, or old pain that changed lately, stays the cancer sign
    ("new_back_pain_under_20_or_over_50", "warning_cancer", "see_clinician"): (
        "I'm 16 and have had back pain for many years",
        "I'm 64 and have had back pain for thirty years but it's been different lately, much stiffer",
    ),
}
# rule: calm messages that must not fire it
NOT_FIRED: dict[str, tuple[str, ...]] = {
    "major_trauma": ("had an accident in my pants on the bus, so embarrassing",),
    "bladder_or_bowel_trouble": (
        "we had an accident with the paint on the landing carpet",
        "I have to go to work soon and nothing comes out of the tap upstairs",
    ),
    # breathless with a glad feeling is an idiom
    "breathless_at_rest": ("we're all breathless with anticipation for the new series lol",),
    "saddle_numbness": (
        # "for now" says nothing supposed has happened
        "if you ever get numb down below you should stop, I get it, but for now I'm just stiff",
        # numb only until one stands or moves (readers_10)
        "my bottom goes numb on long car journeys until I get out and walk, then it's fine",
    ),
    # back pain had for decades over 50, nothing new said of it (readers_10)
    "new_back_pain_under_20_or_over_50": (
        "I'm 67 and have had the odd backache for most of my adult life, nothing different",
        "I'm 58 and my lower back pain has been there for 15 years, same as always",
    ),
    "new_loss_of_strength": ("the mat can't grip anything on this laminate, it slides about",),
}


test_a_warning_sign_pins_its_entry_and_level, test_a_calm_message_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


def test_placebo_is_a_question_about_the_evidence() -> None:
    # "placebo" asks whether it really works (readers_10's untouched half had it answered by tracking_progress)
    question = "be honest, is the whole thing just placebo?"
    assert [answer.id for answer in help_search().answers(question)][:1] == ["does_it_work"]
