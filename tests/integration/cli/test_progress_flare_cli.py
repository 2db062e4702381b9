"""`crest progress` names a flare week beside the verdict, as the Progress page does."""

import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from crest.clock import system_now, system_zone
from crest.insights.progress import days_span
from crest.journal.store import Journal
from support.flare import practice_with_a_flare

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_a_flare_week_is_said_beside_the_verdict(run_crest: RunCrest, crest_env: dict[str, str]) -> None:
    zone = system_zone()
    contents, monday = practice_with_a_flare(system_now().astimezone(zone).date() - timedelta(days=63), zone)
    home = Path(crest_env["CREST_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    with Journal.open(f"sqlite:///{home / 'crest.db'}") as journal:
        journal.import_contents(contents)
    result = run_crest("progress")
    assert result.returncode == 0, result.stderr
    words = " ".join(result.stdout.split())
    flare = words.index(
        f"One week between was harder: median 9.0 (14 ratings on 7 days, {days_span(monday, monday + timedelta(6))}),"
    )
    assert words.index("Lower back (centre):") < flare < words.index("Hip (left):")
