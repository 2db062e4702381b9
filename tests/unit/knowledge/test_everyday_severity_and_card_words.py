"""Warning signs a new user's walk-through found missed (5 Dec 2026, s39): severe belly or back pain with faintness
said in everyday words, and the cauda-equina cards' lay words, each pin urgent care; numbness that passes on moving,
said as such, pins nothing, so the pin never contradicts the answer under it."""

import pytest

from crest.knowledge.loader import english_words, load_help
from crest.knowledge.red_flags import RULES, fired_rules
from crest.knowledge.search import HelpSearch

URGENT = "urgent_care"
AORTIC = ("sudden_severe_pain_with_faintness", "warning_aortic")
CAUDA_EQUINA = "warning_cauda_equina"


@pytest.fixture(scope="module")
def search() -> HelpSearch:
    return HelpSearch(load_help(), dictionary=english_words())


@pytest.mark.parametrize(
    ("sentence", "rule_name", "entry_id"),
    [
        # HIGH-1: the severity in everyday words, or faint and sweaty together with the pain
        ("awful back pain and I'm dizzy and clammy", *AORTIC),
        ("my back pain is really bad and I feel faint", *AORTIC),
        ("very bad back pain, sweaty and dizzy", *AORTIC),
        ("dreadful pain in my tummy and I feel faint", *AORTIC),
        ("back pain so bad I nearly passed out", *AORTIC),
        ("bad back pain and I feel faint and sweaty", *AORTIC),
        ("I feel dizzy when I get up and my heart races and I'm clammy with awful back pain", *AORTIC),
        # HIGH-2: the cards' lay words
        ("numb around my back passage", "saddle_numbness", CAUDA_EQUINA),
        ("numb around my back passage since this morning", "saddle_numbness", CAUDA_EQUINA),
        ("my legs both feel like jelly and are getting weaker", "weakness_in_both_legs", CAUDA_EQUINA),
        ("I can't tell when my bladder is full", "lost_bowel_or_bladder_sensation", CAUDA_EQUINA),
    ],
)
def test_the_walks_sentences_fire_their_rule_and_pin_urgent_care(
    search: HelpSearch, sentence: str, rule_name: str, entry_id: str
) -> None:
    assert rule_name in [rule.name for rule in fired_rules(sentence, RULES)]
    sign = search.warning_sign(sentence)
    assert sign is not None and (sign.id, sign.level) == (entry_id, URGENT)


def test_numbness_that_passes_on_moving_pins_nothing_and_the_answer_says_why(search: HelpSearch) -> None:
    # LOW-4: the pin said "New numbness or weakness" over an answer saying only numbness that is new or stays after
    # moving is the sign (crp-facts.md section 5: "any new loss of feeling"; numbness from pressure that goes on
    # moving is the common harmless one).
    question = "one leg goes numb after 10 minutes and it goes away when I move"
    assert fired_rules(question, RULES) == [] and search.warning_sign(question) is None
    [first, *_] = search.answers(question)
    assert first.id == "pain_during_session" and "new, or stays after you move, is a warning sign" in first.text


@pytest.mark.parametrize(
    "question",
    [
        "my leg goes numb and it doesn't go away",
        "my leg goes numb and it doesn't go away when I move",
        "my leg goes numb and stays numb after I move",
        "new numbness in my leg, it goes away when I move",
        "my leg goes numb and it goes away when I move but now it's numb all the time",
        "my leg is numb",
    ],
)
def test_numbness_that_stays_or_is_new_still_pins_see_a_clinician(search: HelpSearch, question: str) -> None:
    sign = search.warning_sign(question)
    assert sign is not None and (sign.id, sign.level) == ("warning_new_numbness_or_weakness", "see_clinician")


@pytest.mark.parametrize(
    "question",
    [
        "my groin goes numb and it goes away when I stand up, since Monday",  # "since": it goes on
        "my back pain was really bad and I was dizzy and sweaty",  # over, but not said to be over
    ],
)
def test_a_saddle_or_aortic_sign_with_a_calm_word_beside_it_still_pins_urgent_care(
    search: HelpSearch, question: str
) -> None:
    sign = search.warning_sign(question)
    assert sign is not None and sign.level == URGENT
