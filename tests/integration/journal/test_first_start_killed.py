"""A first start killed at any step of the first migration leaves a journal that opens and works (issue 9.1).

Each step (every statement the first start sends, then its commit) gets its own new journal and its own real
process, killed with SIGKILL just before that step; the next start must open the journal, bring it to the same
schema as an undisturbed first start, and keep a check-in.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

DRIVER = Path(__file__).resolve().parents[2] / "support" / "first_start_kills.py"
SRC = Path(__file__).resolve().parents[3] / "src"


def _driver(*arguments: str) -> list[dict[str, object]]:
    finished = subprocess.run(
        [sys.executable, str(DRIVER), *arguments],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PYTHONPATH": f"{SRC}:{DRIVER.parents[1]}", "PATH": "/usr/bin:/bin"},
    )
    assert finished.returncode == 0, finished.stderr
    return [json.loads(line) for line in finished.stdout.splitlines() if line.strip()]


def test_a_kill_at_any_step_of_the_first_start_leaves_a_journal_that_opens(
    new_journal_url: Callable[[], str],
) -> None:
    (clean,) = _driver("count", new_journal_url())
    steps = clean["steps"]
    assert isinstance(steps, int) and steps > 10  # every CREATE TABLE and CREATE INDEX is a step

    reports = _driver("kill", *(new_journal_url() for _ in range(steps)))

    assert len(reports) == steps
    assert [report["step"] for report in reports if not report["killed"]] == []
    assert [(report["step"], report["error"]) for report in reports if not report["opens"]] == []
    assert [report["step"] for report in reports if report["schema"] != clean["schema"]] == []
