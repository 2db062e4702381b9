"""The JSON shapes of the API. Values are checked by the journal's own parsers, so the rules live in one place."""

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Literal

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from crest.errors import CrestError
from crest.journal import records
from crest.protocol.model import VariantName

RecordId = Annotated[int, Path(ge=1, le=records.MAX_RECORD_ID)]


def _checked_by(parse: Callable[[str], str]) -> AfterValidator:
    """Run a journal parser inside validation, so that a bad value is a 422 naming its field."""

    def check(value: str) -> str:
        try:
            return parse(value)
        except CrestError as error:
            raise ValueError(error.message) from None

    return AfterValidator(check)


Region = Annotated[str, _checked_by(records.parse_region), Field(json_schema_extra={"enum": list(records.REGIONS)})]
Side = Annotated[str, _checked_by(records.parse_side), Field(json_schema_extra={"enum": list(records.SIDES)})]
Sensation = Annotated[
    str, _checked_by(records.parse_sensation), Field(json_schema_extra={"enum": list(records.SENSATIONS)})
]
Timing = Literal["before", "after", "standalone"]
Comparison = Literal["better", "same", "worse"]
FinishedStatus = Literal["completed", "ended_early", "interrupted"]
ElapsedSeconds = Annotated[float, Field(ge=0, le=records.MAX_ELAPSED_S, description="seconds of session time so far")]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionStart(_Input):
    planned_minutes: int = Field(ge=records.MIN_PLANNED_MINUTES, le=records.MAX_PLANNED_MINUTES)
    variant: VariantName = "standard"
    position_check_summary: str | None = Field(
        None, max_length=500, description="the camera check's last one-line summary, when one was done"
    )


class SessionCheckpoint(_Input):
    elapsed_s: ElapsedSeconds


class SessionFinish(_Input):
    elapsed_s: ElapsedSeconds
    status: FinishedStatus


class SessionUpdate(_Input):
    """A correction to a finished session; when it started and how long was planned stay as they were."""

    variant: VariantName
    actual_seconds: int = Field(
        ge=0,
        le=records.MAX_PLANNED_MINUTES * 60,
        description="seconds rested, at most the session's planned minutes",
    )
    status: FinishedStatus

    def to_record(self) -> records.SessionEdit:
        return records.SessionEdit(variant=self.variant, actual_seconds=self.actual_seconds, status=self.status)


class SessionOut(BaseModel):
    id: int
    started_at: datetime
    planned_minutes: int
    actual_seconds: int
    variant: str
    status: str
    position_check_summary: str | None

    @classmethod
    def of(cls, session: records.PracticeSession) -> "SessionOut":
        assert session.id is not None
        return cls(
            id=session.id,
            started_at=session.started_at,
            planned_minutes=session.planned_minutes,
            actual_seconds=session.actual_seconds,
            variant=session.variant,
            status=session.status,
            position_check_summary=session.position_check_summary,
        )


class PainIn(_Input):
    region: Region
    side: Side | None = None
    score: int = Field(ge=records.MIN_PAIN_SCORE, le=records.MAX_PAIN_SCORE, description="0 no pain, 10 worst")


class CheckInIn(_Input):
    at: datetime | None = Field(None, description="ISO 8601 with a time zone; now when left out")
    timing: Timing = "standalone"
    session_id: int | None = Field(None, ge=1, le=records.MAX_RECORD_ID)
    pain: list[PainIn] = Field(default_factory=list, max_length=len(records.REGIONS) * len(records.SIDES))
    sensations: list[Sensation] = Field(default_factory=list, max_length=len(records.SENSATIONS))
    compared_with_before: Comparison | None = None
    note: str | None = Field(None, max_length=records.MAX_NOTE_CHARACTERS)

    def to_record(self, at: datetime, check_in_id: int | None = None) -> records.CheckIn:
        timing = "after" if self.timing == "standalone" and self.session_id is not None else self.timing
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


class SafetyQuestionOut(BaseModel):
    id: str
    text: str
    source: str


class SafetyAnswersIn(_Input):
    answers: dict[str, bool] = Field(description="question id -> true for yes; every question must be answered")


class SafetyOut(BaseModel):
    answered_at: datetime
    advice_level: str
    advice: str
    may_practise: bool
    due: bool = Field(description="true when the questions should be asked (again) before the next session")


class ErrorOut(BaseModel):
    detail: str


class FieldProblem(BaseModel):
    field: str = Field(description="where the problem is, e.g. pain.0.score")
    message: str


class ValidationProblemOut(BaseModel):
    """The body of every 422 for input that does not fit the schema."""

    detail: str = Field(description="all problems in one line, each starting with its field")
    errors: list[FieldProblem] = Field(default_factory=list, description="one entry per field, when known")
