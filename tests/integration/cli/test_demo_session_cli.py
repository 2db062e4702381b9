"""`crest session --speed` above 1 is a demo from its start: `crest history` says so, `crest progress` counts it
nowhere; a session at the real speed (`--speed 1`, the default) is no demo."""

import json
import subprocess
from collections.abc import Callable

import pytest

from crest.insights.practice import DEMO_WORDS
from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.usefixtures("safety_answered")
def test_a_sped_up_session_is_a_demo_shown_in_history_and_counted_nowhere(run_crest: RunCrest) -> None:
    new_user = " ".join(run_crest("progress").stdout.split())
    assert "Nothing recorded yet" in new_user
    assert "a demo is left out" not in new_user  # said only once the journal holds one
    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    assert result.returncode == 0, result.stderr
    with Journal.open() as journal:
        assert [(session.actual_seconds, session.demo) for session in journal.list_sessions()] == [(300, True)]

    history = " ".join(run_crest("history").stdout.split())
    assert "completed (demo)" in history
    assert f"(demo): {DEMO_WORDS}" in history
    assert json.loads(run_crest("history", "--json").stdout)[0]["demo"] is True

    progress = json.loads(run_crest("progress", "--json").stdout)["adherence"]
    assert (progress["sessions_7_days"], progress["minutes_7_days"], progress["days_with_data_30"]) == (0, 0, 0)
    words = " ".join(run_crest("progress").stdout.split())
    assert "Before and after a session Rate the same place before and after a session" in words
    assert "(a demo is left out: its rest passes in seconds)" in words


@pytest.mark.usefixtures("safety_answered")
def test_the_terminal_says_as_a_sped_up_session_ends_that_it_was_a_demo(run_crest: RunCrest) -> None:
    # As the web page does: else the rest just done seems lost from "This week" and `crest progress`.
    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "This was a demo at 300 times real time: the journal keeps it as a demo, never counted as practice." in said
