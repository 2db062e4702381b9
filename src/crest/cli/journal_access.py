"""Open the journal for a command, first marking sessions whose process died as interrupted."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crest.journal.store import Journal


@contextmanager
def open_journal() -> Iterator["Journal"]:
    import sys

    from crest.journal.recovery import describe_recovered, recover_abandoned_sessions
    from crest.journal.store import Journal

    journal = Journal.open()
    try:
        notice = describe_recovered(recover_abandoned_sessions(journal))
        if notice:
            print(notice, file=sys.stderr)
        yield journal
    finally:
        journal.close()
