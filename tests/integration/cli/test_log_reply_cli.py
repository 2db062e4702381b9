"""`crest log`'s reply ends as a sentence once (journal walk-through L10: 'note: First go. ... yawned a lot..')."""

import subprocess
from collections.abc import Callable

import pytest

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.usefixtures("safety_answered")
@pytest.mark.parametrize(
    ("note", "ending"),
    [
        ("First go. Floor felt hard, yawned a lot.", "First go. Floor felt hard, yawned a lot."),
        ("Was that a yawn?", "Was that a yawn?"),
        ("Calves on the seat", "Calves on the seat."),
    ],
)
def test_the_saved_line_ends_with_one_mark(run_crest: RunCrest, note: str, ending: str) -> None:
    saved = run_crest("log", "--pain", "lower_back=3", "--note", note)
    assert saved.returncode == 0, saved.stderr
    [line] = [line for line in saved.stdout.splitlines() if line.startswith("Saved check-in")]
    assert line.endswith(f"note: {ending}")
