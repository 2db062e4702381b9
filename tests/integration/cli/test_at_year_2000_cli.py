"""`--at` before 2000: judged on the day as the person wrote it, the day the one-line refusal names.

00:30 on 1 January 2000 at +01:00 is 23:30 on 31 December 1999 in UTC: it was refused as "2000-01-01 is before
2000"; a day written as 1999-12-31 with an offset that made it 2000 in UTC was kept.
"""

import subprocess
from collections.abc import Callable

import pytest

from crest.journal.store import Journal

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def in_utc(crest_env: dict[str, str]) -> None:
    crest_env["TZ"] = "UTC"  # the computer's zone, for an --at without an offset


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crest: --at: "), result.stderr
    return lines[0]


@pytest.mark.usefixtures("in_utc")
@pytest.mark.parametrize(
    "command",
    [("log", "--note", "first rest of the year"), ("log-session", "--minutes", "10")],
)
def test_a_time_on_1_january_2000_as_written_is_kept(run_crest: RunCrest, command: tuple[str, ...]) -> None:
    kept = run_crest(*command, "--at", "2000-01-01T00:30+01:00")
    assert kept.returncode == 0, kept.stderr
    assert "before 2000" not in kept.stdout + kept.stderr
    with Journal.open() as journal:
        assert len(journal.list_checkins()) + len(journal.list_sessions()) == 1


@pytest.mark.usefixtures("in_utc")
@pytest.mark.parametrize(
    ("command", "what"),
    [(("log", "--note", "x"), "the check-in time"), (("log-session", "--minutes", "10"), "the session start")],
)
@pytest.mark.parametrize("at", ["1999-12-31T23:30-01:00", "1999-12-31T12:00", "1999-12-31T23:59+14:00"])
def test_a_day_written_before_2000_is_refused_naming_that_day(
    run_crest: RunCrest, command: tuple[str, ...], what: str, at: str
) -> None:
    said = _one_line_error(run_crest(*command, "--at", at))
    assert f"{what} 1999-12-31 is before 2000" in said
    with Journal.open() as journal:
        assert journal.list_checkins() == [] and journal.list_sessions() == []


@pytest.mark.parametrize("command", [("log", "--note", "a rest at night"), ("log-session", "--minutes", "10")])
def test_a_time_in_the_hour_the_clocks_skip_is_refused_in_one_line(
    run_crest: RunCrest, crest_env: dict[str, str], command: tuple[str, ...]
) -> None:
    crest_env["TZ"] = "Europe/London"  # the clocks went forward at 01:00 on 29 March 2026
    refused = run_crest(*command, "--at", "2026-03-29T01:30")
    assert refused.returncode == 2, refused
    assert refused.stderr == (
        "crest: --at “2026-03-29T01:30” never happened here: the clocks went forward that night; write the time the "
        "clock showed\n"
    )
    with Journal.open() as journal:
        assert journal.list_checkins() == [] and journal.list_sessions() == []
