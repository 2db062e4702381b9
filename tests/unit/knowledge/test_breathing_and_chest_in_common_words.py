"""Difficulty breathing and a crushed or squeezed chest said in common words (walk_safety M1, 6 Dec 2026): NHS's own
words for when to call 999 pin "call your emergency number now" in crest ask and a check-in note; a way of breathing,
a chest sore from coughing, breathlessness on the stairs, a tight chest alone, idioms and denials pin nothing urgent."""

import pytest

from crest.services.help import help_search

DIFFICULT_BREATHING = (
    "my mum is having difficulty breathing on the mat",
    "finding it really hard to breathe lying here",
    "I can barely breathe since I got down on the floor",
    "he can hardly catch his breath",
    "her breathing is laboured and fast",
    "my breathing has got very difficult tonight",
    "laboured breathing after the rest, is that ok",
)
PRESSED_CHEST = (
    "a crushing chest feeling since I lay down",
    "my chest feels like it is being squeezed",
    "out of nowhere my chest went tight",
)


@pytest.mark.parametrize(
    ("rule", "question"),
    [("cannot_breathe", q) for q in DIFFICULT_BREATHING] + [("chest_pain", q) for q in PRESSED_CHEST],
)
def test_the_emergency_in_common_words_pins_call_your_emergency_number(rule: str, question: str) -> None:
    search = help_search()
    sign = search.warning_sign(question)
    pinned = None if sign is None else (sign.id, sign.level)
    assert (rule in [fired.name for fired in search.fired_rules(question)], pinned) == (
        True,
        ("warning_emergency", "urgent_care"),
    )


NOTHING_URGENT = (
    # a way of breathing
    "it's hard to breathe right down into my tummy, any tips?",
    "I find it difficult to breathe through my nose with my head on the books",
    "belly breathing is hard for me",
    "breathing is hard to get the hang of in this position",
    "I have trouble with the breathing exercises",
    # a chest sore from coughing, breathlessness from effort, a tight chest alone (muscles or nerves)
    "my chest aches from all the coughing this week",
    "I'm out of breath after climbing three flights of stairs",
    "my chest feels tight after hunching over the laptop all day",
    "tight chest and shoulders, will this position open them?",
    # idioms and denials
    "I could hardly breathe for laughing at the video",
    "no difficulty breathing, just a stiff lower back",
    "I don't have any trouble breathing, only tight hips",
    "it's not hard to breathe, it just feels strange",
)


@pytest.mark.parametrize("question", NOTHING_URGENT)
def test_a_way_of_breathing_a_sore_or_tight_chest_idioms_and_denials_pin_nothing_urgent(question: str) -> None:
    sign = help_search().warning_sign(question)
    assert sign is None or sign.level != "urgent_care", sign
