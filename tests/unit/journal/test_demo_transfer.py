"""A demo stays a demo through export and import (JSON and CSV) and a merge, and the import says how many it brought;
a FHIR bundle leaves it out."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crest.interop.fhir import fhir_bundle
from crest.journal.merging import plan_merge
from crest.journal.records import JournalContents, PracticeSession
from crest.journal.transfer import InvalidImportFile, export_bytes, parse_export
from crest.journal.vocabulary import SessionStatus
from crest.services.transfer import Imported
from support.csv_export import csv_tables, csv_zip_without_column, rewritten_csv_zip

AT = datetime(2026, 5, 1, 7, 30, tzinfo=UTC)
REAL = PracticeSession(AT, 10, "standard", SessionStatus.COMPLETED, 600, id=1)
DEMO = replace(REAL, id=2, started_at=AT + timedelta(hours=1), demo=True)
CONTENTS = JournalContents(sessions=(REAL, DEMO))


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_export_then_import_keeps_the_flag(format_name: str) -> None:
    back = parse_export(export_bytes(CONTENTS, format_name), f"journal.{format_name}")
    assert [(session.id, session.demo) for session in back.sessions] == [(1, False), (2, True)]


def test_the_csv_says_demo_in_its_own_column() -> None:
    rows = csv_tables(export_bytes(CONTENTS, "csv"))["sessions.csv"]
    assert [row["demo"] for row in rows] == ["false", "true"]


def test_an_export_from_before_demos_reads_as_real_sessions() -> None:
    document = json.loads(export_bytes(CONTENTS, "json"))
    for session in document["sessions"]:
        del session["demo"]
    assert not any(session.demo for session in parse_export(json.dumps(document), "old.json").sessions)

    tables = export_bytes(CONTENTS, "csv")
    without_column = csv_zip_without_column(tables, "sessions.csv", "demo")
    assert not any(session.demo for session in parse_export(without_column, "old.zip").sessions)


def test_a_demo_cell_that_is_not_true_or_false_is_refused() -> None:
    edited = rewritten_csv_zip(export_bytes(CONTENTS, "csv"), "sessions.csv", {"demo": "maybe"})
    with pytest.raises(InvalidImportFile, match=r"sessions\.csv line 2, field demo: “maybe” is not true or false"):
        parse_export(edited, "journal.zip")


def test_a_merge_never_takes_a_demo_for_a_real_session() -> None:
    """The same session read as real (a file from before demos were told apart) is the same rest, not a second
    one beside the demo; and it never makes the journal's demo real, while a demo in the file marks it one."""
    as_real = replace(DEMO, demo=False)
    plan = plan_merge(JournalContents(sessions=(DEMO,)), JournalContents(sessions=(as_real,)))
    assert (plan.sessions, plan.updated_sessions, plan.known_sessions) == ((), (), {2: 2})
    marked = plan_merge(JournalContents(sessions=(as_real,)), JournalContents(sessions=(DEMO,)))
    assert (marked.sessions, marked.updated_sessions) == ((), (DEMO,))
    assert plan_merge(JournalContents(sessions=(DEMO,)), JournalContents(sessions=(DEMO,))).sessions == ()


def test_a_fhir_bundle_leaves_demos_out() -> None:
    # A Procedure says the therapy was done for its period; a demo's "10 min" passed in seconds.
    assert fhir_bundle(CONTENTS, "R5") == fhir_bundle(JournalContents(sessions=(REAL,)), "R5")


def test_the_import_summary_says_how_many_sessions_are_demos() -> None:
    logged = replace(REAL, id=3, started_at=AT - timedelta(days=1), logged=True)
    assert Imported.counting(JournalContents(sessions=(REAL, DEMO, logged))).counts()[0] == (
        "3 sessions (1 logged; 1 demo: run faster than real time, not counted as practice)"
    )
    two = Imported.counting(JournalContents(sessions=(DEMO, replace(DEMO, id=4, started_at=AT + timedelta(hours=2)))))
    assert two.counts()[0] == "2 sessions (2 demos: run faster than real time, not counted as practice)"
    assert Imported.counting(JournalContents(sessions=(REAL,))).counts()[0] == "1 session"


def test_an_older_crests_sped_up_session_comes_back_as_a_demo_at_once() -> None:
    """Older crests did not mark demos: a 5-minute rest exported 98 s after it started (on a fast clock) was refused
    for five minutes ('300 seconds rested is more than the 98 s since the session started'), then read as real."""
    now = AT + timedelta(seconds=98)  # the injected clock: the import's "now"
    sped_up = PracticeSession(AT, 5, "standard", SessionStatus.COMPLETED, 300, id=1)
    document = json.loads(export_bytes(JournalContents(sessions=(sped_up,)), "json"))
    del document["sessions"][0]["demo"]
    back = parse_export(json.dumps(document), "old.json", now)
    assert [(session.actual_seconds, session.demo) for session in back.sessions] == [(300, True)]
    assert "1 demo: run faster than real time" in Imported.counting(back).counts()[0]

    old_zip = csv_zip_without_column(export_bytes(JournalContents(sessions=(sped_up,)), "csv"), "sessions.csv", "demo")
    assert [session.demo for session in parse_export(old_zip, "old.zip", now).sessions] == [True]
    # Once the real clock has caught up, the same file reads as it always did: nothing tells it from real practice.
    assert not parse_export(json.dumps(document), "old.json", AT + timedelta(minutes=6)).sessions[0].demo


def test_a_session_said_to_be_real_that_ran_faster_than_real_time_is_still_refused() -> None:
    now = AT + timedelta(seconds=98)
    sped_up = PracticeSession(AT, 5, "standard", SessionStatus.COMPLETED, 300, id=1)
    with pytest.raises(InvalidImportFile, match="300 seconds rested is more than the 98 s since the session started"):
        parse_export(export_bytes(JournalContents(sessions=(sped_up,)), "json"), "edited.json", now)
