"""Messages a ninth readers' part (bench/help_questions/readers_9) found read wrongly, told in words of their own: a
warning sign pins the level it is given (crp-facts.md section 5, or crest's emergency entry), a calm message none,
and a question finds its answer first (ranked with the installed sentence model, as crest ask does)."""

import pytest

from crest.knowledge.loader import english_words, load_help
from crest.knowledge.red_flags import RULES, fired_rules
from crest.knowledge.search import HelpSearch
from crest.services.help import help_search

EMERGENCY = ("warning_emergency", "urgent_care")
CAUDA_EQUINA = ("warning_cauda_equina", "urgent_care")


@pytest.fixture(scope="module")
def search() -> HelpSearch:
    return HelpSearch(load_help(), dictionary=english_words())


@pytest.mark.parametrize(
    ("question", "rule", "sign"),
    [
        # heaviness after another feeling of the chest, a few words from it
        ("my chest feels kind of tight and heavy", "chest_pain", EMERGENCY),
        ("my chest has felt really tight and heavy since tea", "chest_pain", EMERGENCY),
        ("my chest feels a bit tight or heavy, is that the position?", "chest_pain", EMERGENCY),
        # pain down both legs is the sign, whatever work it began with
        ("pain down both legs since gardening", "pain_in_both_legs", CAUDA_EQUINA),
        ("I don't feel anything when I wipe", "lost_bowel_or_bladder_sensation", CAUDA_EQUINA),
    ],
)
def test_a_warning_sign_pins_its_level(search: HelpSearch, question: str, rule: str, sign: tuple[str, str]) -> None:
    assert rule in [fired.name for fired in fired_rules(question, RULES)]
    pinned = search.warning_sign(question)
    assert pinned is not None and (pinned.id, pinned.level) == sign


@pytest.mark.parametrize(
    ("question", "rule"),
    [
        ("my arms rest on my chest and feel lovely and heavy", "chest_pain"),
        ("my arms go heavy and tingly when on my chest", "chest_pain"),
        # legs sore from physical work or chores, as after exercise: muscles worked
        ("both my legs are sore from digging the allotment", "pain_in_both_legs"),
        ("legs aching after hoovering the whole house", "pain_in_both_legs"),
        ("my legs ache after a long shift", "pain_in_both_legs"),
        # not feeling like wiping a thing down is a wish, not a feeling lost
        ("I don't really feel like wiping my mat after each go", "lost_bowel_or_bladder_sensation"),
        ("some days I do not feel like wiping the floor first", "lost_bowel_or_bladder_sensation"),
        ("not sure I feel like wiping it all down every time", "lost_bowel_or_bladder_sensation"),
    ],
)
def test_a_calm_message_fires_no_rule(question: str, rule: str) -> None:
    assert rule not in [fired.name for fired in fired_rules(question, RULES)]


@pytest.mark.parametrize(
    ("question", "not_searched", "entry_id"),
    [
        # how the person heard of it is not what they ask
        ("read somewhere the psoas matters, where is it", "read", "psoas"),
        ("I've been reading loads about the psoas, where does it sit in the body?", "reading", "psoas"),
        # a bare number matched any entry with that digit (pregnancy's "3 to 10 minutes")
        ("3 weeks in and I can't tell if it's doing anything", "3", "tracking_progress"),
        ("after 3 weeks how do i know if it's doing anything", "3", "tracking_progress"),
    ],
)
def test_a_question_finds_its_answer_first(question: str, not_searched: str, entry_id: str) -> None:
    assert not_searched not in help_search().query_terms(question)
    assert [answer.id for answer in help_search().answers(question)][:1] == [entry_id]
