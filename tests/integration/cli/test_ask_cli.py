"""`crest ask` end to end: JSON contract, warning signs first, topics, markup printed as text, exit 0."""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from crest.knowledge.loader import load_help

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_json_reply_follows_the_contract(run_crest: RunCrest) -> None:
    result = run_crest("ask", "--json", "why do I keep yawning?")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert {"question", "warnings", "answers", "footer"} <= set(reply)
    assert reply["question"] == "why do I keep yawning?" and reply["warnings"] == []
    assert reply["answers"][0]["id"] == "yawning"
    for answer in reply["answers"]:
        assert {"id", "title", "text", "sources"} <= set(answer)
        assert all(isinstance(source, str) and source for source in answer["sources"])


def test_a_warning_sign_comes_first_with_its_level(run_crest: RunCrest) -> None:
    reply = json.loads(run_crest("ask", "--json", "sudden severe belly pain and I feel faint").stdout)
    assert reply["warnings"][0]["level"] == "urgent_care"
    assert {"level", "title", "text", "sources"} <= set(reply["warnings"][0])
    text = run_crest("ask", "I", "can't", "pee", "since", "my", "back", "went").stdout
    assert "Seek urgent medical care now" in text and "Spine Surgeons" in text  # the box, with its sources


def test_the_urgent_box_stands_alone(run_crest: RunCrest) -> None:
    reply = json.loads(run_crest("ask", "--json", "I can't pee since my back went").stdout)
    assert reply["warnings"][0]["level"] == "urgent_care" and reply["answers"] == []  # the JSON as the text: alone
    text = run_crest("ask", "I", "can't", "pee", "since", "my", "back", "went").stdout
    assert "Seek urgent medical care now" in text
    assert "Warning signs:" not in text and "roll gently onto your back" not in text


def test_nothing_found_exits_0_with_empty_answers_and_topics(run_crest: RunCrest) -> None:
    result = run_crest("ask", "--json", "how do I cook pasta")
    assert result.returncode == 0
    reply = json.loads(result.stdout)
    assert reply["answers"] == [] and reply["warnings"] == [] and reply["topics"]


def test_a_long_question_that_finds_nothing_is_cut_as_the_help_page_cuts_it(run_crest: RunCrest) -> None:
    """The terminal once kept 80 characters of it, the Help page 79: both show 80 now, the last one "…"."""
    question = " ".join(["xyzzy plugh"] * 20)
    said = " ".join(run_crest("ask", question).stdout.split())  # as one line, however the terminal wraps it
    assert f"“{question[:79]}…”: Nothing in crest's help matches that yet." in said


def test_what_a_person_typed_is_printed_as_text_not_markup(run_crest: RunCrest) -> None:
    result = run_crest("ask", "[italic]xyzzy[/italic] [dim]plugh[/dim]")
    assert result.returncode == 0, result.stderr
    assert "[italic]xyzzy[/italic] [dim]plugh[/dim]" in result.stdout


def test_without_a_question_it_lists_the_topics(run_crest: RunCrest) -> None:
    result = run_crest("ask")
    assert result.returncode == 0
    assert "Can I do it in bed?" in result.stdout and "Warning signs" in result.stdout
    topics = json.loads(run_crest("ask", "--json").stdout)["topics"]
    assert [group["id"] for group in topics][-1] == "warning_signs"


def test_the_topics_wrap_under_themselves_in_a_narrow_terminal(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    """At 60 columns a long topic went on at the left edge, among the group titles, and the example command was
    broken in two: a topic wraps under its first line now, and the example has a line of its own."""
    crest_env["COLUMNS"] = "60"
    lines = [line.rstrip() for line in run_crest("ask").stdout.splitlines()]
    assert '   crest ask "can I do it in bed?"' in lines
    at = lines.index("   Should I press my lower back down, or set my pelvis in")
    assert lines[at + 1] == "   neutral?"


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_question_lists_the_topics_as_no_question_does(run_crest: RunCrest, blank: str) -> None:
    result = run_crest("ask", blank)
    assert result.returncode == 0
    assert result.stdout == run_crest("ask").stdout  # as the web page, not "“”: Nothing ... matches that yet"


def test_a_word_that_looks_like_an_option_is_part_of_the_question(run_crest: RunCrest) -> None:
    """Quotes are optional, says the help; yet `crest ask can I rest at -5 degrees` said "No such option: -5"."""
    result = run_crest("ask", "--json", "can", "I", "rest", "at", "-5", "degrees")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["question"] == "can I rest at -5 degrees"


@pytest.mark.parametrize(
    ("args", "typo", "meant"),
    [
        (["--jsno", "why", "do", "I", "yawn"], "--jsno", "--json"),
        (["why", "do", "I", "yawn", "--josn"], "--josn", "--json"),
        (["--hepl"], "--hepl", "--help"),
        (["can", "I", "rest", "--jsno=1"], "--jsno", "--json"),
    ],
)
def test_a_mistyped_option_is_refused_naming_the_right_one(
    run_crest: RunCrest, args: list[str], typo: str, meant: str
) -> None:
    """`crest ask --jsno why do I yawn` answered "why do I yawn" as text, the typo silently part of the question."""
    result = run_crest("ask", *args)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line == f"crest: No such option: {typo} (Possible options: {meant}) (see --help)"


@pytest.mark.parametrize(
    ("words", "question"),
    [
        (["--5", "degrees", "-5", "--verbose", "---"], "--5 degrees -5 --verbose ---"),
        (["--", "--jsno", "--json"], "--jsno --json"),  # after `--` every word is the question's
        (["--", "--bogus", "x"], "--bogus x"),  # an option's name opening the question: after `--`,
        (["--bogus x"], "--bogus x"),  # or quoted with its other words,
        (["why", "--bogus"], "why --bogus"),  # or inside it
    ],
)
def test_other_words_that_look_like_options_stay_in_the_question(
    run_crest: RunCrest, words: list[str], question: str
) -> None:
    """Only a near miss of ask's own options, or an option's name opening the question, is refused
    (test_ask_unknown_option_cli)."""
    result = run_crest("ask", "--json", *words)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["question"] == question


def test_hostile_arguments_never_raise(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    for question in ('NEAR("bed" *)', "😀", "x" * 10_000, '"', "-- --json"):
        result = run_crest("ask", "--json", "--", question)
        assert result.returncode == 0, (question[:20], result.stderr)
        assert isinstance(json.loads(result.stdout)["answers"], list)
    # Bytes that are not UTF-8 reach Python as lone surrogates.
    invalid = subprocess.run(
        [sys.executable, "-m", "crest", "ask", "--json", os.fsencode("bed \udcff\udcfe")],
        capture_output=True,
        env=crest_env,
        timeout=120,
    )
    assert invalid.returncode == 0, invalid.stderr
    assert json.loads(invalid.stdout)["question"] == "bed"


def test_urgent_signs_in_other_words_get_the_urgent_box_alone(run_crest: RunCrest) -> None:
    text = " ".join(run_crest("ask", "pins and needles in my groin and I'm peeing less").stdout.split())
    assert "Seek urgent medical care now" in text and "Sources:" in text
    reply = json.loads(run_crest("ask", "--json", "I haven't been able to pee since yesterday").stdout)
    assert reply["warnings"][0]["id"] == "warning_cauda_equina" and reply["answers"] == []


def test_every_warning_sign_in_a_question_gets_its_box(run_crest: RunCrest) -> None:
    text = " ".join(run_crest("ask", "I have a fever and my back hurts at night").stdout.split())
    assert text.count("See a clinician before you continue") == 2
    assert "fever" in text.lower() and "cancer" in text.lower()


def test_a_question_in_another_language_says_the_help_is_english_under_the_warning(run_crest: RunCrest) -> None:
    note = load_help().not_english
    text = run_crest("ask", "J'ai perdu le contrôle de ma vessie").stdout
    assert "Seek urgent medical care now" in text  # the warning sign still read, and first
    assert text.index("Seek urgent medical care now") < text.index("crest's help is written in English only")
    assert " ".join(note.split()) in " ".join(text.split())
    reply = json.loads(run_crest("ask", "--json", "¿Puedo hacerlo en la cama?").stdout)
    assert reply["language_note"] == note
    assert json.loads(run_crest("ask", "--json", "can I do it in bed?").stdout)["language_note"] is None


def test_on_a_short_terminal_the_urgent_advice_is_said_again_last(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """On 15 rows, the "see a clinician" box under the urgent one scrolled "Seek urgent medical care now" away."""
    both = ("ask", "I have a fever and I can't pee since my back went")
    crest_env.update(COLUMNS="80", LINES="15")
    lines = run_crest(*both).stdout.splitlines()
    assert "See a clinician before you continue" in "\n".join(lines)
    assert " ".join(lines[-2:]).startswith("Seek urgent medical care now: New bladder, bowel")  # wrapped in two
    assert "Seek urgent medical care now:" not in run_crest("ask", "I can't pee since my back went").stdout  # fits
    crest_env["LINES"] = "60"
    assert "Seek urgent medical care now:" not in run_crest(*both).stdout  # the heading is still in view


def test_a_damaged_journal_does_not_keep_the_answer_from_someone_asking(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """The warning that stands is read from the journal first (f6b9a9a); a journal that cannot be read is said in
    one line, and the answer, with any warning sign the question names, still comes."""
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True)
    (home / "crest.db").write_bytes(b"not a database, whatever its name says " * 100)
    result = run_crest("ask", "I", "can't", "pee", "since", "my", "back", "went")
    assert result.returncode == 0, result.stderr
    assert "Seek urgent medical care now" in result.stdout
    assert "is damaged" in result.stderr and "a warning sign saved there cannot be shown here" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    reply = json.loads(run_crest("ask", "--json", "can I do it in bed").stdout)
    assert reply["answers"][0]["id"] == "in_bed"
