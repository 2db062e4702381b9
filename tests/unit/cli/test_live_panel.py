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


class MovableClock:
    def __init__(self) -> None:
        self.now_s = 0.0

    def monotonic(self) -> float:
        return self.now_s


def _frames_drawn(steps: int, step_s: float, pause: bool = False) -> int:
    """How many times the session's panel is drawn when asked ten times a second, as the session asks, while a
    clock moves `step_s` between asks (the rest running, or paused after the first ask)."""
    from crest.cli.session_view import render_session
    from crest.protocol import load_protocol
    from crest.session.runner import SessionRunner
    from crest.session.timeline import build_timeline

    clock = MovableClock()
    runner = SessionRunner(build_timeline(load_protocol(), "standard", 15), clock)
    runner.start()
    clock.now_s = 100.0  # in the rest, between two cues
    runner.poll()
    screen = StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80, height=24)
    panel = LivePanel(terminal, render_session(runner, voice_on=False))
    panel.start()
    if pause:
        runner.pause()
        panel.show(render_session(runner, voice_on=False))  # the pause itself is drawn
    drawn = screen.getvalue().count("╭")
    for _ in range(steps):
        clock.now_s += step_s
        runner.poll()
        panel.show(render_session(runner, voice_on=False))
    drawn = screen.getvalue().count("╭") - drawn
    panel.stop()  # draws the last frame once more, as the session's end needs
    return drawn


def test_a_running_rest_is_drawn_once_a_second_not_at_every_ask() -> None:
    # 10 s asked 100 times: each new second on the clock once (the bar moves with the clock).
    assert _frames_drawn(100, 0.1) == 10


def test_a_paused_rest_is_not_drawn_again_while_nothing_on_it_changes() -> None:
    assert _frames_drawn(50, 0.1, pause=True) == 0


def test_the_same_frame_again_writes_nothing() -> None:
    """A resize still redraws it (the tests above ask for the same frame at another width)."""
    screen = StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80, height=30)
    panel = LivePanel(terminal, _panel())
    panel.start()
    before = len(screen.getvalue())
    panel.show(_panel())
    assert len(screen.getvalue()) == before
    panel.stop()
