"""Which process wrote something, and whether it still runs: named `pid.start@hostname`, so that what a killed crest
left behind (a session row, a temporary file) can be told apart from what a live one is still writing.

`start` is when the process started (clock ticks since the computer booted, from /proc): after a reboot, or once
pids wrap around, another program may run under the same pid, and only its start tells it apart. Where /proc is not
there (macOS), the name is `pid@hostname` and the pid alone decides, as it does for names written before."""

from __future__ import annotations

import functools
import os
import socket
from pathlib import Path


def this_process() -> str:
    """How this process names itself as the writer of something."""
    pid = os.getpid()
    start = _own_start(pid)
    return f"{pid}@{socket.gethostname()}" if start is None else f"{pid}.{start}@{socket.gethostname()}"


@functools.cache
def _own_start(pid: int) -> int | None:
    """This process's start, read once (by pid: a forked process reads its own): a session checkpoints every few
    seconds, and a process's start never changes."""
    return process_start(pid)


def process_start(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (field 22 of /proc/PID/stat); None where it cannot be
    read (no /proc, or no such process)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The command name, field 2, is in parentheses and may hold spaces or parentheses itself: count after the last.
    fields = stat.rpartition(")")[2].split()
    try:
        return int(fields[19])  # field 22, counted from field 3 (the state) just after the name
    except (IndexError, ValueError):
        return None


def is_local_process_alive(writer: str | None) -> bool:
    """False when `writer` is a process of this host that no longer exists (or a later one under its pid); True
    when it cannot be known."""
    if not writer:
        return False
    name, _, host = writer.partition("@")
    if host != socket.gethostname():
        return True
    pid_text, _, start_text = name.partition(".")
    try:
        pid = int(pid_text)
        start = int(start_text) if start_text else None
    except ValueError:
        return False
    if not is_running(pid):
        return False
    running_start = process_start(pid)
    return start is None or running_start is None or running_start == start


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
