"""The safety questions and the advice the answers lead to."""

from typing import Annotated

from fastapi import APIRouter, Depends

from crest.services.safety import SafetyStanding
from crest.web.context import WebContext, web_context
from crest.web.errors import NotFound
from crest.web.schemas import ErrorOut, SafetyAnswersIn, SafetyOut, SafetyQuestionOut

router = APIRouter(prefix="/safety", tags=["safety"])
Context = Annotated[WebContext, Depends(web_context)]


@router.get("/questions", response_model=list[SafetyQuestionOut])
def questions(context: Context) -> list[SafetyQuestionOut]:
    return [SafetyQuestionOut(id=q.id, text=q.text, source=q.source) for q in context.services.safety.questions()]


@router.post("/answers", response_model=SafetyOut, responses={422: {"model": ErrorOut}})
def answer(body: SafetyAnswersIn, context: Context) -> SafetyOut:
    return _out(context.services.safety.record(body.answers))


@router.get("/latest", response_model=SafetyOut, responses={404: {"model": ErrorOut}})
def latest(context: Context) -> SafetyOut:
    return _out(context.services.safety.standing())


def _out(standing: SafetyStanding) -> SafetyOut:
    if standing.latest is None:
        raise NotFound("the safety questions have not been answered yet")
    return SafetyOut(
        answered_at=standing.latest.answered_at,
        advice_level=standing.latest.advice_level,
        advice=standing.advice or "These answers were saved by another version of crest; please answer again.",
        may_practise=standing.level is not None and not standing.concern_stands,
        due=standing.due,
    )
