"""Which process wrote something, and whether it still runs: named `pid@hostname`, so that what a killed crest left
behind (a session row, a temporary file) can be told apart from what a live one is still writing."""

from __future__ import annotations

import os
import socket


def this_process() -> str:
    """How this process names itself as the writer of something."""
    return f"{os.getpid()}@{socket.gethostname()}"


def is_local_process_alive(writer: str | None) -> bool:
    """False when `writer` is a process of this host that no longer exists; True when it cannot be known."""
    if not writer:
        return False
    pid_text, _, host = writer.partition("@")
    if host != socket.gethostname():
        return True
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    return is_running(pid)


def is_running(pid: int) -> bool:
    """Whether a process `pid` runs on this host (a pid that is not one, 0 or less, runs nowhere)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True
