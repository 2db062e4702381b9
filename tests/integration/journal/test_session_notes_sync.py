"""The practitioners' notes on a linked crest's sessions: the server hands each out under its session's uid, the
crest keeps a copy on its own session of that uid, and every sync replaces the copies, so a note edited or
deleted on the server follows. A client's linked crest showed none of them."""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crest.accounts.records import SyncedSessionNote
from crest.journal import capacity
from crest.journal.practice_store import PracticeStore
from crest.journal.store import Journal
from support.journal_sync import sync_of

DAY = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
WRITTEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def _two_sessions(journal: Journal) -> list[int]:
    ids = []
    for day in range(2):
        session = journal.start_session(DAY + timedelta(days=day), 10, "standard", writer="1@host")
        journal.finish_session(session, 600, "completed")
        ids.append(session)
    return ids


def test_the_server_names_each_notes_session_by_the_uid_the_crest_pushed_it_with(
    new_journal_url: Callable[[], str],
) -> None:
    with Journal.open(new_journal_url()) as local:
        first, second = _two_sessions(local)
        text, uids = sync_of(local).outgoing().batch({"sessions": [first, second]})
        local_uids = local.record_uids()["sessions"]
    with Journal.open(new_journal_url()) as server:
        sync_of(server).receive(text, uids, {})
        held = {uid: record_id for record_id, uid in server.record_uids()["sessions"].items()}
        store = PracticeStore(server)
        assert store.add_session_note(server.person_id, held[local_uids[second]], 2, "Pat Physio", "Lovely.", WRITTEN)
        assert sync_of(server).session_notes() == [
            SyncedSessionNote(local_uids[second], "Pat Physio", "Lovely.", WRITTEN)
        ]


def test_each_sync_replaces_the_kept_notes_so_edits_and_deletions_follow(journal_url: str) -> None:
    with Journal.open(journal_url) as local:
        first, second = _two_sessions(local)
        uid = local.record_uids()["sessions"]
        sync = sync_of(local)
        note = SyncedSessionNote(uid[first], "Pat Physio", "Keep your knees up.", WRITTEN)
        elsewhere = SyncedSessionNote("f" * 32, "Pat Physio", "On a session deleted here.", WRITTEN)

        assert sync.keep_session_notes([note, elsewhere]) == 1
        [kept] = local.session_notes()[first]
        assert (kept.author_name, kept.text, kept.created_at) == ("Pat Physio", "Keep your knees up.", WRITTEN)

        edited = replace(note, text="Keep your knees up, feet flat.")
        later = SyncedSessionNote(uid[second], "Sam Smith", "Well done.", WRITTEN + timedelta(hours=1))
        assert sync.keep_session_notes([edited, later]) == 2
        notes = local.session_notes()
        assert [n.text for n in notes[first]] == ["Keep your knees up, feet flat."]
        assert [n.text for n in notes[second]] == ["Well done."]

        assert sync.keep_session_notes([later]) == 1  # the first note was deleted on the server
        assert first not in local.session_notes()

        local.delete_session(second)  # the session goes, and its note with it
        assert local.session_notes() == {}


def test_pulled_notes_never_replace_the_servers_own(journal_url: str) -> None:
    """A practice server's notes are the source: only the copies a sync kept are ever replaced."""
    with Journal.open(journal_url) as journal:
        first, _ = _two_sessions(journal)
        assert PracticeStore(journal).add_session_note(journal.person_id, first, 2, "Pat Physio", "Own.", WRITTEN)
        sync_of(journal).keep_session_notes([])
        assert [n.text for n in journal.session_notes()[first]] == ["Own."]
        assert [n.text for n in sync_of(journal).session_notes()] == ["Own."]


def test_more_notes_than_a_journal_takes_are_refused_and_the_kept_ones_stay(
    journal_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capacity.SESSION_NOTES, "most", 2)
    with Journal.open(journal_url) as local:
        first, _ = _two_sessions(local)
        note = SyncedSessionNote(local.record_uids()["sessions"][first], "Pat Physio", "One.", WRITTEN)
        sync_of(local).keep_session_notes([note])
        with pytest.raises(capacity.TooManyRecords, match="the practice sent 3 notes on sessions"):
            sync_of(local).keep_session_notes([note, note, note])
        assert [n.text for n in local.session_notes()[first]] == ["One."]
