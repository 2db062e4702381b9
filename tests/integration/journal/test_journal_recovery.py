"""A session whose process is killed (SIGKILL) is marked interrupted, with its checkpointed time."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from crest.cli.journal_access import describe_recovered
from crest.journal.recovery import recover_abandoned_sessions
from crest.journal.store import Journal
from crest.processes import is_local_process_alive, process_start, this_process

SRC = Path(__file__).resolve().parents[3] / "src"

RUNNER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime, timezone
    from crest.processes import this_process
    from crest.journal.store import Journal

    journal = Journal.open(sys.argv[1])
    session_id = journal.start_session(datetime.now(timezone.utc), 15, "standard", this_process())
    journal.checkpoint_session(session_id, 30)
    journal.checkpoint_session(session_id, 60)
    print(session_id, flush=True)
    time.sleep(60)
    """
)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_owner_liveness_on_this_host() -> None:
    host = socket.gethostname()
    assert is_local_process_alive(this_process())
    start = process_start(os.getpid())
    assert start is not None  # Linux: /proc tells when a process started
    assert this_process() == f"{os.getpid()}.{start}@{host}"
    assert is_local_process_alive(f"{os.getpid()}@{host}")  # a name written before starts were noted
    assert not is_local_process_alive(f"{_dead_pid()}@{host}")
    assert not is_local_process_alive(f"{_dead_pid()}.{start}@{host}")
    assert is_local_process_alive(f"{_dead_pid()}@another-machine")  # cannot know: only silence decides
    assert not is_local_process_alive("not-a-pid@" + host)
    assert not is_local_process_alive(None)
    assert not is_local_process_alive("")


def test_a_session_whose_pid_now_runs_another_program_is_marked_interrupted(journal_url: str) -> None:
    """After a reboot (or once pids wrap around) another program may run under the dead crest's pid: its start
    tells them apart, so the rest left running does not hold new ones off for the two hours silence takes."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        start = process_start(other.pid)
        assert start is not None
        stand_in = f"{other.pid}.{start + 1}@{socket.gethostname()}"  # the dead crest started at another moment
        assert is_local_process_alive(f"{other.pid}.{start}@{socket.gethostname()}")
        assert not is_local_process_alive(stand_in)
        with Journal.open(journal_url) as journal:
            session_id = journal.start_session(datetime.now(UTC), 15, "standard", stand_in)
            recovered = recover_abandoned_sessions(journal)
            assert [(session.id, session.status) for session in recovered] == [(session_id, "interrupted")]
    finally:
        other.kill()
        other.wait()


def test_a_command_name_with_spaces_and_parentheses_does_not_hide_the_start(tmp_path: Path) -> None:
    named = tmp_path / "a (b) c"  # the command name /proc shows in parentheses, itself holding some
    named.symlink_to(sys.executable)
    other = subprocess.Popen([str(named), "-c", "import time; time.sleep(60)"])
    try:
        stat = Path(f"/proc/{other.pid}/stat").read_text(encoding="ascii")
        assert "(a (b) c)" in stat
        assert process_start(other.pid) == int(stat.replace("(a (b) c)", "name").split()[21])
    finally:
        other.kill()
        other.wait()


def test_killed_session_is_marked_interrupted_on_next_start(journal_url: str) -> None:
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    runner = subprocess.Popen(
        [sys.executable, "-c", RUNNER, journal_url], stdout=subprocess.PIPE, text=True, env=environment
    )
    try:
        assert runner.stdout is not None
        session_id = int(runner.stdout.readline())
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=30)
    finally:
        if runner.poll() is None:
            runner.kill()
    assert runner.returncode == -signal.SIGKILL

    with Journal.open(journal_url) as journal:
        assert journal.get_session(session_id).status == "running"
        recovered = recover_abandoned_sessions(journal)
        assert [(s.id, s.status, s.actual_seconds) for s in recovered] == [(session_id, "interrupted", 60)]
        assert journal.get_session(session_id).status == "interrupted"
        assert recover_abandoned_sessions(journal) == []


def test_live_session_of_this_process_is_left_alone(journal_url: str) -> None:
    with Journal.open(journal_url) as journal:
        session_id = journal.start_session(datetime.now(UTC), 15, "standard", this_process())
        assert recover_abandoned_sessions(journal) == []
        assert journal.get_session(session_id).status == "running"


def test_describe_recovered(journal_url: str) -> None:
    assert describe_recovered([]) is None
    with Journal.open(journal_url) as journal:
        session_id = journal.start_session(datetime.now(UTC), 15, "standard", "1@gone")
        journal.checkpoint_session(session_id, 125)
        recovered = journal.mark_abandoned_sessions(lambda owner: False, 600)
    message = describe_recovered(recovered)
    assert message is not None
    assert "1 session that stopped unexpectedly" in message
    assert "2 min 5 s" in message
