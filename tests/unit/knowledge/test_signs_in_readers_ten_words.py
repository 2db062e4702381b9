"""Messages a tenth readers' part (bench/help_questions/readers_10) found read wrongly, told in words of their own: a
warning sign pins the level it is given (crp-facts.md section 5), a calm message fires no rule, and a question finds its
answer first (ranked with the installed sentence model, as crest ask does)."""

import pytest

from crest.knowledge.red_flags import RULES, fired_rules
from crest.services.help import help_search

NEW_WEAKNESS = ("warning_new_numbness_or_weakness", "see_clinician")
PULSING_BELLY = ("warning_pulsing_belly", "see_clinician")
FRACTURE = ("warning_fracture", "see_clinician")


@pytest.mark.parametrize(
    ("question", "rule", "sign"),
    [
        # foot drop: a foot or toes that will not come up, toes caught or a foot dragged as one walks
        ("my right foot doesn't really come up like it should", "new_loss_of_strength", NEW_WEAKNESS),
        ("my toes won't lift when I take a step", "new_loss_of_strength", NEW_WEAKNESS),
        ("she keeps clipping her toes as she walks now", "new_loss_of_strength", NEW_WEAKNESS),
        ("I've started dragging my left foot while walking", "new_loss_of_strength", NEW_WEAKNESS),
        # a belly seen or felt moving in time with the heart, however far from the belly word
        ("part of my tummy beats like a second heart when I lie down", "pulsing_in_belly", PULSING_BELLY),
        (
            "there's a spot on my belly, just left of the middle, that I can see bouncing with my pulse",
            "pulsing_in_belly",
            PULSING_BELLY,
        ),
        ("my stomach, low down near the scar, keeps twitching in time to my heart", "pulsing_in_belly", PULSING_BELLY),
        # what happened lately to someone the message asks about, who would do the rest
        ("is it safe for my wife? she slipped on the ice on monday and her back is sore", "major_trauma", FRACTURE),
        ("my husband came off his bike yesterday and hurt his back, should he try this?", "major_trauma", FRACTURE),
        ("asking for my mum, she had a nasty fall today, can she do the floor rest", "major_trauma", FRACTURE),
    ],
)
def test_a_warning_sign_pins_its_level_as_crest_ask_does(question: str, rule: str, sign: tuple[str, str]) -> None:
    assert rule in [fired.name for fired in fired_rules(question, RULES)]
    pinned = help_search().warning_sign(question)
    assert pinned is not None and (pinned.id, pinned.level) == sign


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        # feet kept on the floor in the position, a toe stubbed: no foot drop
        ("my feet won't lift up off the mat when I arch my back", "new_loss_of_strength"),
        ("do my heels lift off the floor in the somatic one? mine don't lift from it", "new_loss_of_strength"),
        ("I stubbed my toe on the coffee table on the way to the mat", "new_loss_of_strength"),
        # a belly moving with the breath, lying on the tummy that "beats" sitting up
        ("my belly rises and falls with my breath and my heart slows down, lovely", "pulsing_in_belly"),
        ("honestly lying on my tummy beats sitting at a desk", "pulsing_in_belly"),
        # someone else's past, or what happened to them lately when nobody asks whether they may do the rest
        ("my brother had a bad car crash years ago, can he try it with me?", "major_trauma"),
        ("my husband fell off a ladder yesterday so I'm doing this on my own today", "major_trauma"),
        ("my aunt had bowel cancer, could she do this too?", "history_of_cancer"),
    ],
)
def test_a_calm_message_fires_no_rule(question: str, rule: str) -> None:
    assert rule not in [fired.name for fired in fired_rules(question, RULES)]


def test_getting_back_up_said_hard_finds_getting_up_first() -> None:
    # getting up said to be hard is the getting-up entry's, as getting down said to be difficult is getting_down's
    question = "getting back off the floor is hard for my husband, how can I help him"
    assert [answer.id for answer in help_search().answers(question)][:1] == ["getting_up"]
