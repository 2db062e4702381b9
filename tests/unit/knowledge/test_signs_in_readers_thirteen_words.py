"""Messages crest's help read as nothing at all (the lead's two, then a thirteenth readers' part,
bench/help_questions/readers_13), told in words of their own: each warning sign pins, in crest ask, the entry its rule
gives (at the level crp-facts.md section 5 gives it), and a calm message does not fire the rule it could be mistaken
for."""

import pytest

from crest.services.help import help_search
from support.help_signs import Sign, sign_tests

# (rule, entry pinned, its level): messages that must fire the rule and pin that entry
PINNED: dict[Sign, tuple[str, ...]] = {
    # losing control of the bladder or bowels in every tense, "lose" and "loses" as "lost" and "losing"
    ("bladder_or_bowel_trouble", "warning_cauda_equina", "urgent_care"): (
        "what do I do if I lose control of my bladder? it happened this morning",
        "I lose control of my bladder when I stand up now, is that the back?",
        "what should I do when I lose control of my bowels, it happened last night",
        "asking for my mum, she loses control of her bladder since her back went",
        "i lose controll of my bladder since monday",
        "Do I keep doing the rest if I lose all control of my bladder? happened twice yesterday",
        "how come I lose control of my waterworks since the weekend",
        "my dad loses all control of his bowels since his fall, what should we do",
        "I lost control of my bladder last night and my back is bad",
        "I keep losing control of my bladder this week",
        "should I stop if I lose the control of my bowels? asking because it's happened today",
        # Scots negatives read as English
        "the pee willnae come this morning and my back's bad",
        "I cannae control my bladder since Monday",
    ),
    # numbness said without a place that stays: "hasn't gone", "won't go away", "is still there"
    ("new_numbness_or_weakness_said_plainly", "warning_new_numbness_or_weakness", "see_clinician"): (
        "the numbness came back on my walk this morning and it still hasn't gone",
        "the numbness hasn't gone away since last night",
        "the numbness came back yesterday and won't go away",
        "is it normal that the numbness doesn't go away after the session?",
        "the numbnes came back when I got up and hasnt gone",
        "the numbness is still there this morning",
        "asking for my mum, the numbness she had came back and it's not going away",
        "the numbness keeps coming back when I walk",
        "since the rest yesterday the numbness has stayed",
        "there's a numb feeling that hasn't passed since my walk",
        "the loss of feeling didn't go away for hours after I got up",
    ),
    # "lose" and "loses" said of feeling and strength too
    ("new_loss_of_feeling", "warning_new_numbness_or_weakness", "see_clinician"): (
        "my husband loses the feeling in his hand when he walks",
        "I cannae feel my left leg since yesterday",
        # a part of a limb not felt
        "I can't feel the top of my foot since Sunday",
        "she can't feel the outside of her leg any more",
        "cannot feel the tips of my fingers this week",
    ),
    ("new_loss_of_strength", "warning_new_numbness_or_weakness", "see_clinician"): (
        "I lose strength in my right arm since last week",
    ),
    # the toilet in the words of other Englishes: the CR or comfort room, the washroom, the restroom
    ("lost_bowel_or_bladder_sensation", "warning_cauda_equina", "urgent_care"): (
        "my nan can't tell anymore when she needs the comfort room, and her back is sore",
        "he doesn't feel when he needs the washroom since his back went",
        "since tuesday I don't know when I need the CR",
        "I cant feel when i need the restroom any more",
    ),
    # little or no improvement in other words, said of the pain or the back
    ("no_improvement_after_a_month", "warning_cancer", "see_clinician"): (
        "three months of back pain and zero improvement",
        "my back has had hardly any improvement in six weeks",
        "no real relief from the back ache after two months of this",
        "nil improvement in my sciatica for months",
    ),
    # asked for someone with a pain they have now: their history is read
    ("injecting_drugs", "warning_infection", "see_clinician"): (
        "my son injects heroin and has terrible back pain now, what should he do?",
        "asking for my brother, he injects drugs and is in a lot of pain now",
    ),
    # a fall long over, or one with no harm said, still warns with a pain now
    ("major_trauma", "warning_fracture", "see_clinician"): (
        "years ago I came off my bike, it healed, now I want to know why my back hurts again since Monday",
        "I fell off the couch yesterday and I'm grand but my back hurts",
    ),
}

# messages that must not fire the rule they could be mistaken for
NOT_FIRED: dict[str, tuple[str, ...]] = {
    "bladder_or_bowel_trouble": (
        # a Scots denial is a denial
        "I dinnae have any bladder problems, just a sore back",
        # a present tense denied, a supposition, a past long over
        "I don't lose control of my bladder or anything, just a stiff back",
        "what should I do if I ever lose control of my bladder?",
        "what would happen if I lost control of my bladder during it, hypothetically?",
        "if I ever lost control of my bladder I'd go straight to A&E",
        "years ago after my second baby I lost control of my bladder for a while, fully recovered now",
        "she never loses control of her bladder, she just can't get down to the floor",
    ),
    "new_numbness_or_weakness_said_plainly": (
        "the numbness has gone and hasn't come back",
        "the numbness went away when I stood up",
        "years ago I had numbness that didn't go away for weeks, but it's fully healed now",
        "no numbness at all, my back just stays stiff",
        "what would I do if the numbness ever stayed? hypothetically",
        "the numbness wore off the moment I got up",
        # another complaint stays, not the numbness
        "the numbness went quickly but the ache in my back hasn't gone",
    ),
    # a feeling that did not "go away" is no urge to go to the toilet
    "lost_bowel_or_bladder_sensation": (
        "the loss of feeling in my foot didn't go away for hours",
        # the toilet's other names, with nothing wrong said
        "where is the CR in the studio?",
        "can I do the rest on the washroom floor?",
    ),
    "new_loss_of_feeling": ("I want to lose the feeling of tension in my shoulders",),
    "no_improvement_after_a_month": ("months of doing this and hardly any progress with my posture",),
    "injecting_drugs": (
        "my dad used to inject drugs in his twenties, can he do the rest?",
        "my brother injects drugs, is it safe for him to try this?",
    ),
    "major_trauma": (
        # "now I want to ..." is a wish, not the present
        "years ago I fell off my bike and hurt my back but it healed completely, now I just want to unwind",
        # "grand": fine, said of oneself or of someone else
        "my wee lad fell off the sofa this morning but he's grand, giggling away",
        "I fell off the couch yesterday but I'm grand",
    ),
}

test_pins_its_entry_and_level, test_does_not_fire_the_rule = sign_tests(PINNED, NOT_FIRED)


@pytest.mark.parametrize(
    "question",
    [
        "how do I get up at the end? yesterday I sat bolt upright and pulled something",
        "what's the proper way up afterwards, I sat straight up and it twinged",
    ],
)
def test_sitting_up_asks_about_getting_up(question: str) -> None:
    # "sat straight up" is the way up ("sitting"), not the head looking "straight up" (readers_13 had the towel first)
    assert [answer.id for answer in help_search().answers(question)][:1] == ["getting_up"]
