"""Questions asked before practising, and the advice their answers lead to.

Written in crest's own words from crp-facts.md section 5 (clinical references [CL]). crest informs; it does not
diagnose: a "yes" never names a condition, it says where to go.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum

from crest.errors import CrestError
from crest.input_problems import quoted

ASK_AGAIN_AFTER = timedelta(days=90)  # the questions come back after this long, even when nothing stood
CLEARANCE_VALID_FOR = timedelta(days=90)  # a clinician's all-clear covers the same span as one set of answers


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

    @property
    def advice(self) -> str:
        """What a warning sign at this level asks, in crp-facts.md's words (for a clinician's reading)."""
        return {
            AdviceLevel.URGENT: "seek urgent care",
            AdviceLevel.SEE_CLINICIAN: "see a clinician",
            AdviceLevel.SIDE_LYING: "rest on your side",
            AdviceLevel.CLEAR: "no warning sign",
        }[self]

    @classmethod
    def named(cls, stored_name: str) -> "AdviceLevel":
        for level in cls:
            if level.stored_name == stored_name:
                return level
        choices = ", ".join(level.stored_name for level in cls)
        raise UnknownAdviceLevel(f"unknown safety advice level {quoted(stored_name)}; expected one of {choices}")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    level: AdviceLevel
    source: str


RED_FLAG_SOURCE = "NHS back-pain red flags; NICE NG59 (2016)"
# A warning sign one is unsure of is checked, not guessed: every door says so, none takes "not sure" for a "no".
NOT_SURE = (
    "Not sure? Answer yes: crest then says whom to see, and a clinician can check it with you. Answer no only "
    "when it does not apply to you."
)

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
        "Do you have pain, numbness or tingling in both legs, or weakness in both legs that is severe or getting "
        "worse?",
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
    # crp-facts.md section 5 lists five signs of possible cancer; each is its own question, so that a person who
    # has one (pain that has not improved in a month, say) can answer it truthfully and have a clinician clear it.
    Question(
        "new_pain_under_20_or_over_50",
        "Did your back pain start recently, and are you under 20 or over 50?",
        AdviceLevel.SEE_CLINICIAN,
        RED_FLAG_SOURCE,
    ),
    Question("cancer_history", "Have you ever had cancer?", AdviceLevel.SEE_CLINICIAN, RED_FLAG_SOURCE),
    Question(
        "weight_loss", "Have you lost weight recently without trying to?", AdviceLevel.SEE_CLINICIAN, RED_FLAG_SOURCE
    ),
    Question(
        "night_pain",
        "Do you have back pain at night that does not ease when you change position?",
        AdviceLevel.SEE_CLINICIAN,
        RED_FLAG_SOURCE,
    ),
    Question(
        "no_improvement_after_a_month",
        "Has your back pain shown no improvement at all for a month or more?",
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

# Questions no longer asked, kept so that answers given to them stay readable (history, import) at their level.
RETIRED_QUESTIONS: tuple[Question, ...] = (
    Question(
        "cancer_signs",
        "Does any of these apply: your back pain is new and you are under 20 or over 50; you have had cancer; "
        "you have lost weight without trying; pain at night that changing position does not ease; or no "
        "improvement at all after a month?",
        AdviceLevel.SEE_CLINICIAN,
        RED_FLAG_SOURCE,
    ),
)
KNOWN_QUESTIONS: Mapping[str, Question] = {question.id: question for question in QUESTIONS + RETIRED_QUESTIONS}

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


# How long answers that raised a concern hold before a fresh set of answers can lift it, so that answering "no" ten
# times in a row never unlocks a session. Pregnancy: no wait, since its advice still lets the person rest (on their
# side) and there is nothing to walk around; a slip of the finger is corrected at once. See a clinician: a week,
# about the time it takes to get an appointment (a fever or a fall has settled or been seen by then); the clinician's
# all-clear lifts it sooner. Urgent care: two weeks, and no all-clear lifts it: these signs need assessment in hospital
# and its first follow-up before anything else, and a quick "no" must never stand in for that.
ANSWER_AGAIN_AFTER: Mapping[AdviceLevel, timedelta] = {
    AdviceLevel.CLEAR: timedelta(0),
    AdviceLevel.SIDE_LYING: timedelta(0),
    AdviceLevel.SEE_CLINICIAN: timedelta(days=7),
    AdviceLevel.URGENT: timedelta(days=14),
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

    def explanation(self) -> str:
        """The advice and the answers that led to it with their sources, in one line."""
        because = "; ".join(f"{question.text} (source: {question.source})" for question in self.reasons)
        return f"{self.advice} You answered yes to: {because}" if because else self.advice


def assess(answers: Mapping[str, bool]) -> Assessment:
    """The advice for a complete set of answers (True = "yes")."""
    unknown = set(answers) - QUESTION_IDS
    if unknown:
        raise IncompleteScreen(f"unknown safety question: {', '.join(sorted(unknown))}")
    missing = [question.id for question in QUESTIONS if question.id not in answers]
    if missing:
        so_far = assess_so_far(answers)
        # Nothing is saved, but a "yes" already given is never answered with "please answer every question" alone.
        told = "" if so_far is None else f". Your answers so far already advise: {so_far.explanation()}"
        raise IncompleteScreen(f"please answer every safety question; missing: {', '.join(missing)}{told}")
    reasons = tuple(question for question in QUESTIONS if answers[question.id])
    level = max((question.level for question in reasons), default=AdviceLevel.CLEAR)
    return Assessment(level, ADVICE[level], reasons)


def assess_so_far(answers: Mapping[str, bool]) -> Assessment | None:
    """The advice the "yes" answers given so far lead to, before every question is answered; None without a "yes"."""
    reasons = tuple(question for question in QUESTIONS if answers.get(question.id) is True)
    if not reasons:
        return None
    level = max(question.level for question in reasons)
    return Assessment(level, ADVICE[level], reasons)


def yes_answers(answers: Mapping[str, bool]) -> tuple[Question, ...]:
    """The known questions answered "yes", in the order they are asked (retired ones last)."""
    return tuple(question for question in KNOWN_QUESTIONS.values() if answers.get(question.id) is True)


def unknown_question_ids(answers: Mapping[str, bool]) -> list[str]:
    """Question ids that are neither asked now nor retired: another program's answers, or a typo."""
    return sorted(set(answers) - set(KNOWN_QUESTIONS))


def level_of(
    answers: Mapping[str, bool], stored_name: str, cleared: frozenset[str] = frozenset()
) -> AdviceLevel | None:
    """The level a stored screen stands for, leaving out the answers in `cleared` (lifted by a clinician).

    Recomputed from the answers, so that a hand-edited or mistyped level can never hide a "yes" to a warning sign.
    A stored level above what every answer says (written by a crest that asked a question this one does not know)
    still counts. None when the stored name is unreadable and no answer raises a concern: the questions are then
    simply asked again.
    """
    said = yes_answers(answers)
    derived = max((question.level for question in said), default=AdviceLevel.CLEAR)
    standing = max((question.level for question in said if question.id not in cleared), default=AdviceLevel.CLEAR)
    try:
        stored = AdviceLevel.named(stored_name)
    except UnknownAdviceLevel:
        return derived if derived is not AdviceLevel.CLEAR else None
    return max(standing, stored) if stored > derived else standing


def may_clear(question: Question) -> bool:
    """A clinician's all-clear lifts "see a clinician first"; urgent-care signs and pregnancy are never lifted."""
    return question.level is AdviceLevel.SEE_CLINICIAN
