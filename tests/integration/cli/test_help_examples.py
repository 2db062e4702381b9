"""`crest session --help`, `crest check --help` and `crest ask --help` end with examples a newcomer can type as
they are, within 80 columns."""

import subprocess
from collections.abc import Callable

import pytest

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.parametrize(
    ("command", "examples"),
    [
        ("session", ["crest session", "crest session --minutes 10", "crest session --plain"]),
        ("check", ["crest check photo.jpg", "crest check rest.mp4 --breath", "crest check --camera"]),
        ("ask", ['crest ask "can I do it in bed?"', 'crest ask "why do I yawn?"']),
    ],
)
def test_the_help_ends_with_examples_to_type(
    run_crest: RunCrest, crest_env: dict[str, str], command: str, examples: list[str]
) -> None:
    crest_env["COLUMNS"] = "80"  # a standard terminal
    result = run_crest(command, "--help")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.rstrip().splitlines()
    shown = lines[lines.index("  Examples:") :]
    for example in examples:  # each on a line of its own, not run together with the next
        assert any(line.strip().startswith(example) for line in shown), (example, shown)
    assert max(map(len, lines)) <= 80
