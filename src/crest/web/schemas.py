"""The JSON shapes of the API. Values are checked by the journal's own parsers, so the rules live in one place."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from crest.breath.reasons import Reason
from crest.breath.result import BreathResult
from crest.durations import rested_text
from crest.errors import CrestError
from crest.journal import records
from crest.journal.breath_record import MAX_BREATH_S, MAX_MOVEMENTS, MAX_WINDOWS, check_breath
from crest.journal.vocabulary import CheckInTiming, Comparison, SessionStatus
from crest.journal.vocabulary import Region as RegionName
from crest.journal.vocabulary import Sensation as SensationName
from crest.journal.vocabulary import Side as SideName
from crest.protocol.model import VariantName
from crest.safety.worse_check_in import WorseAdvice

RecordId = Annotated[int, Path(ge=1, le=records.MAX_RECORD_ID)]


def _read_with(parse: Callable[[str], str]) -> BeforeValidator:
    """Read text with the journal's own parser ('Lower back' is `lower_back`), so one rule decides everywhere."""

    def read(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the schema's own type check names the field
        try:
            return parse(value)
        except CrestError as error:
            raise ValueError(error.message) from None

    return BeforeValidator(read)


Region = Annotated[RegionName, _read_with(records.parse_region)]
Side = Annotated[SideName, _read_with(records.parse_side)]
Sensation = Annotated[SensationName, _read_with(records.parse_sensation)]
FinishedStatus = Literal[SessionStatus.COMPLETED, SessionStatus.ENDED_EARLY, SessionStatus.INTERRUPTED]
ElapsedSeconds = Annotated[float, Field(ge=0, le=records.MAX_ELAPSED_S, description="seconds of session time so far")]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionStart(_Input):
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


class SessionLogIn(_Input):
    """A session done without the app (on holiday, at a class), logged afterwards."""

    started_at: datetime = Field(description="when it started, ISO 8601 with a time zone; never in the future")
    minutes: int = Field(ge=records.MIN_PLANNED_MINUTES, le=records.MAX_PLANNED_MINUTES, description="minutes rested")
    variant: VariantName = "standard"


class SessionCheckpoint(_Input):
    elapsed_s: ElapsedSeconds


class BreathWindowIO(_Input):
    start_s: float = Field(ge=0, le=MAX_BREATH_S, description="seconds since the camera began reading")
    end_s: float = Field(ge=0, le=MAX_BREATH_S)
    rate_bpm: float | None = Field(description="breaths a minute; null: no reading, and `reason` says why")
    reason: Reason | None = None


class BreathMovementIO(_Input):
    at_s: float = Field(ge=0, le=MAX_BREATH_S, description="when a body movement (a shift, an arm) began")


class BreathIO(_Input):
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


class SessionFinish(_Input):
    elapsed_s: ElapsedSeconds
    status: FinishedStatus
    breath: BreathIO | None = Field(None, description="the camera's breath reading of the rest, when one was taken")


class SessionUpdate(_Input):
    """A correction to a finished session; when it started and how long was planned stay as they were."""

    variant: VariantName
    actual_seconds: int = Field(
        ge=0,
        le=records.MAX_PLANNED_MINUTES * 60,
        description="seconds rested (870 is shown as '14 min 30 s'), at most the session's planned minutes",
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
        )


class PainIn(_Input):
    region: Region
    side: Side | None = None
    score: int = Field(ge=records.MIN_PAIN_SCORE, le=records.MAX_PAIN_SCORE, description="0 no pain, 10 worst")


class CheckInIn(_Input):
    at: datetime | None = Field(None, description="ISO 8601 with a time zone; now when left out")
    timing: CheckInTiming = CheckInTiming.STANDALONE
    session_id: int | None = Field(None, ge=1, le=records.MAX_RECORD_ID)
    pain: list[PainIn] = Field(default_factory=list, max_length=len(RegionName) * len(SideName))
    sensations: list[Sensation] = Field(default_factory=list, max_length=len(SensationName))
    compared_with_before: Comparison | None = None
    note: str | None = Field(None, max_length=records.MAX_NOTE_CHARACTERS)

    def to_record(self, at: datetime, check_in_id: int | None = None) -> records.CheckIn:
        standalone = self.timing is CheckInTiming.STANDALONE
        timing = CheckInTiming.AFTER if standalone and self.session_id is not None else self.timing
        return records.CheckIn(
            at=at,
            timing=timing,
            session_id=self.session_id,
            pain=tuple(records.PainRating(region=p.region, side=p.side, score=p.score) for p in self.pain),
            sensations=frozenset(self.sensations),
            compared_with_before=self.compared_with_before,
            note=self.note,
            id=check_in_id,
        )


class PainOut(BaseModel):
    region: str
    side: str | None
    score: int


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
            pain=[PainOut(region=p.region, side=p.side, score=p.score) for p in check_in.pain],
            sensations=sorted(check_in.sensations),
            compared_with_before=check_in.compared_with_before,
            note=check_in.note,
        )


class WarningSignOut(BaseModel):
    level: Literal["urgent_care", "see_clinician"]
    title: str
    text: str
    sources: list[str]


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
            warnings=[
                WarningSignOut(level=sign.level.value, title=sign.title, text=sign.text, sources=list(sign.sources))
                for sign in advice.warnings
            ],
        )


class CheckInSavedOut(CheckInOut):
    advice: CheckInAdviceOut | None = Field(None, description="present when the check-in calls for advice")


class SafetyQuestionOut(BaseModel):
    id: str
    text: str
    source: str


class SafetyAnswersIn(_Input):
    answers: dict[str, bool] = Field(description="question id -> true for yes; every question must be answered")


class ClearanceIn(_Input):
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


class FieldProblem(BaseModel):
    field: str = Field(description="where the problem is, e.g. pain.0.score")
    message: str


class ValidationProblemOut(BaseModel):
    """The body of every 422 for input that does not fit the schema."""

    detail: str = Field(description="all problems in one line, each starting with its field")
    errors: list[FieldProblem] = Field(default_factory=list, description="one entry per field, when known")
