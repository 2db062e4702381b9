"""The safety screen as a use case: where the person stands, recording answers and all-clears, and the gate.

Both doors ask this one service, so the terminal and the browser can never disagree about whether a warning
sign stands. A concern that stands is never lifted by skipping the questions (`--yes`, the API), nor by answering
again before the advice's waiting time: only by a clinician's all-clear (for "see a clinician first") or by fresh
answers once that time has passed. A warning sign named in a recent check-in stands the same way; deleting or
correcting that check-in lifts a "see a clinician" sign (it was a mistake), never an urgent-care one: that is kept
(`keep_urgent_warnings`, `urgent_holds`) and holds its full waiting time, through deleting everything too. A sign of
either level told in a check-in entered after the time it gives is kept likewise, to hold from its entry
(`hold_from_entry`); a "see a clinician" one kept so goes with its check-in (`lift_with_the_check_in`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from crest.clock import Clock
from crest.errors import CrestError
from crest.journal.records import CheckIn, SafetyClearance, SafetyScreen, SafetyWarning
from crest.journal.recovery import interrupt_running_rests
from crest.journal.unreadable import left_out_line
from crest.safety.screen import (
    ANSWER_AGAIN_AFTER,
    ASK_AGAIN_AFTER,
    CLEARANCE_VALID_FOR,
    KNOWN_QUESTIONS,
    QUESTIONS,
    AdviceLevel,
    Question,
    assess,
)
from crest.safety.standing import (
    LONGEST_WAIT,
    CheckInSign,
    SafetyStanding,
    safety_standing,
    sign_held_until,
)
from crest.safety.worse_check_in import BELOW_THE_KNEE, LOSS_OF_FEELING
from crest.services.reminders import no_reminder_because

if TYPE_CHECKING:
    from crest.journal.store import Journal

__all__ = [
    "CHECK_NEEDS_ANSWERS",
    "ON_BACK_NOT_ADVISED",
    "BackNotAdvised",
    "ClearanceRefused",
    "PositionCheckNotAdvised",
    "Safety",
    "SafetyConcernStands",
    "SafetyStanding",
    "check_in_signs",
    "said_aloud",
]


# The tables whose rows may hold a warning sign: the answers, the check-ins and the signs kept apart from them.
MAY_HOLD_A_WARNING_SIGN = frozenset({"safety_screens", "check_ins", "safety_warnings"})
# A check-in told this long after the time it gives was entered late: its signs are kept to hold from its entry.
# Less is the moments between a form's time and its saving, and keeps nothing.
ENTERED_LATE = timedelta(minutes=10)


NO_REMINDER = "no reminder was made: "  # how each refusal of a reminder begins; a page that offers none says why alone


class ReminderNotAdvised(CrestError):
    """No calendar reminder to rest while a concern stands: a daily alarm would say to rest when the advice says not
    to until seen."""

    exit_code = 1
    http_status = 409


# Said, and spoken, at every door when a warning sign saved elsewhere stops a rest that is running, before the advice.
STOPPED_BY_A_SIGN = "A warning sign came in while you rested"
# Said likewise when safety answers given elsewhere advise resting on the side (pregnancy) while a rest on the back
# runs: no warning sign came in, but lying on the back is what the advice is against.
STOPPED_FOR_THE_SIDE = "Your safety answers now advise resting on your side"


# Where a source is cited in brackets in the advice's lines ("... (source: NHS back-pain red flags; NICE NG59 (2016))").
_SOURCE_OPENS = re.compile(r"\s*\(sources?: ")


def said_aloud(text: str) -> str:
    """`text` as spoken to someone lying with eyes closed: without the sources cited in brackets, which the screen
    keeps showing (long lists of names and years, heard, bury the advice). Nothing else is left out: the advice,
    what to do and the signs are said as written. A bracket left open is said as it stands. It ends as a sentence,
    so that what is said after it comes after a pause: the screen's last words are often a source."""
    spoken: list[str] = []
    rest = text
    while (found := _SOURCE_OPENS.search(rest)) is not None:
        depth, end = 1, found.end()
        while end < len(rest) and depth:
            depth += {"(": 1, ")": -1}.get(rest[end], 0)
            end += 1
        if depth:
            break
        spoken.append(rest[: found.start()])
        if rest[end : end + 1] == "." and spoken[-1].endswith(("?", "!", ".")):
            end += 1  # the stop that ended the sentence after its source: "...worse? (source: ...)."
        rest = rest[end:]
    said = "".join([*spoken, rest]).rstrip()
    return said if not said or said.endswith((".", "!", "?")) else f"{said}."


class SafetyConcernStands(CrestError):
    """A session may not start: the last safety answers advise against it."""

    exit_code = 1
    http_status = 409

    @property
    def spoken(self) -> str:
        """The refusal as the voice says it (`said_aloud`): both doors speak these words, the screen shows `message`."""
        return said_aloud(self.message)


class BackNotAdvised(SafetyConcernStands):
    """A rest on the back while the safety answers advise resting on the side (pregnancy from about 16 weeks)."""


class PositionCheckNotAdvised(CrestError):
    """The position check coaches lying on the back, which the safety answers advise against for now."""

    exit_code = 1
    http_status = 409


ON_BACK_NOT_ADVISED = (
    "the position check is for lying on your back, and your safety answers advise resting on your side for now "
    "(pregnancy from about 16 weeks). Please don't lie on your back for it: rest on your side, with a pillow "
    "between your knees, in the side-lying rest (source: NHS pregnancy guidance on lying on your back)"
)


# One line for both doors, each naming its own way to answer, as a session's refusal does.
CHECK_NEEDS_ANSWERS = (
    "no position check was started: answer the safety questions first (the Safety page, crest safety, or "
    "POST /api/safety/answers); the check coaches lying in the position, so it comes after them, as a session does"
)


class ClearanceRefused(CrestError):
    """A clinician's all-clear that cannot be recorded: nothing to clear, an urgent sign, or a day out of range."""

    http_status = 409


def check_in_signs(check_ins: Iterable[CheckIn], zone: tzinfo) -> list[CheckInSign]:
    """The warning signs the check-ins name (by their places and the words of their notes), as the gate reads them:
    practice mode's alerts read them here too, so a practitioner is told of the same signs the gate stops on."""
    from crest.services.checkins import check_in_warning_signs  # the help system's rules read the notes

    return [
        CheckInSign(
            check_in.id or 0,
            check_in.at,
            check_in.at.astimezone(zone).date(),
            sign.title,
            sign.sources,
            KNOWN_QUESTIONS[sign.question_id],
            sign.named,
            sign_rules=sign.rules,
        )
        for check_in in check_ins
        for sign in check_in_warning_signs(check_in)
    ]


def kept_sign(warning: SafetyWarning, zone: tzinfo) -> CheckInSign:
    """A kept warning as the gate reads it: like the check-in's sign it was, or, kept through deleting
    everything, named by its own words (by its safety question, kept from a "yes" or by an older crest) and raised
    its waiting time before its end (all that is kept)."""
    from crest.services.help import warning_sources  # the help entries name the sources of a sign read in words

    question = KNOWN_QUESTIONS[warning.question_id]
    level = AdviceLevel.named(warning.level)
    at = warning.raised_at or warning.held_until - ANSWER_AGAIN_AFTER[level]
    title = warning.title or question.text
    return CheckInSign(
        warning.check_in_id or 0,
        at,
        at.astimezone(zone).date(),
        title,
        # A sign read in a note cites its help entry (chest pain: not the aortic question that stands in for it);
        # one read from the places rated, or kept with no title, its question.
        warning_sources(title, warning.sign_rules) or (question.source,),
        question,
        warning.named or title,
        kept=True,
        data_deleted=warning.raised_at is None,
        held_until=warning.held_until,
        sign_rules=warning.sign_rules,
    )


def each_sign_once(signs: Iterable[CheckInSign]) -> list[CheckInSign]:
    """Each sign once, most urgent first. An urgent sign kept apart before r0026 is named by its help entry's title,
    the same check-in's sign since by its own words: one sign of one entry, said once, by the words (the title names
    signs the person never said), held as long as the longer of the two holds, and kept, as it was."""
    from crest.services.help import warning_entry_named  # the help entries name what a sign's words are a sign of

    signs = list(signs)
    entries = {id(sign): warning_entry_named(sign.title, sign.sign_rules) for sign in signs if sign.check_in_id}

    def sign_of(sign: CheckInSign) -> tuple[int, str, str] | None:
        """The check-in and the entry a sign is a sign of, with the entry's title."""
        entry = entries.get(id(sign))
        return None if entry is None else (sign.check_in_id, entry.id, entry.title)

    titled = {key for sign in signs if (key := sign_of(sign)) is not None and sign.title == key[2]}
    in_words: dict[tuple[int, str, str], CheckInSign] = {}
    for sign in signs:
        if (key := sign_of(sign)) is not None and key in titled and sign.title != key[2]:
            in_words.setdefault(key, sign)
    said = []
    for sign in signs:
        key = sign_of(sign)
        if key is None or key not in in_words:
            said.append(sign)
        elif sign is in_words[key]:
            same = [other for other in signs if sign_of(other) == key]
            held = max(sign_held_until(other) for other in same)
            said.append(replace(sign, held_until=held, kept=any(other.kept for other in same)))
        elif sign.title != key[2]:
            said.append(sign)  # other words of the same entry (the check-in's before it was corrected): kept too
    return sorted(said, key=lambda sign: not sign.urgent)


def _kept_warning(sign: CheckInSign, held_until: datetime) -> SafetyWarning:
    """A sign of a check-in as kept apart from it: when, which sign and its words, its level and its end."""
    return SafetyWarning(
        sign.question.id,
        sign.question.level.stored_name,
        held_until,
        raised_at=sign.at,
        check_in_id=sign.check_in_id,
        title=sign.title,
        named=sign.named,
        sign_rules=sign.sign_rules,
    )


def _longest_held(signs: Iterable[CheckInSign]) -> list[CheckInSign]:
    """One sign per check-in, question and sign: a corrected check-in that still names its kept sign counts once,
    from whichever time holds longer, so moving the check-in earlier never shortens the hold. Two signs that one
    question stands in for (chest pain and an aortic sign, both under the aortic question) are two: keyed by the
    question alone, one of them went unsaid."""
    from crest.services.help import warning_entry_named  # a note's sign is a sign of its help entry

    def sign_of(sign: CheckInSign) -> object:
        """The help entry of a sign read in a note (by its words, or a title kept before r0026), else its question."""
        entry = warning_entry_named(sign.title, sign.sign_rules)
        return sign.question.id if entry is None else entry.id

    longest: dict[tuple[object, ...], CheckInSign] = {}
    for sign in signs:
        key = (sign.check_in_id, sign.question.id, sign_of(sign)) if sign.check_in_id else (id(sign),)
        if key not in longest or sign_held_until(sign) > sign_held_until(longest[key]):
            longest[key] = sign
    held = list(longest.values())
    # A sign kept through deleting everything says only which sign and till when: once the same sign stands with
    # its words for as long (a backup restored after deleting), it adds nothing but a second line.
    return [
        sign
        for sign in held
        if not sign.data_deleted
        or not any(
            not other.data_deleted and other.question.id == sign.question.id and other.at >= sign.at for other in held
        )
    ]


class Safety:
    def __init__(self, journal: Journal, clock: Clock, zone: tzinfo) -> None:
        self._journal = journal
        self._clock = clock
        self._zone = zone

    @staticmethod
    def questions() -> tuple[Question, ...]:
        return QUESTIONS

    def standing(self) -> SafetyStanding:
        now = self._clock()
        screens = self._journal.safety_screens_since(now - LONGEST_WAIT)
        latest = max((screen.answered_at for screen in screens), default=now)
        # A sign is lifted by answers given its waiting time after it; older check-ins sit behind questions that
        # are due again anyway (every ASK_AGAIN_AFTER), which lift them.
        since = max(latest, now - ASK_AGAIN_AFTER) - LONGEST_WAIT
        signs = check_in_signs(self._check_ins_that_may_warn(since), self._zone)
        kept = self._kept_warnings(lifted_by=max(latest, now - ASK_AGAIN_AFTER))
        held = _longest_held(each_sign_once([*kept, *signs]))
        return safety_standing(screens, self._journal.safety_clearances(), now, held)

    def _kept_warnings(self, lifted_by: datetime) -> list[CheckInSign]:
        """The kept urgent-care warnings that still hold. One whose end is not after `lifted_by` (fresh answers
        given once its waiting time was over, or the check-ins no longer read) is forgotten: nothing of it stays
        once its hold has ended."""
        warnings = self._journal.safety_warnings()
        ended = [warning.id for warning in warnings if warning.held_until <= lifted_by and warning.id is not None]
        if ended:
            self._journal.forget_safety_warnings(ended)
        return [kept_sign(warning, self._zone) for warning in warnings if warning.held_until > lifted_by]

    def keep_urgent_warnings(self, *check_in_ids: int) -> None:
        """Before check-ins are deleted or corrected: keep the urgent-care signs they raised that hold now (when,
        the level, which sign), so that neither lifts them. A "see a clinician" sign is not kept: correcting a
        genuine mistake may lift it."""
        if not check_in_ids:
            return  # nothing to keep: no need to read the standing (a sync that changes no stored check-in)
        warnings = [
            _kept_warning(sign, sign_held_until(sign))
            for sign in (reason.sign for reason in self.standing().check_in_reasons)
            if sign.check_in_id in check_in_ids and sign.urgent and not sign.kept
        ]
        self._journal.keep_safety_warnings(warnings)

    def hold_from_entry(self, check_in: CheckIn) -> None:
        """After a check-in is saved: a sign it names holds its whole waiting time from now, when it was told, not
        from the earlier time it tells of. Logged three weeks late, a bladder change was told "get urgent care now"
        and the next session started at once, its two weeks over before they began; logged eight days late, new
        numbness was told "see a clinician before you practise again", its week over likewise."""
        now = self._clock()
        # A correction that names a sign already told (kept before the change) tells nothing new: it holds as kept.
        told = {(kept.check_in_id, kept.question_id) for kept in self._journal.safety_warnings()}
        warnings = []
        for sign in check_in_signs([check_in], self._zone):
            until = now + ANSWER_AGAIN_AFTER[sign.question.level]
            if sign_held_until(sign) < until - ENTERED_LATE and (sign.check_in_id, sign.question.id) not in told:
                warnings.append(_kept_warning(sign, until))
        if warnings:
            self._journal.keep_safety_warnings(warnings)

    def lift_with_the_check_in(self, check_in_id: int, corrected: CheckIn | None = None) -> None:
        """After a check-in is deleted (`corrected` None) or corrected: a "see a clinician" sign it named was a
        mistake, so its hold from the entry goes with it, unless the corrected check-in names that sign still.
        Urgent-care ones stay (`keep_urgent_warnings`)."""
        named = {sign.question.id for sign in check_in_signs([corrected] if corrected else [], self._zone)}
        lifted = [
            warning.id
            for warning in self._journal.safety_warnings()
            if warning.id is not None
            and warning.check_in_id == check_in_id
            and AdviceLevel.named(warning.level) is not AdviceLevel.URGENT
            and warning.question_id not in named
        ]
        if lifted:
            self._journal.forget_safety_warnings(lifted)

    def urgent_holds(self) -> list[SafetyWarning]:
        """The urgent-care warnings that stand now and have not reached their end, one per sign (its latest end):
        what deleting everything keeps, stripped to the sign (a check-in's with its words), its level and its end."""
        now = self._clock()
        standing = self.standing()
        urgent = AdviceLevel.URGENT
        # A check-in's sign keeps its own words: its question alone ("Since your back pain started, have you had
        # ...?") read as something the person had answered yes to.
        ends = [
            SafetyWarning(reason.question.id, urgent.stored_name, reason.answered_at + ANSWER_AGAIN_AFTER[urgent])
            for reason in standing.standing_reasons
            if reason.question.level is urgent
        ] + [
            SafetyWarning(
                reason.sign.question.id,
                urgent.stored_name,
                sign_held_until(reason.sign),
                title=reason.sign.title,
                named=reason.sign.named,
                sign_rules=reason.sign.sign_rules,
            )
            for reason in standing.standing_check_in_reasons
            if reason.sign.urgent
        ]
        latest: dict[str, SafetyWarning] = {}
        for warning in ends:
            held = latest.get(warning.question_id)
            if warning.held_until > now and (held is None or warning.held_until > held.held_until):
                latest[warning.question_id] = warning
        return list(latest.values())

    def _check_ins_that_may_warn(self, since: datetime) -> list[CheckIn]:
        """Only the check-ins a sign could come from (a numb or tingling place, a place below the knee, a note whose
        words warn, alone or with a place rated, or whose sign came without its words): months of daily check-ins
        are read as a few rows, so every page and session start stays quick."""
        from crest.services.checkins import may_name_with_its_pain  # the help system's rules read the notes

        worded = [
            check_in_id for check_in_id, note in self._journal.check_in_notes(since) if may_name_with_its_pain(note)
        ]
        worded += self._journal.check_ins_with_note_signs(since)
        qualities = [str(quality) for quality in LOSS_OF_FEELING]
        regions = [region.value for region in BELOW_THE_KNEE]
        return self._journal.check_ins_rating(since, qualities, regions, or_ids=worded)

    def record(self, answers: Mapping[str, bool]) -> SafetyStanding:
        """Keep the answers. While earlier answers still hold (their waiting time), they keep standing too."""
        assessment = assess(answers)
        screen = SafetyScreen(answered_at=self._clock(), answers=answers, advice_level=assessment.level.stored_name)
        self._journal.record_safety_screen(screen)
        self.interrupt_rests_it_stops()
        return self.standing()

    def interrupt_rests_it_stops(self) -> None:
        """After a warning sign is saved: no rest may go on while it stands, so a rest left running reads as what it
        is, interrupted with the time it rested, at once at every door (not "In progress" until the sweep)."""
        if self.standing().concern_stands:
            interrupt_running_rests(self._journal, self._clock())

    def record_clearance(self, clinician: str, cleared_on: date) -> SafetyStanding:
        """A clinician checked the answers that advise seeing one and cleared the person to practise.

        It covers the "see a clinician first" answers that stand now; urgent-care signs are never cleared this way.
        """
        standing = self.standing()
        now = self._clock()
        today = now.astimezone(self._zone).date()
        if standing.level is AdviceLevel.URGENT:
            raise ClearanceRefused(
                "urgent-care signs cannot be cleared here: please seek urgent medical care. "
                f"Nothing was recorded. {standing.explanation()}"
            )
        if not standing.may_be_cleared:
            raise ClearanceRefused(
                "no answer or check-in that advises seeing a clinician stands now; there is nothing to clear"
            )
        if cleared_on > today:
            raise ClearanceRefused(f"the day of the clearance, {cleared_on}, is in the future")
        # A clinician can only clear what was there to check: an all-clear dated before the newest answer or check-in
        # it would cover cannot have seen it.
        newest = (
            max(
                [reason.answered_at for reason in standing.clearable]
                + [reason.sign.at for reason in standing.clearable_check_ins]
            )
            .astimezone(self._zone)
            .date()
        )
        if cleared_on < newest:
            raise ClearanceRefused(
                f"the day of the clearance, {cleared_on}, is before the answer it clears ({newest}); "
                "nothing was recorded"
            )
        if today - cleared_on >= CLEARANCE_VALID_FOR:
            raise ClearanceRefused(
                f"a clearance stands for {CLEARANCE_VALID_FOR.days} days; one from {cleared_on} has run out. "
                "Please ask your clinician again"
            )
        clearance = SafetyClearance(
            recorded_at=now,
            clinician=clinician,
            cleared_on=cleared_on,
            question_ids=tuple(
                [reason.question.id for reason in standing.clearable]
                + [reason.sign.question.id for reason in standing.clearable_check_ins]
            ),
        )
        self._journal.record_safety_clearance(clearance)
        return self.standing()

    def clearances(self) -> list[SafetyClearance]:
        return self._journal.safety_clearances()

    def require_may_lie_on_back(self, standing: SafetyStanding | None = None) -> None:
        """Before a position check: it checks and coaches lying in the position, so not while a concern stands (as
        no session starts then: "don't go back to resting until you have been seen"), nor on the back while
        side-lying is advised, nor before the safety questions are answered (first, or again when due): they come
        before lying in the position, as before a session."""
        standing = self.standing() if standing is None else standing  # a page that read it passes it
        if standing.concern_stands:
            raise PositionCheckNotAdvised(f"no position check was started: {standing.explanation()}")
        if standing.side_lying_only:
            raise PositionCheckNotAdvised(ON_BACK_NOT_ADVISED)
        if standing.due:
            raise PositionCheckNotAdvised(CHECK_NEEDS_ANSWERS)
        self._refuse_while_a_sign_may_hide(PositionCheckNotAdvised, "no position check was started")

    def require_may_be_reminded(self) -> None:
        """Before a calendar reminder is made: not while a concern stands, nor while a row that may hold a warning
        sign cannot be read, as no session starts then."""
        standing = self.standing()
        if standing.concern_stands:
            raise ReminderNotAdvised(f"{NO_REMINDER}{no_reminder_because(standing.explanation())}")
        self._refuse_while_a_sign_may_hide(ReminderNotAdvised, NO_REMINDER.removesuffix(": "))

    def _refuse_while_a_sign_may_hide(self, refusal: type[CrestError], what: str) -> None:
        """A row the reads left out may hold a warning sign: the gates fail closed until it is put right."""
        hidden = [row for row in self._journal.unreadable_rows() if row.table in MAY_HOLD_A_WARNING_SIGN]
        line = left_out_line(hidden, f"{what}: a warning sign may be in")
        if line is not None:
            raise refusal(line)

    def require_may_practise(self, variant: str) -> SafetyStanding:
        """The gate before a session starts: refuses while a concern stands, whatever else was confirmed.

        While the answers advise resting on the side (pregnancy), only the side-lying rest may start.
        """
        standing = self.standing()
        if standing.concern_stands:
            raise SafetyConcernStands(f"no session was started: {standing.explanation()}")
        self._refuse_while_a_sign_may_hide(SafetyConcernStands, "no session was started")
        if not standing.may_practise(variant) and standing.level is not None:
            raise SafetyConcernStands(
                f"no session was started: {standing.explanation()} Choose the side-lying rest (variant side_lying)."
            )
        return standing
