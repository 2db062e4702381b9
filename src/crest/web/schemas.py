"""The JSON shapes of the API. Values are checked by the journal's own parsers, so the rules live in one place."""

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args
from zoneinfo import available_timezones

from fastapi import Path, Query
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from crest.breath.reasons import Reason
from crest.breath.result import BreathResult
from crest.durations import rested_text
from crest.errors import BIDI_CONTROLS, CrestError, FieldError
from crest.input_problems import not_a_date
from crest.interop.ical import CLOCK_TIME_PATTERN, WEEKDAYS_PATTERN
from crest.journal import records
from crest.journal.breath_record import MAX_BREATH_S, MAX_MOVEMENTS, MAX_WINDOWS, check_breath
from crest.journal.plausibility import MAX_CLOCK_SPEED
from crest.journal.vocabulary import CheckInTiming, Comparison, SessionStatus
from crest.journal.vocabulary import PainQuality as QualityName
from crest.journal.vocabulary import Region as RegionName
from crest.journal.vocabulary import Sensation as SensationName
from crest.journal.vocabulary import Side as SideName
from crest.protocol.model import VariantName
from crest.safety.screen import QUESTIONS
from crest.safety.worse_check_in import WarningSign, WorseAdvice
from crest.services.preferences import Preferences

RecordId = Annotated[int, Path(ge=1, le=records.MAX_RECORD_ID)]
# The record's uid, as the page offering an edit or a delete was given it: a record deleted since and followed by
# one with its id (SQLite reuses the newest deleted id) answers 409 instead of changing that one; optional.
RecordUid = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=32,
        description="the record's uid when the edit or delete was offered: 409 if the id names another record now",
    ),
]
# The uid of the record a new one follows, as the page was given it: one deleted in another tab since (its id may
# name a newer record now) is not linked, and the new record is kept on its own.
FOLLOWED_UID = "as the page was given it: a record deleted since (its id may name another now) is not linked"

# A day in a query, as 2026-05-01 only (pydantic would read 0 as 1970-01-01), from records.EARLIEST_DAY's year to
# records.LATEST_DAY's (tests/unit/web/test_day_pattern.py keeps them equal).
DAY_PATTERN = r"^([2-8][0-9]{3}|9000)-[0-9]{2}-[0-9]{2}$"


def _iso_day(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(DAY_PATTERN, value):
        try:
            day = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
        except ValueError:
            day = None
        if day is not None:  # a date, of a year before 2000 or after 9000: said as the terminal says it
            try:
                records.check_window_day(day)
            except CrestError as error:
                raise ValueError(error.message) from None
        raise ValueError(not_a_date(value))
    return value


Day = Annotated[
    date,
    BeforeValidator(_iso_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN}),
]
# A note as records.check_note takes it: plain text, where only tabs and line breaks may be control characters (C0,
# DEL, C1), and no bidirectional override or isolate, nor a zero-width character that joins nothing, may be.
NOTE_PATTERN = (
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    + "".join(f"\\u{ord(character):04x}" for character in sorted(BIDI_CONTROLS | records.NOTE_UNSEEN))
    + "]*$"
)
# A name as crest keeps it (spacing made single spaces): no control characters (hidden_control) but those Python
# counts as spacing (the tab, line breaks, \x1c-\x1f, \x85), and no bidirectional override or isolate.
PLAIN_TEXT_PATTERN = (
    r"^[^\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    + "".join(f"\\u{ord(character):04x}" for character in sorted(BIDI_CONTROLS))
    + "]*$"
)


def _read_with(parse: Callable[[str], str]) -> BeforeValidator:
    """Read text with the journal's own parser ('Lower back' is `lower_back`), so one rule decides everywhere."""

    def read(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the schema's own type check names the field
        try:
            # broken text first: pydantic cannot even carry a message that repeats a lone surrogate
            return parse(records.check_text(value, "this value"))
        except CrestError as error:
            raise ValueError(error.message) from None

    return BeforeValidator(read)


Region = Annotated[RegionName, _read_with(records.parse_region)]
Side = Annotated[SideName, _read_with(records.parse_side)]
Sensation = Annotated[SensationName, _read_with(records.parse_sensation)]
Quality = Annotated[QualityName, _read_with(records.parse_quality)]
FinishedStatus = Literal[SessionStatus.COMPLETED, SessionStatus.ENDED_EARLY, SessionStatus.INTERRUPTED]
ElapsedSeconds = Annotated[float, Field(ge=0, le=records.MAX_ELAPSED_S, description="seconds of session time so far")]


def as_sent(annotation: Any, value: Any) -> Any:
    """Refuse what pydantic would read loosely from JSON: "15" or true as a number, 0 or "yes" as true, or a number
    as a time (seconds since 1970). The schema promises JSON's own types; numbers like 24.0 stay whole."""
    kinds = set(get_args(annotation)) or {annotation}
    if value is None:
        return value
    if kinds & {int, float} and isinstance(value, str | bool):
        raise ValueError("must be a number, not text or true/false")
    if bool in kinds and not isinstance(value, bool):
        raise ValueError("must be true or false")
    if datetime in kinds and not (isinstance(value, str) and _WRITTEN_TIME.match(value)):
        raise ValueError("must be a time written like 2026-05-01T07:30:00+02:00")
    return value


# A time as ISO 8601 writes it (the schema's date-time): pydantic would also read "0" or "1700000000" in a string
# as seconds since 1970.
_WRITTEN_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


class JsonInput(BaseModel):
    """A request body: unknown fields refused, JSON numbers, booleans and times taken only as such."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _as_sent(cls, value: Any, field: ValidationInfo) -> Any:
        return as_sent(cls.model_fields[str(field.field_name)].annotation, value)


ClockSpeed = Annotated[
    float,
    Field(
        gt=0,
        le=MAX_CLOCK_SPEED,
        description="how much faster than real time the timer runs (demos, tests); above 1 the session is a demo, "
        "never counted as practice",
    ),
]


class SessionStart(JsonInput):
    planned_minutes: int = Field(ge=records.MIN_PLANNED_MINUTES, le=records.MAX_PLANNED_MINUTES)
    variant: VariantName = "standard"
    position_check_summary: str | None = Field(
        None,
        max_length=records.MAX_POSITION_SUMMARY_CHARACTERS,
        description="the camera check's last one-line summary, when one was done",
    )
    before_checkin_id: int | None = Field(
        None, ge=1, le=records.MAX_RECORD_ID, description="the check-in made just before: linked to this session"
    )
    before_checkin_uid: str | None = Field(
        None, min_length=1, max_length=32, description=f"that check-in's uid; {FOLLOWED_UID}"
    )
    clock_speed: ClockSpeed = 1.0


class SessionLogIn(JsonInput):
    """A session done without the app (on holiday, at a class), logged afterwards."""

    started_at: datetime = Field(description="when it started, ISO 8601 with a time zone; never in the future")
    minutes: int = Field(ge=records.MIN_PLANNED_MINUTES, le=records.MAX_PLANNED_MINUTES, description="minutes rested")
    variant: VariantName = "standard"


class BreathWindowIO(JsonInput):
    start_s: float = Field(ge=0, le=MAX_BREATH_S, description="seconds since the camera began reading")
    end_s: float = Field(ge=0, le=MAX_BREATH_S)
    rate_bpm: float | None = Field(description="breaths a minute; null: no reading, and `reason` says why")
    reason: Reason | None = None


class BreathMovementIO(JsonInput):
    at_s: float = Field(ge=0, le=MAX_BREATH_S, description="when a body movement (a shift, an arm) began")


class BreathIO(JsonInput):
    """The breath of a rest, read by the camera: the `breath` object of `crest check --json`; numbers only."""

    rate_bpm: float | None = Field(description="the median over the windows with a reading; null when none had one")
    windows: list[BreathWindowIO] = Field(max_length=MAX_WINDOWS)
    movements: list[BreathMovementIO] = Field(max_length=MAX_MOVEMENTS)

    def to_result(self) -> BreathResult:
        """Checked by the journal's own rules (`InvalidBreath`, 422, names what is wrong)."""
        return check_breath(self.model_dump())

    @classmethod
    def of(cls, result: BreathResult) -> "BreathIO":
        return cls.model_validate(result.to_json_dict())


class SessionCheckpoint(JsonInput):
    elapsed_s: ElapsedSeconds
    clock_speed: ClockSpeed = 1.0
    breath: BreathIO | None = Field(
        None, description="the camera's breath reading so far, when one is being taken: kept if the rest never ends"
    )


class SessionFinish(JsonInput):
    elapsed_s: ElapsedSeconds
    status: FinishedStatus
    clock_speed: ClockSpeed = 1.0
    breath: BreathIO | None = Field(None, description="the camera's breath reading of the rest, when one was taken")


class SessionUpdate(JsonInput):
    """A correction to a finished session; when it started and how long was planned stay as they were."""

    variant: VariantName
    actual_seconds: int = Field(
        ge=0,
        le=records.MAX_PLANNED_MINUTES * 60,
        description="seconds rested (870 is shown as '14 min 30 s'), at most the session's planned minutes (more: 409)",
    )
    status: FinishedStatus

    def to_record(self) -> records.SessionEdit:
        return records.SessionEdit(variant=self.variant, actual_seconds=self.actual_seconds, status=self.status)


class SessionOut(BaseModel):
    id: int
    started_at: datetime
    planned_minutes: int
    actual_seconds: int = Field(description="seconds rested")
    rested: str = Field(description="the time rested as crest shows it everywhere: '14 min 30 s', '15 min', '9 s'")
    variant: str
    status: str
    position_check_summary: str | None
    logged: bool = Field(description="done without the app and logged afterwards, not timed")
    breath: BreathIO | None = Field(description="the camera's breath reading of the rest; null when none was taken")
    demo: bool = Field(description="run on a clock faster than real time: kept, never counted as practice")

    @classmethod
    def of(cls, session: records.PracticeSession) -> "SessionOut":
        assert session.id is not None
        return cls(
            id=session.id,
            started_at=session.started_at,
            planned_minutes=session.planned_minutes,
            actual_seconds=session.actual_seconds,
            rested=rested_text(session.actual_seconds),
            variant=session.variant,
            status=session.status,
            position_check_summary=session.position_check_summary,
            logged=session.logged,
            breath=None if session.breath is None else BreathIO.of(session.breath),
            demo=session.demo,
        )


class PainIn(JsonInput):
    region: Region
    side: Side | None = Field(
        None,
        description="left, right or both; needed for a place that comes in pairs (422 without it), left out on the "
        "midline for the whole place (centre)",
    )
    score: int = Field(ge=records.MIN_PAIN_SCORE, le=records.MAX_PAIN_SCORE, description="0 no pain, 10 worst")
    quality: Quality | None = Field(None, description="what the pain is like")


def _at_most_once(region: RegionName, side: SideName | None) -> dict[str, Any]:
    """JSON Schema for "this place is rated at most once" (no side given and side null are the same place)."""
    side_schema = {"type": "null"} if side is None else {"const": side.value}  # a null const would be dropped
    place: dict[str, Any] = {"properties": {"region": {"const": region.value}, "side": side_schema}}
    if side is not None:
        place["required"] = ["side"]
    return {"contains": place, "minContains": 0, "maxContains": 1}


class CheckInIn(JsonInput):
    at: datetime | None = Field(None, description="ISO 8601 with a time zone; now when left out")
    timing: CheckInTiming = CheckInTiming.STANDALONE
    session_id: int | None = Field(None, ge=1, le=records.MAX_RECORD_ID)
    session_uid: str | None = Field(
        None, min_length=1, max_length=32, description=f"that session's uid; {FOLLOWED_UID}"
    )
    pain: list[PainIn] = Field(
        default_factory=list,
        max_length=len(RegionName) * len(SideName),
        description="one score per place: a region and side rated twice answers 422",
        json_schema_extra={"allOf": [_at_most_once(r, side) for r in RegionName for side in (*SideName, None)]},
    )
    sensations: list[Sensation] = Field(
        default_factory=list,
        max_length=len(SensationName),
        # `none` stands alone: never `none` together with another sensation
        json_schema_extra={
            "not": {
                "allOf": [
                    {"contains": {"const": SensationName.NONE.value}},
                    {"contains": {"not": {"const": SensationName.NONE.value}}},
                ]
            }
        },
    )
    compared_with_before: Comparison | None = None
    note: str | None = Field(None, max_length=records.MAX_NOTE_CHARACTERS, pattern=NOTE_PATTERN)

    @field_validator("note", mode="before")
    @classmethod
    def _plain_note(cls, value: Any) -> Any:
        """The journal's own words for a hidden character, before the pattern's, which would repeat the note; its
        line breaks as the journal keeps them before its length is counted (a browser sends \\r\\n for each, but
        its box counts one)."""
        if not isinstance(value, str):
            return value  # the schema's own type check names the field
        try:
            return records.check_note_characters(records.note_lines(records.check_text(value, "the note")))
        except CrestError as error:
            raise ValueError(error.message) from None

    def to_record(self, at: datetime, check_in_id: int | None = None) -> records.CheckIn:
        standalone = self.timing is CheckInTiming.STANDALONE
        timing = CheckInTiming.AFTER if standalone and self.session_id is not None else self.timing
        return records.CheckIn(
            at=at,
            timing=timing,
            session_id=self.session_id,
            pain=tuple(_rating(number, pain) for number, pain in enumerate(self.pain)),
            sensations=frozenset(self.sensations),
            compared_with_before=self.compared_with_before,
            note=self.note,
            id=check_in_id,
        )


def _rating(number: int, pain: PainIn) -> records.PainRating:
    """The `number`th place sent as the journal keeps it; a side it lacks is said of its field (`pain.0.side`), as
    the schema's own refusals are, so that a script or the form marks that side."""
    try:
        return records.PainRating(region=pain.region, side=pain.side, score=pain.score, quality=pain.quality)
    except records.SideNotChosen as error:
        raise FieldError(f"pain.{number}.side", error.message) from None


class PainOut(BaseModel):
    region: str
    side: str
    score: int
    quality: str | None


class CheckInOut(BaseModel):
    id: int
    at: datetime
    timing: str
    session_id: int | None
    pain: list[PainOut]
    sensations: list[str]
    compared_with_before: str | None
    note: str | None

    @classmethod
    def of(cls, check_in: records.CheckIn) -> "CheckInOut":
        assert check_in.id is not None
        return cls(
            id=check_in.id,
            at=check_in.at,
            timing=check_in.timing,
            session_id=check_in.session_id,
            pain=[PainOut(region=p.region, side=p.side, score=p.score, quality=p.quality) for p in check_in.pain],
            sensations=sorted(check_in.sensations),
            compared_with_before=check_in.compared_with_before,
            note=check_in.note,
        )


class WarningSignOut(BaseModel):
    level: Literal["urgent_care", "see_clinician"]
    title: str
    text: str
    sources: list[str]

    @classmethod
    def of(cls, sign: WarningSign) -> "WarningSignOut":
        return cls(level=sign.level.value, title=sign.title, text=sign.text, sources=list(sign.sources))


class CheckInAdviceOut(BaseModel):
    """The calm answer to a check-in that is clearly worse than before, or that names a warning sign."""

    worse: bool = Field(description="a rise of 2 or more, 7/10 or more, or 'worse': stop for today")
    reasons: list[str]
    steps: list[str]
    sources: list[str]
    warnings: list[WarningSignOut] = Field(description="warning signs from the note or the places, urgent first")

    @classmethod
    def of(cls, advice: WorseAdvice | None) -> "CheckInAdviceOut | None":
        if advice is None:
            return None
        return cls(
            worse=advice.worse,
            reasons=list(advice.reasons),
            steps=list(advice.steps),
            sources=list(advice.sources),
            warnings=[WarningSignOut.of(sign) for sign in advice.warnings],
        )


class CheckInSavedOut(CheckInOut):
    advice: CheckInAdviceOut | None = Field(None, description="present when the check-in calls for advice")


class SafetyQuestionOut(BaseModel):
    id: str
    text: str
    source: str


# Every question by its id, true for yes: each one answered, and no other (the safety screen refuses the rest).
SafetyAnswers = Annotated[
    dict[str, StrictBool],
    WithJsonSchema(
        {
            "type": "object",
            "properties": {q.id: {"type": "boolean", "description": q.text} for q in QUESTIONS},
            "required": [q.id for q in QUESTIONS],
            "additionalProperties": False,
        }
    ),
]


class SafetyAnswersIn(JsonInput):
    answers: SafetyAnswers = Field(description="question id -> true for yes; every question must be answered")


# What the JSON API takes for a reminder, exactly as its schema says (the settings form reads "7:30" as well): a time
# like 18:00, days like mon,wed,fri (`parse_weekdays` holds that rule and says what it could not read), and a time
# zone this computer knows.
TIME_ZONES: tuple[str, ...] = tuple(sorted(available_timezones()))
_EXACT_REMINDER = {
    "reminder_time": CLOCK_TIME_PATTERN,
    "reminder_days": WEEKDAYS_PATTERN,
}
_TIMES = ("reminder_time", "second_reminder_time")


def exact_time_problem(value: object) -> str | None:
    """What is wrong with a reminder's time as the API takes it, exactly as its schema writes it; None when nothing
    is. Settings' JSON and the calendar download say the same words."""
    if isinstance(value, str) and not re.fullmatch(CLOCK_TIME_PATTERN, value):
        return "write it like 18:00"
    return None


def _exact_reminder_schema(schema: dict[str, Any]) -> None:
    properties = schema["properties"]
    for name, pattern in _EXACT_REMINDER.items():
        properties[name]["pattern"] = pattern
    properties["second_reminder_time"]["anyOf"][0]["pattern"] = CLOCK_TIME_PATTERN  # or null: once a day
    properties["reminder_zone"]["enum"] = ["", *TIME_ZONES, None]


class PreferencesIn(Preferences):
    """The preferences as JSON: numbers and true/false taken only as such, reminders as their schema says."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_exact_reminder_schema)

    @field_validator("*", mode="before")
    @classmethod
    def _as_sent(cls, value: Any, field: ValidationInfo) -> Any:
        name = str(field.field_name)
        if name in _TIMES and (problem := exact_time_problem(value)) is not None:
            raise ValueError(problem)
        return as_sent(cls.model_fields[name].annotation, value)


class ClearanceIn(JsonInput):
    clinician: str = Field(
        min_length=1, max_length=records.MAX_CLINICIAN_CHARACTERS, description="who cleared you: name and role"
    )
    cleared_on: date = Field(description="the day the clinician checked")


class ClearanceOut(BaseModel):
    id: int
    recorded_at: datetime
    clinician: str
    cleared_on: date
    question_ids: list[str] = Field(description="the answers it covers")


class SafetyReasonOut(BaseModel):
    question_id: str
    text: str
    source: str
    answered_at: datetime
    cleared_by: str | None = Field(description="the clinician who cleared this answer, when one did")
    cleared_on: date | None


class SafetyOut(BaseModel):
    answered_at: datetime
    advice_level: str
    advice: str
    may_practise: bool = Field(description="a session may start (in one of `variants`)")
    variants: list[str] = Field(description="the variants that may start now (only side_lying during pregnancy)")
    due: bool = Field(description="true when the questions should be asked (again) before the next session")
    reasons: list[SafetyReasonOut] = Field(description="each yes answer behind the advice, with its source")
    answer_again_from: datetime | None = Field(
        description="while a concern stands: when a fresh set of answers can lift it (earlier answers are kept but "
        "do not lift it)"
    )


class ErrorOut(BaseModel):
    detail: str
    spoken: str | None = Field(
        None, description="a refusal for a warning sign: `detail` as said aloud, without the sources in brackets"
    )


class FieldProblem(BaseModel):
    field: str = Field(description="where the problem is, e.g. pain.0.score")
    label: str = Field(description="the field as a person reads it, e.g. Score (entry 1)")
    message: str


class ValidationProblemOut(BaseModel):
    """The body of every 422 for input that does not fit the schema."""

    detail: str = Field(description="all problems in one line, each starting with its field")
    errors: list[FieldProblem] = Field(default_factory=list, description="one entry per field, when known")
