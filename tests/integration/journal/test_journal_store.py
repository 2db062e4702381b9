"""The journal store on SQLite and PostgreSQL: sessions, abandoned sessions, check-ins, safety, settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crest.journal.records import (
    CheckIn,
    InvalidDuration,
    InvalidPlannedMinutes,
    PainRating,
    SafetyScreen,
    SessionEdit,
    SessionStillRunning,
    UnknownStatus,
)
from crest.journal.store import CheckInNotFound, Journal, RecordReplaced, RestAlreadyRunning, SessionNotFound
from support.clock import FakeClock

START = datetime(2026, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))
BERLIN = timezone(timedelta(hours=2))  # summer time


def test_session_row_is_written_at_start_and_checkpointed(journal: Journal, clock: FakeClock) -> None:
    session_id = journal.start_session(START, 15, "standard", writer="123@host")

    started = journal.get_session(session_id)
    assert started.status == "running"
    assert started.actual_seconds == 0
    assert started.started_at == START  # same instant, read back in UTC
    assert started.started_at.utcoffset() == timedelta(0)
    assert started.writer == "123@host"

    clock.advance(31)
    journal.checkpoint_session(session_id, 30.9)
    checkpointed = journal.get_session(session_id)
    assert checkpointed.actual_seconds == 30
    assert checkpointed.last_checkpoint_at == clock.now


def test_finish_session_and_position_summary(journal: Journal) -> None:
    session_id = journal.start_session(
        START, 20, "supported", writer="1@host", position_check_summary="  heels 34 cm from the buttocks  "
    )
    journal.finish_session(session_id, 1200.4, "completed")

    finished = journal.get_session(session_id)
    assert (finished.status, finished.actual_seconds, finished.variant) == ("completed", 1200, "supported")
    assert finished.position_check_summary == "heels 34 cm from the buttocks"
    assert finished.finished


def test_finish_rejects_running_status_and_unknown_session(journal: Journal) -> None:
    session_id = journal.start_session(START, 10, "standard", writer="1@host")
    with pytest.raises(UnknownStatus, match="running"):
        journal.finish_session(session_id, 10, "running")
    with pytest.raises(SessionNotFound, match="no session 999"):
        journal.finish_session(999, 10, "completed")
    with pytest.raises(SessionNotFound):
        journal.checkpoint_session(999, 10)
    with pytest.raises(InvalidPlannedMinutes, match="minutes: enter 30 or less, not “31”"):
        journal.start_session(START, 31, "standard", writer="1@host")


def test_a_finished_session_is_corrected_and_keeps_its_start(journal: Journal, clock: FakeClock) -> None:
    session_id = journal.start_session(
        START, 15, "standard", writer="1@host", position_check_summary="heels 34 cm from the buttocks"
    )
    journal.finish_session(session_id, 95, "interrupted")
    before = journal.get_session(session_id)

    clock.advance(3600)
    journal.update_session(session_id, SessionEdit(variant="somatic", actual_seconds=840, status="ended_early"))

    after = journal.get_session(session_id)
    assert (after.variant, after.actual_seconds, after.status) == ("somatic", 840, "ended_early")
    assert after.started_at == before.started_at
    assert after.planned_minutes == 15
    assert after.position_check_summary == "heels 34 cm from the buttocks"
    assert after.last_checkpoint_at == before.last_checkpoint_at


def test_a_running_unknown_or_overlong_session_edit_changes_nothing(journal: Journal) -> None:
    edit = SessionEdit(variant="supported", actual_seconds=300, status="completed")
    running_id = journal.start_session(START, 10, "standard", writer="1@host")
    with pytest.raises(SessionStillRunning, match=f"session {running_id} is still open; it can be edited once"):
        journal.update_session(running_id, edit)
    with pytest.raises(SessionNotFound, match="no session 999"):
        journal.update_session(999, edit)
    journal.finish_session(running_id, 600, "completed")
    with pytest.raises(InvalidDuration, match="more than the 10 minutes"):
        journal.update_session(running_id, SessionEdit(variant="supported", actual_seconds=601, status="completed"))
    unchanged = journal.get_session(running_id)
    assert (unchanged.variant, unchanged.actual_seconds, unchanged.status) == ("standard", 600, "completed")


def test_list_sessions_in_start_order_and_since(journal: Journal) -> None:
    late = journal.start_session(START + timedelta(days=2), 15, "somatic", writer="1@host")
    journal.finish_session(late, 900, "completed")
    early = journal.start_session(START, 15, "standard", writer="1@host")

    assert [session.id for session in journal.list_sessions()] == [early, late]
    assert [session.id for session in journal.list_sessions(since=START + timedelta(days=1))] == [late]


def test_deleting_a_session_keeps_its_check_ins_on_their_own(journal: Journal) -> None:
    """The pain a person rated is theirs: deleting the session (a demo tried after a real rating, a session logged
    at the wrong time) leaves its check-ins, a "before" one waiting as one made away from a session does."""
    session_id = journal.start_session(START, 15, "standard", writer="1@host")
    before_id = journal.add_checkin(CheckIn(at=START, timing="before", session_id=session_id, note="before"))
    after = CheckIn(
        at=START,
        timing="after",
        session_id=session_id,
        pain=(PainRating("knee", 2, "left"),),
        compared_with_before="better",
    )
    after_id = journal.add_checkin(after)
    standalone_id = journal.add_checkin(CheckIn(at=START, note="on its own", sensations=frozenset({"warmth"})))

    journal.delete_session(session_id)

    assert journal.list_sessions() == []
    kept = {check_in.id: check_in for check_in in journal.list_checkins()}
    assert sorted(kept) == sorted([before_id, after_id, standalone_id])
    assert (kept[before_id].timing, kept[before_id].session_id) == ("before", None)
    assert (kept[after_id].timing, kept[after_id].session_id, kept[after_id].compared_with_before) == (
        "standalone",
        None,
        None,
    )
    assert kept[after_id].pain == after.pain
    with pytest.raises(SessionNotFound):
        journal.delete_session(session_id)


def test_abandoned_session_of_dead_writer_is_interrupted_with_checkpointed_time(
    journal: Journal, clock: FakeClock
) -> None:
    done = journal.start_session(START, 15, "standard", writer="dead@host")
    journal.finish_session(done, 900, "completed")
    running = journal.start_session(START, 15, "standard", writer="dead@host")
    journal.checkpoint_session(running, 90)

    assert journal.mark_abandoned_sessions(lambda writer: writer == "dead@host", stale_after_s=600) == []
    marked = journal.mark_abandoned_sessions(lambda writer: writer == "alive@host", stale_after_s=600)

    assert [(session.id, session.status, session.actual_seconds) for session in marked] == [
        (running, "interrupted", 90)
    ]
    assert journal.get_session(running).status == "interrupted"
    assert journal.get_session(running).actual_seconds == 90
    assert journal.get_session(done).status == "completed"


def test_one_rest_at_a_time_while_one_runs_another_start_is_refused(journal: Journal) -> None:
    running = journal.start_session(START, 15, "standard", writer="1@terminal")

    with pytest.raises(RestAlreadyRunning) as refused:
        journal.start_session(START + timedelta(minutes=3), 10, "standard", writer="2@server", zone=BERLIN)

    assert refused.value.message == (
        "no session was started: the rest started 1 May 2026, 09:00 is still open in another crest "
        "(a terminal, or the app in a browser): end it there first"
    )
    assert [session.id for session in journal.list_sessions()] == [running]
    journal.mark_abandoned_sessions(lambda writer: False, 600)  # its crest was killed: interrupted blocks nothing
    journal.start_session(START + timedelta(minutes=3), 10, "standard", writer="2@server")
    assert [session.status for session in journal.list_sessions()] == ["interrupted", "running"]


def test_silent_session_is_interrupted_after_stale_time(journal: Journal, clock: FakeClock) -> None:
    session_id = journal.start_session(START, 15, "standard", writer="1@elsewhere")
    journal.checkpoint_session(session_id, 60)

    assert journal.mark_abandoned_sessions(lambda writer: True, 600, now=clock.now + timedelta(seconds=599)) == []
    marked = journal.mark_abandoned_sessions(lambda writer: True, 600, now=clock.now + timedelta(seconds=601))
    assert [session.id for session in marked] == [session_id]


def test_checkpoint_revives_a_session_wrongly_marked_interrupted(journal: Journal) -> None:
    session_id = journal.start_session(START, 15, "standard", writer="1@host")
    journal.mark_abandoned_sessions(lambda writer: False, 600)
    journal.checkpoint_session(session_id, 120)
    assert journal.get_session(session_id).status == "running"


def test_a_checkpoint_keeps_the_larger_time_rested(journal: Journal) -> None:
    session_id = journal.start_session(START, 15, "standard", writer="1@host")
    journal.checkpoint_session(session_id, 150)
    journal.checkpoint_session(session_id, 120)  # a left tab's late beacon
    assert journal.get_session(session_id).actual_seconds == 150


def test_check_in_round_trip_update_and_delete(journal: Journal) -> None:
    session_id = journal.start_session(START, 15, "standard", writer="1@host")
    check_in = CheckIn(
        at=START,
        timing="after",
        session_id=session_id,
        pain=(PainRating("lower_back", 5), PainRating("hip", 3, "left")),
        sensations=frozenset({"yawning", "warmth"}),
        compared_with_before="better",
        note="Breath slowed down.",
    )
    check_in_id = journal.add_checkin(check_in)

    stored = journal.get_checkin(check_in_id)
    assert stored.pain == check_in.pain
    assert stored.sensations == check_in.sensations
    assert (stored.timing, stored.session_id, stored.note) == ("after", session_id, "Breath slowed down.")
    assert stored.compared_with_before == "better"
    assert journal.list_checkins(session_id=session_id) == [stored]

    updated = CheckIn(
        id=check_in_id, at=START, timing="after", session_id=session_id, pain=(PainRating("knee", 1, "left"),)
    )
    journal.update_checkin(updated)
    assert journal.get_checkin(check_in_id).pain == (PainRating("knee", 1, "left"),)
    assert journal.get_checkin(check_in_id).sensations == frozenset()

    journal.delete_checkin(check_in_id)
    with pytest.raises(CheckInNotFound, match=str(check_in_id)):
        journal.get_checkin(check_in_id)


def test_check_in_for_missing_session_is_refused(journal: Journal) -> None:
    with pytest.raises(SessionNotFound):
        journal.add_checkin(CheckIn(at=START, timing="before", session_id=42, note="x"))
    assert journal.list_checkins() == []


def test_list_check_ins_since(journal: Journal) -> None:
    journal.add_checkin(CheckIn(at=START, note="old"))
    journal.add_checkin(CheckIn(at=START + timedelta(days=3), note="new"))
    assert [c.note for c in journal.list_checkins(since=START + timedelta(days=1))] == ["new"]


def test_safety_screens_latest_wins(journal: Journal) -> None:
    assert journal.latest_safety_screen() is None
    journal.record_safety_screen(
        SafetyScreen(datetime(2026, 1, 1, tzinfo=UTC), {"pregnant": True, "fever": False}, "side_lying")
    )
    journal.record_safety_screen(
        SafetyScreen(datetime(2026, 4, 1, tzinfo=UTC), {"pregnant": False, "fever": False}, "clear")
    )
    latest = journal.latest_safety_screen()
    assert latest is not None
    assert latest.answered_at == datetime(2026, 4, 1, tzinfo=UTC)
    assert dict(latest.answers) == {"fever": False, "pregnant": False}
    assert latest.advice_level == "clear"
    assert latest.is_due(datetime(2026, 6, 30, tzinfo=UTC), timedelta(days=90)) is True
    assert latest.is_due(datetime(2026, 6, 29, tzinfo=UTC), timedelta(days=90)) is False


def test_settings_merge(journal: Journal) -> None:
    assert journal.get_settings() == {}
    journal.save_settings({"voice": "on", "minutes": "15"})
    journal.save_settings({"minutes": "20"})
    assert journal.get_settings() == {"minutes": "20", "voice": "on"}


def test_journal_is_usable_from_threads(journal: Journal) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def write(index: int) -> int:
        return journal.add_checkin(CheckIn(at=START + timedelta(minutes=index), note=f"note {index}"))

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(write, range(20)))
    assert len(set(ids)) == 20
    assert len(journal.list_checkins()) == 20


def test_data_survives_reopening(journal_url: str) -> None:
    with Journal.open(journal_url) as first:
        session_id = first.start_session(START, 15, "standard", writer="1@host")
    with Journal.open(journal_url) as second:
        assert second.get_session(session_id).planned_minutes == 15


def test_newest_reads_only_the_newest_records_of_each_kind_oldest_first(journal: Journal) -> None:
    from support.practice_history import daily_practice

    journal.import_contents(daily_practice(datetime(2026, 3, 1).date(), 30, UTC))
    every_session, every_check_in = journal.list_sessions(), journal.list_checkins()
    sessions, check_ins = journal.newest(7)
    assert sessions == every_session[-7:] and check_ins == every_check_in[-7:]
    assert journal.newest(1000) == (every_session, every_check_in)


def test_a_record_is_named_by_its_uid_and_another_uid_is_refused(journal: Journal) -> None:
    session_id = journal.start_session(START, 10, "standard", writer="1@host")
    check_in_id = journal.add_checkin(CheckIn(at=START, note="one"))
    [session_uid] = journal.uids_of("sessions", [session_id]).values()
    [check_in_uid] = journal.uids_of("check_ins", [check_in_id]).values()
    journal.require_uid("sessions", session_id, session_uid)
    journal.require_uid("check_ins", check_in_id, check_in_uid)
    journal.require_uid("check_ins", check_in_id, None)  # the terminal and older API clients send none
    with pytest.raises(RecordReplaced, match="this check-in was deleted in another tab or window"):
        journal.require_uid("check_ins", check_in_id, session_uid)
    with pytest.raises(RecordReplaced, match="this session was deleted"):
        journal.require_uid("sessions", session_id, check_in_uid)
    assert journal.uids_of("check_ins", [check_in_id + 1]) == {}
