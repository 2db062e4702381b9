"""Single key presses during a session (space, q) without waiting for Enter; nothing when stdin is not a terminal."""

import contextlib
import os
import select
import signal
import sys
import time
from types import FrameType, TracebackType
from typing import Any


class KeyReader:
    def __init__(self) -> None:
        self._fd: int | None = None
        self._saved: list[Any] | None = None
        self._previous_on_continue: Any = None

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
            # Ctrl-Z hands the terminal back to the shell, which sets it line by line again: after `fg`, space and q
            # waited for Enter and were echoed over the timer. Keys one by one again as the session continues.
            self._previous_on_continue = signal.signal(signal.SIGCONT, self._on_continue)
        return self

    def _on_continue(self, signum: int, frame: FrameType | None) -> None:
        if self._fd is not None:
            import termios
            import tty

            with contextlib.suppress(OSError, termios.error):  # the terminal is gone: keys can no longer come
                tty.setcbreak(self._fd)
        if callable(self._previous_on_continue):
            self._previous_on_continue(signum, frame)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._fd is not None and self._saved is not None:
            import termios

            signal.signal(signal.SIGCONT, self._previous_on_continue or signal.SIG_DFL)
            # A terminal hung up (its window closed) has no settings to restore, and failing here would hide why
            # the session is stopping.
            with contextlib.suppress(termios.error):
                termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)

    @property
    def interactive(self) -> bool:
        """Keys can be pressed: stdin is a terminal."""
        return self._fd is not None

    def read(self, timeout_s: float) -> str | None:
        """The next key pressed within `timeout_s`, else None."""
        if self._fd is None:
            time.sleep(timeout_s)
            return None
        ready, _, _ = select.select([self._fd], [], [], timeout_s)
        if not ready:
            return None
        return os.read(self._fd, 1).decode(errors="ignore") or None
