"""A first start killed at any step of the first migration leaves a journal that opens and works (issue 9.1).

Each step (every statement the first start sends, then its commit) gets its own new journal and its own real
process, killed with SIGKILL just before that step; the next start must open the journal, bring it to the same
schema as an undisturbed first start, and keep a check-in.

The 300-odd steps take about 0.8 s each, some 4.5 minutes on an idle machine: as one test, under load it ran past
its time limits (the suite's 300 s, the driver's 600 s) and failed with nothing wrong. The steps are dealt out in
SHARES tests of their own, every SHARES-th step each, which together kill before every step; each waits for its
driver to end, with no clock of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

DRIVER = Path(__file__).resolve().parents[2] / "support" / "first_start_kills.py"
SRC = Path(__file__).resolve().parents[3] / "src"
SHARES = 10


def _driver(*arguments: str) -> list[dict[str, object]]:
    finished = subprocess.run(
        [sys.executable, str(DRIVER), *arguments],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{SRC}:{DRIVER.parents[1]}", "PATH": "/usr/bin:/bin"},
    )
    assert finished.returncode == 0, finished.stderr
    return [json.loads(line) for line in finished.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("share", range(SHARES))
def test_a_kill_at_any_step_of_the_first_start_leaves_a_journal_that_opens(
    new_journal_url: Callable[[], str], share: int
) -> None:
    (clean,) = _driver("count", new_journal_url())
    steps = clean["steps"]
    assert isinstance(steps, int) and steps > 10  # every CREATE TABLE and CREATE INDEX is a step
    mine = range(1 + share, steps + 1, SHARES)  # with the other shares: every step from 1 to `steps`, once

    reports = _driver("kill", *(part for step in mine for part in (str(step), new_journal_url())))

    assert [report["step"] for report in reports] == list(mine)
    assert [report["step"] for report in reports if not report["killed"]] == []
    assert [(report["step"], report["error"]) for report in reports if not report["opens"]] == []
    assert [report["step"] for report in reports if report["schema"] != clean["schema"]] == []
