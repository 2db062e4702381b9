"""`crest check` coaches lying in the position, so it comes after the safety questions as `crest session` does:
before they were ever answered, or when they are due again, it is refused in one line that says how to answer."""

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crest.journal.records import SafetyScreen
from crest.journal.store import Journal
from crest.safety.screen import ASK_AGAIN_AFTER, QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

PHOTO = str(Path(__file__).resolve().parents[2] / "fixtures" / "photos" / "90_90_hamstring_0.jpg")
CHECKS = (("check", PHOTO), ("check", "--camera", "99"), ("check", "--json", PHOTO))


def _refused_for_the_questions(result: subprocess.CompletedProcess[str]) -> None:
    assert (result.returncode, result.stdout) == (1, "")
    [line] = result.stderr.splitlines()  # one line
    assert line.startswith("crest: no position check was started: answer the safety questions first (")
    assert "crest safety" in line and "the Safety page" in line


def test_the_check_waits_for_the_safety_questions_as_a_session_does(run_crest: RunCrest) -> None:
    for check in CHECKS:
        _refused_for_the_questions(run_crest(*check))
    session = run_crest("session", "--yes", "--minutes", "5")
    assert session.returncode != 0 and "safety questions" in session.stderr  # the session, alike


def test_the_check_waits_for_the_safety_questions_when_they_are_due_again(run_crest: RunCrest) -> None:
    long_ago = datetime.now(UTC) - ASK_AGAIN_AFTER - timedelta(days=1)
    with Journal.open() as journal:
        journal.record_safety_screen(SafetyScreen(long_ago, {question.id: False for question in QUESTIONS}, "clear"))
    for check in CHECKS:
        _refused_for_the_questions(run_crest(*check))


@pytest.mark.usefixtures("safety_answered")
def test_once_answered_the_check_runs(run_crest: RunCrest) -> None:
    checked = run_crest("check", PHOTO)
    assert checked.returncode == 0, checked.stderr
    assert "Lying on the back" in checked.stdout
