"""A session deleted at home leaves its check-ins there, on their own; `crest sync` leaves them at the practice too,
whichever comes first in the batches: the check-ins sent again unlinked, or the session's deletion."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from support.journal_sync import sync_of

START = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize("deletion_first", [False, True])
def test_the_practice_keeps_the_check_ins_of_a_session_deleted_at_home(
    new_journal_url: Callable[[], str], deletion_first: bool
) -> None:
    with Journal.open(new_journal_url()) as home, Journal.open(new_journal_url()) as practice:
        session = home.start_session(START, 10, "standard", writer="1@host")
        home.finish_session(session, 600, "completed")
        before = home.add_checkin(
            CheckIn(at=START - timedelta(minutes=2), timing="before", session_id=session, pain=(PainRating("neck", 5),))
        )
        after = home.add_checkin(
            CheckIn(
                at=START + timedelta(minutes=11),
                timing="after",
                session_id=session,
                pain=(PainRating("neck", 3),),
                compared_with_before="better",
            )
        )
        text, uids = sync_of(home).outgoing().batch({"sessions": [session], "check_ins": [before, after]})
        sync_of(practice).receive(text, uids, {})
        session_uid = uids["sessions"][session]

        home.delete_session(session)
        text, uids = sync_of(home).outgoing().batch({"check_ins": [before, after]})
        if deletion_first:
            empty, no_uids = sync_of(home).outgoing().batch({})
            sync_of(practice).receive(empty, no_uids, {"sessions": [session_uid]})
            sync_of(practice).receive(text, uids, {})
        else:
            sync_of(practice).receive(text, uids, {"sessions": [session_uid]})

        assert practice.list_sessions() == []
        kept = [(c.timing, c.session_id, [p.score for p in c.pain]) for c in practice.list_checkins()]
        assert kept == [("before", None, [5]), ("standalone", None, [3])]
