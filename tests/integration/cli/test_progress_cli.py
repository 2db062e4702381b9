"""The terminal as a new user meets it: progress, PSFS, the clinician report, reminders and the FHIR export."""

import json
import stat
import subprocess
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

import icalendar

from crest.clock import system_now, system_zone
from crest.insights.progress import days_span
from crest.journal.records import CheckIn, JournalContents, PainRating
from crest.journal.store import Journal
from crest.journal.vocabulary import Region, Side
from support.practice_history import daily_practice

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def _practised(crest_env: dict[str, str], days: int = 35) -> None:
    zone = system_zone()
    first_day = system_now().astimezone(zone).date() - timedelta(days=days)
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
        journal.import_contents(daily_practice(first_day, days, zone))


def test_progress_in_words_and_in_json(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    _practised(crest_env)
    words = run_crest("progress")
    assert words.returncode == 0, words.stderr
    assert "a fall that usually matters" in words.stdout and "(Farrar 2001; Ostelo 2008)" in words.stdout
    assert "A verdict says how the ratings changed, not what changed them" in " ".join(words.stdout.split())
    as_json = json.loads(run_crest("progress", "--json").stdout)
    back = next(place for place in as_json["places"] if place["region"] == "lower_back")
    assert {"region", "side", "baseline", "latest", "change", "verdict"} <= set(back)
    assert back["verdict"] == "better"
    assert set(as_json["adherence"]) >= {"sessions_7_days", "minutes_28_days", "days_with_data_30", "target"}
    assert "weekly medians: the first week against the latest week" in words.stdout
    start = system_now().astimezone(system_zone()).date() - timedelta(days=14)
    since = run_crest("progress", "--since", start.isoformat())
    assert f"weekly medians: the 7 days before {start.day} {start:%b %Y} against the latest week" in since.stdout
    bad = run_crest("progress", "--since", "yesterday-ish")
    assert bad.returncode == 2 and bad.stderr.startswith("crest: --since: “yesterday-ish” is not a date")


def test_psfs_asks_and_takes_ratings(run_crest: RunCrest) -> None:
    first = run_crest("psfs", input_text="Tying my shoes\n3\nSitting through a film\n4\n\n")
    assert first.returncode == 0, first.stderr
    assert "Saved: Tying my shoes 3; Sitting through a film 4." in first.stdout
    first_words = " ".join(first.stdout.split())  # the console wraps long lines
    assert "rate the same activities again to see a change (every 14 days)." in first_words
    assert first_words.count("14 days") == 1  # the next round is asked for once
    again = run_crest("psfs", input_text="6\n5\n")  # the same activities are offered again
    assert "Rate the same activities again in 14 days." in again.stdout  # a change told, then the next round
    assert "(last time 3)" in again.stdout and "average 3.5 → 5.5 (+2.0)" in again.stdout
    assert "easier" in again.stdout
    assert run_crest("psfs", "--rate", "Tying my shoes=7").returncode == 0  # a round of one activity
    offered = run_crest("psfs", input_text="\n6\n")  # Enter skips one; the other is still offered
    assert "Tying my shoes: 0-10 (last time 7)?" in offered.stdout
    assert "Sitting through a film: 0-10 (last time 5)?" in offered.stdout
    assert "Saved: Sitting through a film 6." in offered.stdout
    quick = run_crest("psfs", "--rate", "Gardening=11")
    assert quick.returncode == 2 and "activity score: enter 10 or less, not “11”" in quick.stderr
    history = run_crest("psfs", "--history")
    assert history.stdout.count("Tying my shoes") == 3


def test_psfs_asks_again_for_an_activity_named_twice_or_not_plain_instead_of_losing_the_round(
    run_crest: RunCrest,
) -> None:
    """Typing the same activity twice (or one with a hidden control character) was taken, rated, and the whole round
    refused at the end: "the same activity is named twice", every rating typed lost."""
    asked = run_crest("psfs", input_text="Tying my shoes\n4\ntying  my shoes\nbad\x7fname\nGardening\n5\n\n")
    assert asked.returncode == 0, asked.stderr
    words = " ".join(asked.stdout.split())
    assert "tying my shoes is already in this round: name another activity" in words
    assert "The activity contains control characters" in words
    assert "Saved: Tying my shoes 4; Gardening 5." in words


def test_an_activity_or_a_note_that_shows_nothing_is_refused_as_spaces_are(run_crest: RunCrest) -> None:
    # Zero-width spaces: the activity was saved under a name nobody could see, the note as a blank-looking note.
    for name in ("   ", "\u200b\u200b"):
        unnamed = run_crest("psfs", "--rate", f"{name}=4")
        assert unnamed.returncode == 2 and "write it as ACTIVITY=N" in unnamed.stderr
        empty = run_crest("log", "--note", name)
        assert empty.returncode == 2 and "nothing to log" in empty.stderr
    assert "No activities rated yet." in run_crest("psfs", "--history").stdout


def test_a_score_that_is_not_a_number_is_asked_again_or_one_line(run_crest: RunCrest) -> None:
    """A score of "²" passed str.isdigit and failed int(), as did five thousand digits (int() refuses them)."""
    for written in ("\u00b2", "9" * 5000):
        quick = run_crest("psfs", "--rate", f"Gardening={written}")
        assert quick.returncode == 2 and "Traceback" not in quick.stderr
        assert quick.stderr.startswith("crest: cannot read “Gardening=") and len(quick.stderr.splitlines()) == 1
    asked = run_crest("psfs", input_text="Gardening\n\u00b2\n3\n\n")
    assert asked.returncode == 0, asked.stderr
    assert "Please give a whole number from 0 to 10." in asked.stdout and "Saved: Gardening 3." in asked.stdout


def test_report_as_pdf_and_html(run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path) -> None:
    _practised(crest_env)
    pdf = tmp_path / "report.pdf"
    made = run_crest("report", "-o", str(pdf), "--paper", "letter")
    assert made.returncode == 0, made.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    html = tmp_path / "report.html"
    assert run_crest("report", "-o", str(html), "--notes").returncode == 0
    assert "Lots of yawning today." in html.read_text()
    assert "A verdict says how the ratings changed, not what changed them" in html.read_text()
    ahead = run_crest("report", "-o", str(html), "--until", "2030-01-01")
    assert ahead.returncode != 0 and ahead.stderr.strip().count("\n") == 0, ahead.stderr
    assert "the end 2030-01-01 is after today" in ahead.stderr and "choose a day up to today" in ahead.stderr
    wrong = run_crest("report", "-o", str(tmp_path / "report.docx"))
    assert wrong.returncode == 2 and "name the report file .pdf or .html" in wrong.stderr


def test_remind_writes_a_calendar_and_warns_about_alarms(run_crest: RunCrest, tmp_path: Path) -> None:
    path = tmp_path / "crest.ics"
    made = run_crest(
        "remind", "--time", "18:00", "--days", "mon,tue,wed,thu,fri", "--zone", "Europe/Dublin", "-o", str(path)
    )
    assert made.returncode == 0, made.stderr
    assert "drop the alarm" in made.stderr
    event = icalendar.Calendar.from_ical(path.read_text()).walk("VEVENT")[0]
    assert event["rrule"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert event.walk("VALARM")
    early = tmp_path / "early.ics"
    assert run_crest("remind", "--time", "07:15", "-o", str(early)).returncode == 0
    described = str(icalendar.Calendar.from_ical(early.read_text()).walk("VEVENT")[0]["description"])
    assert "constructive rest" in described and "evening" not in described  # no time of day but the one chosen
    assert run_crest("remind", "--days", "someday").returncode == 2


def test_fhir_export(run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path) -> None:
    _practised(crest_env, days=3)
    bundle = json.loads(run_crest("export", "--format", "fhir", "--fhir-version", "R4B").stdout)
    assert bundle["type"] == "collection"
    kinds = {entry["resource"]["resourceType"] for entry in bundle["entry"]}
    assert kinds == {"Patient", "Procedure", "Observation", "Questionnaire", "QuestionnaireResponse"}
    path = tmp_path / "bundle.json"
    assert run_crest("export", "--format", "fhir", "-o", str(path)).returncode == 0
    crest_env["CREST_HOME"] = str(tmp_path / "another-home")
    refused = run_crest("import", str(path))  # FHIR is for other software; crest imports its own files
    assert refused.returncode == 2 and "is a FHIR file, for other software" in refused.stderr


def test_the_fhir_export_flags_each_warning_sign_that_stands(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    _practised(crest_env, days=1)
    assert run_crest("log", "--yes", "--pain", "calf_and_shin:both=5:aching").returncode == 0  # pain below both knees
    bundle = json.loads(run_crest("export", "--format", "fhir").stdout)
    flags = [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == "Flag"]
    assert len(flags) == 1 and flags[0]["status"] == "active"
    assert flags[0]["code"]["text"].startswith("seek urgent care: warning sign in a check-in of ")
    notes = [
        note["text"]
        for entry in bundle["entry"]
        if entry["resource"]["resourceType"] == "Observation"
        for note in entry["resource"].get("note", [])
    ]
    assert "the pain is aching" in notes


def test_a_place_no_longer_rated_is_named_with_the_day_of_its_latest_rating(run_crest: RunCrest) -> None:
    """Walk-through L4: 'Neck (centre): latest rating 3/10' of a neck last rated weeks ago read as today's pain."""
    last = system_now().astimezone(system_zone()).date() - timedelta(days=21)
    logged = run_crest("log", "--pain", "neck=3", "--at", f"{last.isoformat()}T09:00")
    assert logged.returncode == 0, logged.stderr
    words = " ".join(run_crest("progress").stdout.split())
    assert f"Neck (centre): latest rating 3/10 on {last.day} {last:%b %Y}; not enough ratings yet" in words
    # and what it rests on, in the report's words (walk-through M5)
    assert f"First week: 1 rating on 1 day, {days_span(last, last)}; latest week: none yet." in words


def test_the_json_leads_with_a_warning_that_stands(run_crest: RunCrest) -> None:
    assert json.loads(run_crest("progress", "--json").stdout)["advice"] is None
    note = "both my legs feel weak and numb since this morning"
    assert run_crest("log", "--pain", "lower_back=4", "--note", note, "--yes").returncode == 0
    shown = run_crest("progress", "--json")
    advice = json.loads(shown.stdout)["advice"]  # stdout stays JSON; the warning is also said on stderr
    assert advice.startswith("Please seek urgent medical care now") and "(source: " in advice
    assert "Please seek urgent medical care now" in shown.stderr


def test_a_worse_place_is_said_again_last_where_a_short_terminal_still_shows_it(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    zone = system_zone()
    today = system_now().astimezone(zone).date()
    rated = [(today - timedelta(days=27 - day), 3 if day < 7 else 6) for day in range(28)]  # 3 a day, then 6
    check_ins = tuple(
        CheckIn(
            datetime.combine(day, time(9), tzinfo=zone),
            pain=(PainRating(Region.LOWER_BACK, score, Side.CENTRE), PainRating(Region.HIP, 4, Side.RIGHT)),
            id=number + 1,
        )
        for number, (day, score) in enumerate(rated)
    )
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
        journal.import_contents(JournalContents(check_ins=check_ins))
    lines = run_crest("progress").stdout.strip().splitlines()
    last = " ".join(line.strip() for line in lines[-3:])  # the console wraps at 80 columns
    assert last.endswith("Lower back (centre): a rise of 2 points or more; worth mentioning to your clinician (above).")
    assert "hip" not in last.lower()  # a place with no clear change is not said again


def test_progress_on_an_empty_journal_says_there_is_nothing_yet_and_how_to_start(run_crest: RunCrest) -> None:
    """Walk s52 L6: it printed the thresholds and the rules, with nothing to judge."""
    words = run_crest("progress")
    assert words.returncode == 0, words.stderr
    said = " ".join(words.stdout.split())
    assert said.startswith("Nothing recorded yet: no rest, pain rating or daily activity to compare.")
    assert "`crest session`" in said and "`crest log`" in said and "`crest psfs`" in said
    assert "Farrar" not in said and "counts once" not in said
