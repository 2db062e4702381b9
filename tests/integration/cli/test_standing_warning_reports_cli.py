"""`crest progress`, `crest history`, `crest psfs` and `crest ask` say a warning sign that stands before their own
output, as `crest log` and `crest remind` do; with --json the sign goes to stderr and stdout stays JSON. Every command
is walked: one that shows the person's data or answers them is here, or says why not, so a new one cannot leave the
sign out unseen."""

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
    ("progress",): "Nothing recorded yet",
    ("history",): "Nothing in the journal yet",
    ("psfs", "--history"): "No activities rated yet",
    ("ask", "why do I keep yawning?"): "Why do I yawn",
    ("ask",): "Ask in your own words",
}
# The commands that say it by other tests, or show none of the person's data and give no advice of their own.
SAID_ELSEWHERE = {
    "log": "test_standing_warning_cli (after the check-in, unless only that check-in raised it)",
    "log-session": "test_log_session_standing_answer_cli",
    "safety": "the advice itself (test_safety_cli)",
    "session": "refuses to start, saying the advice (test_session_cli)",
    "report": "the report's 'In short' leads with it (test_standing_warning_reports_cli, the PDF tests)",
    "remind": "refuses a reminder, saying the advice (below)",
    "check": "refuses to check a position, saying the advice (test_check_after_safety_cli)",
}
NO_DATA_SHOWN = {"protocol", "export", "import", "serve", "practice", "link", "sync", "unlink"}


def test_every_command_is_walked() -> None:
    from crest.cli.commands import COMMAND_SUMMARIES

    walked = {command[0] for command in FIRST_LINE} | set(SAID_ELSEWHERE) | NO_DATA_SHOWN
    assert set(COMMAND_SUMMARIES) == walked, "a command to add to FIRST_LINE (or to say why not)"


@pytest.mark.parametrize("command", list(FIRST_LINE))
def test_the_warning_that_stands_comes_before_the_commands_own_output(run_crest: RunCrest, command: tuple[str]) -> None:
    assert run_crest("safety", input_text=URGENT_ANSWERS).returncode == 1
    shown = run_crest(*command)
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    assert URGENT_ADVICE in said and "Source:" in said
    assert said.index(URGENT_ADVICE) < said.index(FIRST_LINE[command])


@pytest.mark.parametrize("command", [("progress", "--json"), ("history", "--json"), ("ask", "--json", "yawning")])
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


def test_progress_says_the_advice_again_last(run_crest: RunCrest) -> None:
    """The summary runs to 40 lines and more: on a terminal of 24 it scrolled the warning away (s46 walk_report M1),
    leaving Daily activities in view and nothing of "seek urgent care"."""
    assert run_crest("safety", input_text=URGENT_ANSWERS).returncode == 1
    said = " ".join(run_crest("progress").stdout.split())
    assert said.endswith(
        "Please seek urgent medical care now: call your emergency number or go to an emergency department (the warning "
        "signs are above)."
    )
