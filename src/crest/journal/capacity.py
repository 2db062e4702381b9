"""How many records of each kind one journal holds at most: far more than a person makes in a lifetime of practice,
far fewer than a file made to fill a shared server (a 1.3 MB zip unpacked to 300,000 sessions, and a practice
server spent minutes and hundreds of MB storing them, then its practitioner's views of that client crawled).

Every door that brings records in (`crest import`, Settings > Restore, a practice server's `crest sync`) counts
them before it builds them, and a merge or a sync counts the journal it would leave. The lists inside one record
are capped too, at what their domain holds: a JSON import counts them as it reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from crest.errors import CrestError
from crest.journal.breath_record import MAX_MOVEMENTS, MAX_WINDOWS
from crest.journal.records import MAX_PSFS_ACTIVITIES, MAX_SIGN_RULES
from crest.journal.vocabulary import Sensation
from crest.safety.screen import KNOWN_QUESTIONS, may_clear
from crest.safety.worse_check_in import HELP_WARNING_QUESTIONS


@dataclass  # not frozen: a test lowers a cap in place, and every door reads that one object
class RecordCap:
    plural: str  # as the messages name them: "sessions", "check-ins"
    most: int
    # Why no more are taken, {most} filled in: a journal's cap, or what the domain holds for a list in one record.
    limit: str = "crest takes at most {most:,} in one journal"

    def check(self, holds: str, count: int) -> None:
        """Refuse `count` records over the cap; `holds` says where they are ("big.zip holds", "the journal would
        hold")."""
        if count > self.most:
            raise TooManyRecords(self._refusal(holds, f"{count:,}"))

    def more_than(self, holds: str) -> TooManyRecords:
        """The refusal of more records than the cap, for a file refused before the rest of it is counted."""
        return TooManyRecords(self._refusal(holds, f"more than {self.most:,}"))

    def _refusal(self, holds: str, counted: str) -> str:
        return f"{holds} {counted} {self.plural}; {self.limit.format(most=self.most)}"


class TooManyRecords(CrestError):
    """More records of one kind than one journal takes; nothing is stored."""


SESSIONS = RecordCap("sessions", 50_000)  # four a day, every day, for 34 years
CHECK_INS = RecordCap("check-ins", 100_000)  # one before and one after each of those sessions
PAIN_RATINGS = RecordCap("pain ratings", 300_000)  # three places rated in each of those check-ins
SAFETY_SCREENS = RecordCap("sets of safety answers", 50_000)  # one with every session
# A set holds one answer per question crest asks or once asked (safety.screen.KNOWN_QUESTIONS).
SCREEN_ANSWERS = RecordCap("answers", len(KNOWN_QUESTIONS), "crest asks or once asked {most:,} questions")
SAFETY_ANSWERS = RecordCap("safety answers", SAFETY_SCREENS.most * SCREEN_ANSWERS.most)  # so this follows
CLEARANCES = RecordCap("clinicians' all-clears", 1_000)  # a clinician's all-clear is a visit, a few a year
# An all-clear names the answers it lifts: those that send a person to a clinician (safety.screen.may_clear).
CLEARED_QUESTIONS = RecordCap(
    "questions",
    sum(may_clear(question) for question in KNOWN_QUESTIONS.values()),
    "crest asks {most:,} that an all-clear may lift",
)
# Kept urgent-care warnings: one per sign and check-in, each forgotten once its hold (weeks) has ended.
SAFETY_WARNINGS = RecordCap("kept warning signs", 1_000)
SETTINGS = RecordCap("settings", 1_000)  # crest has a few dozen
# The PSFS in the person's words, as the Daily activities page and a restore's counts name it
PSFS_ROUNDS = RecordCap("ratings of daily activities", 20_000)  # one a day for 50 years; a clinician asks weekly
PSFS_ACTIVITIES = RecordCap("rated daily activities", PSFS_ROUNDS.most * MAX_PSFS_ACTIVITIES)  # five in a rating
# A linked crest's copies of its practitioners' notes: a few on each session, at most
SESSION_NOTES = RecordCap("notes on sessions", SESSIONS.most * 3)
# A check-in ticks each sensation crest knows (journal.vocabulary.Sensation) at most once.
SENSATIONS = RecordCap("sensations", len(Sensation), "crest knows {most:,}")
# A check-in's note names each warning sign crest knows (safety.worse_check_in.HELP_WARNING_QUESTIONS) at most once.
NOTE_SIGNS = RecordCap("warning signs", len(HELP_WARNING_QUESTIONS), "crest knows {most:,}")
# ... and which sign of each fired, by its rule's name: a few more than crest's rules, for a newer crest's.
NOTE_SIGN_RULES = RecordCap("warning signs' rules", MAX_SIGN_RULES, "a check-in names at most {most:,}")
# A breath reading's windows and movements: as many as a rest of a day has (journal.breath_record).
BREATH_WINDOWS = RecordCap("windows", MAX_WINDOWS, "a rest has at most {most:,}")
BREATH_MOVEMENTS = RecordCap("movements", MAX_MOVEMENTS, "a rest has at most {most:,}")
