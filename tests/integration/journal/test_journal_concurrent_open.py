"""Several crest processes starting at once on a new journal must not trip over each other's migrations."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[3] / "src"
OPEN_AND_COUNT = "from crest.journal.store import Journal; j = Journal.open(); print(len(j.list_sessions()))"


def open_at_once(url: str, processes: int) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "CREST_DATABASE_URL": url}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AND_COUNT], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    results = []
    for process in started:
        stdout, stderr = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
    return results


def test_simultaneous_first_opens_of_a_new_journal_all_succeed(new_journal_url: Callable[[], str]) -> None:
    for _attempt in range(2):
        for result in open_at_once(new_journal_url(), 4):
            assert result.returncode == 0, result.stderr
            assert result.stdout.strip() == "0"
