"""Sessions done without the app, logged afterwards: stored as logged, kept through export and import, and older
journals gain the mark (r0004) with every existing session counted as timed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crest.journal.store import Journal, SessionOverlaps
from crest.journal.transfer import export_bytes, export_text, parse_export
from support.databases import older_journal_with_a_session

DAY = datetime(2026, 4, 28, 8, 0, tzinfo=UTC)


def test_a_logged_session_is_kept_as_logged_through_export_and_import(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as source:
        logged_id = source.log_session(DAY, 20, "supported")
        timed_id = source.start_session(DAY.replace(day=29), 15, "standard", writer="1@host")
        contents = source.export_contents()
    by_id = {session.id: session for session in contents.sessions}
    assert by_id[logged_id].logged and by_id[logged_id].actual_seconds == 1200
    assert by_id[logged_id].status == "completed" and by_id[logged_id].writer is None
    assert not by_id[timed_id].logged
    for format_name in ("csv", "json"):
        exported = export_bytes(contents, format_name)
        assert export_bytes(parse_export(exported, f"x.{format_name}"), format_name) == exported
    assert '"logged": true' in export_text(contents, "json")
    with zipfile.ZipFile(io.BytesIO(export_bytes(contents, "csv"))) as tables:
        assert ",true,false,,\r\n" in tables.read("sessions.csv").decode("utf-8-sig")  # logged, not a demo
    with Journal.open(new_journal_url()) as target:
        target.import_contents(contents)
        assert [session.logged for session in target.list_sessions()] == [True, False]


def test_an_older_journal_gains_the_logged_mark_and_the_clearances(new_journal_url: Callable[[], str]) -> None:
    url = new_journal_url()
    older_journal_with_a_session(url, "r0002_session_writer", DAY)
    with Journal.open(url) as journal:
        [session] = journal.list_sessions()
        assert session.logged is False
        assert journal.safety_clearances() == []


def test_a_logged_session_overlapping_one_in_the_journal_is_refused(new_journal_url: Callable[[], str]) -> None:
    with Journal.open(new_journal_url()) as journal:
        journal.log_session(DAY, 15, "standard")
        with pytest.raises(SessionOverlaps, match=r"the session of 28 Apr 2026, 08:00 \(15 min, logged\)"):
            journal.log_session(DAY, 15, "standard")  # the same rest entered again
        with pytest.raises(SessionOverlaps):
            journal.log_session(DAY - timedelta(minutes=10), 15, "standard")  # ends inside it
        journal.log_session(DAY + timedelta(minutes=15), 15, "standard")  # starts as it ends: no overlap
        timed_start = DAY + timedelta(hours=2)
        journal.start_session(timed_start, 15, "standard", writer="1@host")
        with pytest.raises(SessionOverlaps, match=r"10:00 \(0 s, timed by crest\)"):
            journal.log_session(timed_start + timedelta(minutes=5), 20, "standard")  # over a rest still running
        assert len(journal.list_sessions()) == 3


def test_a_demo_takes_up_no_real_time_so_a_logged_rest_may_start_inside_its_minutes(
    new_journal_url: Callable[[], str],
) -> None:
    with Journal.open(new_journal_url()) as journal:
        demo = journal.start_session(DAY, 15, "standard", writer="1@host", demo=True)
        journal.finish_session(demo, 900, "completed", None, demo=True)  # 15 "minutes" that passed in seconds
        journal.log_session(DAY + timedelta(minutes=1), 10, "standard")
        assert [session.demo for session in journal.list_sessions()] == [True, False]
