"""Every Rich console of the `crest` command, made in one place, so that all its output follows one rule for width.

On a terminal, Rich wraps at the terminal's width. Into a file or a pipe (`crest protocol | cat`, `> notes.txt`) it
would wrap at 80 columns, or at whatever width the terminal that ran the command had: lines broken at a place
that means nothing there, which a script reading lines or a search for a sentence then trips over. There, a line is
as long as its text: tables keep their columns at their content's width, since no renderable here fills the width.
COLUMNS, when set, is a width asked for, and is kept (the tests ask for a narrow terminal that way).

An error is one line wherever a script or a log may read it; only a terminal gets it wrapped, at word boundaries:
left to itself, the terminal would break it in the middle of a word.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# Wider than any line crest writes: a line is never cut or wrapped to fit it.
UNWRAPPED_WIDTH = 100_000


def console(*, stderr: bool = False, highlight: bool = True) -> Console:
    """A console for stdout (or stderr) that wraps only on a terminal, or at the COLUMNS asked for."""
    from rich.console import Console

    made = Console(stderr=stderr, highlight=highlight)
    if not made.is_terminal and not _width_asked_for():
        _unwrap(made)
    _dumb_terminal_sized(made)
    _never_zero_wide(made)
    return made


def error_console() -> Console:
    """A console for errors on stderr: one error, one line, except on a terminal, where it wraps at word
    boundaries (a word longer than the terminal, such as a long path, is the only one broken)."""
    from rich.console import Console

    made = Console(stderr=True, highlight=False, emoji=False)
    if not made.is_terminal:
        _unwrap(made)
    _dumb_terminal_sized(made)
    _never_zero_wide(made)
    return made


def _width_asked_for() -> bool:
    columns = os.environ.get("COLUMNS", "")
    return columns.isdigit() and int(columns) > 0


def _dumb_terminal_sized(made: Console) -> None:
    """Rich takes a dumb terminal (TERM=dumb: Emacs' shell, the README's plain lines for a screen reader) to be 80x25
    whatever its size, so a narrower one broke every longer line in the middle of a word: its own size instead (the
    COLUMNS and LINES asked for first). Rich keeps its 80x25 unless both width and height are given."""
    if made.is_terminal and made.is_dumb_terminal:
        import shutil

        made.size = shutil.get_terminal_size()


def _never_zero_wide(made: Console) -> None:
    """COLUMNS=0, which some tools set where they know no width, made Rich write nothing at all (exit 0, every
    answer, table and error lost): the terminal's own width then, as if no width were asked for."""
    if made.width < 1:
        import shutil

        made.width = shutil.get_terminal_size().columns  # COLUMNS=0 counts as unset here


def _unwrap(made: Console) -> None:
    made.width = UNWRAPPED_WIDTH
    made.soft_wrap = True


def is_unwrapped(console: Console) -> bool:
    """Whether `console` writes into a file or a pipe, where a box or a padded block would pad every line to
    the longest one's width (hundreds of trailing spaces): such output is written as plain lines instead."""
    return console.width >= UNWRAPPED_WIDTH
