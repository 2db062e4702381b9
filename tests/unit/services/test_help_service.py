"""The help use case both doors call: the JSON contract of issue 11."""

import json
import sys
from datetime import UTC, datetime
from importlib import resources

import numpy as np
import pytest

from crest.embedding import minilm
from crest.embedding.cache import VectorTable, text_digest
from crest.embedding.minilm import MiniLM, bundled_model_folder, model_identity
from crest.journal.records import CheckIn, PainRating
from crest.knowledge.loader import load_help
from crest.knowledge.search import entry_passages
from crest.knowledge.text import clean_question
from crest.safety.worse_check_in import HELP_WARNING_QUESTIONS, LOSS_OF_FEELING, WarningLevel, warning_signs
from crest.services import help as help_service

ANSWER_KEYS = {"id", "title", "text", "sources", "related"}


def test_an_ordinary_question_gets_sourced_answers_and_no_warning() -> None:
    reply = help_service.ask("Can I do it in bed?").model_dump()
    assert reply["question"] == "Can I do it in bed?"
    assert reply["warnings"] == []
    assert 1 <= len(reply["answers"]) <= 3 and reply["answers"][0]["id"] == "in_bed"
    first = reply["answers"][0]
    assert set(first) == ANSWER_KEYS
    assert first["sources"][0].startswith("Liz Koch")  # the full title, not the key
    assert reply["footer"] == load_help().footer
    assert reply["message"] is None and reply["topics"] is None


def test_a_warning_sign_is_pinned_with_its_level() -> None:
    reply = help_service.ask("I have numbness between my legs since yesterday").model_dump()
    urgent = reply["warnings"][0]
    assert urgent["level"] == "urgent_care" and urgent["id"] == "warning_cauda_equina"
    assert set(urgent) == ANSWER_KEYS | {"level"}
    assert any("Spine Surgeons" in source for source in urgent["sources"])
    assert reply["answers"] == [] and reply["topics"] is None  # urgent care stands alone, at every door


def test_a_see_a_clinician_sign_comes_with_ordinary_answers_never_a_warning_among_them() -> None:
    reply = help_service.ask("I can feel a pulsing in my belly when I breathe during the rest").model_dump()
    assert reply["warnings"][0]["level"] == "see_clinician"
    assert reply["answers"] and all(not answer["id"].startswith("warning_") for answer in reply["answers"])


LEG_PLACE_WORDS = {"foot": "foot", "calf_and_shin": "calf", "front_of_thigh": "thigh", "knee": "knee"}
QUALITY_SAID = {"tingling": "tingling in my left", "numb": "numbness in my left"}


@pytest.mark.parametrize("region", LEG_PLACE_WORDS)
@pytest.mark.parametrize("quality", sorted(LOSS_OF_FEELING))
def test_a_question_that_states_a_check_ins_changed_feeling_in_one_leg_pins_the_check_ins_advice(
    region: str, quality: str
) -> None:
    # `crest ask "tingling in my left foot"` and a check-in that rates the left foot "tingling" are two doors to the
    # same sign: both say "see a clinician", through the same safety question.
    check_in = CheckIn(at=datetime(2026, 5, 1, 9, tzinfo=UTC), pain=(PainRating(region, 3, "left", quality=quality),))
    (sign,) = warning_signs(check_in)
    warnings = help_service.ask(f"{QUALITY_SAID[quality]} {LEG_PLACE_WORDS[region]}").warnings
    assert [(warning.level, HELP_WARNING_QUESTIONS[warning.id]) for warning in warnings] == [
        (sign.level.value, sign.question_id)
    ]
    assert sign.level is WarningLevel.SEE_CLINICIAN


@pytest.mark.parametrize("quality", sorted(LOSS_OF_FEELING))
def test_a_question_that_states_a_changed_feeling_in_both_feet_pins_urgent_care_as_the_check_in_does(
    quality: str,
) -> None:
    # A check-in that rates both feet is pain below the knee in both legs: urgent. "tingling in both feet" in help
    # pinned "see a clinician" or nothing.
    check_in = CheckIn(at=datetime(2026, 5, 1, 9, tzinfo=UTC), pain=(PainRating("foot", 3, "both", quality=quality),))
    levels = {sign.level for sign in warning_signs(check_in)}
    said = {"tingling": "tingling in both feet", "numb": "both feet are numb"}[quality]
    warnings = help_service.ask(said).warnings
    assert WarningLevel.URGENT_CARE in levels
    assert warnings and warnings[0].level == WarningLevel.URGENT_CARE.value


def test_every_warning_sign_a_question_names_is_pinned_most_urgent_first() -> None:
    # Night pain and a fever are two signs, each with its own advice: neither may hide the other.
    reply = help_service.ask("I have a fever and my back hurts at night")
    assert {warning.id for warning in reply.warnings} == {"warning_cancer", "warning_infection"}
    both = help_service.ask("I have a fever and I have lost control of my bladder")
    assert [warning.id for warning in both.warnings] == ["warning_cauda_equina", "warning_infection"]
    assert both.answers == []  # urgent care among them: nothing beside the warnings invites practice


def test_nothing_found_says_so_and_offers_the_topics() -> None:
    reply = help_service.ask("how do I cook pasta").model_dump()
    assert reply["warnings"] == [] and reply["answers"] == []
    assert reply["message"] == f"“how do I cook pasta”: {load_help().nothing_found}"
    listed = {link["id"] for group in reply["topics"] for link in group["entries"]}
    assert listed == {entry.id for entry in load_help().entries}


def test_the_reply_is_json_even_for_invalid_unicode() -> None:
    reply = help_service.ask("bed \ud800\x00 yawning")
    text = json.dumps(reply.model_dump(), ensure_ascii=False)
    assert json.loads(text)["question"] == "bed yawning"


def test_each_entry_has_its_own_address() -> None:
    assert help_service.entry("yawning").title == "Why do I yawn so much?"
    warning = help_service.entry("warning_aortic")
    assert isinstance(warning, help_service.UrgentAnswer) and warning.level == "urgent_care"


def test_an_unknown_entry_is_a_404_crest_error() -> None:
    with pytest.raises(help_service.UnknownHelpEntry, match="no help entry 'nope'") as error:
        help_service.entry("nope")
    assert error.value.http_status == 404


def test_topics_come_in_file_order_with_warning_signs_last() -> None:
    groups = help_service.topics()
    assert groups[0].id == "basics"
    assert groups[-1].id == "warning_signs"


def test_answers_are_ranked_by_meaning_with_the_installed_model() -> None:
    assert help_service.compares_meaning()


def test_the_shipped_entry_vectors_are_those_of_the_installed_model_for_every_passage() -> None:
    # Fails after help.toml changes until scripts/help-vectors rewrites help_vectors.npz.
    folder = bundled_model_folder()
    assert folder is not None
    with resources.files("crest.knowledge").joinpath(help_service.ENTRY_VECTORS).open("rb") as file:
        table = VectorTable.read(file)
    assert table.model == model_identity()
    texts = sorted({text for _, text in entry_passages(load_help())})
    assert {text_digest(text) for text in texts} == set(table.vectors)
    sample = texts[:: len(texts) // 5]
    computed = MiniLM(folder).encode(sample)
    for text, vector in zip(sample, computed, strict=True):
        assert np.abs(table.vectors[text_digest(text)] - vector).max() < 2e-3


def test_without_the_sentence_model_answers_come_from_words_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tokenizers", None)  # as if scripts/setup had not installed it
    assert bundled_model_folder() is None
    search = help_service.help_search.__wrapped__()  # a fresh one, not the cached search
    assert not search.compares_meaning
    assert [entry.id for entry in search.answers("Can I do it in bed?")][:1] == ["in_bed"]


def test_vectors_of_another_model_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = bundled_model_folder()
    assert folder is not None
    monkeypatch.setattr(minilm, "model_identity", lambda: "another-model 9.9")  # help imports it when asked
    encoder = help_service.sentence_encoder(folder)
    title = load_help().answers[0].title
    assert np.allclose(encoder.encode([title])[0], MiniLM(folder).encode([title])[0])  # computed, not read


def test_a_warning_sign_past_the_part_of_a_long_message_crest_keeps_still_warns() -> None:
    # A long story of 10,500 characters, the sign only at its end: the answers rank the kept part, the warning
    # rules read it all.
    story = "I lie down every evening and the rest helps my back a little more each week. " * 135
    message = story + "Since yesterday I cannot control my bladder."
    assert len(clean_question(message)) < len(message)
    reply = help_service.ask(message)
    assert [warning.level for warning in reply.warnings] == ["urgent_care"]
    assert help_service.ask(story).warnings == []


def test_a_long_question_that_finds_nothing_is_repeated_in_part_the_same_for_every_door() -> None:
    question = " ".join(["xyzzy plugh"] * 20)  # 239 characters
    reply = help_service.ask(question)
    assert reply.question == question and reply.topics is not None
    assert reply.message == f"“{question[:79]}…”: {load_help().nothing_found}"
