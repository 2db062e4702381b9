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


def test_a_session_logged_afterwards_gets_its_before_and_after_check_ins_and_progress_compares_them(
    run_crest: RunCrest,
) -> None:
    """Sessions done elsewhere and logged with `crest log-session`: the before check-in waited for a rest started
    here, and no option said "after", so the section that asks for both stayed empty whatever the person did."""
    for day in ("01", "02", "03"):
        at = f"2026-11-{day}T"
        assert run_crest("log", "--before-session", "--pain", "lower_back=6", "--at", at + "07:50").returncode == 0
        assert run_crest("log-session", "--minutes", "15", "--at", at + "08:00").returncode == 0
        after = run_crest("log", "--after-session", "--pain", "lower_back=4", "--at", at + "08:20")
        assert after.returncode == 0, after.stderr
        assert "It is the check-in after session" in after.stdout
    with Journal.open() as journal:
        paired = [(c.timing, c.session_id) for c in journal.list_checkins()]
    assert paired == [("before", 1), ("after", 1), ("before", 2), ("after", 2), ("before", 3), ("after", 3)]
    progress = " ".join(run_crest("progress").stdout.split())
    assert "Lower back (centre): -2.0 points on average from before to after a session" in progress


def test_after_session_is_refused_without_a_session_just_ended_or_with_one_that_has_its_after(
    run_crest: RunCrest,
) -> None:
    alone = run_crest("log", "--after-session", "--pain", "lower_back=3")
    assert alone.returncode == 2 and alone.stderr.startswith("crest: no session ended in the 1 hour before")
    assert run_crest("log-session", "--minutes", "15", "--at", "2026-11-01T08:00").returncode == 0
    assert run_crest("log", "--after-session", "--pain", "lower_back=3", "--at", "2026-11-01T08:20").returncode == 0
    again = run_crest("log", "--after-session", "--pain", "lower_back=2", "--at", "2026-11-01T08:25")
    assert again.returncode == 2 and "has its check-in after it already" in again.stderr
    both = run_crest("log", "--after-session", "--before-session", "--pain", "lower_back=2")
    assert both.returncode == 2 and "give --before-session or --after-session" in both.stderr
    with Journal.open() as journal:
        assert len(journal.list_checkins()) == 1
