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
from crest.processes import is_local_process_alive, this_process

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
    assert this_process() == f"{os.getpid()}@{host}"
    assert not is_local_process_alive(f"{_dead_pid()}@{host}")
    assert is_local_process_alive(f"{_dead_pid()}@another-machine")  # cannot know: only silence decides
    assert not is_local_process_alive("not-a-pid@" + host)
    assert not is_local_process_alive(None)
    assert not is_local_process_alive("")


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
