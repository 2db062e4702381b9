"""One rest is one session, however it reaches the journal. A backup taken while a rest ran, merged with one taken
after it ended, used to leave two sessions with the same start (the running snapshot and the finished one), so the
practice counted twice in Progress and the report; and an import took a file whose sessions overlap. Now a merged
session with the same start as a held one brings that one up to date (the more complete record wins, its check-ins
follow it), one overlapping a different held rest is refused naming both, and a file whose own sessions overlap is
refused naming their lines. Demos take up no real time and overlap nothing, as in `crest log-session`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from crest.errors import CrestError
from crest.journal.records import CheckIn, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import SessionStatus
from crest.services.bundle import Services
from crest.services.transfer import Transfer
from support.clock import FakeClock


def _transfer(journal: Journal, clock: FakeClock) -> Transfer:
    return Services.over(journal, clock, UTC).transfer


def _rest_exported_twice(journal: Journal, clock: FakeClock, running: Path, ended: Path, format_name: str) -> None:
    """A rest exported while it runs (10 s in) and again once ended early at 32 s, with its check-in after."""
    transfer = _transfer(journal, clock)
    session = journal.start_session(clock(), 5, "standard", writer="1@host")
    clock.advance(10)
    journal.checkpoint_session(session, 10)
    transfer.export_to_file(running, format_name)
    clock.advance(22)
    journal.finish_session(session, 32, "ended_early")
    journal.add_checkin(
        CheckIn(
            at=clock(),
            timing="after",
            session_id=session,
            pain=(PainRating("lower_back", 3),),
            compared_with_before="better",
        )
    )
    transfer.export_to_file(ended, format_name)


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_a_rest_exported_while_it_ran_and_merged_again_once_ended_is_one_session(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path, format_name: str
) -> None:
    suffix = "json" if format_name == "json" else "zip"
    running, ended = tmp_path / f"running.{suffix}", tmp_path / f"ended.{suffix}"
    with Journal.open(new_journal_url(), clock=clock) as home:
        _rest_exported_twice(home, clock, running, ended, format_name)
    with Journal.open(new_journal_url(), clock=clock) as other:
        transfer = _transfer(other, clock)
        transfer.import_file(running)
        merged = transfer.import_file(ended, merge=True)
        sessions = other.list_sessions()
        assert [(session.status, session.actual_seconds) for session in sessions] == [(SessionStatus.ENDED_EARLY, 32)]
        assert (merged.sessions, merged.updated_sessions, merged.check_ins) == (0, 1, 1)
        assert merged.counts()[:2] == ("1 session brought up to date", "1 check-in")
        assert [check_in.session_id for check_in in other.list_checkins()] == [sessions[0].id]
        assert transfer.import_file(ended, merge=True).nothing_new("ended") is not None
        # The earlier snapshot merged after the finished record changes nothing: the more complete one stays.
        assert transfer.import_file(running, merge=True).nothing_new("running") is not None
        assert [(session.status, session.actual_seconds) for session in other.list_sessions()] == [
            (SessionStatus.ENDED_EARLY, 32)
        ]


def test_a_merged_session_overlapping_another_rest_is_refused_naming_both(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    start = clock() - timedelta(days=1)
    with Journal.open(new_journal_url(), clock=clock) as home:
        home.log_session(start + timedelta(minutes=5), 15, "standard")
        home.add_checkin(CheckIn(at=start + timedelta(hours=2), note="stiff"))
        _transfer(home, clock).export_to_file(backup, "json")
    with Journal.open(new_journal_url(), clock=clock) as other:
        other.log_session(start, 10, "supported")
        with pytest.raises(CrestError) as refused:  # MergedSessionOverlaps, 409 on the web
            _transfer(other, clock).import_file(backup, merge=True)
        assert str(refused.value) == (
            "session 1 in the file, 30 Apr 2026, 07:05 (15 min, logged), overlaps the session of 30 Apr 2026, 07:00 "
            "(10 min, logged) already in your journal; one rest runs at a time, so one of them is wrong: delete it "
            "(from the journal, or from the file) and merge again; nothing was imported"
        )
        assert len(other.list_sessions()) == 1 and other.list_checkins() == []


def test_a_demo_overlaps_no_rest_when_merging(
    new_journal_url: Callable[[], str], clock: FakeClock, tmp_path: Path
) -> None:
    """As `crest log-session` lets a rest be logged over a demo: its minutes passed in seconds."""
    backup = tmp_path / "backup.json"
    start = clock() - timedelta(days=1)
    with Journal.open(new_journal_url(), clock=clock) as home:
        home.log_session(start + timedelta(minutes=2), 15, "standard")
        _transfer(home, clock).export_to_file(backup, "json")
    with Journal.open(new_journal_url(), clock=clock) as other:
        demo = other.start_session(start, 10, "standard", writer="1@host", demo=True)
        other.finish_session(demo, 600, "completed")
        assert _transfer(other, clock).import_file(backup, merge=True).sessions == 1
        assert len(other.list_sessions()) == 2


def _two_sessions(second_start: str, second_seconds: int) -> str:
    session = {"planned_minutes": 15, "variant": "standard", "position_check_summary": None, "logged": False,
               "breath": None, "demo": False}  # fmt: skip
    first = {**session, "id": 1, "started_at": "2026-04-30T10:00:00+00:00", "actual_seconds": 600,
             "status": "interrupted"}  # fmt: skip
    second = {**session, "id": 2, "started_at": second_start, "actual_seconds": second_seconds,
              "status": "completed" if second_seconds == 900 else "ended_early"}  # fmt: skip
    document = {"format": "crest-journal", "version": 1, "sessions": [first, second], "check_ins": [],
                "safety_screens": [], "settings": []}  # fmt: skip
    return json.dumps(document, indent=1)


@pytest.mark.parametrize(
    ("second_start", "second_seconds"), [("2026-04-30T10:00:00+00:00", 900), ("2026-04-30T11:09:00+01:00", 300)]
)
def test_a_backup_whose_sessions_overlap_is_restored_as_it_is(
    journal: Journal, clock: FakeClock, tmp_path: Path, second_start: str, second_seconds: int
) -> None:
    """A journal an older crest's merge left with two records of one rest (or a rest that overlaps another) still
    restores from its backup: a restore that refuses the file crest wrote would lose the whole journal."""
    path = tmp_path / "backup.json"
    path.write_text(_two_sessions(second_start, second_seconds), encoding="utf-8")
    assert _transfer(journal, clock).import_file(path).sessions == 2
    assert len(journal.list_sessions()) == 2
