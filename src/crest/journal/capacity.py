"""How many records of each kind one journal holds at most: far more than a person makes in a lifetime of practice,
far fewer than a file made to fill a shared server (a 1.3 MB zip unpacked to 300,000 sessions, and a practice
server spent minutes and hundreds of MB storing them, then its practitioner's views of that client crawled).

Every door that brings records in (`crest import`, Settings > Restore, a practice server's `crest sync`) counts
them before it builds them, and a merge or a sync counts the journal it would leave.
"""

from __future__ import annotations

from dataclasses import dataclass

from crest.errors import CrestError
from crest.journal.records import MAX_PSFS_ACTIVITIES
from crest.safety.screen import KNOWN_QUESTIONS


@dataclass  # not frozen: a test lowers a cap in place, and every door reads that one object
class RecordCap:
    plural: str  # as the messages name them: "sessions", "check-ins"
    most: int

    def check(self, holds: str, count: int) -> None:
        """Refuse `count` records over the cap; `holds` says where they are ("big.zip holds", "the journal would
        hold")."""
        if count > self.most:
            raise TooManyRecords(f"{holds} {count:,} {self.plural}; {self._takes}")

    def more_than(self, holds: str) -> TooManyRecords:
        """The refusal of more records than the cap, for a file refused before the rest of it is counted."""
        return TooManyRecords(f"{holds} more than {self.most:,} {self.plural}; {self._takes}")

    @property
    def _takes(self) -> str:
        return f"crest takes at most {self.most:,} in one journal"


class TooManyRecords(CrestError):
    """More records of one kind than one journal takes; nothing is stored."""


SESSIONS = RecordCap("sessions", 50_000)  # four a day, every day, for 34 years
CHECK_INS = RecordCap("check-ins", 100_000)  # one before and one after each of those sessions
PAIN_RATINGS = RecordCap("pain ratings", 300_000)  # three places rated in each of those check-ins
SAFETY_SCREENS = RecordCap("sets of safety answers", 50_000)  # one with every session
# A set holds one answer per question crest asks or once asked, so this follows from the sets.
SAFETY_ANSWERS = RecordCap("safety answers", SAFETY_SCREENS.most * len(KNOWN_QUESTIONS))
CLEARANCES = RecordCap("clinicians' all-clears", 1_000)  # a clinician's all-clear is a visit, a few a year
SETTINGS = RecordCap("settings", 1_000)  # crest has a few dozen
PSFS_ROUNDS = RecordCap("PSFS rounds", 20_000)  # one a day for 50 years; a clinician asks weekly at most
PSFS_ACTIVITIES = RecordCap("PSFS activities", PSFS_ROUNDS.most * MAX_PSFS_ACTIVITIES)  # five at most in a round
# A linked crest's copies of its practitioners' notes: a few on each session, at most
SESSION_NOTES = RecordCap("notes on sessions", SESSIONS.most * 3)
