"""Daily activities (the Patient-Specific Functional Scale): rounds of up to five activities rated 0-10."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel, Field

from crest.journal.records import (
    MAX_ACTIVITY_CHARACTERS,
    MAX_PSFS_ACTIVITIES,
    MAX_PSFS_SCORE,
    MIN_PSFS_SCORE,
    PsfsActivity,
    PsfsAssessment,
    require_aware,
)
from crest.web.context import WebContext, web_context
from crest.web.schemas import ErrorOut, JsonInput, RecordId

router = APIRouter(prefix="/psfs", tags=["daily activities"], responses={404: {"model": ErrorOut}})
Context = Annotated[WebContext, Depends(web_context)]


class ActivityIn(JsonInput):
    name: str = Field(min_length=1, max_length=MAX_ACTIVITY_CHARACTERS, description="e.g. tying my shoes")
    score: int = Field(ge=MIN_PSFS_SCORE, le=MAX_PSFS_SCORE, description="0 unable, 10 as before the problem")


class RoundIn(JsonInput):
    activities: list[ActivityIn] = Field(min_length=1, max_length=MAX_PSFS_ACTIVITIES)
    at: datetime | None = Field(None, description="when; default now")


class RoundOut(BaseModel):
    id: int
    at: datetime
    activities: list[ActivityIn]
    mean_score: float

    @classmethod
    def of(cls, assessment: PsfsAssessment) -> "RoundOut":
        assert assessment.id is not None  # stored rounds have ids
        return cls(
            id=assessment.id,
            at=assessment.at,
            activities=[ActivityIn(name=a.name, score=a.score) for a in assessment.activities],
            mean_score=round(assessment.mean_score, 2),
        )


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RoundOut)
def add_round(body: RoundIn, context: Context) -> RoundOut:
    at = None if body.at is None else require_aware(body.at, "the PSFS time")
    activities = [PsfsActivity(a.name, a.score) for a in body.activities]
    return RoundOut.of(context.services.daily_activities.record(activities, at))


@router.get("", response_model=list[RoundOut])
def list_rounds(context: Context) -> list[RoundOut]:
    """Newest first."""
    return [RoundOut.of(one) for one in reversed(context.services.daily_activities.rounds())]


@router.get("/{assessment_id}", response_model=RoundOut)
def get_round(assessment_id: RecordId, context: Context) -> RoundOut:
    return RoundOut.of(context.services.daily_activities.get(assessment_id))


@router.delete("/{assessment_id}", status_code=status.HTTP_204_NO_CONTENT, responses={409: {"model": ErrorOut}})
def delete_round(assessment_id: RecordId, context: Context) -> Response:
    """Delete a round; on a practice's server, 409 for one the person's own crest synced there (deleted on their
    computer, the next sync deletes it here)."""
    context.services.daily_activities.delete(assessment_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
