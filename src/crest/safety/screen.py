"""Questions asked before practising, and the advice their answers lead to.

Written in crest's own words from crp-facts.md section 5 (clinical references [CL]). crest informs; it does not
diagnose: a "yes" never names a condition, it says where to go.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from crest.errors import CrestError

ASK_AGAIN_AFTER = timedelta(days=90)


class UnknownAdviceLevel(CrestError):
    """A stored advice level this crest does not know (a typo, or another program's file)."""


class AdviceLevel(IntEnum):
    """Ordered: the most serious answer decides. Stored by its lower-case name."""

    CLEAR = 0
    SIDE_LYING = 1
    SEE_CLINICIAN = 2
    URGENT = 3

    @property
    def stored_name(self) -> str:
        return self.name.lower()

    @classmethod
    def named(cls, stored_name: str) -> "AdviceLevel":
        for level in cls:
            if level.stored_name == stored_name:
                return level
        choices = ", ".join(level.stored_name for level in cls)
        raise UnknownAdviceLevel(f"unknown safety advice level '{stored_name[:40]}'; expected one of {choices}")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    level: AdviceLevel
    source: str


RED_FLAG_SOURCE = "NHS back-pain red flags; NICE NG59 (2016)"

QUESTIONS: tuple[Question, ...] = (
    Question(
        "bladder_bowel_saddle",
        "Since your back pain started, have you had new trouble passing urine or controlling your bladder or "
        "bowels, numbness around your genitals, buttocks or inner thighs, less feeling when your rectum is full, "
        "or a new change in sexual function?",
        AdviceLevel.URGENT,
        "British Association of Spine Surgeons cauda equina guidance (2018); " + RED_FLAG_SOURCE,
    ),
    Question(
        "both_legs",
        "Do you have pain in both legs, or weakness in both legs that is severe or getting worse?",
        AdviceLevel.URGENT,
        "British Association of Spine Surgeons cauda equina guidance (2018); " + RED_FLAG_SOURCE,
    ),
    Question(
        "sudden_severe_pain",
        "Have you had sudden, severe pain in your belly or lower back together with dizziness, clammy skin, "
        "a racing heart, breathlessness or fainting?",
        AdviceLevel.URGENT,
        "NHS guidance on abdominal aortic aneurysm",
    ),
    Question(
        "pulsing_belly",
        "Can you feel a pulsing sensation in your belly?",
        AdviceLevel.SEE_CLINICIAN,
        "NHS guidance on abdominal aortic aneurysm",
    ),
    Question(
        "new_loss_of_feeling_or_strength",
        "Have you noticed any new loss of feeling or strength, anywhere in your body?",
        AdviceLevel.SEE_CLINICIAN,
        RED_FLAG_SOURCE,
    ),
    Question(
        "cancer_signs",
        "Does any of these apply: your back pain is new and you are under 20 or over 50; you have had cancer; "
        "you have lost weight without trying; pain at night that changing position does not ease; or no "
        "improvement at all after a month?",
        AdviceLevel.SEE_CLINICIAN,
        RED_FLAG_SOURCE,
    ),
    Question(
        "infection_signs",
        "Do you have a fever or chills, a weakened immune system, a recent bacterial infection, or do you "
        "inject drugs?",
        AdviceLevel.SEE_CLINICIAN,
        RED_FLAG_SOURCE,
    ),
    Question(
        "fracture_signs",
        "Have you had a serious fall or accident, or a minor one while having osteoporosis or taking steroids "
        "for a long time?",
        AdviceLevel.SEE_CLINICIAN,
        RED_FLAG_SOURCE,
    ),
    Question(
        "recent_surgery",
        "Have you recently had surgery on your spine, hips, belly or blood vessels?",
        AdviceLevel.SEE_CLINICIAN,
        "Clinical references [CL] in crest's fact sheet: ask your surgeon before starting",
    ),
    Question(
        "pregnant_16_weeks",
        "Are you pregnant, at about 16 weeks or later?",
        AdviceLevel.SIDE_LYING,
        "NHS pregnancy guidance on lying on your back",
    ),
)

QUESTION_IDS = frozenset(question.id for question in QUESTIONS)

ADVICE: Mapping[AdviceLevel, str] = {
    AdviceLevel.CLEAR: "Thank you. Nothing here stands in the way of resting. Stop if the position brings on "
    "or worsens your symptoms.",
    AdviceLevel.SIDE_LYING: "Lying flat on your back for long is not advised from about 16 weeks of pregnancy: "
    "the womb can press on a large vein and make you feel faint, sometimes after only a few minutes. Rest on "
    "your side instead, with a pillow between your knees, and ask your midwife or doctor what suits you.",
    AdviceLevel.SEE_CLINICIAN: "Please see a clinician (your doctor or physiotherapist, or your surgeon after an "
    "operation) before continuing. crest will not start a session until then.",
    AdviceLevel.URGENT: "Please seek urgent medical care now: call your emergency number or go to an emergency "
    "department. These signs need to be checked straight away.",
}


class IncompleteScreen(CrestError):
    """Some questions were not answered, or unknown ones were given."""


@dataclass(frozen=True)
class Assessment:
    level: AdviceLevel
    advice: str
    reasons: tuple[Question, ...]

    @property
    def may_practise(self) -> bool:
        return self.level is AdviceLevel.CLEAR


def assess(answers: Mapping[str, bool]) -> Assessment:
    """The advice for a complete set of answers (True = "yes")."""
    unknown = set(answers) - QUESTION_IDS
    if unknown:
        raise IncompleteScreen(f"unknown safety question: {', '.join(sorted(unknown))}")
    missing = [question.id for question in QUESTIONS if question.id not in answers]
    if missing:
        raise IncompleteScreen(f"please answer every safety question; missing: {', '.join(missing)}")
    reasons = tuple(question for question in QUESTIONS if answers[question.id])
    level = max((question.level for question in reasons), default=AdviceLevel.CLEAR)
    return Assessment(level, ADVICE[level], reasons)


def level_of(answers: Mapping[str, bool], stored_name: str) -> AdviceLevel | None:
    """The level a stored screen stands for: the more serious of what was stored and what its answers say.

    Recomputed, so that a hand-edited or mistyped level can never hide a "yes" to a warning sign. None when the
    stored name is unreadable and no answer raises a concern: the questions are then simply asked again.
    """
    derived = max((question.level for question in QUESTIONS if answers.get(question.id)), default=AdviceLevel.CLEAR)
    try:
        stored = AdviceLevel.named(stored_name)
    except UnknownAdviceLevel:
        return derived if derived is not AdviceLevel.CLEAR else None
    return max(stored, derived)


def screen_due(last_answered_at: datetime | None, last_level: AdviceLevel | None, now: datetime) -> bool:
    """Ask before the first session, again after 90 days, and again whenever the last answers raised a concern."""
    if last_answered_at is None or last_level is None:
        return True
    return last_level is not AdviceLevel.CLEAR or now - last_answered_at >= ASK_AGAIN_AFTER
