"""The prescription `crest sync` pulls from the practice. Sync says it; while a warning sign's advice stands it says
first that the prescription is on hold and why, as Today and the session do (a practitioner's prescription
walk-through, M3: after a check-in naming bladder trouble, "Your prescription: 20 min ..." read as an invitation to
rest). `crest unlink` drops it (M2)."""

import subprocess
from collections.abc import Callable

import pytest
from test_practice_cli import _linked_to, _sync_pulling, scripted_practice

from crest.knowledge.sign_words import SIGN_WORDS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]
PRESCRIBED = {
    "variant": "supported",
    "minutes": 20,
    "sessions_per_day": 2,
    "days_per_week": 7,
    "start_on": "2026-05-04",
    "version": 1,
    "prescribed_by": "Priyanka Rao",
}
SAID = "20 min of the supported variant, twice a day, every day, from 2026-05-04. (Priyanka Rao)"


@pytest.mark.usefixtures("safety_answered")
def test_sync_says_the_prescription_is_on_hold_while_urgent_care_is_advised(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    note = "since this morning I can't feel the saddle area and I wet myself"
    logged = run_crest("log", "--pain", "lower_back=6", "--note", note, "--yes")
    assert logged.returncode == 0, logged.stderr
    done = _sync_pulling(run_crest, crest_env, PRESCRIBED)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert f"Your prescription: {SAID}" not in said
    on_hold = said.index("Your prescription is on hold: Please seek urgent medical care now")
    assert SIGN_WORDS["bladder_or_bowel_trouble"] in said[on_hold:]
    assert said.index(f"Held until then: {SAID}") > on_hold


@pytest.mark.usefixtures("safety_answered")
def test_sync_says_the_prescription_as_it_is_without_a_standing_advice(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    done = _sync_pulling(run_crest, crest_env, PRESCRIBED)
    assert done.returncode == 0, done.stderr
    assert f"Your prescription: {SAID}" in " ".join(done.stdout.split()) and "on hold" not in done.stdout


def test_unlink_drops_the_prescription_the_practice_sent(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    """After crest unlink, the copy of the prescription stayed in force for good, since no sync could end it: crest
    progress still said 'your prescription: ...' and Settings that it set the reminder (prescription walk-through
    M2). Unlinking drops it, as an ended programme's goes, and says so."""
    assert _sync_pulling(run_crest, crest_env, PRESCRIBED).returncode == 0
    assert "prescription" in run_crest("progress").stdout.lower()
    with scripted_practice({"POST /api/sync/unlink": (204, None)}) as (url, _asked):
        _linked_to(crest_env, url)
        done = run_crest("unlink")
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())
    assert "The prescription from Priyanka Rao no longer applies here" in said
    assert "your own goal and reminder apply again" in said
    assert "prescription" not in run_crest("progress").stdout.lower()


@pytest.mark.parametrize("columns", [40, 80])
@pytest.mark.usefixtures("safety_answered")
def test_sync_wraps_the_prescription_by_words_at_the_terminals_width(
    run_crest: RunCrest, crest_env: dict[str, str], columns: int
) -> None:
    """The prescription line ran past the terminal's width, which broke it mid-word at 40 columns ("fro|m
    2026-12-06", prescription walk-through L1); every line of crest sync now wraps by words at the width asked for."""
    crest_env["COLUMNS"] = str(columns)
    done = _sync_pulling(run_crest, crest_env, PRESCRIBED)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), lines
    assert f"Your prescription: {SAID}" in " ".join(done.stdout.split())  # every word whole, none cut
