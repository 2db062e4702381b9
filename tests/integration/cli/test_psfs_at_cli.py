"""`crest psfs --at` (journal walk-through L9): a round rated on paper at the clinic is entered for its own day, as
`crest log --at` enters a check-in and the API's `at` does; a time to come is refused, naming --at."""

import subprocess
from collections.abc import Callable

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_a_round_is_kept_for_the_day_it_was_rated(run_crest: RunCrest) -> None:
    rated = run_crest("psfs", "--rate", "tying my shoes=4", "--at", "2026-01-05T10:00")
    assert rated.returncode == 0, rated.stderr
    assert run_crest("psfs", "--history").stdout.startswith("2026-01-05 (#1) tying my shoes 4")


def test_a_time_to_come_is_refused_naming_the_option(run_crest: RunCrest) -> None:
    refused = run_crest("psfs", "--rate", "tying my shoes=4", "--at", "2999-01-05T10:00")
    assert refused.returncode == 2 and refused.stderr.startswith("crest: --at: the PSFS time 2999-01-05")
    assert "No activities rated yet" in run_crest("psfs", "--history").stdout


def test_at_beside_history_is_refused_as_rate_is(run_crest: RunCrest) -> None:
    refused = run_crest("psfs", "--history", "--at", "2026-01-05T10:00")
    assert refused.returncode != 0 and "--history shows past rounds and saves nothing" in refused.stderr
