"""`crest` into a file or a pipe (`crest protocol | cat`): each line as long as its text, never cut at 80 columns."""

import subprocess
from collections.abc import Callable

from crest.protocol import load_protocol

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_piped_protocol_keeps_each_step_whole(crest_env: dict[str, str], run_crest: RunCrest) -> None:
    del crest_env["COLUMNS"]  # no width asked for, as in a shell that pipes
    process = run_crest("protocol")
    assert process.returncode == 0
    lines = [line.strip() for line in process.stdout.splitlines()]
    steps = load_protocol().setup_for("standard")
    assert any(len(step.text) > 80 for step in steps)  # else a wrap at 80 columns would not show
    for step in steps:
        assert step.text in lines
