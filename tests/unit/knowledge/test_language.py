"""A question in another language: crest says in one line that its help is English, and still reads the warning
signs, the commonest of them in Spanish, French and German too."""

from pathlib import Path

import pytest

from crest.knowledge.language import FOREIGN_WORDS, is_english
from crest.knowledge.loader import english_words, load_help
from crest.knowledge.search import STOP_WORDS, HelpSearch
from crest.services import help as help_service

BENCH_QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "help_questions"


@pytest.fixture(scope="module")
def search() -> HelpSearch:
    return HelpSearch(load_help(), dictionary=english_words())


@pytest.mark.parametrize(
    "question",
    [
        "¿Puedo hacerlo en la cama?",
        "dolor de espalda",
        "Est-ce que je peux le faire au lit ?",
        "J'ai mal au dos depuis trois semaines",
        "Kann ich das im Bett machen?",
        "Warum gähne ich so viel?",
        "Perché sbadiglio durante la posizione?",
        "Estou com dor nas costas há semanas",
        "Waarom moet ik zo gapen tijdens de oefening?",
        "Czy mogę to robić w łóżku?",  # letters English does not use
        "Почему я зеваю?",  # another script
        "腰が痛いです",
        "هل يمكنني القيام بذلك في السرير؟",
    ],
)
def test_a_question_in_another_language_is_not_english(question: str) -> None:
    assert not is_english(question)


@pytest.mark.parametrize(
    "question",
    [
        "can I do it in bed?",
        "explain semi supine",  # a language-guessing library took these two for French and Dutch
        "pee problems",
        "yawn yawn yawn. normal??",
        "is it ok to have a café au lait before a session",  # a loanword or two in an English sentence
        "Brustschmerzen",  # one word: crest cannot tell, and says nothing
        "",
        "🙂",
    ],
)
def test_english_and_what_cannot_be_told_are_taken_as_english(question: str) -> None:
    assert is_english(question)


def test_no_question_of_the_readers_sets_is_taken_for_another_language() -> None:
    questions = [
        line.split("\t")[-1]
        for path in BENCH_QUESTIONS.glob("*/*")
        if path.suffix in {".tsv", ".txt"}
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(questions) > 1000
    assert [question for question in questions if not is_english(question)] == []


def test_no_foreign_function_word_is_an_english_stop_word() -> None:
    assert not FOREIGN_WORDS & STOP_WORDS


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        # loss of bladder or bowel control, numbness between the legs (crp-facts.md section 5, cauda equina); every
        # rule's own phrasings are in test_red_flags.py
        ("Tengo problemas para controlar la vejiga", "warning_cauda_equina"),
        ("J'ai perdu le contrôle de ma vessie", "warning_cauda_equina"),
        ("Taubheit zwischen den Beinen", "warning_cauda_equina"),
        # chest pain: crest's general guidance, as in English
        ("dolor en el pecho", "warning_emergency"),
        ("Brustschmerzen", "warning_emergency"),
    ],
)
def test_the_commonest_urgent_signs_pin_urgent_care_in_other_languages(
    search: HelpSearch, question: str, entry_id: str
) -> None:
    sign = search.warning_sign(question)
    assert sign is not None and (sign.id, sign.level) == (entry_id, "urgent_care")


@pytest.mark.parametrize(
    "question",
    ["¿Puedo hacerlo en la cama?", "pourquoi je baille pendant la position?", "Warum gähne ich so viel?"],
)
def test_an_ordinary_question_in_another_language_warns_of_nothing(search: HelpSearch, question: str) -> None:
    assert search.warning_signs(question) == ()


def test_the_reply_says_in_one_line_that_the_help_is_english() -> None:
    reply = help_service.ask("pourquoi je baille pendant la position?")
    assert reply.language_note == load_help().not_english
    assert "\n" not in reply.language_note and "English" in reply.language_note
    assert help_service.ask("why do I yawn during the rest?").language_note is None


def test_a_warning_sign_in_another_language_is_pinned_beside_the_note() -> None:
    reply = help_service.ask("Tengo problemas para controlar la vejiga y entumecimiento entre las piernas")
    assert [(warning.id, warning.level) for warning in reply.warnings] == [("warning_cauda_equina", "urgent_care")]
    assert reply.answers == [] and reply.language_note == load_help().not_english
