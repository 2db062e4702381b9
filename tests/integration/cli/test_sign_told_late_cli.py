"""walk_safety H2 in the terminal: new numbness logged with `--at` eight days back was told "should be checked by a
clinician before you practise again", and `crest session` started at once. It now holds a week from the logging."""

import re
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta

from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def _flat(text: str) -> str:
    """The output as one line: Rich wraps long lines at the terminal's width."""
    return " ".join(text.split())


def test_a_see_a_clinician_sign_logged_late_holds_a_week_from_when_it_was_logged(run_crest: RunCrest) -> None:
    assert run_crest("safety", input_text="n\n" * len(QUESTIONS)).returncode == 0
    before = datetime.now().astimezone().replace(second=0, microsecond=0)
    at = f"{before - timedelta(days=8):%Y-%m-%dT%H:%M}"
    logged = run_crest("log", "--at", at, "--pain", "calf_and_shin:left=3:numb", "--yes")
    after = datetime.now().astimezone()
    assert logged.returncode == 0, logged.stderr
    told = _flat(logged.stdout)
    assert "should be checked by a clinician (your doctor or physiotherapist) before you practise" in told

    refused = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    assert refused.returncode == 1
    assert "no session was started: Please see a clinician" in _flat(refused.stderr)
    asked = run_crest("session", "--minutes", "5", "--speed", "300")
    assert asked.returncode == 1
    shown = _flat(asked.stdout)
    assert "Please see a clinician" in shown and "named: Numbness or tingling" in shown
    ends = re.search(r"This holds until (\d{4}-\d\d-\d\d \d\d:\d\d);", shown)
    assert ends is not None, shown
    held_until = datetime.strptime(ends.group(1), "%Y-%m-%d %H:%M").astimezone()
    assert before + timedelta(days=7) <= held_until <= after + timedelta(days=7)
