"""Ctrl-C at a question ends the command on a line of its own, with one calm sentence and the shell's code; an
answer that shows nothing is no answer."""

from io import StringIO

import pytest
from rich.console import Console

from crest.cli.asker import Asker, StoppedAtPrompt


def _interrupted() -> str:
    raise KeyboardInterrupt


def test_ctrl_c_at_a_question_ends_the_line_and_stops_calmly() -> None:
    screen = StringIO()
    asker = Asker(Console(file=screen, width=80), read_line=_interrupted)
    with pytest.raises(StoppedAtPrompt) as stopped:
        asker.pause()
    assert screen.getvalue().endswith("\n")  # the shell's prompt starts on a new line
    assert stopped.value.exit_code == 130
    assert str(stopped.value) == "stopped at Ctrl-C; what was already saved is kept"


@pytest.mark.parametrize("typed", ["", "   ", "\u200b\u200b", "\u202e"])
def test_an_answer_that_shows_nothing_is_enter_on_nothing(typed: str) -> None:
    asker = Asker(Console(file=StringIO()), read_line=lambda: typed)
    assert asker.ask("Activity 1:") is None
