"""`crest log`, `history`, `export`, `import` on a real SQLite journal in CREST_HOME.

Content is checked in-process (CliRunner on the journal commands); error paths run the real `crest` in a
subprocess to prove they end in one line and exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from crest.cli import journal_cmd
from crest.journal.store import Journal
from crest.journal.transfer.json_format import JSON_VERSION

SRC = Path(__file__).resolve().parents[3] / "src"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CREST_HOME", str(home))
    monkeypatch.delenv("CREST_DATABASE_URL", raising=False)
    return home


def _journal_app() -> typer.Typer:
    app = typer.Typer()
    journal_cmd.register(app)
    return app


def run(*args: str) -> Result:
    result = CliRunner().invoke(_journal_app(), list(args), catch_exceptions=False)
    return result


def crest(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "CREST_HOME": str(home), "PYTHONPATH": str(SRC), "TZ": "UTC"}
    environment.pop("CREST_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "crest", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


_SUFFIX = {"csv": "zip", "json": "json"}  # the CSV export is a zip of tables


def _assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("crest: ")
    for word in words:
        assert word in lines[0]


def test_log_records_the_new_places_and_what_the_pain_is_like(home: Path) -> None:
    # the calf and the other foot: pain below the knee in both legs, an urgent sign, confirmed beforehand
    places = ("--pain", "calf_and_shin:left=5:tingling", "--pain", "neck=2", "--pain", "foot:right=3:Sharp")
    result = run("log", "--yes", *places)
    assert result.exit_code == 0, result.output
    assert "calf and shin (left) 5/10, tingling" in result.output
    with Journal.open() as journal:
        (check_in,) = journal.list_checkins()
    assert [(p.region, p.side, p.score, p.quality) for p in check_in.pain] == [
        ("calf_and_shin", "left", 5, "tingling"),
        ("neck", "centre", 2, None),
        ("foot", "right", 3, "sharp"),
    ]


def test_log_records_a_standalone_check_in(home: Path) -> None:
    result = run(
        "log",
        "--pain",
        "lower_back=4",
        "--pain",
        "hip:left=3",
        "--sensation",
        "warmth",
        "--note",
        "Stiff after the drive.",
        "--at",
        "2026-05-01T07:30+02:00",
    )
    assert result.exit_code == 0
    assert "Saved check-in 1" in result.output
    # The side said as `crest progress` and the web journal say it ("Lower back (centre)"); it said "lower back 4/10"
    assert "lower back (centre) 4/10" in result.output
    assert "lower back (centre) 4/10" in run("history").output.replace("\n", " ")

    with Journal.open() as journal:
        (check_in,) = journal.list_checkins()
    assert check_in.timing == "standalone"
    assert [(p.region, p.side, p.score) for p in check_in.pain] == [
        ("lower_back", "centre", 4),  # what the body map stores for the lower back
        ("hip", "left", 3),
    ]
    assert check_in.sensations == frozenset({"warmth"})
    assert check_in.note == "Stiff after the drive."
    assert check_in.at.isoformat() == "2026-05-01T05:30:00+00:00"


def _seed_session(home: Path) -> int:
    from datetime import UTC, datetime

    from crest.journal.records import CheckIn, PainRating

    with Journal.open() as journal:
        session_id = journal.start_session(datetime(2026, 5, 2, 8, 0, tzinfo=UTC), 15, "supported", "1@host")
        journal.finish_session(session_id, 900, "completed")
        journal.add_checkin(
            CheckIn(
                at=datetime(2026, 5, 2, 8, 16, tzinfo=UTC),
                timing="after",
                session_id=session_id,
                pain=(PainRating("lower_back", 2),),
            )
        )
    return session_id


def test_history_json_lists_sessions_with_their_check_ins(home: Path) -> None:
    session_id = _seed_session(home)
    run("log", "--pain", "knee:left=2", "--at", "2026-04-01T10:00+00:00")

    sessions = json.loads(run("history", "--json").output)
    assert isinstance(sessions, list)
    (session,) = sessions
    assert session["id"] == session_id
    assert session["started_at"] == "2026-05-02T08:00:00+00:00"
    assert (session["planned_minutes"], session["actual_seconds"]) == (15, 900)
    assert (session["variant"], session["status"]) == ("supported", "completed")
    assert [c["timing"] for c in session["check_ins"]] == ["after"]
    assert session["check_ins"][0]["pain"] == [{"region": "lower_back", "side": "centre", "score": 2, "quality": None}]

    check_ins = json.loads(run("history", "--json", "--check-ins").output)
    assert [c["timing"] for c in check_ins] == ["standalone", "after"]

    assert json.loads(run("history", "--json", "--since", "2026-06-01").output) == []
    later = json.loads(run("history", "--json", "--check-ins", "--since", "2026-04-15").output)
    assert [c["timing"] for c in later] == ["after"]


def test_history_table_shows_sessions_and_check_ins(home: Path) -> None:
    _seed_session(home)
    run("log", "--note", "Felt taller.", "--at", "2026-05-03T09:00+00:00")
    output = run("history").output
    assert "Sessions" in output
    assert "Check-ins" in output
    assert "Supported (90-90)" in output  # the variant as every door shows it
    assert "15 min" in output
    assert "Felt taller." in output
    assert "after session 1" in output


def test_history_since_a_day_after_every_record_says_so_not_that_the_journal_is_empty(home: Path) -> None:
    _seed_session(home)
    output = run("history", "--since", "2099-01-01").output
    assert output.strip() == "Nothing in the journal from 2099-01-01 on."


def test_progress_since_a_day_after_today_is_one_calm_line(home: Path) -> None:
    _assert_one_line_error(crest(home, "progress", "--since", "2099-01-01"), "the start 2099-01-01 is after today")


@pytest.mark.parametrize("command", ["history", "progress"])
@pytest.mark.parametrize("day", ["0001-01-01", "1950-01-01", "1999-12-31"])
def test_a_window_before_2000_is_refused_alike_by_every_command(home: Path, command: str, day: str) -> None:
    """history said 'outside 1900-9000' and progress took 1950; the report refuses any day before 2000."""
    _assert_one_line_error(crest(home, command, "--since", day), f"{day} is before 2000, when crest's records begin")


def test_history_of_an_empty_journal_says_how_to_start(home: Path) -> None:
    assert "Nothing in the journal yet" in run("history").output
    assert json.loads(run("history", "--json").output) == []


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_export_import_into_an_empty_home_and_export_again(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    _seed_session(home)
    run("log", "--pain", "hip:right=5", "--sensation", "yawning", "--at", "2026-05-04T07:00+00:00")
    exported = tmp_path / f"journal.{_SUFFIX[format_name]}"
    result = run("export", "--format", format_name, "-o", str(exported))
    assert result.exit_code == 0
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    if format_name == "json":
        assert exported.read_text(encoding="utf-8") == run("export", "--format", "json").output

    monkeypatch.setenv("CREST_HOME", str(tmp_path / "new-home"))
    imported = run("import", str(exported))
    assert "Imported 1 session, 2 check-ins" in imported.output
    again = tmp_path / f"again.{_SUFFIX[format_name]}"
    assert run("export", "--format", format_name, "-o", str(again)).exit_code == 0
    assert again.read_bytes() == exported.read_bytes()


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_the_import_summary_counts_every_kind_of_record(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    from datetime import UTC, date, datetime

    from crest.journal.records import PsfsActivity, PsfsAssessment, SafetyClearance

    _seed_session(home)
    with Journal.open() as journal:
        journal.log_session(datetime(2026, 5, 3, 8, 0, tzinfo=UTC), 10, "supported")
        journal.add_psfs(PsfsAssessment(datetime(2026, 5, 3, 9, tzinfo=UTC), (PsfsActivity("gardening", 4),)))
        journal.add_psfs(PsfsAssessment(datetime(2026, 5, 17, 9, tzinfo=UTC), (PsfsActivity("gardening", 6),)))
        journal.record_safety_clearance(
            SafetyClearance(datetime(2026, 5, 1, 9, tzinfo=UTC), "Dr Ames", date(2026, 4, 30), ("cancer_signs",))
        )
    exported = tmp_path / f"journal.{_SUFFIX[format_name]}"
    assert run("export", "--format", format_name, "-o", str(exported)).exit_code == 0

    monkeypatch.setenv("CREST_HOME", str(tmp_path / "new-home"))
    imported = run("import", str(exported))
    assert imported.exit_code == 0, imported.output
    assert (
        "Imported 2 sessions (1 logged), 1 check-in, 1 clinician's all-clear, 2 ratings of your daily activities "
        "(the Patient-Specific Functional Scale) into"
    ) in imported.output


def test_the_import_summary_says_how_many_sessions_are_demos(home: Path, tmp_path: Path) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    from crest.journal.records import JournalContents, PracticeSession
    from crest.journal.transfer import export_text
    from crest.journal.vocabulary import SessionStatus

    real = PracticeSession(datetime(2026, 5, 1, 7, 30, tzinfo=UTC), 10, "standard", SessionStatus.COMPLETED, 600, id=1)
    demo = replace(real, id=2, started_at=real.started_at + timedelta(hours=1), demo=True)
    exported = tmp_path / "journal.json"
    exported.write_text(export_text(JournalContents(sessions=(real, demo)), "json"), encoding="utf-8")
    imported = run("import", str(exported))
    assert imported.exit_code == 0, imported.output
    assert "Imported 2 sessions (1 demo: run faster than real time, not counted as practice) into" in imported.output


def test_the_csv_export_goes_to_a_file_not_the_screen(home: Path) -> None:
    _assert_one_line_error(crest(home, "export", "--format", "csv"), "zip of tables", "-o")


def test_the_csv_export_is_named_for_the_zip_it_is(home: Path, tmp_path: Path) -> None:
    """`-o journal.csv` wrote a zip under that name, which a spreadsheet opens as garbage."""
    named_csv = tmp_path / "journal.csv"
    _assert_one_line_error(crest(home, "export", "--format", "csv", "-o", str(named_csv)), "zip", "-o journal.zip")
    assert not named_csv.exists()
    assert crest(home, "export", "--format", "csv", "-o", str(tmp_path / "Journal.ZIP")).returncode == 0


def test_a_check_in_that_cannot_have_happened_exits_2_naming_the_option(home: Path) -> None:
    _assert_one_line_error(crest(home, "log", "--note", "x", "--at", "2031-05-01"), "--at: ", "in the future")
    _assert_one_line_error(crest(home, "log", "--note", "x", "--at", "0001-01-01"), "--at: ", "before 2000")
    assert json.loads(crest(home, "history", "--json", "--check-ins").stdout) == []


def test_an_import_with_a_time_that_cannot_have_happened_names_line_and_field(home: Path, tmp_path: Path) -> None:
    source_home = tmp_path / "source"
    assert crest(source_home, "log", "--note", "a", "--at", "2026-05-01T07:00+00:00").returncode == 0
    exported = tmp_path / "journal.json"
    assert crest(source_home, "export", "-o", str(exported)).returncode == 0
    exported.write_text(exported.read_text().replace("2026-05-01T07:00:00+00:00", "2031-05-01T07:00:00+00:00"))
    _assert_one_line_error(crest(home, "import", str(exported)), "line 6, field at", "in the future")


def test_a_place_that_comes_in_pairs_needs_its_side_and_both_said_is_still_the_warning_sign(home: Path) -> None:
    # `foot=1` was saved as "foot (both sides)": pain in both legs, urgent care and no practice for 14 days.
    _assert_one_line_error(
        crest(home, "log", "--pain", "foot=1"),
        "crest: the pain entry “foot=1” needs a side: write foot:left=1, foot:right=1 or foot:both=1",
    )
    _assert_one_line_error(crest(home, "log", "--pain", "calf_and_shin=2"), "calf_and_shin:both=2")
    assert json.loads(crest(home, "history", "--json", "--check-ins").stdout) == []
    assert "left, right or both" in " ".join(crest(home, "log", "--help").stdout.split())

    said = crest(home, "log", "--yes", "--pain", "calf_and_shin:both=2")
    assert "calf and shin (both sides) 2/10" in said.stdout
    assert "Pain below the knee in both legs" in said.stdout


def test_a_place_given_twice_is_refused_naming_it(home: Path) -> None:
    """It said "the same region and side is rated twice" whichever of the --pain entries it was."""
    twice = crest(home, "log", "--pain", "knee:left=2", "--pain", "lower_back=3", "--pain", "lower_back:both=4")
    _assert_one_line_error(twice, "crest: lower back (centre) is rated twice; rate each place once")
    assert json.loads(crest(home, "history", "--json", "--check-ins").stdout) == []


def test_error_paths_exit_2_with_one_line(home: Path, tmp_path: Path) -> None:
    _assert_one_line_error(crest(home, "log", "--pain", "knee=11"), "pain score: enter 10 or less, not “11”")
    _assert_one_line_error(
        crest(home, "log", "--pain", "elbow=3"), "“elbow” is not a place crest knows; choose lower back, buttock"
    )
    _assert_one_line_error(crest(home, "log", "--pain", "hip:up=3"), "up")
    _assert_one_line_error(crest(home, "log", "--pain", "foot=3:itchy"), "itchy", "tingling")
    _assert_one_line_error(crest(home, "log", "--sensation", "tingling"), "tingling")
    _assert_one_line_error(crest(home, "log", "--note", "x", "--at", "last tuesday"), "last tuesday")
    _assert_one_line_error(crest(home, "log"), "nothing to log")
    _assert_one_line_error(crest(home, "history", "--since", "31/12/2025"), "31/12/2025")
    _assert_one_line_error(crest(home, "export", "--format", "xml"), "xml")
    _assert_one_line_error(crest(home, "import", str(tmp_path / "missing.csv")), "cannot read")


def test_bad_import_row_is_reported_and_nothing_is_imported(home: Path, tmp_path: Path) -> None:
    source_home = tmp_path / "source"
    assert crest(source_home, "log", "--pain", "knee:left=2", "--at", "2026-05-01T07:00+00:00").returncode == 0
    assert crest(source_home, "log", "--pain", "hip:both=3", "--at", "2026-05-02T07:00+00:00").returncode == 0
    folder = tmp_path / "journal"
    assert crest(source_home, "export", "--format", "csv", "-o", str(tmp_path / "journal.zip")).returncode == 0
    with zipfile.ZipFile(tmp_path / "journal.zip") as tables:
        tables.extractall(folder)
    pain = folder / "pain_ratings.csv"
    pain.write_text(pain.read_text(encoding="utf-8-sig").replace("hip,both,3", "hip,both,11"), encoding="utf-8")

    _assert_one_line_error(crest(home, "import", str(folder)), "pain_ratings.csv line 3", "field score", "11")
    assert json.loads(crest(home, "history", "--json", "--check-ins").stdout) == []


def test_a_csv_of_another_program_is_named_as_not_a_crest_export(home: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "bank.csv"
    foreign.write_text("date,amount,payee\n2026-05-01,12.50,bakery\n", encoding="utf-8")
    result = crest(home, "import", str(foreign))
    _assert_one_line_error(result, f"{foreign}: this is not a crest export", "JSON file", "CSV zip")
    assert "check_in_id" not in result.stderr and "advice_level" not in result.stderr  # no list of every column


def test_import_into_a_non_empty_home_is_refused(home: Path, tmp_path: Path) -> None:
    crest(home, "log", "--note", "mine")
    exported = tmp_path / "journal.json"
    crest(home, "export", "--format", "json", "-o", str(exported))
    refused = crest(home, "import", str(exported))
    _assert_one_line_error(refused, f"the journal at {home}", "is not empty (1 check-in)", "crest import --merge")


@pytest.mark.parametrize("format_name", ["json", "csv"])
def test_import_merge_adds_what_is_new_and_skips_exact_duplicates(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format_name: str
) -> None:
    _seed_session(home)
    run("log", "--pain", "knee:left=2", "--at", "2026-05-04T07:00+00:00")
    backup = tmp_path / f"backup.{_SUFFIX[format_name]}"
    assert run("export", "--format", format_name, "-o", str(backup)).exit_code == 0
    monkeypatch.setenv("CREST_HOME", str(tmp_path / "other"))
    run("log", "--note", "on the other computer", "--at", "2026-05-05T07:00+00:00")
    run("log", "--pain", "knee:left=2", "--at", "2026-05-04T07:00+00:00")  # also noted here

    merged = run("import", str(backup), "--merge")
    assert merged.exit_code == 0, merged.output
    assert "Imported 1 session, 1 check-in into" in merged.output
    assert "skipped 1 record already there" in merged.output
    again = run("import", str(backup), "--merge")
    assert again.exit_code == 0 and again.output == f"Nothing to add: every record in {backup} is already here.\n"
    sessions = json.loads(run("history", "--json").output)
    assert [len(session["check_ins"]) for session in sessions] == [1]
    assert len(json.loads(run("history", "--json", "--check-ins").output)) == 3


def test_a_merge_that_skipped_nothing_says_nothing_of_skipping(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("log", "--note", "on this computer", "--at", "2026-05-04T07:00+00:00")
    backup = tmp_path / "backup.json"
    assert run("export", "--format", "json", "-o", str(backup)).exit_code == 0
    monkeypatch.setenv("CREST_HOME", str(tmp_path / "other"))
    run("log", "--note", "on the other computer", "--at", "2026-05-05T07:00+00:00")

    merged = run("import", str(backup), "--merge")
    assert merged.exit_code == 0, merged.output
    assert merged.output == f"Imported 1 check-in into {tmp_path / 'other' / 'crest.db'}.\n"


def test_damaged_locked_and_unwritable_homes_exit_2(home: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "crest.db").write_bytes(b"definitely not SQLite " * 100)
    _assert_one_line_error(crest(damaged, "history"), "damaged")

    assert crest(home, "log", "--note", "first").returncode == 0
    holder = sqlite3.connect(home / "crest.db", isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        _assert_one_line_error(crest(home, "log", "--note", "second"), "locked")
    finally:
        holder.close()

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    _assert_one_line_error(crest(blocker / "home", "history"), "cannot write to the data folder")
    # What reaches the journal in a folder gone read-only: a copy, not an empty new home elsewhere.
    _assert_one_line_error(crest(blocker / "home", "history"), "copy that folder to one you can write to")


def test_journal_commands_do_not_load_sqlalchemy_at_import() -> None:
    code = "import sys, crest.cli.journal_cmd, crest.journal; print('sqlalchemy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert result.stdout.strip() == "False", result.stderr


def test_export_refuses_to_overwrite_the_journal_or_a_folder(home: Path, tmp_path: Path) -> None:
    assert crest(home, "log", "--pain", "hip:left=3").returncode == 0
    onto_journal = crest(home, "export", "-o", str(home / "crest.db"))
    _assert_one_line_error(onto_journal, "is the journal itself")
    folder = tmp_path / "exports"
    folder.mkdir()
    into_folder = crest(home, "export", "-o", str(folder))
    _assert_one_line_error(into_folder, "is a folder")
    assert list(folder.iterdir()) == []
    assert list(tmp_path.glob(".crest-export-*")) == []
    history = crest(home, "history", "--json", "--check-ins")
    assert history.returncode == 0
    assert len(json.loads(history.stdout)) == 1


@pytest.mark.parametrize("level", ["see_a_clinician", "bogus", "x" * 100])
def test_an_unknown_safety_advice_level_is_refused_on_import(home: Path, tmp_path: Path, level: str) -> None:
    from crest.safety.screen import QUESTIONS

    answers = {question.id: False for question in QUESTIONS}
    screen = {"id": 1, "answered_at": "2026-05-01T07:00:00+00:00", "advice_level": level, "answers": answers}
    export = tmp_path / "journal.json"
    export.write_text(
        '{\n  "format": "crest-journal",\n  "version": 1,\n  "sessions": [],\n  "check_ins": [],\n'
        f'  "safety_screens": [\n    {json.dumps(screen)}\n  ],\n  "settings": []\n}}\n',
        encoding="utf-8",
    )

    _assert_one_line_error(crest(home, "import", str(export)), str(export), "line 7", "field advice_level")
    # Nothing was imported: no answers are on record, so the questions are due (no concern stands in the way).
    session = crest(home, "session", "--minutes", "5", "--speed", "300", "--yes", "--no-checkin")
    assert session.returncode == 2
    assert session.stderr.startswith("crest: the safety questions are due, and --yes cannot answer them for you")


def test_crest_import_refuses_a_file_of_more_sessions_than_a_person_makes_and_imports_nothing(
    home: Path, tmp_path: Path
) -> None:
    from crest.journal import capacity
    from support.many_records import csv_zip_of_sessions

    big = tmp_path / "big.zip"
    big.write_bytes(csv_zip_of_sessions(300_000))  # 1.3 MB zipped, as a practice server was sent
    result = crest(home, "import", "--merge", str(big))
    most = f"takes at most {capacity.SESSIONS.most:,} in one journal"
    _assert_one_line_error(result, "big.zip/sessions.csv holds 300,000 sessions", most)
    assert json.loads(crest(home, "history", "--json").stdout) == []


def test_a_linked_crests_export_says_version_2_and_crest_import_reads_it_back_whole(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its records' uids are what a crest of version 1 only does not read: the file says so by its version."""
    from crest.journal.transfer.fields import LINKED_SETTING

    _seed_session(home)
    with Journal.open() as journal:
        journal.save_settings({LINKED_SETTING: "true"})
        uids = journal.record_uids()
    exported = tmp_path / "journal.json"
    assert run("export", "--format", "json", "-o", str(exported)).exit_code == 0
    written = json.loads(exported.read_text(encoding="utf-8"))
    assert written["version"] == 2 and written["sessions"][0]["uid"] == uids["sessions"][1]

    new_home = tmp_path / "new-home"
    imported = crest(new_home, "import", str(exported))
    assert imported.returncode == 0, imported.stderr
    monkeypatch.setenv("CREST_HOME", str(new_home))
    with Journal.open() as journal:
        assert journal.record_uids() == uids
    again = tmp_path / "again.json"
    assert run("export", "--format", "json", "-o", str(again)).exit_code == 0
    assert again.read_bytes() == exported.read_bytes()


def test_crest_import_refuses_a_newer_crests_export_in_one_line_saying_to_update_crest(
    home: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.json"
    newer.write_text(
        f'{{\n  "format": "crest-journal",\n  "version": {JSON_VERSION + 1},\n'
        '  "moods": [\n    {"id": 1, "calm": true}\n  ],\n'
        '  "sessions": [],\n  "check_ins": [],\n  "safety_screens": [],\n  "settings": []\n}\n',
        encoding="utf-8",
    )
    result = crest(home, "import", str(newer))
    _assert_one_line_error(result, str(newer), "made by a newer crest", "update crest to import it")
    assert "unknown field" not in result.stderr
    assert json.loads(crest(home, "history", "--json").stdout) == []


def test_log_asks_before_saving_an_urgent_sign_and_says_how_to_confirm_without_a_terminal(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slip = ("log", "--pain", "buttock:left=3:tingling", "--note", "long drive")
    _assert_one_line_error(crest(home, *slip), "Tingling in your left buttock (the saddle area)", "--yes")
    monkeypatch.setattr(journal_cmd, "_in_a_terminal", lambda: True)
    changed_mind = CliRunner().invoke(_journal_app(), list(slip), input="n\n")
    assert "Is that right?" in changed_mind.output and "14 days" in changed_mind.output
    assert changed_mind.exit_code != 0 and "nothing was saved" in str(changed_mind.exception)
    assert "If it is there after all, please seek urgent medical care now" in changed_mind.output
    with Journal.open() as journal:
        assert journal.list_checkins() == []
    # Enter alone answered "no" ([y/N]) and dropped the sign: it now asks for a y or an n.
    confirmed = CliRunner().invoke(_journal_app(), list(slip), input="\n\ny\n")
    assert confirmed.output.count("Please type y or n") == 2
    assert confirmed.exit_code == 0 and "Please seek urgent medical care" in confirmed.output
    calm = run("log", "--pain", "calf_and_shin:left=3:tingling")  # see a clinician: not asked
    assert "Is that right?" not in calm.output and "Saved check-in" in calm.output
