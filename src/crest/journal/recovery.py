"""Sessions whose process died (SIGKILL, power loss) are marked `interrupted` on the next start of crest.

A session row names its writer, the process checkpointing it, as `pid.start@hostname` (`crest.processes`). On this
host a dead pid settles it, or one that now runs another program (a reboot reuses pids), told apart by its start;
for another host's session (a shared PostgreSQL journal) only silence can: no checkpoint for `STALE_AFTER_S`.

A session the web server writes for a browser page outlives a reload, so that the page can resume it; the page
checkpoints even while paused, so a closed tab shows as a short silence (`recover_silent_pages`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from crest.journal.records import PracticeSession
from crest.processes import is_local_process_alive

if TYPE_CHECKING:
    from crest.journal.store import Journal

# Runners checkpoint every 30 s of session time; a pause stops the session clock, so allow a long pause.
STALE_AFTER_S = 2 * 60 * 60


def recover_abandoned_sessions(journal: Journal, now: datetime | None = None) -> list[PracticeSession]:
    """Call at every start of crest; returns the sessions just marked `interrupted`."""
    return journal.mark_abandoned_sessions(is_local_process_alive, STALE_AFTER_S, now)


def recover_silent_pages(journal: Journal, writer: str, silent_after_s: float, now: datetime) -> list[PracticeSession]:
    """Mark `writer`'s running sessions with no checkpoint for `silent_after_s` as interrupted: their page is gone.

    Should the page come back after all, its next checkpoint makes the session running again.
    """
    return journal.mark_abandoned_sessions(lambda _writer: True, silent_after_s, now, writer=writer)


def interrupt_running_rests(journal: Journal, now: datetime) -> list[PracticeSession]:
    """Mark every running session interrupted at once, at its last checkpoint: a warning sign just saved stops every
    rest, so one whose page was left (navigated away) can never be resumed and should not read "In progress" until
    the sweep finds its page silent. A page still timing its rest meets the sign at its next checkpoint."""
    return journal.mark_abandoned_sessions(lambda _writer: False, STALE_AFTER_S, now)
