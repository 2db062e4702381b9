"""`crest progress`, `crest history` and `crest psfs` say a warning sign that stands before their own output, as
`crest log` and `crest remind` do; with --json the sign goes to stderr and stdout stays JSON."""

import json
import subprocess
from collections.abc import Callable

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
