"""A check-in that says a session made things worse, or that names a warning sign, gets a calm answer.

Pure: the check-in, the "before" check-in of the same session and the warning signs the note's words raise (read
by the help system's red-flag rules, one set for all of crest) go in; the advice comes out, or None.

"Clearly worse" uses published thresholds: a rise of 2 points or more on the 0-10 scale for the same place (the
minimal important change for back pain, Ostelo et al. 2008; a "high" alert in MedBridge Pathways), 7/10 or more
(MedBridge's "critical" alert), or the person's own "worse". Both call for stopping for today, but only a rise or
the person's "worse" is called "things got worse": 7/10 or more alone is called strong pain, as it may be no change.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from crest.journal.records import CheckIn, PainRating, place_words
from crest.journal.vocabulary import CheckInTiming, Comparison, PainQuality, Region, Side
from crest.protocol.model import SIDE_LYING_VARIANT, VariantName
from crest.safety.screen import ADVICE, KNOWN_QUESTIONS, AdviceLevel

RISE_POINTS = 2
SEVERE_SCORE = 7
THRESHOLD_SOURCES = (
    "Ostelo RW et al., Spine 2008;33(1):90-94 (a change of 2 points matters)",
    "MedBridge Pathways alert thresholds (7/10 or more; a rise of 2 or more)",
)
STOP_SOURCE = "Physiotherapy usage: stop if the position brings on or worsens symptoms"
SUPPORTED_VARIANT: VariantName = "supported"
PREGNANCY_SOURCE = KNOWN_QUESTIONS["pregnant_16_weeks"].source
# While only the rest on the side is advised (pregnancy), the supported variant, on the back, is no way to go easier.
SIDE_LYING_NEXT_TIME = "Next time, keep to the rest on your side and make it shorter"
ASK_THE_MIDWIFE = ", and ask your midwife or doctor about it"
GENTLER_VARIANT = "the supported variant (calves resting on a chair seat): it asks less of your back and hips."
SADDLE = frozenset({Region.BUTTOCK, Region.GROIN, Region.PELVIS})  # where numbness is a cauda equina sign
BELOW_THE_KNEE = frozenset({Region.CALF_AND_SHIN, Region.FOOT})
# Where numbness or tingling on both sides is "both legs affected", urgent as in help's cauda equina entry; the feet
# are left out as there (cold or tight shoes make both feet tingle; a numb foot is a clinician's to see).
LEGS = frozenset({Region.FRONT_OF_THIGH, Region.KNEE, Region.CALF_AND_SHIN})
LOSS_OF_FEELING = frozenset({PainQuality.NUMB, PainQuality.TINGLING})


class WarningLevel(StrEnum):
    """The help system's two levels of warning sign."""

    URGENT_CARE = "urgent_care"
    SEE_CLINICIAN = "see_clinician"


@dataclass(frozen=True)
class WarningSign:
    level: WarningLevel
    title: str  # said to the person: "Tingling in your left buttock (the saddle area)"
    text: str
    sources: tuple[str, ...]
    question_id: str  # the safety question for the same sign: the sign holds like a "yes" to it
    named: str  # the same sign for a clinician or practitioner to read: "... in the left buttock (saddle area)"
    rules: tuple[str, ...] = ()  # the red-flag rules of a note that named it: its help entry, whatever its words


# The help system's warning-sign entries and the safety question each stands for (same sign, same level).
HELP_WARNING_QUESTIONS: Mapping[str, str] = {
    "warning_cauda_equina": "bladder_bowel_saddle",
    "warning_aortic": "sudden_severe_pain",
    # Emergencies beyond back pain (chest pain, a stroke's signs): the screen asks of none, so the sign holds like
    # its nearest, the emergency of sudden severe pain (urgent care, two weeks).
    "warning_emergency": "sudden_severe_pain",
    "warning_pulsing_belly": "pulsing_belly",
    "warning_cancer": "cancer_signs",  # the entry names every sign of possible cancer, as that question did
    "warning_infection": "infection_signs",
    "warning_fracture": "fracture_signs",
    "warning_new_numbness_or_weakness": "new_loss_of_feeling_or_strength",
}

# A help entry's title speaks to the person where it says "your": how a clinician or practitioner reads it instead.
HELP_WARNING_NAMES: Mapping[str, str] = {"warning_pulsing_belly": "A pulsing feeling in the belly"}


@dataclass(frozen=True)
class WorseAdvice:
    """What to say after the check-in: why, what to do, and any warning sign (most serious first)."""

    worse: bool  # clearly worse than before, or strong pain: stop for today (after a session)
    got_worse: bool  # the person said "worse", or a rating rose: strong pain alone is not called worse
    reasons: tuple[str, ...]
    steps: tuple[str, ...]
    sources: tuple[str, ...]
    warnings: tuple[WarningSign, ...]
    # After a session, strong pain says stop for today; on its own, before any rest, it may be an ordinary day,
    # and the rest the person came for is what may ease it: go gently instead.
    after_session: bool = True

    @property
    def urgent(self) -> bool:
        return any(sign.level is WarningLevel.URGENT_CARE for sign in self.warnings)

    @property
    def says(self) -> str:
        """What the check-in itself says, for every door's headline: "Your check-in {says}"."""
        return "says things got worse" if self.got_worse else "notes strong pain"


def after_check_in_advice(
    check_in: CheckIn,
    before: CheckIn | None = None,
    words_warnings: Iterable[WarningSign] = (),
    variant: str | None = None,
    side_lying_only: bool = False,
    urgent_care_stands: bool = False,
) -> WorseAdvice | None:
    """The advice after `check_in`; None when it is neither clearly worse nor names a warning sign.

    `before` is the "before" check-in of the same session; `variant` the session's variant, when known;
    `side_lying_only`: the safety answers allow only the rest on the side (pregnancy), so the supported variant,
    on the back, is never suggested. While urgent care is advised (by this check-in's sign, or `urgent_care_stands`
    from before), the urgent advice stands alone: "stop for today, next time try..." would plan a next session and
    soften "get urgent medical care now, don't rest until seen".
    """
    warnings = warning_signs(check_in, words_warnings)
    urgent = urgent_care_stands or any(sign.level is WarningLevel.URGENT_CARE for sign in warnings)
    reasons, got_worse = (
        _why_worse(check_in, before) if check_in.timing is not CheckInTiming.BEFORE and not urgent else ([], False)
    )
    if not reasons and not warnings:
        return None
    steps: list[str] = []
    after_session = check_in.timing is CheckInTiming.AFTER
    if reasons and not after_session:
        steps.append(f"Your pain is strong today. If you rest, {_gentler(side_lying_only)} Stop if it hurts more.")
        steps.append("If strong pain keeps on, see a clinician (your doctor or physiotherapist).")
    elif reasons:
        steps.append("Stop practising for today and let your body settle.")
        # The rest on the side suits anyone; only the safety answers' advice to rest on the side is pregnancy's.
        if side_lying_only or variant == SIDE_LYING_VARIANT:
            steps.append(SIDE_LYING_NEXT_TIME + (ASK_THE_MIDWIFE if side_lying_only else "") + ".")
        elif variant != SUPPORTED_VARIANT:
            steps.append(f"Next time, try {GENTLER_VARIANT}")
        steps.append("If sessions keep making things worse, see a clinician (your doctor or physiotherapist).")
    return WorseAdvice(
        worse=bool(reasons),
        got_worse=got_worse,
        reasons=tuple(reasons),
        steps=tuple(steps),
        sources=(*THRESHOLD_SOURCES, STOP_SOURCE, *((PREGNANCY_SOURCE,) if side_lying_only else ())) if reasons else (),
        warnings=warnings,
        after_session=after_session,
    )


def _gentler(side_lying_only: bool) -> str:
    """The gentler rest, for a day of strong pain before any session."""
    if side_lying_only:
        return f"keep to the rest on your side and make it short{ASK_THE_MIDWIFE}."
    return f"try {GENTLER_VARIANT}"


def worse_today_reminder(variant: str, advice: WorseAdvice, side_lying_only: bool = False) -> str:
    """What the start of a session says for the rest of a day whose check-in (`advice`'s) was clearly worse, or
    noted strong pain: advice, not a block. `side_lying_only`: the safety answers advise resting on the side."""
    supported = GENTLER_VARIANT
    if variant == SIDE_LYING_VARIANT:  # resting on the side already: the supported variant lies on the back
        then = "keep it short" + (
            ", and ask your midwife or doctor if resting makes things worse." if side_lying_only else "."
        )
    else:
        then = f"this is {supported}" if variant == SUPPORTED_VARIANT else f"try {supported}"
    if not advice.after_session:  # strong pain before any session: no session to stop
        return f"Earlier today a check-in noted strong pain. If you rest, {then} Stop if it hurts more."
    said = "said things got worse" if advice.got_worse else "noted strong pain"
    return (
        f"Earlier today a check-in {said}: we suggest stopping for today and letting your body settle. "
        f"If you rest anyway, {then}"
    )


def warning_signs(check_in: CheckIn, words_warnings: Iterable[WarningSign] = ()) -> tuple[WarningSign, ...]:
    """The warning signs a check-in names, by its places and by its words (`words_warnings`, every one the note
    names), each once, urgent ones first."""
    signs = [*_place_warnings(check_in.pain), *words_warnings]
    signs.sort(key=lambda sign: sign.level is not WarningLevel.URGENT_CARE)
    return tuple(_unique(signs))


def _why_worse(check_in: CheckIn, before: CheckIn | None) -> tuple[list[str], bool]:
    """The reasons to stop for today, and whether any says things got worse (not only that the pain is strong)."""
    reasons = []
    got_worse = check_in.compared_with_before is Comparison.WORSE
    if got_worse:
        reasons.append("You said you feel worse than before the session.")
    for rating in check_in.pain:
        where = place_words(rating.region, rating.side)  # as history and progress name it: "lower back (centre)"
        # A rating's side is never missing (PainRating stores an unsaid side as the whole place), so the same place
        # is the same region and side.
        same_place = (
            old for old in (before.pain if before else ()) if (old.region, old.side) == (rating.region, rating.side)
        )
        earlier = next(same_place, None)
        if earlier is not None and rating.score - earlier.score >= RISE_POINTS:
            got_worse = True
            reasons.append(
                f"Pain in your {where} rose from {earlier.score} to {rating.score} out of 10 "
                f"({RISE_POINTS} points or more)."
            )
        elif rating.score >= SEVERE_SCORE:
            reasons.append(f"Pain in your {where} is {rating.score} out of 10 ({SEVERE_SCORE} or more).")
    return reasons, got_worse


def _place_warnings(pain: Iterable[PainRating]) -> list[WarningSign]:
    ratings = list(pain)
    signs = []
    numb = [rating for rating in ratings if rating.quality in LOSS_OF_FEELING]
    saddle = [rating for rating in numb if rating.region in SADDLE]
    if saddle:
        signs.append(
            _from_question(
                "bladder_bowel_saddle",
                f"{_as_reported(saddle, 'your')} (the saddle area)",
                f"{_as_reported(saddle, 'the')} (saddle area)",
            )
        )
    # A score of 0 is no pain: a place tapped and left at 0 is no sign. Numbness is read from its quality whatever
    # the score, as it is a loss of feeling, not pain.
    if on_both_sides(rating for rating in ratings if rating.region in BELOW_THE_KNEE and rating.score > 0):
        signs.append(_from_question("both_legs", "Pain below the knee in both legs"))
    numb_in_both_legs = on_both_sides(rating for rating in numb if rating.region in LEGS)
    if numb_in_both_legs:
        signs.append(_from_question("both_legs", "Numbness or tingling in both legs"))
    if numb and not numb_in_both_legs and not any(rating.region in SADDLE for rating in numb):
        signs.append(_from_question("new_loss_of_feeling_or_strength", "Numbness or tingling"))
    return signs


_FEELING_WORDS = {PainQuality.NUMB: "numbness", PainQuality.TINGLING: "tingling"}


def _as_reported(ratings: list[PainRating], whose: str) -> str:
    """The sign in the person's own terms, each feeling with its places: "Tingling in your left buttock". A
    one-sided buttock is not "between the legs", and a sign named where it was not felt reads as alarm or as a
    bug; the saddle area is said after it, as why it matters."""
    places: dict[PainQuality, list[str]] = {}
    for rating in ratings:
        assert rating.quality is not None  # only numbness and tingling are read as this sign
        places.setdefault(rating.quality, []).append(_place(rating))
    said = " and ".join(
        f"{_FEELING_WORDS[feeling]} in {whose} {' and '.join(where)}" for feeling, where in places.items()
    )
    return said[:1].upper() + said[1:]


def _place(rating: PainRating) -> str:
    """'left buttock', 'groin on both sides', 'pelvis': a place in a sentence."""
    if rating.side in (Side.LEFT, Side.RIGHT):
        return f"{rating.side.label} {rating.region.label}"
    return f"{rating.region.label} on both sides" if rating.side is Side.BOTH else rating.region.label


def on_both_sides(ratings: Iterable[PainRating]) -> bool:
    sides = {rating.side for rating in ratings}
    return Side.BOTH in sides or {Side.LEFT, Side.RIGHT} <= sides


SEE_CLINICIAN_ADVICE = (
    "New numbness or tingling should be checked by a clinician (your doctor or physiotherapist) before you "
    "practise again. If it affects both legs or the area between your legs, seek urgent care now."
)


def _from_question(question_id: str, title: str, named: str | None = None) -> WarningSign:
    """A warning sign at the safety screen's level for the same sign, with the screen's source; `named` where the
    title, said to the person, does not read right for someone else."""
    question = KNOWN_QUESTIONS[question_id]
    level, advice = (
        (WarningLevel.URGENT_CARE, ADVICE[AdviceLevel.URGENT])
        if question.level is AdviceLevel.URGENT
        else (WarningLevel.SEE_CLINICIAN, SEE_CLINICIAN_ADVICE)
    )
    return WarningSign(level, title, advice, (question.source,), question_id, named or title)


def help_warning(
    entry_id: str,
    level: str,
    title: str,
    text: str,
    sources: tuple[str, ...],
    said: str | None = None,
    rules: tuple[str, ...] = (),
) -> WarningSign:
    """The warning sign of a help entry (`warning_...`), standing for its safety question; named by `said`, the signs
    of it that fired in their own words, where they are known, else by the entry's title."""
    named = said or HELP_WARNING_NAMES.get(entry_id, title)
    question_id = HELP_WARNING_QUESTIONS[entry_id]
    return WarningSign(WarningLevel(level), said or title, text, sources, question_id, named, rules)


def _unique(signs: list[WarningSign]) -> list[WarningSign]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for sign in signs:
        if (sign.level, sign.text) not in seen:
            seen.add((sign.level, sign.text))
            kept.append(sign)
    return kept
