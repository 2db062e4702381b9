"""Reading an export back: every value is checked where it is read, so an error names its file, line and field."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from crest.breath.result import BreathResult
from crest.errors import CrestError, FieldError
from crest.input_problems import echoed, quoted
from crest.journal.breath_record import MAX_RATE_BPM, check_breath
from crest.journal.plausibility import (
    CLOCK_AHEAD,
    ImpossibleRecord,
    check_imported_check_in,
    check_imported_session,
    check_moment,
)
from crest.journal.records import (
    MAX_RECORD_ID,
    CheckIn,
    InvalidRating,
    InvalidSafetyAnswers,
    JournalContents,
    PainRating,
    PracticeSession,
    PsfsActivity,
    PsfsAssessment,
    SafetyClearance,
    SafetyScreen,
    SafetyWarning,
    UnknownSensation,
    UnknownTiming,
    check_activity_name,
    check_advice_level,
    check_answers,
    check_comparison,
    check_elapsed,
    check_note,
    check_planned_minutes,
    check_position_summary,
    check_psfs_score,
    check_rule_names,
    check_score,
    check_status,
    check_text,
    check_timing,
    check_variant,
    parse_datetime,
    parse_day,
    parse_quality,
    parse_region,
    parse_sensation,
    parse_side,
)
from crest.journal.transfer.fields import LIST_SEPARATOR, NO, YES
from crest.journal.vocabulary import PainQuality, Side
from crest.safety.screen import (
    ANSWER_AGAIN_AFTER,
    KNOWN_QUESTIONS,
    AdviceLevel,
    may_clear,
    unknown_question_ids,
    yes_answers,
)
from crest.safety.worse_check_in import HELP_WARNING_QUESTIONS

if TYPE_CHECKING:
    from crest.accounts.records import SyncedSessionNote

T = TypeVar("T")
Fields = Mapping[str, Any]


class InvalidImportFile(CrestError):
    """A file that cannot be imported; the message names the file, the line and the field."""


class NotAnExportFile(InvalidImportFile):
    """A file with no export in it at all (empty, or a zip that cannot be read): each door says how to make a right
    one in its own words, the terminal's command (`crest export`) and the browser's buttons (`in_browser`)."""

    def __init__(self, problem: str, made: str = "the file") -> None:
        super().__init__(f"{problem}; give {made} `crest export` wrote")
        self.problem = problem

    def in_browser(self) -> str:
        return f"{self.problem}; choose a file made with Export JSON or Export CSV (or “crest export”)"


# A file of some other program: what crest can read, rather than every column it expected.
# Said by the browser's Restore too, which cannot upload a folder (crest import --help offers the unzipped folder).
NOT_AN_EXPORT = "this is not a crest export; crest imports the JSON file or the CSV zip that it exports"


def not_an_export(source: str, why: str = NOT_AN_EXPORT) -> InvalidImportFile:
    """A file that is no crest file at all, said of the whole file: "line 1" pointed at a line of another program's
    file as if that line were the one to mend. A crest file with one bad line still names its line (`Place`)."""
    return InvalidImportFile(f"{source}: {why}")


class BadValue(CrestError):
    """A value of the wrong type; always reported inside an `InvalidImportFile` message."""


# A message quotes the value it refuses, and a hostile file's value can be megabytes: the quote keeps its start and
# its end (where the message says what is wrong), so the error stays one line a person can read.
MESSAGE_HEAD = 160
MESSAGE_TAIL = 80


def _clipped(message: str) -> str:
    left_out = len(message) - MESSAGE_HEAD - MESSAGE_TAIL
    if left_out <= 40:
        return message
    return f"{message[:MESSAGE_HEAD]} ... ({left_out:,} characters left out) ... {message[-MESSAGE_TAIL:]}"


@dataclass(frozen=True)
class Place:
    source: str
    line: int
    # A JSON record's path, 'check_ins[3]': a line holds several records in a file written on one line, so the line
    # alone cannot lead the person to the record. None for a CSV row, which its line names.
    record: str | None = None

    def error(self, field_name: str | None, message: str) -> InvalidImportFile:
        where = f"{self.source} line {self.line}"
        if field_name:
            where += f", field {self.record}.{field_name}" if self.record else f", field {field_name}"
        elif self.record:
            where += f", record {self.record}"
        return InvalidImportFile(f"{where}: {_clipped(message)}")


def read_field(place: Place, fields: Fields, name: str, convert: Callable[[Any], T], prefix: str = "") -> T:
    """Convert `fields[name]`; a problem is reported as this place and field (`prefix` for nested ones)."""
    if name not in fields:
        raise place.error(prefix + name, "missing")
    try:
        return convert(fields[name])
    except CrestError as error:
        raise place.error(prefix + name, str(error)) from None


MAX_DIGITS = 100  # far more than any id, count or score; far fewer than the thousands int() refuses to read
_TOO_LARGE = f"a number of more than {MAX_DIGITS} digits is larger than anything crest stores"


def whole_number(value: Any) -> int:
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        if len(value.strip().lstrip("-")) > MAX_DIGITS:
            raise BadValue(_TOO_LARGE)
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10**MAX_DIGITS:
            raise BadValue(_TOO_LARGE)
        return value
    raise BadValue(f"{echoed(value)} is not a whole number")


def optional_whole_number(value: Any) -> int | None:
    return None if value is None or value == "" else whole_number(value)


def text_value(value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue(f"{echoed(value)} is not text")
    return check_text(value, "this value")


def true_or_false(value: Any) -> bool:
    """A session's flag (logged, demo): true/false in JSON, `true`, `false` or empty in CSV."""
    if isinstance(value, bool):
        return value
    if value in ("", "false"):
        return False
    if value == "true":
        return True
    raise BadValue(f"{echoed(value)} is not true or false")


def optional_rate_bpm(value: Any) -> float | None:
    """A breathing rate in a CSV cell: breaths a minute, or empty."""
    if value in (None, ""):
        return None
    try:
        rate = float(value)
    except (TypeError, ValueError):
        raise BadValue(f"{echoed(value)} is not a number of breaths a minute") from None
    if not 0 < rate <= MAX_RATE_BPM:
        raise BadValue(f"{rate:g} breaths a minute is outside 0-{MAX_RATE_BPM:g}")
    return rate


def optional_count(value: Any) -> int | None:
    """How many times something happened, in a CSV cell: a whole number from 0, or empty."""
    count = optional_whole_number(value)
    if count is not None and count < 0:
        raise BadValue(f"{count} is not a count (a whole number from 0)")
    return count


def optional_breath(value: Any) -> BreathResult | None:
    return None if value is None else check_breath(value)


def optional_text_value(value: Any) -> str | None:
    return None if value is None or value == "" else text_value(value)


def moment(value: Any) -> datetime:
    return parse_datetime(text_value(value))


UID_PATTERN = r"^[0-9a-f]{32}$"  # what `crest sync` names a record by at both ends


def record_uid(value: Any) -> str:
    """A synced record's uid as an export carries it."""
    if not isinstance(value, str) or not re.fullmatch(UID_PATTERN, value):
        raise BadValue("expected 32 lowercase hexadecimal digits, as crest writes a record's uid")
    return value


def record_id(value: Any) -> int:
    number = whole_number(value)
    if not 1 <= number <= MAX_RECORD_ID:
        raise BadValue(f"id {number} must be from 1 to {MAX_RECORD_ID}")
    return number


def optional_record_id(value: Any) -> int | None:
    return None if value is None or value == "" else record_id(value)


def name_set(value: Any) -> frozenset[str]:
    """Sensations: a JSON list, or `a;b` in CSV."""
    if isinstance(value, str):
        return frozenset(part for part in value.split(LIST_SEPARATOR) if part)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(text_value(item) for item in value)
    raise BadValue(f"{echoed(value)} is not a list of sensations")


def answer_set(value: Any) -> dict[str, bool]:
    """Safety answers: a JSON object of booleans, or `question=yes;question=no` in CSV."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise BadValue(f"{echoed(value)} is not a set of answers")
    answers: dict[str, bool] = {}
    for part in value.split(LIST_SEPARATOR):
        question, equals, answer = part.partition("=")
        if not equals or answer not in (YES, NO):
            raise InvalidSafetyAnswers(f"cannot read the answer {quoted(part)}; write question=yes or question=no")
        answers[question] = answer == YES
    return answers


def check_in_error_field(error: CrestError) -> str | None:
    """Which field a cross-field complaint from `CheckIn` is about."""
    fields: Mapping[type[CrestError], str] = {
        UnknownTiming: "timing",
        InvalidRating: "pain",
        UnknownSensation: "sensations",
    }
    return fields.get(type(error))


def reject_unknown(place: Place, fields: Fields, known: Sequence[str], prefix: str = "") -> None:
    for name in fields:
        if name not in known:
            raise place.error(prefix + name, "unknown field")


def session_record(place: Place, fields: Fields, started_at_name: str) -> PracticeSession:
    return PracticeSession(
        id=read_field(place, fields, "id", record_id),
        started_at=read_field(place, fields, started_at_name, moment),
        planned_minutes=read_field(
            place, fields, "planned_minutes", lambda value: check_planned_minutes(whole_number(value))
        ),
        actual_seconds=read_field(place, fields, "actual_seconds", lambda value: check_elapsed(whole_number(value))),
        variant=read_field(place, fields, "variant", lambda value: check_variant(text_value(value))),
        status=read_field(place, fields, "status", lambda value: check_status(text_value(value))),
        position_check_summary=read_field(
            place, fields, "position_check_summary", lambda value: check_position_summary(optional_text_value(value))
        ),
        # Files written before sessions could be logged have no such field: those sessions were all timed.
        logged=read_field(place, {"logged": False, **fields}, "logged", true_or_false),
        # Files written before breath readings (and CSV files, which carry only its rate) have none.
        breath=read_field(place, {"breath": None, **fields}, "breath", optional_breath),
        # Files written before demos were told apart have no such field: nothing then said which sessions were.
        demo=read_field(place, {"demo": False, **fields}, "demo", true_or_false),
    )


def pain_record(place: Place, fields: Fields, prefix: str = "") -> PainRating:
    region = read_field(place, fields, "region", lambda text: parse_region(text_value(text)), prefix)
    side = read_field(
        place, fields, "side", lambda text: None if text in (None, "") else parse_side(text_value(text)), prefix
    )
    # A file from before the side of a pair was asked for holds the whole place as no side (or a pair's as
    # `centre`): it is read as the journal's migration r0007 read the same ratings, so a backup restores what the
    # journal held.
    whole_place = side is None or (side is Side.CENTRE and region.has_sides)
    return PainRating(
        region=region,
        side=region.usual_side if whole_place else side,
        score=read_field(place, fields, "score", lambda text: check_score(whole_number(text)), prefix),
        quality=read_field(place, fields, "quality", _optional_quality, prefix) if "quality" in fields else None,
    )  # exports written before pain qualities existed have none


def _optional_quality(value: Any) -> PainQuality | None:
    return None if value in (None, "") else parse_quality(text_value(value))


def check_in_record(place: Place, fields: Fields, pain: tuple[PainRating, ...]) -> CheckIn:
    values: dict[str, Any] = {
        "id": read_field(place, fields, "id", record_id),
        "at": read_field(place, fields, "at", moment),
        "timing": read_field(place, fields, "timing", lambda value: check_timing(text_value(value))),
        "session_id": read_field(place, fields, "session_id", optional_whole_number),
        "sensations": read_field(
            place,
            fields,
            "sensations",
            lambda value: frozenset(parse_sensation(name) for name in name_set(value)),
        ),
        "compared_with_before": read_field(
            place,
            fields,
            "compared_with_before",
            lambda value: None if value in (None, "") else check_comparison(text_value(value)),
        ),
        "note": read_field(place, fields, "note", lambda value: check_note(optional_text_value(value))),
        "note_signs": note_signs_record(place, fields),
        "note_sign_rules": read_field(place, {"note_sign_rules": [], **fields}, "note_sign_rules", rule_names),
    }
    try:
        return CheckIn(pain=pain, **values)
    except FieldError as error:
        raise place.error(error.field, error.reason) from None
    except CrestError as error:
        raise place.error(check_in_error_field(error), str(error)) from None


def known_note_sign(value: Any) -> str | None:
    """A warning sign this crest knows, or none: one it does not know is refused, never dropped, as it may hold
    practice."""
    sign = optional_text_value(value)
    if sign is not None and sign not in HELP_WARNING_QUESTIONS:
        raise BadValue(f"unknown warning sign {quoted(sign)}; this crest is older than the one that read it: update it")
    return sign


def note_signs_record(place: Place, fields: Fields) -> tuple[str, ...]:
    """The signs read in a check-in's note: the most urgent (`note_sign`), then every one (`note_signs`, written
    only when there are several), each once. Files and crests from before signs travelled have neither field (their
    notes were read where they were); those from before several travelled, the most urgent alone."""
    first = read_field(place, {"note_sign": None, **fields}, "note_sign", known_note_sign)
    every = read_field(place, {"note_signs": [], **fields}, "note_signs", known_note_signs)
    return tuple(dict.fromkeys((*(() if first is None else (first,)), *every)))


def known_note_signs(value: Any) -> tuple[str, ...]:
    """A list of warning signs this crest knows (`known_note_sign`)."""
    if not isinstance(value, list):
        raise BadValue(f"{echoed(value)} is not a list of warning signs")
    signs = tuple(known_note_sign(text_value(item)) for item in value)
    return tuple(sign for sign in signs if sign is not None)


def rule_names(value: Any) -> tuple[str, ...]:
    """A list of red-flag rules' names (`check_rule_names`): one this crest does not know is kept, and its sign
    named by its help entry."""
    if not isinstance(value, list):
        raise BadValue(f"{echoed(value)} is not a list of warning signs' rules")
    return check_rule_names(text_value(item) for item in value)


def known_answers(value: Any) -> dict[str, bool]:
    """Answers to questions this crest asks, or asked once (retired ones keep their level); others are refused."""
    answers = check_answers(answer_set(value))
    unknown = unknown_question_ids(answers)
    if unknown:
        raise InvalidSafetyAnswers(f"unknown safety question {', '.join(quoted(name) for name in unknown[:3])}")
    return answers


def screen_record(place: Place, fields: Fields, answered_at_name: str) -> SafetyScreen:
    """A set of answers; its advice level is recomputed from them, so that a file can never hide a "yes"."""
    answers = read_field(place, fields, "answers", known_answers)
    read_field(place, fields, "advice_level", lambda value: check_advice_level(text_value(value)))
    derived = max((question.level for question in yes_answers(answers)), default=AdviceLevel.CLEAR)
    return SafetyScreen(
        id=read_field(place, fields, "id", record_id),
        answered_at=read_field(place, fields, answered_at_name, moment),
        answers=answers,
        advice_level=derived.stored_name,
    )


def clearable_ids(value: Any) -> tuple[str, ...]:
    """The answers a clinician's all-clear covers: a JSON list, or ids separated by `;` in CSV."""
    ids = value.split(LIST_SEPARATOR) if isinstance(value, str) else value
    if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
        raise BadValue(f"{echoed(value)} is not a list of question ids")
    for question_id in ids:
        question = KNOWN_QUESTIONS.get(question_id)
        if question is None:
            raise BadValue(f"unknown safety question {quoted(question_id)}")
        if not may_clear(question):
            raise BadValue(f"{quoted(question_id)} is a sign a clinician's all-clear does not lift here")
    return tuple(ids)


def clearance_record(place: Place, fields: Fields, recorded_at_name: str) -> SafetyClearance:
    values: dict[str, Any] = {
        "id": read_field(place, fields, "id", record_id),
        "recorded_at": read_field(place, fields, recorded_at_name, moment),
        "clinician": read_field(place, fields, "clinician", text_value),
        "cleared_on": read_field(place, fields, "cleared_on", lambda value: parse_day(text_value(value))),
        "question_ids": read_field(place, fields, "question_ids", clearable_ids),
    }
    try:
        return SafetyClearance(**values)
    except CrestError as error:
        raise place.error(None, str(error)) from None


# The levels a warning is kept apart from what raised it at: urgent care (`Safety.keep_urgent_warnings`), and both
# for a sign entered after the time it tells of (`Safety.hold_from_entry`).
KEPT_LEVELS = (AdviceLevel.URGENT.stored_name, AdviceLevel.SEE_CLINICIAN.stored_name)


def kept_level(value: Any) -> str:
    level = check_advice_level(text_value(value))
    if level not in KEPT_LEVELS:
        raise BadValue(f"{quoted(level)} is not {' or '.join(map(quoted, KEPT_LEVELS))}: only warning signs are kept")
    return level


def known_question_id(value: Any) -> str:
    question_id = text_value(value)
    if question_id not in KNOWN_QUESTIONS:
        raise BadValue(f"unknown safety question {quoted(question_id)}")
    return question_id


def optional_moment(value: Any) -> datetime | None:
    return None if value is None or value == "" else moment(value)


def warning_record(place: Place, fields: Fields) -> SafetyWarning:
    values: dict[str, Any] = {
        "question_id": read_field(place, fields, "question_id", known_question_id),
        "level": read_field(place, fields, "level", kept_level),
        "held_until": read_field(place, fields, "held_until", moment),
        "raised_at": read_field(place, fields, "raised_at", optional_moment),
        "check_in_id": read_field(place, fields, "check_in_id", optional_record_id),
        "title": read_field(place, fields, "title", optional_text_value),
        "named": read_field(place, fields, "named", optional_text_value),
        "sign_rules": read_field(place, {"sign_rules": [], **fields}, "sign_rules", rule_names),
    }
    try:
        return SafetyWarning(**values)
    except CrestError as error:
        raise place.error(None, str(error)) from None


def psfs_activity_record(place: Place, fields: Fields, prefix: str = "") -> PsfsActivity:
    return PsfsActivity(
        name=read_field(place, fields, "name", lambda value: check_activity_name(text_value(value)), prefix),
        score=read_field(place, fields, "score", lambda value: check_psfs_score(whole_number(value)), prefix),
    )


def psfs_record(place: Place, fields: Fields, activities: tuple[PsfsActivity, ...]) -> PsfsAssessment:
    return psfs_round(
        place, read_field(place, fields, "id", record_id), read_field(place, fields, "at", moment), activities
    )


def psfs_round(place: Place, assessment_id: int, at: datetime, activities: tuple[PsfsActivity, ...]) -> PsfsAssessment:
    try:
        return PsfsAssessment(at=at, activities=activities, id=assessment_id)
    except CrestError as error:
        raise place.error("activities", str(error)) from None


@contextmanager
def _at(place: Place) -> Iterator[None]:
    """An impossible record, reported at its place in the file."""
    try:
        yield
    except ImpossibleRecord as error:
        raise place.error(error.field, error.reason) from None


# The records that carry uids (those `crest sync` sends), by their section's name; what a message calls each.
UID_KINDS: Mapping[str, str] = {
    "sessions": "session",
    "check_ins": "check-in",
    "safety_screens": "safety screen",
    "psfs": "PSFS",
}


class Collector:
    """Gathers validated records and checks ids and references across the file; with `now`, also that each time
    could have happened (what an import into a journal checks)."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now
        self.sessions: list[PracticeSession] = []
        self.check_ins: list[tuple[Place, CheckIn]] = []
        self.pain: dict[int, list[PainRating]] = {}
        self.screens: list[SafetyScreen] = []
        self.clearances: list[SafetyClearance] = []
        self.settings: dict[str, str] = {}
        self.psfs: list[PsfsAssessment] = []
        self.psfs_rounds: list[tuple[Place, int, datetime]] = []  # CSV: their activities come on later rows
        self.psfs_activities: dict[int, list[PsfsActivity]] = {}
        self._session_ids: set[int] = set()
        self._check_in_ids: set[int] = set()
        self._screen_ids: set[int] = set()
        self._clearance_ids: set[int] = set()
        self._psfs_ids: set[int] = set()
        self.uids: dict[str, dict[int, str]] = {kind: {} for kind in UID_KINDS}  # by kind, then record id
        # The same uids, to find one given twice without a scan per record.
        self._uid_sets: dict[str, set[str]] = {kind: set() for kind in UID_KINDS}
        self.session_notes: list[tuple[Place, SyncedSessionNote]] = []
        self.warnings: list[tuple[Place, SafetyWarning]] = []

    @staticmethod
    def _unique(place: Place, seen: set[int], record_id: int | None, kind: str) -> None:
        assert record_id is not None  # every imported record is read with its id
        if record_id in seen:
            raise place.error("id", f"{kind} id {record_id} appears twice")
        seen.add(record_id)

    def add_session(self, place: Place, session: PracticeSession, demo_said: bool) -> None:
        """`demo_said`: whether the file says if the session is a demo (older crests' files do not)."""
        self._unique(place, self._session_ids, session.id, "session")
        if self._now is not None:
            with _at(place):
                session = check_imported_session(session, self._now, demo_said)
        self.sessions.append(session)

    def add_uid(self, place: Place, kind: str, fields: Fields) -> None:
        """The uid in `fields` of the record of `kind` (its section's name) read from them."""
        uid = read_field(place, fields, "uid", record_uid)
        if uid in self._uid_sets[kind]:
            raise place.error("uid", f"{UID_KINDS[kind]} uid {uid} appears twice")
        self._uid_sets[kind].add(uid)
        self.uids[kind][read_field(place, fields, "id", record_id)] = uid

    def add_session_note(self, place: Place, note: SyncedSessionNote) -> None:
        self.session_notes.append((place, note))

    def add_check_in(self, place: Place, check_in: CheckIn) -> None:
        self._unique(place, self._check_in_ids, check_in.id, "check-in")
        if self._now is not None:
            with _at(place):
                check_imported_check_in(check_in, self._now)
        self.check_ins.append((place, check_in))

    def add_pain(self, place: Place, check_in_id: int, rating: PainRating) -> None:
        if check_in_id not in self._check_in_ids:
            raise place.error("check_in_id", f"no check-in {check_in_id} comes before this pain rating")
        self.pain.setdefault(check_in_id, []).append(rating)

    def add_screen(self, place: Place, screen: SafetyScreen) -> None:
        self._unique(place, self._screen_ids, screen.id, "safety screen")
        self.screens.append(screen)

    def add_clearance(self, place: Place, clearance: SafetyClearance) -> None:
        self._unique(place, self._clearance_ids, clearance.id, "clearance")
        self.clearances.append(clearance)

    def add_warning(self, place: Place, warning: SafetyWarning) -> None:
        """A kept warning: held no longer than its level's waiting time from now (a file cannot make one stand for
        good), raised at a time that could have happened."""
        if self._now is not None:
            level = AdviceLevel.named(warning.level)
            longest = ANSWER_AGAIN_AFTER[level]
            if warning.held_until > self._now + longest + CLOCK_AHEAD:
                raise place.error(
                    "held_until",
                    f"{warning.held_until:%Y-%m-%d %H:%M} is more than {longest.days} days ahead; "
                    f"a warning sign to {level.advice} is held {longest.days} days at most",
                )
            if warning.raised_at is not None:
                with _at(place):
                    check_moment(warning.raised_at, self._now, "raised_at", "the time the warning was raised")
        self.warnings.append((place, warning))

    def add_setting(self, place: Place, key: str, value: str) -> None:
        if not key.strip():
            raise place.error("key", "empty setting name")
        if key in self.settings:
            raise place.error("key", f"setting {quoted(key)} appears twice")
        self.settings[key] = value

    def add_psfs(self, place: Place, assessment: PsfsAssessment) -> None:
        self._unique(place, self._psfs_ids, assessment.id, "PSFS")
        self._check_time(place, assessment.at)
        self.psfs.append(assessment)

    def add_psfs_round(self, place: Place, assessment_id: int, at: datetime) -> None:
        self._unique(place, self._psfs_ids, assessment_id, "PSFS")
        self._check_time(place, at)
        self.psfs_rounds.append((place, assessment_id, at))

    def _check_time(self, place: Place, at: datetime) -> None:
        if self._now is not None:
            with _at(place):
                check_moment(at, self._now, "at", "the PSFS time")

    def add_psfs_activity(self, place: Place, assessment_id: int, activity: PsfsActivity) -> None:
        if assessment_id not in self._psfs_ids:
            raise place.error("assessment_id", f"no PSFS entry {assessment_id} comes before this activity")
        self.psfs_activities.setdefault(assessment_id, []).append(activity)

    def _psfs_contents(self) -> list[PsfsAssessment]:
        assessments = list(self.psfs)
        for place, assessment_id, at in self.psfs_rounds:
            activities = tuple(self.psfs_activities.get(assessment_id, ()))
            assessments.append(psfs_round(place, assessment_id, at, activities))
        return sorted(assessments, key=lambda record: record.id or 0)

    def contents(self) -> JournalContents:
        check_ins = []
        for place, check_in in self.check_ins:
            if check_in.session_id is not None and check_in.session_id not in self._session_ids:
                raise place.error("session_id", f"there is no session {check_in.session_id} in this file")
            pain = tuple(self.pain.get(check_in.id or 0, ()))
            try:
                check_ins.append(replace(check_in, pain=check_in.pain + pain))
            except CrestError as error:
                raise place.error("pain", str(error)) from None
        for place, note in self.session_notes:
            if note.session_uid not in self._uid_sets["sessions"]:
                raise place.error("session_uid", f"there is no session with uid {note.session_uid} in this file")
        for place, warning in self.warnings:
            if warning.check_in_id is not None and warning.check_in_id not in self._check_in_ids:
                raise place.error("check_in_id", f"there is no check-in {warning.check_in_id} in this file")
        return JournalContents(
            sessions=tuple(sorted(self.sessions, key=lambda record: record.id or 0)),
            check_ins=tuple(sorted(check_ins, key=lambda record: record.id or 0)),
            safety_screens=tuple(sorted(self.screens, key=lambda record: record.id or 0)),
            settings=dict(sorted(self.settings.items())),
            safety_clearances=tuple(sorted(self.clearances, key=lambda record: record.id or 0)),
            psfs=tuple(self._psfs_contents()),
            session_notes=tuple(note for _, note in self.session_notes),
            session_uids=self.uids["sessions"],
            check_in_uids=self.uids["check_ins"],
            screen_uids=self.uids["safety_screens"],
            psfs_uids=self.uids["psfs"],
            safety_warnings=tuple(warning for _, warning in self.warnings),
        )
