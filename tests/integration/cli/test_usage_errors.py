import subprocess
from collections.abc import Callable

import pytest

from crest.safety.screen import QUESTIONS

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["serve", "--port", "99999"], "'--port'"),
        (["no-such-command"], "No such command"),
        (["session", "--minutes", "soon"], "'--minutes'"),
        (["check", "--view", "sideways", "photo.jpg"], "'--view'"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(run_crest: RunCrest, args: list[str], words: str) -> None:
    result = run_crest(*args)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("crest: ") and words in line
    assert result.stdout == ""


def test_exit_codes_chosen_by_a_command_still_reach_the_shell(run_crest: RunCrest) -> None:
    answers = "y\n" + "n\n" * (len(QUESTIONS) - 1) + "y\n"  # a "yes" to the first red flag, confirmed
    result = run_crest("safety", input_text=answers)
    assert result.returncode == 1
    assert "urgent medical care" in result.stdout
