"""Check-ins as use cases: how the body feels before or after a session, or on its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.journal.plausibility import check_new_check_in
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import CheckInTiming

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
        """Save a check-in that could have happened (`plausibility.check_new_check_in`)."""
        check_new_check_in(check_in, self._clock())
        return self._journal.get_checkin(self._journal.add_checkin(check_in))

    def replace(self, check_in_id: int, check_in: CheckIn) -> CheckIn:
        check_new_check_in(check_in, self._clock())
        self._journal.update_checkin(replace(check_in, id=check_in_id))
        return self._journal.get_checkin(check_in_id)

    def delete(self, check_in_id: int) -> None:
        self._journal.delete_checkin(check_in_id)

    def get(self, check_in_id: int) -> CheckIn:
        return self._journal.get_checkin(check_in_id)

    def rated_before(self, session_id: int) -> tuple[PainRating, ...]:
        """The places rated in the check-in just before this session (none when there was none)."""
        before = [c for c in self._journal.list_checkins(session_id=session_id) if c.timing is CheckInTiming.BEFORE]
        return before[-1].pain if before else ()

    def list_check_ins(self, since: datetime | None = None, session_id: int | None = None) -> list[CheckIn]:
        """Oldest first."""
        return self._journal.list_checkins(since=since, session_id=session_id)
