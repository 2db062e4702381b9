"""A large import holds the journal's write lock briefly. It wrote every session and check-in by statements of
its own (a round of the ORM per record): a merge of 20,000 records held the lock for 9 s, longer than the local web
app's 5 s wait, which answered "locked by another program" meanwhile. Each kind of record is now written by one
statement run for them all, so what an import sends while it holds the lock does not grow with the file (the time
itself: bench/import_lock.py). It stays one transaction: all of the file or none of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, event

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
