"""The safety screen as a use case: where the person stands, recording answers, and whether a session may start.

Both doors ask this one service, so the terminal and the browser can never disagree about whether a warning
sign stands. A concern that stands is never lifted by skipping the questions (`--yes`, the API).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.errors import CrestError
from crest.journal.records import SafetyScreen
from crest.safety.screen import (
    ADVICE,
    QUESTIONS,
    AdviceLevel,
    Question,
    assess,
    level_of,
    screen_due,
)

if TYPE_CHECKING:
    from crest.journal.store import Journal


class SafetyConcernStands(CrestError):
    """A session may not start: the last safety answers advise against it."""

    exit_code = 1
    http_status = 409


@dataclass(frozen=True)
class SafetyStanding:
    """What the person's last answers mean now."""

    latest: SafetyScreen | None
    level: AdviceLevel | None  # None: never answered, or answered in a form this crest cannot read
    due: bool  # the questions should be asked (again) before the next session

    @property
    def concern_stands(self) -> bool:
        return self.level is not None and self.level is not AdviceLevel.CLEAR

    @property
    def advice(self) -> str | None:
        return None if self.level is None else ADVICE[self.level]

    @property
    def reasons(self) -> tuple[Question, ...]:
        """The questions answered "yes": what the advice is about."""
        if self.latest is None:
            return ()
        return tuple(question for question in QUESTIONS if self.latest.answers.get(question.id))

    def explanation(self) -> str:
        """The advice with the answers that led to it and their sources, in one line."""
        because = "; ".join(f"{reason.text} (source: {reason.source})" for reason in self.reasons)
        return f"{self.advice} You answered yes to: {because}" if because else (self.advice or "")


class Safety:
    def __init__(self, journal: Journal, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    @staticmethod
    def questions() -> tuple[Question, ...]:
        return QUESTIONS

    def standing(self) -> SafetyStanding:
        latest = self._journal.latest_safety_screen()
        if latest is None:
            return SafetyStanding(None, None, due=True)
        level = level_of(latest.answers, latest.advice_level)
        return SafetyStanding(latest, level, due=screen_due(latest.answered_at, level, self._clock()))

    def record(self, answers: Mapping[str, bool]) -> SafetyStanding:
        assessment = assess(answers)
        screen = SafetyScreen(answered_at=self._clock(), answers=answers, advice_level=assessment.level.stored_name)
        self._journal.record_safety_screen(screen)
        return self.standing()

    def require_no_concern(self) -> SafetyStanding:
        """The gate before a session starts: refuses while a concern stands, whatever else was confirmed."""
        standing = self.standing()
        if standing.concern_stands:
            raise SafetyConcernStands(f"no session was started: {standing.explanation()}")
        return standing
