"""The first start after an update says the journal was updated, once (walk_upgrade L3): a crest from before the
update still open (crest serve, another terminal) can no longer save to it, and nothing said so."""

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
