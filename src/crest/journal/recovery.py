"""Sessions whose process died (SIGKILL, power loss) are marked `interrupted` on the next start of crest.

A session row names its owner as `pid@hostname`. On this host a dead pid settles it; for another host's
session (a shared PostgreSQL journal) only silence can: no checkpoint for `STALE_AFTER_S`.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime

from crest.journal.records import PracticeSession
from crest.journal.store import Journal

# Runners checkpoint every 30 s of session time; a pause stops the session clock, so allow a long pause.
STALE_AFTER_S = 2 * 60 * 60


def current_owner() -> str:
    """The owner string for a session run by this process."""
    return f"{os.getpid()}@{socket.gethostname()}"


def is_local_process_alive(owner: str | None) -> bool:
    """False when `owner` is a process of this host that no longer exists; True when it cannot be known."""
    if not owner:
        return False
    pid_text, _, host = owner.partition("@")
    if host != socket.gethostname():
        return True
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def recover_abandoned_sessions(journal: Journal, now: datetime | None = None) -> list[PracticeSession]:
    """Call at every start of crest; returns the sessions just marked `interrupted`."""
    return journal.mark_abandoned_sessions(is_local_process_alive, STALE_AFTER_S, now)


def describe_recovered(sessions: list[PracticeSession]) -> str | None:
    """One calm line about sessions that stopped unexpectedly, or None when there were none."""
    if not sessions:
        return None
    parts = [
        f"{session.started_at.astimezone():%Y-%m-%d %H:%M} ({session.actual_seconds // 60} min "
        f"{session.actual_seconds % 60} s)"
        for session in sessions
    ]
    noun = "session" if len(sessions) == 1 else "sessions"
    return f"Saved as interrupted: {len(sessions)} {noun} that stopped unexpectedly, {', '.join(parts)}."
