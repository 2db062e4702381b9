"""The panel a running session draws in place, at the terminal's width of each refresh, even after a resize."""

import contextlib

from rich.console import Console, RenderableType
from rich.live import Live
from rich.segment import Segment


class LivePanel:
    """A Rich Live display, refreshed by hand, that starts over on a clear screen when the terminal gets narrower.

    Live redraws in place by moving the cursor up over as many rows as it drew last time. A narrower terminal
    rewraps those rows (or cuts them), so that count no longer reaches the top of the old panel: what it misses
    stays on the screen as fragments. A wider one leaves them as they are, and the count still holds.

    A frame that would look as the one on screen is not drawn: the session asks ten times a second, so that a key
    or a new second shows at once, but a screen reader follows every rewrite of the screen, and a paused panel
    rewritten ten times a second was ten changes a second to it for nothing.
    """

    def __init__(self, console: Console, first: RenderableType) -> None:
        self._console = console
        self._live = Live(first, console=console, auto_refresh=False)
        self._width = console.width
        self._on_screen = self._rows(first)

    def start(self) -> None:
        self._live.start()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # the terminal was hung up (its window closed): nothing to draw on
            self._live.stop()

    def show(self, frame: RenderableType) -> None:
        width = self._console.width  # Rich asks the terminal each time, unless a width was fixed (COLUMNS)
        rows = self._rows(frame)  # at this width and height: a resize changes them, and is drawn
        if width < self._width:
            self._console.clear()
        elif rows == self._on_screen:
            return
        self._width = width
        self._on_screen = rows
        self._live.update(frame, refresh=True)

    def _rows(self, frame: RenderableType) -> list[list[Segment]]:
        """The frame's rows as Live draws them (text and style), to compare with what is on screen."""
        return self._console.render_lines(frame, self._console.options, pad=False)
