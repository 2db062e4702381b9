"""The terminal's short 'why? crest ask "…"' hints: under each setup step, and under a safety answer that is not a
warning sign (the urgent advice stands alone)."""

import subprocess
from collections.abc import Callable

import pytest

from crest.knowledge.loader import load_help
from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def _title(entry_id: str) -> str:
    entry = load_help().entry(entry_id)
    assert entry is not None
    return entry.title


def _answers_with_yes_to(question_id: str) -> str:
    return "\n".join("y" if question.id == question_id else "n" for question in QUESTIONS) + "\n"


@pytest.mark.usefixtures("safety_answered")
def test_each_setup_step_has_a_hint_and_the_rest_stays_quiet(run_crest: RunCrest) -> None:
    result = run_crest("session", "--minutes", "5", "--variant", "supported", "--speed", "300", "--yes")
    assert result.returncode == 0, result.stderr
    assert f'why? crest ask "{_title("surface")}"' in result.stdout
    assert f'why? crest ask "{_title("supported_variant")}"' in result.stdout  # calves on a chair
    assert result.stdout.count("why? crest ask") == 7  # one per step, none during the rest
    assert result.stdout.index("why? crest ask") < result.stdout.index("Nothing to do now")


def test_a_safety_answer_that_is_not_a_warning_sign_points_to_its_entry(run_crest: RunCrest) -> None:
    result = run_crest("safety", input_text=_answers_with_yes_to("pregnant_16_weeks"))
    assert f'why? crest ask "{_title("pregnancy")}"' in result.stdout


def test_urgent_advice_stands_alone(run_crest: RunCrest) -> None:
    result = run_crest("safety", input_text=_answers_with_yes_to("both_legs"))
    assert result.returncode == 1
    assert "urgent medical care" in result.stdout and "crest ask" not in result.stdout
