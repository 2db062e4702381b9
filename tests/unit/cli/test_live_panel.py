"""The running session's panel after the terminal is resized: redrawn at the new width, with nothing of the old one
left on a narrower screen (there, the old rows were rewrapped, and moving up over them would leave fragments)."""

import re
from io import StringIO

from rich.console import Console
from rich.panel import Panel

from crest.cli.live_panel import LivePanel

CLEAR_SCREEN = "\x1b[2J"
ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\r")


def _panel() -> Panel:
    return Panel("Resting · let the floor hold you.", title="Resting · 15 min")


def _drawn_after_resize(before: int, after: int) -> str:
    """What the panel writes for its next frame once a terminal `before` columns wide is made `after` wide."""
    screen = StringIO()
    terminal = Console(file=screen, force_terminal=True, width=before, height=30)
    terminal.print("Step 7/7: arms low and easy.")
    panel = LivePanel(terminal, _panel())
    panel.start()
    terminal.width = after  # as Rich reads it from the terminal at the next refresh
    drawn_before = len(screen.getvalue())
    panel.show(_panel())
    written = screen.getvalue()[drawn_before:]
    panel.stop()
    return written


def test_a_narrower_terminal_gets_the_panel_alone_on_a_clear_screen_at_its_width() -> None:
    written = _drawn_after_resize(80, 40)
    assert CLEAR_SCREEN in written
    rows = ESCAPES.sub("", written).splitlines()
    assert rows[0].startswith("╭") and rows[-1].startswith("╰")
    assert {len(row) for row in rows} == {40}


def test_a_wider_terminal_keeps_what_was_said_above_the_panel() -> None:
    written = _drawn_after_resize(40, 80)
    assert CLEAR_SCREEN not in written
    assert {len(row) for row in ESCAPES.sub("", written).splitlines()} == {80}
