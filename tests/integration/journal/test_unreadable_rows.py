"""A row edited by hand into one crest refuses (a pain score of 14, an unknown status, a time that is no time) is
left out of every read, named with its table, id and reason, and the journal's other records still read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from crest.errors import CrestError
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal, UnreadableRow
from crest.safety.screen import QUESTIONS
from crest.services.bundle import Services
from crest.services.safety import PositionCheckNotAdvised, ReminderNotAdvised, SafetyConcernStands
from support.clock import FakeClock

START = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


def _filled(journal: Journal) -> None:
    for day in range(2):
        journal.log_session(START + timedelta(days=day), 15, "standard")
        journal.add_checkin(CheckIn(at=START + timedelta(days=day, hours=2), pain=(PainRating("lower_back", 4),)))


def _corrupt(journal: Journal, statement: str) -> None:
    with journal.writing() as db:
        db.execute(text(statement))


CORRUPTIONS = [
    pytest.param(
        "UPDATE pain_ratings SET score = 14 WHERE check_in_id = 2",
        UnreadableRow("check_ins", 2, "pain score: enter 10 or less, not “14”"),
        id="pain-score-14",
    ),
    pytest.param(
        "UPDATE practice_sessions SET status = 'paused' WHERE id = 2",
        UnreadableRow(
            "practice_sessions",
            2,
            "unknown session status “paused”; expected one of running, completed, ended_early, interrupted",
        ),
        id="unknown-status",
    ),
]


@pytest.mark.parametrize(("statement", "named"), CORRUPTIONS)
def test_a_bad_row_is_left_out_of_reads_and_named(journal: Journal, statement: str, named: UnreadableRow) -> None:
    _filled(journal)
    _corrupt(journal, statement)

    contents = journal.export_contents()
    sessions, check_ins = journal.newest(10)

    assert len(contents.sessions) + len(contents.check_ins) == 3
    assert [s.id for s in journal.list_sessions()] == [s.id for s in contents.sessions] == [s.id for s in sessions]
    assert [c.id for c in journal.list_checkins()] == [c.id for c in contents.check_ins] == [c.id for c in check_ins]
    assert journal.unreadable_rows() == [named]


def test_a_time_that_is_no_time_is_named_on_sqlite(tmp_path: Path) -> None:
    with Journal.open(f"sqlite:///{tmp_path}/crest.db") as journal:
        _filled(journal)
        _corrupt(journal, "UPDATE check_ins SET at = 'yesterday' WHERE id = 2")

        assert [c.id for c in journal.export_contents().check_ins] == [1]
        assert [c.id for c in journal.list_checkins()] == [1]
        assert journal.unreadable_rows() == [
            UnreadableRow("check_ins", 2, "the check-in time 'yesterday' is not a date and time")
        ]


def test_a_row_corrected_or_deleted_is_no_longer_named(journal: Journal) -> None:
    _filled(journal)
    _corrupt(journal, "UPDATE pain_ratings SET score = 14 WHERE check_in_id = 2")
    _corrupt(journal, "UPDATE practice_sessions SET status = 'paused' WHERE id = 1")
    journal.export_contents()
    assert len(journal.unreadable_rows()) == 2

    _corrupt(journal, "UPDATE pain_ratings SET score = 4 WHERE check_in_id = 2")
    _corrupt(journal, "DELETE FROM practice_sessions WHERE id = 1")

    assert journal.unreadable_rows() == []


def test_sync_sends_nothing_while_a_row_is_unreadable(journal: Journal, clock: FakeClock) -> None:
    """A row left out would read as deleted, and be deleted at the practice too."""
    _filled(journal)
    _corrupt(journal, "UPDATE practice_sessions SET status = 'paused' WHERE id = 2")

    with pytest.raises(CrestError, match=r"^nothing was sent: crest sync found 1 row .* practice_sessions row 2 \("):
        Services.over(journal, clock, UTC).sync.outgoing()


def test_an_export_leaves_out_the_check_ins_of_a_session_left_out(journal: Journal) -> None:
    """A file naming a session it does not hold could not be imported back."""
    _filled(journal)
    session = journal.start_session(START + timedelta(days=3), 15, "standard", writer="1@host")
    journal.finish_session(session, 900, "completed")
    journal.add_checkin(CheckIn(at=START + timedelta(days=3, minutes=16), timing="after", session_id=session))
    _corrupt(journal, f"UPDATE practice_sessions SET status = 'paused' WHERE id = {session}")

    contents = journal.export_contents()

    assert [c.id for c in contents.check_ins] == [1, 2]
    assert [row.table for row in journal.unreadable_rows()] == ["check_ins", "practice_sessions"]
    assert journal.unreadable_rows()[0].reason.startswith(f"it belongs to session {session} (")


NUMB_SADDLE = (PainRating("groin", 3, "both", "numb"), PainRating("calf_and_shin", 2, "both", "tingling"))
NO_TO_ALL = {question.id: False for question in QUESTIONS}
HIDDEN_SIGN = r"^no session was started: a warning sign may be in 1 row of the journal that crest cannot read: {}"


def _practice_refused_by_row(services: Services, table: str) -> None:
    """No rest, no position check (it coaches lying in the position, as a rest does), and no calendar reminder to
    rest (one was made, while the rest it reminds of was refused), while a row hides."""
    with pytest.raises(SafetyConcernStands, match=HIDDEN_SIGN.format(f"{table} row \\d+ \\(")):
        services.safety.require_may_practise("standard")
    check_refused = HIDDEN_SIGN.replace("no session", "no position check").format(f"{table} row \\d+ \\(")
    with pytest.raises(PositionCheckNotAdvised, match=check_refused):
        services.safety.require_may_lie_on_back()
    reminder_refused = HIDDEN_SIGN.replace("no session was started", "no reminder was made").format(
        f"{table} row \\d+ \\("
    )
    with pytest.raises(ReminderNotAdvised, match=reminder_refused):
        services.reminders.calendar()


def test_no_rest_starts_while_a_check_in_that_named_a_warning_sign_is_unreadable(
    journal: Journal, clock: FakeClock
) -> None:
    """Reads go on without the row, but the gate before a rest fails closed: the urgent sign the check-in named is
    not waved through as if it had never been raised."""
    services = Services.over(journal, clock, UTC)
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=NUMB_SADDLE))
    clock.advance(60)
    with pytest.raises(SafetyConcernStands, match="urgent"):
        services.safety.require_may_practise("standard")

    _corrupt(journal, f"UPDATE pain_ratings SET score = 14 WHERE check_in_id = {saved.id}")

    _practice_refused_by_row(services, "check_ins")


def test_no_rest_starts_while_a_kept_warning_sign_is_unreadable(journal: Journal, clock: FakeClock) -> None:
    """The sign kept apart from a deleted check-in, edited into one that names no safety question: refused in one
    line, naming the row (before, a KeyError)."""
    services = Services.over(journal, clock, UTC)
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    saved = services.check_ins.add(CheckIn(at=clock(), pain=NUMB_SADDLE))
    assert saved.id is not None
    services.check_ins.delete(saved.id)
    clock.advance(60)

    _corrupt(journal, "UPDATE safety_warnings SET question_id = 'gone'")

    _practice_refused_by_row(services, "safety_warnings")


def test_no_rest_starts_while_the_latest_safety_answers_are_unreadable(journal: Journal, clock: FakeClock) -> None:
    """The latest answers named an urgent sign: left out, the older all-clear answers would read as the latest."""
    services = Services.over(journal, clock, UTC)
    services.safety.record(NO_TO_ALL)
    clock.advance(60)
    services.safety.record({**NO_TO_ALL, "both_legs": True})
    clock.advance(60)
    with pytest.raises(SafetyConcernStands, match="urgent"):
        services.safety.require_may_practise("standard")

    _corrupt(journal, "UPDATE safety_screens SET advice_level = 'soon' WHERE id = 2")

    _practice_refused_by_row(services, "safety_screens")
