"""`crest sync` carries the demo flag to the practice server: a clinician never sees a demo counted as practice,
and a second sync of the same session cannot turn it into one."""

from collections.abc import Callable
from datetime import UTC, datetime

from crest.journal.store import Journal
from support.journal_sync import sync_of

DAY = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


def test_a_synced_demo_stays_a_demo(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as local:
        real = local.start_session(DAY, 10, "standard", writer="1@host")
        local.finish_session(real, 600, "completed")
        demo = local.start_session(DAY.replace(hour=8), 10, "standard", writer="1@host", demo=True)
        local.finish_session(demo, 600, "completed")
        text, uids = sync_of(local).outgoing().batch({"sessions": [real, demo]})
    with Journal.open(new_journal_url()) as server:
        sync_of(server).receive(text, uids, {})
        sync_of(server).receive(text, uids, {})  # the same batch again changes nothing
        assert [(session.started_at, session.demo) for session in server.list_sessions()] == [
            (DAY, False),
            (DAY.replace(hour=8), True),
        ]
