"""The panel a running session draws in place, at the terminal's width of each refresh, even after a resize."""

from rich.console import Console, RenderableType
from rich.live import Live


class LivePanel:
    """A Rich Live display, refreshed by hand, that starts over on a clear screen when the terminal gets narrower.

    Live redraws in place by moving the cursor up over as many rows as it drew last time. A narrower terminal
    rewraps those rows (or cuts them), so that count no longer reaches the top of the old panel: what it misses
    stays on the screen as fragments. A wider one leaves them as they are, and the count still holds.
    """

    def __init__(self, console: Console, first: RenderableType) -> None:
        self._console = console
        self._live = Live(first, console=console, auto_refresh=False)
        self._width = console.width

    def start(self) -> None:
        self._live.start()

    def stop(self) -> None:
        self._live.stop()

    def show(self, frame: RenderableType) -> None:
        width = self._console.width  # Rich asks the terminal each time, unless a width was fixed (COLUMNS)
        if width < self._width:
            self._console.clear()
        self._width = width
        self._live.update(frame, refresh=True)
