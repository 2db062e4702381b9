"""The first start after an update says the journal was updated, once (walk_upgrade L3): a crest from before the
update still open (crest serve, another terminal) can no longer save to it, and nothing said so."""

import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.integration.cli.conftest import RunCrest

from crest.journal.schema import HEAD_REVISION
from support.databases import older_journal_with_a_session, revision_of

UPDATED = (
    "crest updated the journal at {path} for this version; close any crest from before the update that is still open "
    "(crest serve, another terminal): it can no longer save to it."
)


def test_the_first_start_after_an_update_says_so_once(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    path = Path(crest_env["CREST_HOME"]) / "crest.db"
    path.parent.mkdir(parents=True)
    older_journal_with_a_session(f"sqlite:///{path}", "r0018_prescription_days", datetime(2026, 5, 1, tzinfo=UTC))
    first = run_crest("history")
    assert first.returncode == 0, first.stderr
    assert " ".join(first.stderr.split()) == UPDATED.format(path=path)
    assert revision_of(f"sqlite:///{path}") == HEAD_REVISION
    again = run_crest("history")
    assert again.returncode == 0 and again.stderr == ""


def test_a_new_journal_is_not_said_to_be_updated(run_crest: RunCrest) -> None:
    first = run_crest("history")
    assert first.returncode == 0 and "updated" not in first.stderr


def test_crest_serve_says_it_too(crest_env: dict[str, str], tmp_path: Path) -> None:
    """Where an older crest's tab is most likely still open."""
    path = Path(crest_env["CREST_HOME"]) / "crest.db"
    path.parent.mkdir(parents=True)
    older_journal_with_a_session(f"sqlite:///{path}", "r0018_prescription_days", datetime(2026, 5, 1, tzinfo=UTC))
    server = subprocess.Popen(
        [sys.executable, "-m", "crest", "serve", "--port", str(_free_port()), "--no-browser"],
        env=crest_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None and "crest is running at" in server.stdout.readline()
    finally:
        server.terminate()
        _, said = server.communicate(timeout=60)
    assert " ".join(said.split()).startswith(UPDATED.format(path=path))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
