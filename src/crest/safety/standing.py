"""Where a person stands after their safety answers: which answers hold, what they advise, what lifts them.

Pure: the answers, the clinicians' all-clears, the warning signs recent check-ins named and `now` go in; one
`SafetyStanding` comes out. A concern is lifted in two ways only: a clinician's all-clear (for "see a clinician
first", never for urgent care), or a fresh set of answers given after the advice's own waiting time
(`ANSWER_AGAIN_AFTER`). Answers given sooner are kept in the journal, but the earlier "yes" still holds. A warning
sign named in a check-in holds like a "yes" to the safety question for the same sign, from the check-in's time.
Deleting or correcting that check-in (it was a mistake) lifts a "see a clinician" sign; an urgent-care sign, once
raised, is kept apart from its check-in (`kept`) and holds its full waiting time whatever becomes of the check-in,
as an urgent "yes" does; one that stood when everything was deleted is kept too (`data_deleted`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from crest.counting import counted
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
    stored_at: datetime | None = field(default=None, compare=False)  # when the journal stored those answers

    @property
    def stands(self) -> bool:
        return self.cleared_by is None


@dataclass(frozen=True)
class CheckInSign:
    """A warning sign a check-in named: the check-in (its id and time, and its day for the person), the sign's own
    title and sources, the safety question for the same sign (its level and waiting time), and the sign as a
    clinician or practitioner reads it (`named`: the title speaks to the person)."""

    check_in_id: int
    at: datetime
    on: date
    title: str
    sources: tuple[str, ...]
    question: Question
    named: str
    # read from a kept record: an urgent-care sign's (the check-in may be gone or corrected), or a sign's held from
    # its entry (the check-in entered after the time it gives)
    kept: bool = False
    data_deleted: bool = False  # kept through deleting everything: only the sign and its end are known
    # A kept sign's end as kept: for a check-in entered after the time it tells of, its waiting time from the entry.
    held_until: datetime | None = None
    sign_rules: tuple[str, ...] = ()  # the red-flag rules of a note that named it: its help entry, whatever its words

    def describe(self) -> str:
        if self.data_deleted:
            return f"Kept when you deleted your data: {self.title}"
        return f"Your check-in of {self.on:%-d %B %Y} named: {self.title}"

    def where_from(self, with_advice: bool = False) -> str:
        """For a clinician or practitioner: the sign came from a check-in, not from a safety answer; `with_advice`:
        with what it asks, in crp-facts' words, where nothing beside it says so ("warning sign (see a clinician) in
        a check-in of ...")."""
        if self.data_deleted:
            return f"{self.said(with_advice, 'urgent-care ')} kept when the data was deleted: {self.named}"
        day = f"{self.on.day} {self.on:%b %Y}"
        return f"{self.said(with_advice)} in a check-in of {day}: {self.named[:1].lower()}{self.named[1:]}"

    def said(self, with_advice: bool, without: str = "") -> str:
        """ "warning sign", with what it asks or else `without` before it."""
        return f"warning sign ({self.question.level.advice})" if with_advice else f"{without}warning sign"

    def beside_its_check_in(self) -> str:
        """For a clinician or practitioner, under the check-in that named it: that line says its day already, so
        the sign is said with what it asks, never with `where_from`'s "in a check-in of DAY"."""
        return f"{self.said(with_advice=True)}: {self.named[:1].lower()}{self.named[1:]}"

    @property
    def urgent(self) -> bool:
        """Urgent care: deleting or correcting the check-in does not lift it."""
        return self.question.level is AdviceLevel.URGENT


@dataclass(frozen=True)
class CheckInReason:
    sign: CheckInSign
    cleared_by: SafetyClearance | None = None

    @property
    def stands(self) -> bool:
        return self.cleared_by is None


@dataclass(frozen=True)
class RepeatedSign:
    """One warning sign with every check-in that named it, oldest first: a sign a person notes day after day is
    said once, with how many check-ins named it and from when to when, not once per check-in."""

    reasons: tuple[CheckInReason, ...]

    @property
    def first(self) -> CheckInSign:
        return self.reasons[0].sign

    @property
    def last(self) -> CheckInSign:
        return self.reasons[-1].sign

    @property
    def cleared_by(self) -> SafetyClearance | None:
        return self.reasons[0].cleared_by

    def describe(self) -> str:
        if len(self.reasons) == 1:
            return self.first.describe()
        first, last = (f"{day:%-d %B %Y}" for day in (self.first.on, self.last.on))
        return f"{self._check_ins(first, last)} named: {self.first.title}"

    def where_from(self, with_advice: bool = False) -> str:
        """For a clinician or practitioner, as `CheckInSign.where_from` says it of one check-in."""
        if len(self.reasons) == 1:
            return self.first.where_from(with_advice)
        first, last = (f"{day.day} {day:%b %Y}" for day in (self.first.on, self.last.on))
        named = self.first.named
        return f"{self.first.said(with_advice)} in {self._check_ins(first, last)}: {named[:1].lower()}{named[1:]}"

    def _check_ins(self, first: str, last: str) -> str:
        count = counted(len(self.reasons), "check-in")
        return f"{count} of {first}" if first == last else f"{count} from {first} to {last}"


def repeated_signs(reasons: Iterable[CheckInReason]) -> tuple[RepeatedSign, ...]:
    """The reasons gathered by sign (and by the all-clear that covers them), each sign where it first came and its
    check-ins in the order given (a standing's: oldest first).

    A sign is its question and its words, whatever its sources: a kept sign knows only its safety question's
    source, where the same sign read from a check-in has its own (a help entry's), so two check-ins of one day were
    listed twice. Each sign is cited by one source text, the newest read from a check-in where there is one."""
    gathered: dict[tuple[object, ...], list[CheckInReason]] = {}
    for reason in reasons:
        sign = reason.sign
        gathered.setdefault((sign.question.id, sign.title, sign.named, reason.cleared_by), []).append(reason)
    return tuple(RepeatedSign(_cited_alike(group)) for group in gathered.values())


def _cited_alike(reasons: Sequence[CheckInReason]) -> tuple[CheckInReason, ...]:
    """The reasons, each sign with the sources of the newest one read from its check-in (else of the newest)."""
    sources = next(
        (reason.sign.sources for reason in reversed(reasons) if not reason.sign.kept), reasons[-1].sign.sources
    )
    return tuple(replace(reason, sign=replace(reason.sign, sources=sources)) for reason in reasons)


@dataclass(frozen=True)
class AdviceReasons:
    """One advice that stands with the answers and the check-ins' signs behind it, and none of another advice's."""

    level: AdviceLevel
    answers: tuple[Reason, ...]
    signs: tuple[RepeatedSign, ...]

    @property
    def time_up(self) -> datetime:
        """When this advice's own waiting time is up: its latest answer's or sign's, each from its own time."""
        return max(
            [reason.answered_at + ANSWER_AGAIN_AFTER[reason.question.level] for reason in self.answers]
            + [sign_held_until(reason.sign) for sign in self.signs for reason in sign.reasons]
        )

    def time_up_words(self, when: str) -> str:
        """Said under this advice's own answers and signs, where another advice's follow or precede them: each
        waiting time with its own signs, not one date under the last advice for all (`when`: `time_up` as the
        door writes a time)."""
        return f"{'Its' if len(self.answers) + len(self.signs) == 1 else 'Their'} time is up on {when}."


@dataclass(frozen=True)
class Cleared:
    """One thing a clinician's all-clear covers, as every door lists it: a "yes" answer or a check-in's sign."""

    text: str
    clearance: SafetyClearance


# With no advice to give: no answers yet (a check-in's sign may have been cleared before any), or answers saved in a
# form this crest cannot read.
ANSWER_FIRST = "Please answer the safety questions before you practise."
ANSWER_AGAIN = "Please answer the safety questions again."


@dataclass(frozen=True)
class SafetyStanding:
    latest: SafetyScreen | None
    level: AdviceLevel | None  # None: never answered, or answered in a form this crest cannot read
    reasons: tuple[Reason, ...] = ()  # every "yes" that holds, cleared ones included (marked)
    due: bool = True  # the questions should be asked (again) before the next session
    answer_again_from: datetime | None = None  # while a concern stands: when fresh answers may lift it
    check_in_reasons: tuple[CheckInReason, ...] = ()  # every warning sign of a check-in that holds, cleared ones too

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
    def answers_level(self) -> AdviceLevel | None:
        """The level of the safety answers alone (their standing "yes"), leaving out the check-ins' signs."""
        return max((reason.question.level for reason in self.standing_reasons), default=None)

    @property
    def concern_said(self) -> Reason | None:
        """The newest "yes" that stands and asks for a clinician or urgent care: when the answers last said a concern.
        Fresh answers all "no" within its waiting time leave it as it was; a new "yes" is newer."""
        return max(
            (reason for reason in self.standing_reasons if reason.question.level >= AdviceLevel.SEE_CLINICIAN),
            key=lambda reason: reason.answered_at,
            default=None,
        )

    @property
    def advice(self) -> str | None:
        return None if self.level is None else ADVICE[self.level]

    @property
    def calm_until(self) -> datetime | None:
        """While the last answers found nothing in the way of resting and still hold: when they are asked again."""
        if self.latest is None or self.level is not AdviceLevel.CLEAR or self.due:
            return None
        return self.latest.answered_at + ASK_AGAIN_AFTER

    @property
    def message(self) -> str:
        """The advice, or, with none to give, to answer the questions: first, or again when they cannot be read."""
        if self.advice is not None:
            return self.advice
        return ANSWER_FIRST if self.latest is None else ANSWER_AGAIN

    @property
    def cleared(self) -> tuple[Cleared, ...]:
        """Everything a clinician cleared that would stand otherwise: the answers, then the check-ins' signs."""
        answers = [
            Cleared(reason.question.text, reason.cleared_by)
            for reason in self.cleared_reasons
            if reason.cleared_by is not None
        ]
        signs = [
            Cleared(sign.describe(), sign.cleared_by)
            for sign in repeated_signs(self.cleared_check_in_reasons)
            if sign.cleared_by is not None
        ]
        return tuple(answers + signs)

    @property
    def standing_reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.stands)

    @property
    def cleared_reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if not reason.stands)

    @property
    def standing_check_in_reasons(self) -> tuple[CheckInReason, ...]:
        return tuple(reason for reason in self.check_in_reasons if reason.stands)

    @property
    def cleared_check_in_reasons(self) -> tuple[CheckInReason, ...]:
        return tuple(reason for reason in self.check_in_reasons if not reason.stands)

    @property
    def by_advice(self) -> tuple[AdviceReasons, ...]:
        """The standing answers and check-ins' signs under the advice each gives, the most serious first: a "see a
        clinician" sign beside an urgent one is no reason for urgent care."""
        signs = repeated_signs(self.standing_check_in_reasons)
        levels = {reason.question.level for reason in self.standing_reasons}
        levels |= {sign.first.question.level for sign in signs}
        return tuple(
            AdviceReasons(
                level,
                tuple(reason for reason in self.standing_reasons if reason.question.level is level),
                tuple(sign for sign in signs if sign.first.question.level is level),
            )
            for level in sorted(levels, reverse=True)
        )

    @property
    def clearable(self) -> tuple[Reason, ...]:
        """The standing answers a clinician's all-clear would lift; none while an urgent-care sign stands."""
        if self.level is AdviceLevel.URGENT:
            return ()
        return tuple(reason for reason in self.standing_reasons if may_clear(reason.question))

    @property
    def clearable_check_ins(self) -> tuple[CheckInReason, ...]:
        """The check-ins' standing signs a clinician's all-clear would lift; none while an urgent-care sign stands."""
        if self.level is AdviceLevel.URGENT:
            return ()
        return tuple(reason for reason in self.standing_check_in_reasons if may_clear(reason.sign.question))

    @property
    def may_be_cleared(self) -> bool:
        return bool(self.clearable or self.clearable_check_ins)

    @property
    def held_apart(self) -> bool:
        """More than one advice that stops sessions stands, each with its own waiting time to say beside it."""
        return sum(group.level >= AdviceLevel.SEE_CLINICIAN for group in self.by_advice) > 1

    def hold_words(self, until: str) -> str:
        """While a concern stands: when the safety questions may be answered, `until` being `answer_again_from` as
        the door writes a time. "Again" only to someone who has answered them: a check-in's sign holds the same for
        someone who never has."""
        again = " again" if self.latest is not None else ""
        if self.held_apart:
            return f"You can answer the safety questions{again} from {until}, when the last of these times is up."
        held = "These answers hold" if self.standing_reasons else "This holds"
        return f"{held} until {until}; after that you can answer the safety questions{again}."

    def explanation(self) -> str:
        """The advice with the answers and check-ins that led to it and their sources, in one line; those of a
        lesser advice follow it under that advice (`by_advice`)."""
        parts = [self.advice or ""]
        for group in self.by_advice:
            if group.level is not self.level:  # a new sentence, after the signs of the advice before it
                parts = [part for part in parts if part]
                if parts and not parts[-1].endswith((".", "!", "?")):
                    parts[-1] += "."
                parts.append(ADVICE[group.level])
            because = "; ".join(
                f"{reason.question.text} (source: {reason.question.source})" for reason in group.answers
            )
            parts.append(f"You answered yes to: {because}" if because else "")
            parts.append(
                "; ".join(f"{sign.describe()} (source: {'; '.join(sign.first.sources)})" for sign in group.signs)
            )
        return " ".join(part for part in parts if part)


def _valid(clearances: Iterable[SafetyClearance], now: datetime) -> list[SafetyClearance]:
    """The all-clears still in force, the newest first."""
    valid = [c for c in clearances if now.date() < c.cleared_on + CLEARANCE_VALID_FOR]
    return sorted(valid, key=lambda clearance: (clearance.cleared_on, clearance.recorded_at), reverse=True)


def safety_standing(
    screens: Sequence[SafetyScreen],
    clearances: Sequence[SafetyClearance],
    now: datetime,
    check_in_signs: Sequence[CheckInSign] = (),
) -> SafetyStanding:
    """The standing from the recent answers (at least the latest, and all within `LONGEST_WAIT`), all-clears and
    the warning signs of the check-ins since `LONGEST_WAIT` before the latest answers."""
    valid = _valid(clearances, now)
    standing = _answers_standing(screens, valid, now)
    latest_answers = None if standing.latest is None else standing.latest.answered_at
    reasons = tuple(
        CheckInReason(sign, _clearance_for(sign, valid))
        for sign in sorted(check_in_signs, key=lambda sign: (sign.at, sign.check_in_id))
        # a fresh set of answers given after the sign's waiting time lifts it, as it lifts an earlier "yes"
        if latest_answers is None or latest_answers < sign_held_until(sign)
    )
    if not reasons:
        return standing
    holding = [reason.sign for reason in reasons if reason.stands]
    level = max(
        [sign.question.level for sign in holding] + ([standing.level] if standing.level is not None else []),
        default=None,
    )
    if level is None or level < AdviceLevel.SEE_CLINICIAN:
        return replace(standing, level=level, check_in_reasons=reasons)
    again = max(
        [sign_held_until(sign) for sign in holding]
        + ([standing.answer_again_from] if standing.concern_stands and standing.answer_again_from else [])
    )
    return replace(standing, level=level, check_in_reasons=reasons, due=now >= again, answer_again_from=again)


def sign_held_until(sign: CheckInSign) -> datetime:
    waited = sign.at + ANSWER_AGAIN_AFTER[sign.question.level]
    return waited if sign.held_until is None else max(waited, sign.held_until)


def _clearance_for(sign: CheckInSign, valid: Sequence[SafetyClearance]) -> SafetyClearance | None:
    """The newest all-clear for the sign's question given after the check-in: an older one never covers it."""
    if not may_clear(sign.question):
        return None
    covering = (c for c in valid if sign.question.id in c.question_ids and c.recorded_at >= sign.at)
    return next(covering, None)


def _answers_standing(
    screens: Sequence[SafetyScreen], valid: Sequence[SafetyClearance], now: datetime
) -> SafetyStanding:
    if not screens:
        return SafetyStanding(None, None)
    ordered = sorted(screens, key=lambda screen: (screen.answered_at, screen.id or 0))
    latest = ordered[-1]
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
            found[question.id] = Reason(question, screen.answered_at, next(covering, None), screen.stored_at)
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
