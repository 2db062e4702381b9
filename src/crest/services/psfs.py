"""The Patient-Specific Functional Scale as use cases: record a round, read them back, and whether to ask again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.insights.psfs import ActiveActivity, PsfsChange, active_activities, psfs_change, psfs_due
from crest.journal.plausibility import check_moment
from crest.journal.records import PsfsActivity, PsfsAssessment

if TYPE_CHECKING:
    from crest.journal.store import Journal


class DailyActivities:
    """PSFS rounds: up to five activities the person names, each rated 0 (unable) to 10 (as before)."""

    def __init__(self, journal: Journal, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    def record(self, activities: Sequence[PsfsActivity], at: datetime | None = None) -> PsfsAssessment:
        """A round rated now or at `at`, which must have passed and be after 2000, as `crest import` requires: a
        journal must always come back from its own export."""
        now = self._clock()
        when = now if at is None else check_moment(at, now, "at", "the PSFS time")
        assessment = PsfsAssessment(at=when, activities=tuple(activities))
        return self._journal.get_psfs(self._journal.add_psfs(assessment))

    def rounds(self) -> list[PsfsAssessment]:
        """Oldest first."""
        return self._journal.list_psfs()

    def get(self, assessment_id: int) -> PsfsAssessment:
        return self._journal.get_psfs(assessment_id)

    def delete(self, assessment_id: int) -> None:
        self._journal.delete_psfs(assessment_id)

    def latest(self) -> PsfsAssessment | None:
        rounds = self.rounds()
        return rounds[-1] if rounds else None

    def active(self) -> tuple[ActiveActivity, ...]:
        """The activities to offer for the next round: every one still followed, with its last score."""
        return active_activities(self.rounds())

    def due(self) -> bool:
        """Every 14 days the activities are rated again (a gentle prompt, never a block)."""
        return psfs_due(self.latest(), self._clock())

    def change(self) -> PsfsChange:
        return psfs_change(self.rounds())
