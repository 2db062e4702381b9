import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crest.accounts.records import Prescription
from crest.journal.records import CheckIn, PracticeSession
from crest.journal.store import Journal
from crest.knowledge.loader import load_help
from crest.safety.screen import QUESTIONS
from crest.services.bundle import Services
from support.safety_gate import NUMB_SADDLE

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def sessions() -> list[PracticeSession]:
    with Journal.open() as journal:
        return journal.list_sessions()


@pytest.mark.usefixtures("safety_answered")
def test_scripted_session_runs_to_completion_and_is_recorded(run_crest: RunCrest) -> None:
    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Time is up" in result.stdout
    assert "roll gently onto one side" in result.stdout
    assert result.stdout.count("not medical advice") == 1
    assert "Traceback" not in result.stdout + result.stderr
    with Journal.open() as journal:
        [session] = journal.list_sessions()
    assert session.status == "completed"
    assert session.actual_seconds == 300
    assert session.planned_minutes == 5
    assert session.variant == "standard"


@pytest.mark.usefixtures("safety_answered")
def test_somatic_session_speaks_the_movement_cues(run_crest: RunCrest) -> None:
    result = run_crest("session", "--minutes", "5", "--variant", "somatic", "--speed", "300", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("arch your lower back") == 3


@pytest.mark.usefixtures("safety_answered")
def test_short_session_gets_a_note_about_the_usual_range(run_crest: RunCrest) -> None:
    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    assert "10-20 minutes" in result.stdout


@pytest.mark.parametrize("minutes", ["45", "0", "4", "31", "-1"])
def test_minutes_outside_the_range_is_a_one_line_error(run_crest: RunCrest, minutes: str) -> None:
    result = run_crest("session", "--minutes", minutes, "--yes")
    assert result.returncode == 2
    bound = "enter 5 or more" if int(minutes) < 5 else "enter 30 or less"
    assert result.stderr.strip() == f"crest: --minutes: {bound}, not “{minutes}”"  # the option, as remind says it
    assert sessions() == []


def test_unknown_variant_and_bad_speed_are_one_line_errors(run_crest: RunCrest) -> None:
    for args in (["--variant", "upside-down"], ["--speed", "0"], ["--speed", "inf"], ["--speed", "1e308"]):
        result = run_crest("session", *args, "--yes")
        assert result.returncode == 2
        assert result.stderr.startswith("crest: ")
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("speed", ["nan", "inf", "1e400"])
def test_a_speed_that_is_no_finite_number_is_refused_as_every_float_option_refuses_it(
    run_crest: RunCrest, speed: str
) -> None:
    result = run_crest("session", "--speed", speed, "--yes")
    assert result.returncode == 2
    assert result.stderr.strip() == f"crest: --speed: enter a number, not “{speed}” (see --help)"


def test_first_session_without_yes_asks_the_safety_questions_and_a_yes_stops_it(run_crest: RunCrest) -> None:
    result = run_crest("session", "--minutes", "5", "--speed", "300", input_text=_answers_with_yes_to("both_legs"))
    assert result.returncode == 1
    assert "urgent medical care" in result.stdout
    assert result.stdout.count("not medical advice") == 1
    assert sessions() == []


def test_closed_stdin_cannot_answer_the_safety_questions(run_crest: RunCrest) -> None:
    result = run_crest("session", "--minutes", "5", "--speed", "300")
    assert result.returncode == 2
    assert "crest safety" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_yes_given_before_the_input_ends_gets_its_advice_not_a_hint_to_skip(run_crest: RunCrest) -> None:
    result = run_crest("session", "--minutes", "5", "--speed", "300", input_text="n\ny\n")  # then Ctrl-D

    assert result.returncode == 2
    shown = " ".join(result.stdout.split())
    both_legs = next(question for question in QUESTIONS if question.id == "both_legs")
    assert "Please seek urgent medical care now" in shown
    assert both_legs.text in shown and both_legs.source in shown
    assert "--yes" not in result.stderr and "nothing was saved" in result.stderr
    assert sessions() == []


def test_after_a_clear_screen_the_session_runs_and_the_check_in_is_saved(run_crest: RunCrest) -> None:
    screen = "\n".join("n" for _ in QUESTIONS) + "\n"
    setup_steps = "\n" * 7
    # regions 1 (lower back) and 6 (hip); hip on the left; scores, the hip's burning; better; yawning + warmth; a note
    check_in = "1 6\nc\n3\n\nl\n2\nb\nb\n1 4\nlighter today\n"
    result = run_crest("session", "--minutes", "5", "--speed", "300", input_text=screen + setup_steps + check_in)
    assert result.returncode == 0, result.stdout + result.stderr
    with Journal.open() as journal:
        [session] = journal.list_sessions()
        [check_in_record] = journal.list_checkins()
        screen_record = journal.latest_safety_screen()
    assert session.status == "completed"
    assert check_in_record.session_id == session.id
    assert check_in_record.timing == "after"
    assert sorted((r.region, r.side, r.score, r.quality) for r in check_in_record.pain) == [
        ("hip", "left", 2, "burning"),
        ("lower_back", "centre", 3, None),
    ]
    assert check_in_record.compared_with_before == "better"
    assert check_in_record.sensations == {"yawning", "warmth"}
    assert check_in_record.note == "lighter today"
    assert screen_record is not None and screen_record.advice_level == "clear"
    yawning = load_help().entry("yawning")
    assert yawning is not None and f'Yawning: why? crest ask "{yawning.title}"' in result.stdout  # as the web offers


def test_strong_pain_with_the_comparison_skipped_is_not_called_worse(run_crest: RunCrest) -> None:
    screen = "\n".join("n" for _ in QUESTIONS) + "\n"
    setup_steps = "\n" * 7
    check_in = "6\nl\n7\n\n\n\n\n"  # the left hip at 7/10; what it is like, the comparison and the rest skipped
    result = run_crest("session", "--minutes", "5", "--speed", "300", input_text=screen + setup_steps + check_in)
    assert result.returncode == 0, result.stdout + result.stderr
    with Journal.open() as journal:
        [check_in_record] = journal.list_checkins()
    assert check_in_record.compared_with_before is None
    said = " ".join(result.stdout.split())
    assert "Your check-in notes strong pain. - Pain in your hip (left) is 7 out of 10 (7 or more)." in said
    assert "Stop practising for today" in said and "got worse" not in said
    again = " ".join(run_crest("session", "--minutes", "5", "--speed", "300", "--yes").stdout.split())
    assert "Earlier today a check-in noted strong pain: we suggest stopping for today" in again
    assert "got worse" not in again


@pytest.mark.usefixtures("safety_answered")
def test_a_killed_session_is_kept_as_interrupted_with_its_elapsed_time(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "crest", "session", "--minutes", "30", "--speed", "20", "--yes"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=crest_env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.2)
            found = sessions() if (Path(crest_env["CREST_HOME"]) / "crest.db").exists() else []
            if found and found[0].actual_seconds >= 60:
                break
        else:
            raise AssertionError("the session never checkpointed")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    [running] = sessions()
    assert running.status == "running"
    result = run_crest("history", "--json")
    assert result.returncode == 0, result.stderr
    assert "interrupted" in result.stderr
    [session] = sessions()
    assert session.status == "interrupted"
    assert 60 <= session.actual_seconds < 30 * 60


def _rest_with_a_change_meanwhile(
    crest_env: dict[str, str], voice: str, change: Callable[[], object]
) -> tuple[int, str, str]:
    """A 5-minute rest at 30 times real time in another process; once it is under way `change` is made to the journal
    (as another window or the phone would); its exit status, what it printed and what it said as an error."""
    process = subprocess.Popen(
        [sys.executable, "-m", "crest", "session", "--minutes", "5", "--speed", "30", "--yes", voice],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=crest_env,
    )
    try:
        deadline = time.monotonic() + 60
        while not ((Path(crest_env["CREST_HOME"]) / "crest.db").exists() and sessions()):
            assert time.monotonic() < deadline and process.poll() is None, "the rest never started"
            time.sleep(0.1)
        change()
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, stdout, stderr


@pytest.mark.usefixtures("safety_answered")
def test_a_journal_that_refuses_the_session_mid_rest_never_cuts_the_rest_short(crest_env: dict[str, str]) -> None:
    """The record deleted from another window (Settings > delete everything) or a full disk: crest stopped at the
    next checkpoint, mid-rest, with no chime and no word on how to come up, while the person lay on the floor."""

    def delete_the_record() -> None:
        with Journal.open() as journal:
            journal.delete_session(sessions()[0].id or 0)

    returncode, stdout, stderr = _rest_with_a_change_meanwhile(crest_env, "--no-voice", delete_the_record)
    said = " ".join(stdout.split())
    assert "crest cannot save this session now (there is no session 1 in the journal); your rest goes on." in said
    assert said.count("crest cannot save this session now") == 1
    assert "Time is up" in said and "roll gently onto one side" in said
    assert stderr.strip() == "crest: the session could not be saved: there is no session 1 in the journal"
    assert returncode == 2
    assert sessions() == []


@pytest.mark.usefixtures("safety_answered")
def test_a_journal_that_cannot_be_read_at_the_end_still_gets_the_way_up(crest_env: dict[str, str]) -> None:
    """The database gone mid-rest (a PostgreSQL server stopped, a disk gone): crest said only "crest: cannot reach
    the journal database" at the end, without "Time is up" or how to come up, to someone lying on the floor. A
    journal that can no longer be read at all stands in for the stopped server here: every file of it zeroed, its
    shared-memory index too, so that no page is read from crest's cache."""
    journal = Path(crest_env["CREST_HOME"]) / "crest.db"

    def unreadable() -> None:
        for path in (journal, journal.with_name("crest.db-wal"), journal.with_name("crest.db-shm")):
            with path.open("r+b") as file:
                file.write(bytes(path.stat().st_size))

    returncode, stdout, stderr = _rest_with_a_change_meanwhile(crest_env, "--no-voice", unreadable)
    said = " ".join(stdout.split())
    assert "Time is up" in said and "roll gently onto one side" in said
    assert stderr.startswith("crest: the session could not be saved: the journal at ") and stderr.count("\n") == 1
    assert returncode == 2


@pytest.mark.usefixtures("safety_answered")
def test_the_end_of_a_rest_the_journal_refused_is_saved_again_once_it_is_back(crest_env: dict[str, str]) -> None:
    """The journal gone as the rest ended (a server restarting, a full disk): the rest was kept only as far as its
    last checkpoint, and the minutes after it were lost. At a keyboard, crest now offers to save it again. Another
    program holding the journal's write lock stands in for the journal that is gone, then back."""
    process = subprocess.Popen(
        [sys.executable, "-m", "crest", "session", "--minutes", "5", "--speed", "30", "--no-voice"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=crest_env,
    )
    assert process.stdin is not None and process.stdout is not None
    output = process.stdout.fileno()
    said = bytearray()

    def wait_for(words: str) -> None:
        while words.encode() not in said:
            chunk = os.read(output, 4096)
            assert chunk, f"crest ended before saying {words!r}: {said.decode()}"
            said.extend(chunk)

    holder = sqlite3.connect(Path(crest_env["CREST_HOME"]) / "crest.db", isolation_level=None)
    try:
        process.stdin.write(b"\n" * 7)  # the setup steps
        process.stdin.flush()
        wait_for("About a minute left")
        holder.execute("BEGIN IMMEDIATE")  # the end cannot be written while this holds the lock
        wait_for("Try saving it again?")
        holder.execute("ROLLBACK")
        process.stdin.write(b"\n")  # yes, the default
        process.stdin.close()  # no check-in
        wait_for("Saved.")
        assert process.wait(timeout=60) == 0
    finally:
        holder.close()
        if process.poll() is None:
            process.kill()
    [session] = sessions()
    assert (session.status, session.actual_seconds) == ("completed", 300)


@pytest.mark.usefixtures("safety_answered")
def test_a_closed_stdin_is_handled_like_an_empty_one(crest_env: dict[str, str]) -> None:
    def run_with_stdin_closed(*args: str) -> subprocess.CompletedProcess[str]:
        command = " ".join([sys.executable, "-m", "crest", *args])
        return subprocess.run(
            ["sh", "-c", f"exec {command} <&-"], capture_output=True, text=True, env=crest_env, timeout=120
        )

    scripted = run_with_stdin_closed("session", "--minutes", "5", "--speed", "300", "--yes")
    assert scripted.returncode == 0, scripted.stderr
    assert "Time is up" in scripted.stdout
    asked = run_with_stdin_closed("safety")
    assert asked.returncode == 2
    assert asked.stderr.startswith("crest: the safety questions need your answers")
    assert "Traceback" not in scripted.stderr + asked.stderr


def _answers_with_yes_to(question_id: str) -> str:
    """Every question answered, one "yes", and that "yes" confirmed when crest asks whether it is right."""
    return "\n".join("y" if question.id == question_id else "n" for question in QUESTIONS) + "\ny\n"


@pytest.mark.parametrize(
    ("red_flag", "advice"), [("both_legs", "urgent medical care"), ("infection_signs", "see a clinician")]
)
def test_yes_never_walks_around_a_standing_safety_concern(run_crest: RunCrest, red_flag: str, advice: str) -> None:
    assert run_crest("safety", input_text=_answers_with_yes_to(red_flag)).returncode == 1

    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")

    assert result.returncode == 1
    assert "skipped" not in result.stdout
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("crest: no session was started") and advice in line
    question = next(question for question in QUESTIONS if question.id == red_flag)
    assert question.text in line and question.source in line  # which answer caused it, and its source
    assert sessions() == []


def _fake_speech_engine(folder: Path) -> Path:
    """An espeak-ng stand-in on PATH that writes down what it was asked to say."""
    spoken = folder / "spoken.txt"
    engine = folder / "espeak-ng"
    engine.write_text(f'#!/bin/sh\nfor last; do :; done\necho "$last" >> {spoken}\n')
    engine.chmod(0o755)
    return spoken


@pytest.mark.usefixtures("safety_answered")
def test_a_sign_saved_elsewhere_mid_rest_is_heard_with_the_way_up(crest_env: dict[str, str], tmp_path: Path) -> None:
    """A check-in on the phone naming an urgent sign stops the rest in the terminal: the browser says and speaks why,
    the advice and how to come up; the terminal spoke nothing, to a person lying with eyes closed and the voice on."""
    spoken = _fake_speech_engine(tmp_path)
    crest_env["PATH"] = f"{tmp_path}:{crest_env['PATH']}"

    def a_check_in_naming_an_urgent_sign() -> None:
        with Journal.open() as journal:
            now = datetime.now(UTC)
            Services.over(journal, lambda: now, UTC).check_ins.add(CheckIn(at=now, pain=NUMB_SADDLE))

    returncode, stdout, stderr = _rest_with_a_change_meanwhile(crest_env, "--voice", a_check_in_naming_an_urgent_sign)
    assert returncode == 1
    said = " ".join(stdout.split())
    assert "A warning sign came in while you rested." in said and "roll gently onto one side" in said
    assert "Time is up" not in said
    assert "urgent medical care" in stderr  # the advice, crest's last words on the screen
    assert "(source: " in stderr  # the screen names the sources
    # Heard in one utterance: why, the advice as the screen gives it but for its sources in brackets, then the way
    # up (the engine may finish after crest has ended).
    deadline = time.monotonic() + 10
    while "roll gently" not in (spoken.read_text() if spoken.exists() else "") and time.monotonic() < deadline:
        time.sleep(0.05)
    [utterance] = [line for line in spoken.read_text().splitlines() if line.startswith("A warning sign")]
    assert "Please seek urgent medical care now" in utterance and "roll gently onto one side" in utterance
    assert "(source" not in utterance and "NICE" not in utterance
    # All else as the screen says it, the sign ending in a full stop where its sources stood: a pause before the way up
    advice = stderr.strip().removeprefix("crest: ").split(" (source: ")[0]
    assert f"{advice}. When you're ready, roll gently" in utterance
    assert utterance.index("urgent medical care") < utterance.index("roll gently onto one side")
    [session] = sessions()
    assert session.status == "ended_early"


@pytest.mark.usefixtures("safety_answered")
def test_answers_that_advise_the_side_stop_a_rest_on_the_back(crest_env: dict[str, str]) -> None:
    """`crest safety` in a second terminal answered "pregnant, 16 weeks or later" while the rest on the back ran on
    to its end in the first. It stops, says why and how to come up, and ends with the advice."""

    def answers_advising_the_side() -> None:
        with Journal.open() as journal:
            now = datetime.now(UTC)
            answers = {question.id: question.id == "pregnant_16_weeks" for question in QUESTIONS}
            Services.over(journal, lambda: now, UTC).safety.record(answers)

    returncode, stdout, stderr = _rest_with_a_change_meanwhile(crest_env, "--no-voice", answers_advising_the_side)
    assert returncode == 1
    said = " ".join(stdout.split())
    assert "Your safety answers now advise resting on your side." in said and "roll gently onto one side" in said
    assert "A warning sign came in" not in said and "Time is up" not in said
    assert "Rest on your side instead" in stderr and "(source: NHS pregnancy guidance" in stderr
    [session] = sessions()
    assert session.status == "ended_early"


@pytest.mark.usefixtures("safety_answered")
def test_the_somatic_movements_are_spoken_by_default(
    run_crest: RunCrest, crest_env: dict[str, str], tmp_path: Path
) -> None:
    spoken = _fake_speech_engine(tmp_path)
    crest_env["PATH"] = f"{tmp_path}:{crest_env['PATH']}"
    result = run_crest("session", "--minutes", "5", "--variant", "somatic", "--speed", "60", "--yes")
    assert result.returncode == 0, result.stderr
    assert "arch your lower back" in spoken.read_text()

    spoken.unlink()
    quiet = run_crest("session", "--minutes", "5", "--variant", "somatic", "--speed", "300", "--yes", "--no-voice")
    assert quiet.returncode == 0 and not spoken.exists()
    run_crest("session", "--minutes", "5", "--speed", "300", "--yes")  # the standard rest stays silent unless asked
    assert not spoken.exists()


@pytest.mark.usefixtures("safety_answered")
def test_history_writes_time_rested_like_every_other_door(run_crest: RunCrest) -> None:
    run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    history = run_crest("history")
    assert "5 min" in history.stdout and "5:00" not in history.stdout


def test_a_session_done_without_the_app_is_logged_back_dated(run_crest: RunCrest) -> None:
    logged = run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00", "--variant", "supported")
    assert logged.returncode == 0, logged.stderr
    assert "marked as logged, not timed" in logged.stdout
    [session] = sessions()
    assert (session.logged, session.actual_seconds, session.status, session.variant) == (
        True,
        1200,
        "completed",
        "supported",
    )
    assert "completed (logged)" in run_crest("history").stdout
    assert '"logged": true' in run_crest("export", "--format", "json").stdout
    for args, words in (
        (["--minutes", "20", "--at", "2999-01-01T08:00"], "has not ended yet"),
        (["--minutes", "45"], "minutes: enter 30 or less, not “45”"),
        (["--minutes", "20", "--variant", "upside_down"], "unknown variant"),
        (["--minutes", "15", "--at", "2026-04-28T08:10"], "overlaps the session of 28 Apr 2026, 08:00 (20 min"),
    ):
        refused = run_crest("log-session", *args)
        assert refused.returncode == 2 and words in refused.stderr
    assert len(sessions()) == 1


def test_history_is_stacked_in_a_narrow_terminal_and_a_table_in_a_wide_one(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00", "--variant", "side_lying")
    run_crest("log", "--pain", "lower_back=4", "--note", "a note long enough to need a second line at sixty columns")
    crest_env["COLUMNS"] = "60"
    narrow = run_crest("history").stdout
    assert "#1  2026-04-28 08:00\n  On your side · planned 20 min, practised 20 min\n  completed (logged)\n" in narrow
    assert "…" not in narrow and "┃" not in narrow
    assert all(len(line) <= 60 for line in narrow.splitlines())
    assert all(line.startswith(("#", "  ", "Sessions", "Check-ins")) for line in narrow.splitlines())  # indented
    crest_env["COLUMNS"] = "100"
    wide = run_crest("history").stdout
    assert "┃ Started" in wide and "│ On your side " in wide and "│ completed (logged) │" in wide


def test_history_into_a_pipe_is_plain_lines_never_padded_to_the_longest_note(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    long_note = "a long note " * 300
    run_crest("log", "--pain", "lower_back=4", "--note", long_note)
    run_crest("log", "--pain", "hip:left=2")
    del crest_env["COLUMNS"]  # no terminal asked for: a pipe
    piped = run_crest("history").stdout
    assert "┃" not in piped and all(len(line) <= len(long_note) + 40 for line in piped.splitlines())
    assert max(len(line) for line in piped.splitlines() if "hip" in line) < 80  # the short one stays short


@pytest.mark.usefixtures("safety_answered")
def test_a_synced_prescription_sets_the_minutes_and_variant_not_asked_for(run_crest: RunCrest) -> None:
    with Journal.open() as journal:
        dose = Prescription("supported", 5, 1, 7, date(2020, 1, 1), prescribed_by="Pat Physio")
        journal.keep_pulled_prescription(dose, datetime(2020, 1, 1, tzinfo=UTC))
    result = run_crest("session", "--speed", "300", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Your prescription from Pat Physio: 5 min of the supported variant" in result.stdout
    asked = run_crest("session", "--minutes", "6", "--variant", "standard", "--speed", "360", "--yes")
    assert asked.returncode == 0, asked.stderr
    prescribed, chosen = sorted(sessions(), key=lambda session: session.started_at)
    assert (prescribed.planned_minutes, prescribed.variant) == (5, "supported")
    assert (chosen.planned_minutes, chosen.variant) == (6, "standard")  # the person may still choose


@pytest.mark.usefixtures("safety_answered")
def test_after_strong_pain_today_the_session_suggests_the_supported_variant(
    run_crest: RunCrest,
) -> None:
    assert run_crest("log", "--pain", "lower_back=9").returncode == 0
    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")
    assert result.returncode == 0, result.stderr  # advice, not a block
    said = " ".join(result.stdout.split())
    # 9/10 on its own, before any session: no session to stop, a gentler rest
    assert "Earlier today a check-in noted strong pain. If you rest, this is the supported variant" in said
    assert "stopping for today" not in said
    asked = run_crest("session", "--minutes", "5", "--variant", "standard", "--speed", "300", "--yes")
    assert "try the supported variant" in " ".join(asked.stdout.split())
    assert [session.variant for session in sessions()] == ["supported", "standard"]


def test_a_rest_running_in_another_crest_is_said_before_any_question(run_crest: RunCrest) -> None:
    with Journal.open() as journal:  # a browser rest that crest serve, a live process elsewhere, still runs
        journal.start_session(datetime.now(UTC), 15, "standard", "4242@a-server-elsewhere")

    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")

    assert result.returncode == 1
    assert "is still open in another crest" in result.stderr
    assert "end it there first" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Getting into position" not in result.stdout and "Time is up" not in result.stdout
    assert [session.status for session in sessions()] == ["running"]


@pytest.mark.usefixtures("safety_answered")
def test_a_rest_left_running_by_a_killed_crest_blocks_nothing(run_crest: RunCrest) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    with Journal.open() as journal:
        journal.start_session(datetime.now(UTC), 15, "standard", f"{gone.stdout.strip()}@{socket.gethostname()}")

    result = run_crest("session", "--minutes", "5", "--speed", "300", "--yes")

    assert result.returncode == 0, result.stderr
    assert [session.status for session in sessions()] == ["interrupted", "completed"]


def test_history_check_ins_lists_the_check_ins_without_the_sessions(run_crest: RunCrest) -> None:
    """Without --json, --check-ins was ignored: the sessions were listed as if it had not been given."""
    assert run_crest("log-session", "--minutes", "20", "--at", "2026-04-28T08:00").returncode == 0
    assert run_crest("history", "--check-ins").stdout == "No check-ins yet.\n"
    assert run_crest("log", "--pain", "lower_back=4", "--at", "2026-04-28T08:30").returncode == 0
    listed = run_crest("history", "--check-ins").stdout
    assert "Check-ins" in listed and "lower back (centre) 4/10" in listed
    assert "Sessions" not in listed and "20 min" not in listed
