"""The safety questions, the advice the answers lead to (with the answers behind it), and clinicians' all-clears."""

from typing import Annotated

from fastapi import APIRouter, Depends, status

from crest.protocol.model import VARIANT_NAMES
from crest.services.safety import SafetyStanding
from crest.web.context import WebContext, web_context
from crest.web.errors import NotFound
from crest.web.schemas import (
    ClearanceIn,
    ClearanceOut,
    ErrorOut,
    SafetyAnswersIn,
    SafetyOut,
    SafetyQuestionOut,
    SafetyReasonOut,
)

router = APIRouter(prefix="/safety", tags=["safety"])
Context = Annotated[WebContext, Depends(web_context)]


@router.get("/questions", response_model=list[SafetyQuestionOut])
def questions(context: Context) -> list[SafetyQuestionOut]:
    return [SafetyQuestionOut(id=q.id, text=q.text, source=q.source) for q in context.services.safety.questions()]


@router.post("/answers", response_model=SafetyOut, responses={422: {"model": ErrorOut}})
def answer(body: SafetyAnswersIn, context: Context) -> SafetyOut:
    """Record a full set of answers. Answers that raised a concern keep standing until their waiting time has
    passed (`answer_again_from`), whatever is answered meanwhile."""
    return _out(context.services.safety.record(body.answers))


@router.get("/latest", response_model=SafetyOut, responses={404: {"model": ErrorOut}})
def latest(context: Context) -> SafetyOut:
    return _out(context.services.safety.standing())


@router.post(
    "/clearances",
    status_code=status.HTTP_201_CREATED,
    response_model=SafetyOut,
    responses={409: {"model": ErrorOut}},
)
def clear(body: ClearanceIn, context: Context) -> SafetyOut:
    """A clinician checked the answers that advise seeing one and cleared the person to practise (who, which day).

    409 when no such answer stands, or while an urgent-care sign stands: those are never cleared this way."""
    return _out(context.services.safety.record_clearance(body.clinician, body.cleared_on))


@router.get("/clearances", response_model=list[ClearanceOut])
def clearances(context: Context) -> list[ClearanceOut]:
    return [
        ClearanceOut(
            id=c.id or 0,
            recorded_at=c.recorded_at,
            clinician=c.clinician,
            cleared_on=c.cleared_on,
            question_ids=list(c.question_ids),
        )
        for c in context.services.safety.clearances()
    ]


def _out(standing: SafetyStanding) -> SafetyOut:
    if standing.latest is None:
        raise NotFound("the safety questions have not been answered yet")
    return SafetyOut(
        answered_at=standing.latest.answered_at,
        advice_level=standing.level.stored_name if standing.level is not None else standing.latest.advice_level,
        advice=standing.advice or "These answers were saved by another version of crest; please answer again.",
        may_practise=standing.level is not None and not standing.concern_stands,
        variants=[name for name in VARIANT_NAMES if standing.level is not None and standing.may_practise(name)],
        due=standing.due,
        reasons=[
            SafetyReasonOut(
                question_id=reason.question.id,
                text=reason.question.text,
                source=reason.question.source,
                answered_at=reason.answered_at,
                cleared_by=None if reason.cleared_by is None else reason.cleared_by.clinician,
                cleared_on=None if reason.cleared_by is None else reason.cleared_by.cleared_on,
            )
            for reason in standing.reasons
        ]
        + [  # warning signs named in check-ins hold like a "yes" to the question for the same sign
            SafetyReasonOut(
                question_id=reason.sign.question.id,
                text=reason.sign.describe(),
                source="; ".join(reason.sign.sources),
                answered_at=reason.sign.at,
                cleared_by=None if reason.cleared_by is None else reason.cleared_by.clinician,
                cleared_on=None if reason.cleared_by is None else reason.cleared_by.cleared_on,
            )
            for reason in standing.check_in_reasons
        ],
        answer_again_from=standing.answer_again_from if standing.concern_stands else None,
    )
