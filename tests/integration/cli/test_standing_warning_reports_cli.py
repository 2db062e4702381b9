"""`crest progress`, `crest history` and `crest psfs` say a warning sign that stands before their own output, as
`crest log` and `crest remind` do; with --json the sign goes to stderr and stdout stays JSON."""

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

URGENT_ANSWERS = "".join("y\n" if question.id == "bladder_bowel_saddle" else "n\n" for question in QUESTIONS) + "y\n"
URGENT_ADVICE = "Please seek urgent medical care now"
FIRST_LINE = {
    ("progress",): "Pain per place",
    ("history",): "Nothing in the journal yet",
    ("psfs", "--history"): "No activities rated yet",
}


@pytest.mark.parametrize("command", list(FIRST_LINE))
def test_the_warning_that_stands_comes_before_the_commands_own_output(run_crest: RunCrest, command: tuple[str]) -> None:
    assert run_crest("safety", input_text=URGENT_ANSWERS).returncode == 1
    shown = run_crest(*command)
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    assert URGENT_ADVICE in said and "Source:" in said
    assert said.index(URGENT_ADVICE) < said.index(FIRST_LINE[command])


@pytest.mark.parametrize("command", [("progress", "--json"), ("history", "--json")])
def test_beside_json_the_warning_goes_to_stderr(run_crest: RunCrest, command: tuple[str]) -> None:
    assert run_crest("safety", input_text=URGENT_ANSWERS).returncode == 1
    shown = run_crest(*command)
    json.loads(shown.stdout)
    assert URGENT_ADVICE in " ".join(shown.stderr.split())


@pytest.mark.usefixtures("safety_answered")
@pytest.mark.parametrize("command", list(FIRST_LINE))
def test_nothing_is_added_while_no_warning_sign_stands(run_crest: RunCrest, command: tuple[str]) -> None:
    shown = run_crest(*command)
    assert shown.stdout.lstrip().startswith(FIRST_LINE[command]) and "medical care" not in shown.stdout


def test_no_calendar_reminder_to_rest_is_made_while_urgent_care_is_advised(run_crest: RunCrest, tmp_path: Path) -> None:
    """A daily "time for constructive rest" alarm said the opposite of "don't rest until you have been seen"."""
    assert run_crest("safety", input_text=URGENT_ANSWERS).returncode == 1
    target = tmp_path / "crest.ics"
    refused = run_crest("remind", "-o", str(target))
    assert refused.returncode == 1 and not target.exists()
    said = " ".join(refused.stderr.split())
    assert said.startswith("crest: no reminder was made:") and URGENT_ADVICE in said
    assert "BEGIN:VCALENDAR" not in run_crest("remind").stdout
