"""Everyday words that must not pin a warning sign, beside the words that still must."""

from crest.knowledge.text import clean_question
from crest.services.help import help_search


def pinned(question: str) -> list[str]:
    return [entry.id for entry in help_search().warning_signs(clean_question(question))]


def test_dropping_off_is_falling_asleep_not_losing_hold() -> None:
    assert pinned("my legs relax and I keep dropping off to sleep") == []
    assert pinned("my right hand keeps dropping my cup") == ["warning_new_numbness_or_weakness"]
    assert pinned("my legs keep dropping") == ["warning_cauda_equina", "warning_new_numbness_or_weakness"]
