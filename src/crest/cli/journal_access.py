"""The terminal door's composition root: the one place it opens the journal and builds the services."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from crest.cli.consoles import error_console
from crest.clock import system_now, system_zone
from crest.config import crest_home
from crest.durations import rested_text
from crest.journal.engine import JournalReadOnly
from crest.journal.records import PracticeSession
from crest.journal.store import Journal
from crest.services.bundle import Services

if TYPE_CHECKING:
    from crest.services.accounts import Accounts


@contextmanager
def open_services() -> Iterator[Services]:
    """Open the journal for a command, first marking sessions whose process died as interrupted."""
    journal = Journal.open(clock=system_now)
    try:
        if journal.updated_for_this_version:  # once, at the first start after an update
            error_console().print(updated_for_this_version(journal.where), markup=False, soft_wrap=True)
        services = Services.over(journal, system_now, system_zone(), link_home=crest_home())
        try:
            notice = describe_recovered(services.practice.recover_abandoned())
        except JournalReadOnly:  # shown and exported as it was copied; what would change it says why it cannot
            notice = None
        if notice:
            error_console().print(notice, markup=False)
        yield services
        # After the command's own output: what its reads left out, so that a row edited by hand is named, not
        # fatal (one line: a long one is not wrapped).
        left_out = services.left_out()
        if left_out:
            error_console().print(left_out, markup=False, soft_wrap=True)
    finally:
        journal.close()


@contextmanager
def open_practice_accounts() -> Iterator["Accounts"]:
    """The accounts of the practice database (`CREST_DATABASE_URL`), for `crest practice init`."""
    # The practice's accounts (password hashing, two-step sign-in) only here: every other command opens the journal.
    from crest.accounts.passwords import Passwords
    from crest.journal.practice_store import PracticeStore
    from crest.services.accounts import Accounts
    from crest.services.audit import AuditLog

    journal = Journal.open(clock=system_now)
    try:
        store = PracticeStore(journal)
        yield Accounts(store, Passwords(), system_now, AuditLog(store, system_now))
    finally:
        journal.close()


def updated_for_this_version(where: str) -> str:
    """A crest from before the update still open cannot save to the journal any more: the one moment to say so."""
    return (
        f"crest updated the journal at {where} for this version; close any crest from before the update that is "
        "still open (crest serve, another terminal): it can no longer save to it."
    )


def describe_recovered(sessions: list[PracticeSession]) -> str | None:
    """One calm line about sessions that stopped unexpectedly, or None when there were none."""
    if not sessions:
        return None
    parts = [
        f"{session.started_at.astimezone():%Y-%m-%d %H:%M} ({rested_text(session.actual_seconds)})"
        for session in sessions
    ]
    noun = "session" if len(sessions) == 1 else "sessions"
    return f"Saved as interrupted: {len(sessions)} {noun} that stopped unexpectedly, {', '.join(parts)}."
