"""Single key presses during a session (space, q) without waiting for Enter; nothing when stdin is not a terminal."""

import os
import select
import sys
import time
from types import TracebackType
from typing import Any


class KeyReader:
    def __init__(self) -> None:
        self._fd: int | None = None
        self._saved: list[Any] | None = None

    def __enter__(self) -> "KeyReader":
        try:
            fd = sys.stdin.fileno()  # sys.stdin is None when the process started with stdin closed
            interactive = os.isatty(fd)
        except (AttributeError, OSError, ValueError):
            interactive = False
        if interactive:
            import termios
            import tty

            self._fd = fd
            self._saved = termios.tcgetattr(fd)
            tty.setcbreak(fd)  # keys arrive one by one; Ctrl-C still interrupts
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._fd is not None and self._saved is not None:
            import termios

            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)

    def read(self, timeout_s: float) -> str | None:
        """The next key pressed within `timeout_s`, else None."""
        if self._fd is None:
            time.sleep(timeout_s)
            return None
        ready, _, _ = select.select([self._fd], [], [], timeout_s)
        if not ready:
            return None
        return os.read(self._fd, 1).decode(errors="ignore") or None
