"""A floor named by its kind (laminate, lino, floorboards, tiles...) is a question about what to lie on."""

import pytest

from crest.knowledge.loader import english_words, load_help
from crest.knowledge.search import HelpSearch


@pytest.fixture(scope="module")
def search() -> HelpSearch:
    return HelpSearch(load_help(), dictionary=english_words())


@pytest.mark.parametrize(
    "question",
    [
        "the whole flat is laminate, what is best to lie on",
        "what do you lie on if your house is all laminate",
        "it's floorboards in my room, what do i lie on",
    ],
)
def test_a_kind_of_floor_answers_what_to_lie_on_first(search: HelpSearch, question: str) -> None:
    assert [answer.id for answer in search.answers(question)][:1] == ["surface"]
