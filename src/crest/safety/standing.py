"""Where a person stands after their safety answers: which answers hold, what they advise, what lifts them.

Pure: the answers, the clinicians' all-clears and `now` go in; one `SafetyStanding` comes out. A concern is lifted
in two ways only: a clinician's all-clear (for "see a clinician first", never for urgent care), or a fresh set of
answers given after the advice's own waiting time (`ANSWER_AGAIN_AFTER`). Answers given sooner are kept in the
journal, but the earlier "yes" still holds.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from crest.journal.records import SafetyClearance, SafetyScreen
from crest.protocol.model import SIDE_LYING_VARIANT
from crest.safety.screen import (
    ADVICE,
    ANSWER_AGAIN_AFTER,
    ASK_AGAIN_AFTER,
    CLEARANCE_VALID_FOR,
    KNOWN_QUESTIONS,
    AdviceLevel,
    Question,
    level_of,
    may_clear,
    yes_answers,
)

LONGEST_WAIT = max(ANSWER_AGAIN_AFTER.values())


@dataclass(frozen=True)
class Reason:
    """One "yes" behind the advice: the question (with its source), when it was said, and any all-clear for it."""

    question: Question
    answered_at: datetime
    cleared_by: SafetyClearance | None = None

    @property
    def stands(self) -> bool:
        return self.cleared_by is None


@dataclass(frozen=True)
class SafetyStanding:
    latest: SafetyScreen | None
    level: AdviceLevel | None  # None: never answered, or answered in a form this crest cannot read
    reasons: tuple[Reason, ...] = ()  # every "yes" that holds, cleared ones included (marked)
    due: bool = True  # the questions should be asked (again) before the next session
    answer_again_from: datetime | None = None  # while a concern stands: when fresh answers may lift it

    @property
    def concern_stands(self) -> bool:
        """No session at all: see a clinician, or urgent care."""
        return self.level is not None and self.level >= AdviceLevel.SEE_CLINICIAN

    @property
    def side_lying_only(self) -> bool:
        return self.level is AdviceLevel.SIDE_LYING

    def may_practise(self, variant: str) -> bool:
        if self.level is AdviceLevel.CLEAR:
            return True
        return self.side_lying_only and variant == SIDE_LYING_VARIANT

    @property
    def advice(self) -> str | None:
        return None if self.level is None else ADVICE[self.level]

    @property
    def standing_reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.stands)

    @property
    def cleared_reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if not reason.stands)

    @property
    def clearable(self) -> tuple[Reason, ...]:
        """The standing answers a clinician's all-clear would lift; none while an urgent-care sign stands."""
        if self.level is AdviceLevel.URGENT:
            return ()
        return tuple(reason for reason in self.standing_reasons if may_clear(reason.question))

    def explanation(self) -> str:
        """The advice with the answers that led to it and their sources, in one line."""
        because = "; ".join(
            f"{reason.question.text} (source: {reason.question.source})" for reason in self.standing_reasons
        )
        return f"{self.advice} You answered yes to: {because}" if because else (self.advice or "")


def _valid(clearances: Iterable[SafetyClearance], now: datetime) -> list[SafetyClearance]:
    """The all-clears still in force, the newest first."""
    valid = [c for c in clearances if now.date() < c.cleared_on + CLEARANCE_VALID_FOR]
    return sorted(valid, key=lambda clearance: (clearance.cleared_on, clearance.recorded_at), reverse=True)


def safety_standing(
    screens: Sequence[SafetyScreen], clearances: Sequence[SafetyClearance], now: datetime
) -> SafetyStanding:
    """The standing from the recent answers (at least the latest, and all within `LONGEST_WAIT`) and all-clears."""
    if not screens:
        return SafetyStanding(None, None)
    ordered = sorted(screens, key=lambda screen: (screen.answered_at, screen.id or 0))
    latest = ordered[-1]
    valid = _valid(clearances, now)
    cleared = frozenset(
        question_id
        for clearance in valid
        for question_id in clearance.question_ids
        if question_id in KNOWN_QUESTIONS and may_clear(KNOWN_QUESTIONS[question_id])
    )

    def own_level(screen: SafetyScreen) -> AdviceLevel | None:
        return level_of(screen.answers, screen.advice_level, cleared)

    def holds(screen: SafetyScreen) -> bool:
        level = own_level(screen)
        return level is not None and level >= AdviceLevel.SEE_CLINICIAN and now < held_until(screen, level)

    considered = [screen for screen in ordered[:-1] if holds(screen)] + [latest]
    found: dict[str, Reason] = {}
    for screen in considered:  # oldest first: a newer "yes" to the same question replaces an older one
        for question in yes_answers(screen.answers):
            covering = (c for c in valid if question.id in c.question_ids) if question.id in cleared else iter(())
            found[question.id] = Reason(question, screen.answered_at, next(covering, None))
    order = list(KNOWN_QUESTIONS)
    reasons = tuple(sorted(found.values(), key=lambda reason: order.index(reason.question.id)))
    levels = [(screen, own_level(screen)) for screen in considered]
    level = max((level for _, level in levels if level is not None), default=None)
    if level is None:
        return SafetyStanding(latest, None, reasons)
    if level >= AdviceLevel.SEE_CLINICIAN:
        again = max(
            held_until(screen, own) for screen, own in levels if own is not None and own >= AdviceLevel.SEE_CLINICIAN
        )
        return SafetyStanding(latest, level, reasons, due=now >= again, answer_again_from=again)
    return SafetyStanding(latest, level, reasons, due=now - latest.answered_at >= ASK_AGAIN_AFTER)


def held_until(screen: SafetyScreen, level: AdviceLevel) -> datetime:
    return screen.answered_at + ANSWER_AGAIN_AFTER[level]
