"""`crest log --before-session`: the terminal's way to rate a place just before a rest, which `crest progress` asks
for ("Rate the same place before and after a session"); the session started within the hour takes it up."""

import subprocess
from collections.abc import Callable

import pytest

from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.usefixtures("safety_answered")
def test_a_check_in_logged_before_a_session_is_taken_up_by_the_session_that_follows(run_crest: RunCrest) -> None:
    logged = run_crest("log", "--before-session", "--pain", "lower_back=6")
    assert logged.returncode == 0, logged.stderr
    assert "takes it up as its 'before'" in logged.stdout
    assert "before a session" in run_crest("history").stdout  # not "on its own": it waits for its session
    session = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    assert session.returncode == 0, session.stderr
    with Journal.open() as journal:
        [rest] = journal.list_sessions()
        [check_in] = journal.list_checkins()
    assert (check_in.timing, check_in.session_id) == ("before", rest.id)
    assert f"before session {rest.id}" in run_crest("history").stdout


@pytest.mark.usefixtures("safety_answered")
def test_a_plain_log_stays_on_its_own(run_crest: RunCrest) -> None:
    assert run_crest("log", "--pain", "lower_back=6").returncode == 0
    assert run_crest("session", "--minutes", "5", "--speed", "300", "--yes").returncode == 0
    with Journal.open() as journal:
        [check_in] = journal.list_checkins()
    assert (check_in.timing, check_in.session_id) == ("standalone", None)
