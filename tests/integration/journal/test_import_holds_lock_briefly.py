"""A large import holds the journal's write lock briefly. It wrote every session and check-in by statements of
its own (a round of the ORM per record): a merge of 20,000 records held the lock for 9 s, longer than the local web
app's 5 s wait, which answered "locked by another program" meanwhile. Each kind of record is now written by one
statement run for them all, so what an import sends while it holds the lock does not grow with the file (the time
itself: bench/import_lock.py). And a merge reads the journal and matches the file with it before it takes the lock,
matching again holding it when another crest wrote meanwhile. It stays one transaction: all of the file or none."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from crest.journal import store
from crest.journal.merging import MergePlan, plan_merge
from crest.journal.records import CheckIn, JournalContents, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import CheckInTiming, Region, Sensation, Side
from support import many_records


def _file(count: int) -> JournalContents:
    """`count` sessions, each with a check-in after it rating two places and naming a sensation."""
    sessions = many_records.sessions(count).sessions
    check_ins = tuple(
        CheckIn(
            session.started_at + timedelta(seconds=session.actual_seconds),
            CheckInTiming.AFTER,
            session_id=session.id,
            pain=(PainRating(Region.HIP, 3, Side.LEFT), PainRating(Region.KNEE, 2, Side.RIGHT)),
            sensations=frozenset({Sensation.WARMTH}),
            note=f"after rest {session.id}",
            id=session.id,
        )
        for session in sessions
    )
    return JournalContents(sessions=sessions, check_ins=check_ins)


@contextmanager
def _counted_statements() -> Iterator[list[str]]:
    """The SQL statements every engine sends meanwhile (one for a statement run for many rows)."""
    sent: list[str] = []

    def note(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(Engine, "before_cursor_execute", note)


def _statements_to_import(url: str, count: int, merge: bool) -> int:
    with Journal.open(url) as journal:
        if merge:  # a journal holding rests of its own, after the file's
            journal.import_contents(many_records.sessions(3, first_id=count + 10))
        with _counted_statements() as sent:
            if merge:
                journal.merge_contents(_file(count))
            else:
                journal.import_contents(_file(count))
        held = journal.export_contents()
    assert len(held.sessions) == count + (3 if merge else 0)
    assert [len(check_in.pain) for check_in in held.check_ins] == [2] * count
    rest = {session.id: session for session in held.sessions}
    # each check-in still follows its own rest, whatever id the journal gave that
    assert all(
        check_in.at == rest[check_in.session_id].started_at + timedelta(seconds=60)
        for check_in in held.check_ins
        if check_in.session_id is not None
    )
    assert len({check_in.session_id for check_in in held.check_ins} - {None}) == count
    return len(sent)


def test_a_merge_sends_as_many_statements_for_a_large_file_as_for_a_small_one(
    new_journal_url: Callable[[], str],
) -> None:
    assert _statements_to_import(new_journal_url(), 300, merge=True) == _statements_to_import(
        new_journal_url(), 3, merge=True
    )


def test_filling_an_empty_journal_sends_as_many_statements_for_a_large_file_as_for_a_small_one(
    new_journal_url: Callable[[], str],
) -> None:
    assert _statements_to_import(new_journal_url(), 300, merge=False) == _statements_to_import(
        new_journal_url(), 3, merge=False
    )


# Another crest process, recording a rest as it happens: URL, its start, planned minutes, seconds rested, status
ANOTHER_CREST_RESTS = """
import sys
from datetime import datetime
from crest.journal.store import Journal
url, started_at, minutes, seconds, status = sys.argv[1:]
with Journal.open(url) as journal:
    session_id = journal.start_session(datetime.fromisoformat(started_at), int(minutes), "standard", writer="2@host")
    journal.finish_session(session_id, int(seconds), status)
"""


def _while_matching(monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[], None]) -> list[int]:
    """Run `meanwhile` as the next merge matches the file with the journal (the first time only); how often it
    matched."""
    matched: list[int] = []

    def matching(held: JournalContents, incoming: JournalContents) -> MergePlan:
        if not matched:
            meanwhile()
        matched.append(1)
        return plan_merge(held, incoming)

    monkeypatch.setattr(store, "plan_merge", matching)
    return matched


def test_another_crest_may_write_while_a_merge_reads_and_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, the merge held the write lock from its first read: this other crest, which waits not at all here,
    # was refused ("database is locked"); the web app waits 5 s, while a large file takes seconds to match.
    path = tmp_path / "crest.db"

    def another_crest_writes() -> None:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()

    with Journal.open(f"sqlite:///{path}") as journal:
        journal.import_contents(many_records.sessions(3, first_id=100))
        matched = _while_matching(monkeypatch, another_crest_writes)
        journal.merge_contents(_file(30))
        assert len(journal.export_contents().sessions) == 33
    assert len(matched) == 1  # nothing written meanwhile: matched once


def test_a_merge_matches_again_holding_the_lock_when_another_crest_wrote_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file's first rest arrives by another crest as the merge matches: matched against the journal read before,
    # it would be added a second time.
    url = f"sqlite:///{tmp_path / 'crest.db'}"
    file = _file(30)

    def another_crest_adds_the_first_rest() -> None:
        first = file.sessions[0]
        rest = (first.started_at.isoformat(), str(first.planned_minutes), str(first.actual_seconds), first.status)
        subprocess.run([sys.executable, "-c", ANOTHER_CREST_RESTS, url, *rest], check=True, timeout=60)

    with Journal.open(url) as journal:
        journal.import_contents(many_records.sessions(3, first_id=100))
        matched = _while_matching(monkeypatch, another_crest_adds_the_first_rest)
        plan = journal.merge_contents(file)
        held = journal.export_contents()
    assert len(matched) == 2
    assert (len(plan.sessions), plan.skipped) == (29, 1)
    assert [session.started_at for session in held.sessions].count(file.sessions[0].started_at) == 1
    assert len(held.check_ins) == 30
