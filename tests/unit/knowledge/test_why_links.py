"""Every cue, variant, safety question and sensation has its "why?" entry, and every entry named exists.

A new cue in crp.toml or a new safety question fails here until it is given an entry in knowledge/why_links.py.
"""

from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from crest.journal.vocabulary import Sensation
from crest.knowledge import why_links
from crest.knowledge.loader import load_help
from crest.protocol import load_protocol
from crest.safety.screen import QUESTIONS
from crest.services.help import ask


def _text_ids(node: object) -> Iterator[str]:
    """The id of every text in the protocol, wherever it sits (steps, cues, variants' steps and movements)."""
    if isinstance(node, BaseModel):
        fields = dict(node)
        if isinstance(fields.get("id"), str) and isinstance(fields.get("text"), str):
            yield fields["id"]
        for value in fields.values():
            yield from _text_ids(value)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _text_ids(value)
    elif isinstance(node, tuple | list):
        for value in node:
            yield from _text_ids(value)


PROTOCOL_TEXT_IDS = sorted(set(_text_ids(load_protocol())))


def test_the_walk_finds_every_kind_of_protocol_text() -> None:
    for text_id in ("surface", "arrive", "yawning", "closing", "roll_to_side", "after_work", "arch"):
        assert text_id in PROTOCOL_TEXT_IDS


@pytest.mark.parametrize("text_id", PROTOCOL_TEXT_IDS)
def test_every_protocol_text_has_an_entry(text_id: str) -> None:
    assert text_id in why_links.PROTOCOL_TEXTS, f"crp.toml text {text_id!r} has no 'why?' entry in why_links.py"


@pytest.mark.parametrize("variant", sorted(load_protocol().variants))
def test_every_variant_has_an_entry(variant: str) -> None:
    assert variant in why_links.VARIANTS, f"variant {variant!r} has no 'why?' entry in why_links.py"


@pytest.mark.parametrize("question_id", [question.id for question in QUESTIONS])
def test_every_safety_question_has_an_entry(question_id: str) -> None:
    assert question_id in why_links.SAFETY_QUESTIONS, f"safety question {question_id!r} has no entry in why_links.py"


def test_every_sensation_has_an_entry_or_is_known_to_need_none() -> None:
    mapped = set(why_links.SENSATIONS)
    assert not mapped & why_links.SENSATIONS_WITHOUT_ENTRY
    assert mapped | why_links.SENSATIONS_WITHOUT_ENTRY == {sensation.value for sensation in Sensation}


def test_no_mapping_names_what_does_not_exist() -> None:
    protocol = load_protocol()
    assert set(why_links.PROTOCOL_TEXTS) <= set(PROTOCOL_TEXT_IDS)
    assert set(why_links.VARIANTS) <= set(protocol.variants)
    assert set(why_links.SAFETY_QUESTIONS) <= {question.id for question in QUESTIONS}


MAPPINGS = {
    "PROTOCOL_TEXTS": why_links.PROTOCOL_TEXTS,
    "VARIANTS": why_links.VARIANTS,
    "SAFETY_QUESTIONS": why_links.SAFETY_QUESTIONS,
    "SENSATIONS": why_links.SENSATIONS,
}


@pytest.mark.parametrize("name", sorted(MAPPINGS))
def test_every_entry_named_exists_in_the_help(name: str) -> None:
    content = load_help()
    missing = {key: entry for key, entry in MAPPINGS[name].items() if content.entry(entry) is None}
    assert missing == {}, f"{name} names help entries that do not exist"


def test_urgent_questions_lead_to_urgent_warning_signs_and_cues_to_ordinary_answers() -> None:
    content = load_help()
    levels = {question.id: question.level.name for question in QUESTIONS}
    for question_id, entry_id in why_links.SAFETY_QUESTIONS.items():
        entry = content.entry(entry_id)
        assert entry is not None
        if levels[question_id] == "URGENT":  # urgent care: its entry must say so too
            assert entry.is_warning_sign and entry.level == "urgent_care", question_id
    # A cue or a sensation is ordinary: it never leads to a warning sign.
    for mapping in (why_links.PROTOCOL_TEXTS, why_links.VARIANTS, why_links.SENSATIONS):
        for entry_id in mapping.values():
            entry = content.entry(entry_id)
            assert entry is not None and not entry.is_warning_sign, entry_id


def test_a_step_a_variant_rewrites_is_explained_by_the_variant() -> None:
    assert why_links.setup_step_entry("knees_and_feet", "standard", replaced_by_variant=False) == "feet_width"
    assert why_links.setup_step_entry("knees_and_feet", "supported", replaced_by_variant=True) == "supported_variant"


ORDINARY_ENTRIES = sorted(
    {
        entry_id
        for mapping in MAPPINGS.values()
        for entry_id in mapping.values()
        if not getattr(load_help().entry(entry_id), "is_warning_sign", True)
    }
)


@pytest.mark.parametrize("entry_id", ORDINARY_ENTRIES)
def test_asking_an_entry_title_finds_that_entry_first(entry_id: str) -> None:
    # The terminal's hints say `crest ask "<title>"`: that must lead to the entry they stand for.
    entry = load_help().entry(entry_id)
    assert entry is not None
    reply = ask(entry.title)
    assert reply.warnings == [] and reply.answers[0].id == entry_id
