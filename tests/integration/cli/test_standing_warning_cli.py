"""A warning sign that stands is said again at the terminal's everyday commands, as `crest session` and `crest safety`
say it: `crest log`, `crest log-session` and `crest remind` still do their job, with the advice shown first."""

import subprocess
from collections.abc import Callable

import pytest

from crest.journal.store import Journal
from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

URGENT_NOTE = "since this morning I cannot control my bladder"
URGENT_ADVICE = "Please seek urgent medical care now"
CLINICIAN_ADVICE = "Please see a clinician"
URGENT_FIRST = f"{URGENT_ADVICE}: call your emergency number or go to an emergency department"  # its first sentence


def _flat(text: str) -> str:
    """The output as one line: Rich wraps long lines at the terminal's width."""
    return " ".join(text.split())


def _answers(*yes: str) -> str:
    lines = ["y" if question.id in yes else "n" for question in QUESTIONS]
    return "\n".join(lines) + ("\ny\n" if yes else "\n")  # a "yes" is confirmed once


def _weight_loss() -> str:
    return next(question.text for question in QUESTIONS if question.id == "weight_loss")


def _urgent_check_in(run_crest: RunCrest) -> tuple[str, str]:
    assert run_crest("log", "--yes", "--note", URGENT_NOTE).returncode == 0
    return URGENT_ADVICE, "Your check-in of"


def _see_a_clinician_answer(run_crest: RunCrest) -> tuple[str, str]:
    assert run_crest("safety", input_text=_answers("weight_loss")).returncode == 1
    return CLINICIAN_ADVICE, _weight_loss()


STANDING = {"urgent check-in": _urgent_check_in, "see-a-clinician answer": _see_a_clinician_answer}


@pytest.mark.parametrize("standing", STANDING)
def test_log_says_a_standing_warning_before_saving_a_calm_check_in(run_crest: RunCrest, standing: str) -> None:
    advice, reason = STANDING[standing](run_crest)
    logged = run_crest("log", "--pain", "hip:left=2")
    assert logged.returncode == 0, logged.stderr  # a warning, not a block: the check-in is kept
    said = _flat(logged.stdout)
    assert advice in said and reason in said and "Source:" in said
    assert said.index(advice) < said.index("Saved check-in")  # what to do first, never after a routine "Saved"
    with Journal.open() as journal:
        assert [check_in.note for check_in in journal.list_checkins()][-1] is None  # the calm one, saved


def test_log_says_its_own_warning_sign_once(run_crest: RunCrest) -> None:
    """A check-in that raises the sign has its own advice on screen: the standing is not said a second time."""
    logged = _flat(run_crest("log", "--yes", "--note", URGENT_NOTE).stdout)
    assert "urgent medical care" in logged
    assert "Deleting or correcting that check-in" not in logged and "This holds until" not in logged


@pytest.mark.parametrize("standing", STANDING)
def test_log_session_says_a_standing_warning_and_keeps_the_session(run_crest: RunCrest, standing: str) -> None:
    advice, reason = STANDING[standing](run_crest)
    logged = run_crest("log-session", "--minutes", "10")
    assert logged.returncode == 0, logged.stderr
    said = _flat(logged.stdout)
    assert advice in said and reason in said and "Source:" in said
    assert said.index(advice) < said.index("Logged session 1")
    with Journal.open() as journal:
        assert len(journal.list_sessions()) == 1


@pytest.mark.parametrize("standing", STANDING)
def test_remind_makes_no_calendar_while_a_warning_stands_and_says_why(run_crest: RunCrest, standing: str) -> None:
    """A daily "time for constructive rest" would say the opposite of the advice, as a session would."""
    advice, reason = STANDING[standing](run_crest)
    reminded = run_crest("remind")
    assert reminded.returncode == 1 and "BEGIN:VCALENDAR" not in reminded.stdout
    said = _flat(reminded.stderr)
    assert said.startswith("crest: no reminder was made:") and advice in said and reason in said and "source:" in said
    # the reminder imported before the sign still comes every day: crest says to take it out
    delete_it = "If you added crest's reminder to your calendar before, delete it there until then."
    if advice == URGENT_ADVICE:  # and urgent care is the last words, as a rest refused says them
        assert said.endswith(f"{delete_it} {URGENT_FIRST}.")
    else:
        assert said.endswith(delete_it)


def test_remind_ends_with_urgent_care_under_both_advices(run_crest: RunCrest) -> None:
    """A see-a-clinician answer's signs after the urgent one scrolled urgent care away: it is said again last."""
    _see_a_clinician_answer(run_crest)
    _urgent_check_in(run_crest)
    said = _flat(run_crest("remind").stderr)
    assert CLINICIAN_ADVICE in said and said.endswith(f"{URGENT_FIRST} (the first warning above).")


def test_nothing_is_added_while_no_warning_sign_stands(run_crest: RunCrest) -> None:
    assert run_crest("safety", input_text=_answers()).returncode == 0
    for command in (("log", "--pain", "hip:left=2"), ("log-session", "--minutes", "10"), ("remind",)):
        result = run_crest(*command)
        assert result.returncode == 0, result.stderr
        said = _flat(result.stdout + result.stderr)
        assert "Please" not in said and "Source:" not in said, command


def test_log_offers_no_why_hint_while_urgent_care_stands(run_crest: RunCrest) -> None:
    """A calm check-in noting yawning got 'why? crest ask' under a standing urgent-care warning: urgent care comes
    first and alone, as on the web's Today and after a check-in that names the sign itself."""
    _urgent_check_in(run_crest)
    logged = run_crest("log", "--sensation", "yawning")
    assert logged.returncode == 0, logged.stderr
    said = _flat(logged.stdout)
    assert URGENT_ADVICE in said and "Saved check-in 2" in said
    assert "crest ask" not in said and "why?" not in said


def test_log_still_offers_the_why_hint_under_a_see_a_clinician_warning(run_crest: RunCrest) -> None:
    _see_a_clinician_answer(run_crest)
    said = _flat(run_crest("log", "--sensation", "yawning").stdout)
    assert CLINICIAN_ADVICE in said and 'Yawning: why? crest ask "Why do I yawn so much?"' in said
