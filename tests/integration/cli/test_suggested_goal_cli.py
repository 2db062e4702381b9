"""`crest progress` says a weekly goal nobody set as the Progress page does: crest's suggestion, and where to set
one (walk-through "is it helping?" L4), in words that work from a terminal."""

import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from crest.clock import system_now, system_zone
from crest.journal.store import Journal
from support.practice_history import daily_practice

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_progress_calls_a_goal_nobody_set_crests_suggestion(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    first_day = system_now().astimezone(system_zone()).date() - timedelta(days=14)
    with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
        journal.import_contents(daily_practice(first_day, 14, system_zone()))
    words = " ".join(run_crest("progress").stdout.split())
    assert "crest's suggested weekly goal: 7 sessions a week (" in words
    # a terminal has no Settings: the page is named with the command that opens it (crest has no goal command)
    assert "; set your own on the Settings page, which `crest serve` opens)" in words
    assert "your weekly goal" not in words
