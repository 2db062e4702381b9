"""A corrected session may not overlap another, as a logged one may not (SQLite and PostgreSQL): one rest runs at a
time, so minutes added by an edit over another session cannot have happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.records import SessionEdit
from crest.journal.store import Journal, SessionOverlaps
from crest.journal.vocabulary import SessionStatus

DAY = datetime(2026, 4, 28, 8, 0, tzinfo=UTC)


def _edit(seconds: int, status: SessionStatus = SessionStatus.ENDED_EARLY, variant: str = "standard") -> SessionEdit:
    return SessionEdit(variant=variant, actual_seconds=seconds, status=status)


def test_an_edit_that_would_overlap_another_session_is_refused_naming_it(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as journal:
        first = journal.log_session(DAY, 15, "standard")
        journal.update_session(first, _edit(600), UTC)  # shortened to 10 minutes
        journal.log_session(DAY + timedelta(minutes=10), 15, "standard")  # starts as the first now ends
        with pytest.raises(SessionOverlaps) as refused:
            journal.update_session(first, _edit(900, SessionStatus.COMPLETED), UTC)
        assert str(refused.value) == (
            "this overlaps the session of 28 Apr 2026, 08:10 (15 min, logged) already in your journal; "
            "nothing was changed"
        )
        assert journal.get_session(first).actual_seconds == 600
        journal.update_session(first, _edit(600, variant="somatic"), UTC)  # no time added: nothing to overlap
        assert journal.get_session(first).variant == "somatic"


def test_an_overlap_an_older_crest_let_in_can_still_be_corrected(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as journal:
        first = journal.start_session(DAY, 5, "standard", writer="1@host")
        journal.finish_session(first, 300, "completed")
        second = journal.start_session(DAY + timedelta(minutes=2), 5, "standard", writer="1@host")
        journal.finish_session(second, 75, "ended_early")
        # as an older crest's edit page left the walk-through's journal: both rests at 08:02 to 08:03
        journal.update_session(second, _edit(60, variant="somatic"), UTC)  # shortening adds no overlap
        journal.update_session(first, _edit(110), UTC)  # nor does ending the overlap
        assert [session.actual_seconds for session in journal.list_sessions()] == [110, 60]
