"""Warning signs an eighth readers' part (bench/help_questions/readers_8) found missed, told in words of their own:
each pins the level crp-facts.md section 5 gives it (urgent care for the cauda-equina signs)."""

import pytest

from crest.knowledge.loader import english_words, load_help
from crest.knowledge.red_flags import RULES, fired_rules
from crest.knowledge.search import HelpSearch


@pytest.fixture(scope="module")
def search() -> HelpSearch:
    return HelpSearch(load_help(), dictionary=english_words())


@pytest.mark.parametrize(
    "question",
    [
        # the wiping said first, what is not felt after it
        "when I wipe I can't feel the tissue",
        "wiping myself I barely feel the toilet roll on my skin",
        "I wipe and I could not feel a thing",
    ],
)
def test_not_feeling_what_wipes_pins_urgent_care(search: HelpSearch, question: str) -> None:
    assert "lost_bowel_or_bladder_sensation" in [rule.name for rule in fired_rules(question, RULES)]
    sign = search.warning_sign(question)
    assert sign is not None and (sign.id, sign.level) == ("warning_cauda_equina", "urgent_care")


@pytest.mark.parametrize(
    "question",
    [
        "my dad can't tell when he needs a wee any more",
        "he doesn't know when he has to go to the loo now",
        "Gran says she couldn't feel that she wanted a poo until it was too late",
    ],
)
def test_the_urge_not_felt_by_someone_else_pins_urgent_care(search: HelpSearch, question: str) -> None:
    assert "lost_bowel_or_bladder_sensation" in [rule.name for rule in fired_rules(question, RULES)]
    sign = search.warning_sign(question)
    assert sign is not None and (sign.id, sign.level) == ("warning_cauda_equina", "urgent_care")


@pytest.mark.parametrize(
    "question",
    [
        "my left arm just suddenly went numb",
        "his face all of a sudden went floppy",
        "my hand has out of nowhere gone useless, can't hold the cup",
    ],
)
def test_an_arm_or_face_gone_weak_suddenly_pins_the_emergency(search: HelpSearch, question: str) -> None:
    assert "stroke_signs" in [rule.name for rule in fired_rules(question, RULES)]
    sign = search.warning_sign(question)
    assert sign is not None and (sign.id, sign.level) == ("warning_emergency", "urgent_care")


@pytest.mark.parametrize(
    "question",
    [
        "my arm suddenly went dead from lying on it",
        "my arms suddenly feel heavy and warm, lovely",
    ],
)
def test_an_arm_gone_dead_from_lying_on_it_or_heavy_with_ease_is_no_emergency(
    search: HelpSearch, question: str
) -> None:
    assert "stroke_signs" not in [rule.name for rule in fired_rules(question, RULES)]
