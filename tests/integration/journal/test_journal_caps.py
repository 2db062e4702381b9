"""Merges and syncs add up: the journal they would leave is counted against the caps before anything is kept, so
no run of files or batches fills a shared server with one person's records (ASVS 2.4.1, 15.2.2)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crest.journal import capacity
from crest.journal.records import CheckIn
from crest.journal.store import Journal
from support.journal_sync import sync_of
from support.many_records import FIRST, sessions

CAP = 5


@pytest.fixture(autouse=True)
def lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(capacity.SESSIONS, "most", CAP)


def test_a_merge_past_the_cap_is_refused_and_keeps_nothing(journal: Journal) -> None:
    journal.import_contents(sessions(3))
    with pytest.raises(capacity.TooManyRecords) as refused:
        journal.merge_contents(sessions(3, first_id=4))  # later ones: none is there already
    assert str(refused.value) == f"merged, the journal would hold 6 sessions; crest takes at most {CAP} in one journal"
    assert len(journal.list_sessions()) == 3


def test_a_merge_up_to_the_cap_is_kept(journal: Journal) -> None:
    journal.import_contents(sessions(3))
    plan = journal.merge_contents(sessions(3, first_id=3))  # session 3 is there already: 5 in all
    assert (len(plan.sessions), plan.skipped) == (2, 1)
    assert len(journal.list_sessions()) == CAP


def test_sync_batches_past_the_cap_are_refused_and_the_last_keeps_nothing(
    new_journal_url: Callable[[], str],
) -> None:
    with Journal.open(new_journal_url()) as local:
        local.import_contents(sessions(CAP + 1))
        local.add_checkin(CheckIn(at=FIRST, note="after the last"))
        outgoing = sync_of(local).outgoing()
    ids = [session.id or 0 for session in outgoing.contents.sessions]
    with Journal.open(new_journal_url()) as server:
        sync = sync_of(server)
        sync.receive(*outgoing.batch({"sessions": ids[:CAP]}), {})
        sync.receive(*outgoing.batch({"sessions": ids[:CAP]}), {})  # sent again: replaced, not added
        with pytest.raises(capacity.TooManyRecords) as refused:
            sync.receive(*outgoing.batch({"sessions": ids[CAP:], "check_ins": [1]}), {})
        assert str(refused.value) == (
            f"the journal would hold {CAP + 1} sessions; crest takes at most {CAP} in one journal"
        )
        assert (len(server.list_sessions()), server.list_checkins()) == (CAP, [])
