"""Single keys during a session: the terminal is read key by key, and again so after Ctrl-Z and `fg`."""

import io
import os
import pty
import signal
import sys
import termios

import pytest

from crest.cli.keys import KeyReader


class _Terminal(io.StringIO):
    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def fileno(self) -> int:
        return self._fd


def _line_by_line(fd: int) -> bool:
    return bool(termios.tcgetattr(fd)[3] & termios.ICANON)


def test_keys_come_one_by_one_again_after_the_shell_took_the_terminal_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """After Ctrl-Z the shell sets the terminal line by line; on `fg` space and q waited for Enter (and were echoed
    over the timer) for the rest of the session."""
    leader, follower = pty.openpty()
    try:
        monkeypatch.setattr(sys, "stdin", _Terminal(follower))
        before = signal.getsignal(signal.SIGCONT)
        line_by_line = termios.tcgetattr(follower)
        assert _line_by_line(follower)
        with KeyReader() as keys:
            assert not _line_by_line(follower)
            termios.tcsetattr(follower, termios.TCSANOW, line_by_line)  # what the shell does on Ctrl-Z
            os.kill(os.getpid(), signal.SIGCONT)  # `fg`
            assert not _line_by_line(follower)
            os.write(leader, b"q")
            assert keys.read(1.0) == "q"  # no Enter needed
        assert _line_by_line(follower)  # the terminal as it was, and the signal's handling too
        assert signal.getsignal(signal.SIGCONT) == before
    finally:
        os.close(leader)
        os.close(follower)
