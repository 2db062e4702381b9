"""Where the person stands with the safety questions: the latest answers, their advice, and whether to ask again."""

from dataclasses import dataclass
from datetime import datetime

from crest.journal.records import SafetyScreen
from crest.journal.store import Journal
from crest.safety.screen import ADVICE, AdviceLevel, assess, screen_due


@dataclass(frozen=True)
class SafetyState:
    latest: SafetyScreen | None
    level: AdviceLevel | None
    due: bool

    @property
    def advice(self) -> str | None:
        return None if self.level is None else ADVICE[self.level]

    @property
    def blocks(self) -> bool:
        """Answers that mean: do not start a session now."""
        return self.level is not None and self.level is not AdviceLevel.CLEAR


def level_name(level: AdviceLevel) -> str:
    return level.name.lower()


def _level_of(screen: SafetyScreen) -> AdviceLevel | None:
    try:
        return AdviceLevel[screen.advice_level.upper()]
    except KeyError:
        return None  # written by another version: ask again


def safety_state(journal: Journal, now: datetime) -> SafetyState:
    latest = journal.latest_safety_screen()
    if latest is None:
        return SafetyState(None, None, due=True)
    level = _level_of(latest)
    return SafetyState(latest, level, screen_due(latest.answered_at, level, now))


def record_answers(journal: Journal, answers: dict[str, bool], now: datetime) -> SafetyState:
    assessment = assess(answers)
    screen = SafetyScreen(answered_at=now, answers=answers, advice_level=level_name(assessment.level))
    journal.record_safety_screen(screen)
    return SafetyState(screen, assessment.level, screen_due(now, assessment.level, now))
