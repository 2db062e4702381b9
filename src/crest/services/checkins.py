"""Check-ins as use cases: how the body feels before or after a session, or on its own; and the calm answer
to a check-in that says a session made things worse or names a warning sign."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.journal.records import CheckIn
from crest.journal.vocabulary import CheckInTiming
from crest.safety.worse_check_in import WarningLevel, WarningSign, WorseAdvice, after_check_in_advice

if TYPE_CHECKING:
    from crest.journal.store import Journal


class CheckIns:
    def __init__(self, journal: Journal, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    def now(self) -> datetime:
        """The time a new check-in gets when the person does not give one."""
        return self._clock()

    def add(self, check_in: CheckIn) -> CheckIn:
        return self._journal.get_checkin(self._journal.add_checkin(check_in))

    def replace(self, check_in_id: int, check_in: CheckIn) -> CheckIn:
        self._journal.update_checkin(replace(check_in, id=check_in_id))
        return self._journal.get_checkin(check_in_id)

    def delete(self, check_in_id: int) -> None:
        self._journal.delete_checkin(check_in_id)

    def get(self, check_in_id: int) -> CheckIn:
        return self._journal.get_checkin(check_in_id)

    def list_check_ins(self, since: datetime | None = None, session_id: int | None = None) -> list[CheckIn]:
        """Oldest first."""
        return self._journal.list_checkins(since=since, session_id=session_id)

    def advice_for(self, check_in: CheckIn) -> WorseAdvice | None:
        """The answer to this check-in: clearly worse than before the session, or a warning sign; else None."""
        before = None
        variant = None
        if check_in.session_id is not None and check_in.timing is CheckInTiming.AFTER:
            same_session = self._journal.list_checkins(session_id=check_in.session_id)
            before = next((other for other in same_session if other.timing is CheckInTiming.BEFORE), None)
            variant = self._journal.get_session(check_in.session_id).variant
        warning = words_warning(check_in.note) if check_in.note else None
        return after_check_in_advice(check_in, before, warning, variant)

    def latest_advice(self) -> WorseAdvice | None:
        """The answer to the latest check-in: Today shows it until the next check-in."""
        latest = self._journal.latest_checkin()
        return None if latest is None else self.advice_for(latest)


@lru_cache(maxsize=256)
def words_warning(note: str) -> WarningSign | None:
    """The warning sign the help system's red-flag rules find in a person's words, if any."""
    from crest.services.help import ask  # the help search is built on first use: only when there is a note

    urgent = ask(note).urgent
    if urgent is None:
        return None
    return WarningSign(WarningLevel(urgent.level), urgent.title, urgent.text, tuple(urgent.sources))
