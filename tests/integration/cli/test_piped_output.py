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


def test_piped_help_is_plain_lines_without_boxes_or_trailing_spaces(
    crest_env: dict[str, str], run_crest: RunCrest
) -> None:
    del crest_env["COLUMNS"]
    urgent = run_crest("ask", "I can't pee since my back went").stdout
    answer = run_crest("ask", "can I do it in bed?").stdout
    for text in (urgent, answer):
        assert all(line == line.rstrip() for line in text.splitlines())  # a box padded lines to its widest
        assert not any(character in text for character in "╭╮╰╯│")
    assert "Seek urgent medical care now" in urgent and "Sources: British Association of Spine Surgeons" in urgent
    assert "\n   Sources: " in answer  # the answer's lines stay indented under its title


def test_an_output_in_a_legacy_encoding_gets_question_marks_never_a_traceback(
    crest_env: dict[str, str], run_crest: RunCrest
) -> None:
    """Into ASCII or Latin-1 (a legacy terminal, a Windows code page) "·" and "→" raised UnicodeEncodeError: a
    traceback in place of the checklist, a session stopped at its first step."""
    crest_env["PYTHONIOENCODING"] = "ascii"
    assert run_crest("safety", input_text="n\n" * 14).returncode == 0
    for args in (("protocol",), ("session", "--yes", "--speed", "600", "--minutes", "5", "--no-checkin")):
        done = run_crest(*args)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        assert done.stdout.isascii()
    assert "Setting up ? Standard, 5 minutes" in done.stdout
