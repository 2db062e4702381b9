"""`crest history` into a pipe or a file: a note of several lines is printed line by line, as written."""

import subprocess
from collections.abc import Callable

RunCrest = Callable[..., subprocess.CompletedProcess[str]]


def test_a_note_of_several_lines_ends_each_line_where_it_was_written(
    run_crest: RunCrest, crest_env: dict[str, str]
) -> None:
    """Its shorter lines were padded with spaces up to its longest (found walking the first week from a fresh clone:
    'Left side eased.' followed by 64 spaces), which a script reading the history had to strip."""
    saved = run_crest("log", "--note", "Yawned a lot, then some more, and the left hip let go.\nLeft side eased.")
    assert saved.returncode == 0, saved.stderr
    del crest_env["COLUMNS"]  # a pipe, as `crest history | less` or a script reads it: plain lines
    history = run_crest("history")
    assert history.returncode == 0, history.stderr
    assert "note: Yawned a lot, then some more, and the left hip let go.\n  Left side eased.\n" in history.stdout
    assert [line for line in history.stdout.splitlines() if line != line.rstrip()] == []
