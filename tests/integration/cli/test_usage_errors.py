import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]

VARIANTS = "standard, supported, somatic, side_lying"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["serve", "--port", "99999"], "--port: enter 65535 or less"),
        (["no-such-command"], "No such command"),
        (["session", "--minutes", "soon"], "--minutes: enter a whole number"),
        (["check", "--view", "sideways", "photo.jpg"], "--view"),
        (["remind", "--minutes", "90"], "--minutes: enter 30 or less"),
        # an empty time made the reminder at 18:00 without a word, and 7:5 one at 07:05 (the API refuses both)
        (["remind", "--time="], "crest: give a time, like 18:00"),
        (["remind", "--time", "7:5"], "crest: cannot read the time “7:5”; write it like 18:00"),
        # "monday" and "tuesdays" were read by their first three letters, "mon,,mon" as Monday: the API refuses them
        *(
            (
                ["remind", "--days", written],
                f"crest: {unread}; write the days you want from mon,tue,wed,thu,fri,sat,sun",
            )
            for written, unread in (
                ("monday", "cannot read day “monday”"),
                ("mon,tuesdays", "cannot read day “tuesdays”"),
                ("mon,,mon", "“mon,,mon” has a comma with no day beside it"),
            )
        ),
        # the echo between curly quotes, as every other one-line error's (walk s52 L1: these held straight ones)
        (["remind", "--zone", "Mars/Olympus"], "crest: unknown time zone “Mars/Olympus”; write it like Europe/Berlin"),
        (["export", "--format", "fhir", "--fhir-version", "R2"], "crest: unknown FHIR version “R2”; choose R5 or R4B"),
        (["export", "--format", "xml"], "crest: unknown export format “xml”; choose csv, json or fhir"),
        (["report", "--paper", "a5"], "crest: unknown paper size “a5”; choose a4 or letter"),
        # a rating beside --history was dropped without a word
        (["psfs", "--rate", "walking=3", "--history"], "crest: --history shows past rounds and saves nothing"),
        # As remind names it (and session: test_session_cli); it said "crest: minutes: enter 5 or more, not “4”"
        (["log-session", "--minutes", "4"], "crest: --minutes: enter 5 or more, not “4”"),
        # Alike at every command that takes one (session and protocol said "choose one of: standard, ...")
        *(
            ([command, *extra, "--variant", "lying"], f"unknown variant “lying”; choose one of {VARIANTS}")
            for command, extra in (("session", []), ("protocol", []), ("log-session", ["--minutes", "10"]))
        ),
        # A day that is no date names its option, as --cleared-on does (it said "cannot read the time '2026-13-01'"),
        # in the words of every door that takes a day (input_problems.not_a_date)
        *(
            (
                [*command, option, "2026-13-01"],
                f"crest: {option}: “2026-13-01” is not a date; write it as YYYY-MM-DD, for example 2026-05-01",
            )
            for command, option in (
                (["report"], "--since"),
                (["report"], "--until"),
                (["progress"], "--since"),
                (["history"], "--since"),  # a day or a time: it says both
                (["safety", "--cleared-by", "Dr Ames"], "--cleared-on"),
            )
        ),
        # A time that is no time names --at too (it said "cannot read the time '2026-13-01T07:30'")
        *(
            (
                [*command, "--at", "2026-13-01T07:30"],
                "crest: cannot read --at “2026-13-01T07:30”; write it like 2026-05-01T07:30 or 2026-05-01",
            )
            for command in (["log", "--note", "stiff"], ["log-session", "--minutes", "10"])
        ),
        (
            ["report", "--since", "2026-05-05", "--until", "2026-05-01"],
            "would end on 1 May 2026, before it starts on 5 May 2026; check --since and --until",
        ),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(run_crest: RunCrest, args: list[str], words: str) -> None:
    result = run_crest(*args)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("crest: ") and words in line
    assert "Input should be" not in line and "Value error" not in line  # plain words, never the validator's
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", ""],
        ["report", "-o", ""],
        ["remind", "-o", ""],
        ["import", ""],
        ["check", "--annotate", "", "photo.jpg"],
        ["check", ""],
        ["check", "photo.jpg", ""],
    ],
)
def test_an_empty_file_name_is_refused_as_empty(
    run_crest: RunCrest, args: list[str], request: pytest.FixtureRequest
) -> None:
    """`crest export -o "$FILE"` with FILE unset: an empty name was read as the folder `.` ("crest: . is a folder")."""
    if args[0] == "check":
        request.getfixturevalue("safety_answered")  # the check, like a session, comes after the safety questions
    result = run_crest(*args)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("crest: ") and "give a file name, not an empty one" in line
    assert result.stdout == ""


def test_stopping_at_a_prompt_is_one_line_not_a_traceback(run_crest: RunCrest) -> None:
    result = run_crest("practice", "init", "--name", "A practice", "--admin-email", "admin@example.org")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].strip() == "crest: stopped before anything was changed"


def test_exit_codes_chosen_by_a_command_still_reach_the_shell(run_crest: RunCrest) -> None:
    answers = "y\n" + "n\n" * (len(QUESTIONS) - 1) + "y\n"  # a "yes" to the first red flag, confirmed
    result = run_crest("safety", input_text=answers)
    assert result.returncode == 1
    assert "urgent medical care" in result.stdout


def test_a_data_folder_under_the_home_of_no_user_here_is_one_line(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """`CREST_HOME=~someone/crest` where there is no user `someone` (a typo): a RuntimeError traceback."""
    crest_env["CREST_HOME"] = "~no-such-person-here/crest"
    result = run_crest("history")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "crest: CREST_HOME is ~no-such-person-here/crest, but there is no user no-such-person-here on this "
        "computer; give the folder's full path"
    )


@pytest.mark.parametrize("command", ["export", "report", "remind"])
def test_the_file_written_is_named_without_steering_the_terminal(
    run_crest: RunCrest, tmp_path: Path, command: str
) -> None:
    """A name pasted with an escape sequence (here: clear the screen) was echoed raw in "Wrote ... to NAME"."""
    suffix = {"export": ".json", "report": ".html", "remind": ".ics"}[command]
    result = run_crest(command, "-o", str(tmp_path / f"\x1b[2Jmine{suffix}"))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    assert f"\\x1b[2Jmine{suffix}" in result.stdout + result.stderr
    assert (tmp_path / f"\x1b[2Jmine{suffix}").exists()
