"""Everyday words that must not pin a warning sign, beside the words that still must; and the typo fixer, which must
never turn a correctly spelt English word into a sign's word, with or without the sentence model."""

import sys

import pytest

from crest.embedding.minilm import bundled_model_folder, whole_words
from crest.knowledge.loader import english_words
from crest.knowledge.search import HelpSearch
from crest.knowledge.text import clean_question
from crest.services import help as help_service


def pinned(question: str, search: HelpSearch | None = None) -> list[str]:
    return [entry.id for entry in (search or help_service.help_search()).warning_signs(clean_question(question))]


@pytest.fixture(scope="module")
def without_the_model() -> HelpSearch:
    """The search as it is built where scripts/setup did not install the sentence model."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "tokenizers", None)
        assert bundled_model_folder() is None
        search = help_service.help_search.__wrapped__()  # a fresh one, not the cached search
    assert not search.compares_meaning
    return search


def test_dropping_off_is_falling_asleep_not_losing_hold() -> None:
    assert pinned("my legs relax and I keep dropping off to sleep") == []
    assert pinned("my right hand keeps dropping my cup") == ["warning_new_numbness_or_weakness"]
    assert pinned("my legs keep dropping") == ["warning_cauda_equina", "warning_new_numbness_or_weakness"]


@pytest.mark.parametrize(
    "question",
    [
        "my legs really ache after the gym",
        "both my legs are sore from running yesterday",
        "I can't stop to pee in the middle of a session, can I?",
    ],
)
def test_sore_legs_after_exercise_and_not_stopping_to_pee_pin_nothing(question: str) -> None:
    assert pinned(question) == []


@pytest.mark.parametrize(
    "question",
    [
        "shooting pain down both legs after the gym",
        "my legs have ached since the gym and they're getting weaker",
        "my legs ache after the gym and I can't feel when I need to pee",
        "both my legs hurt",
        "I can't pee",
        "I can't stop peeing",
    ],
)
def test_the_same_words_with_more_of_the_sign_still_pin_urgent_care(question: str) -> None:
    assert pinned(question)[:1] == ["warning_cauda_equina"]


@pytest.mark.parametrize(
    "question",
    [
        "I've never been one for exercise but my hamstrings are tight",
        "its a bit chilly on the floor, should I put a blanket over me",
        "I never know if my bladder is empty any more",  # the bladder's sign alone, not an infection's
    ],
)
def test_without_the_model_a_common_word_is_never_corrected_into_a_signs_word(
    question: str, without_the_model: HelpSearch
) -> None:
    assert "warning_infection" not in pinned(question, without_the_model)


def test_without_the_model_a_typo_of_a_signs_word_still_warns(without_the_model: HelpSearch) -> None:
    assert pinned("I've had a fevar and my back hurts", without_the_model) == ["warning_infection"]
    assert pinned("lost controll of my bladdar", without_the_model) == ["warning_cauda_equina"]


def test_the_shipped_words_are_the_models_whole_words() -> None:
    folder = bundled_model_folder()
    assert folder is not None
    assert english_words() == whole_words(folder)
