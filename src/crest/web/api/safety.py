"""The safety questions and the advice the answers lead to."""

from typing import Annotated

from fastapi import APIRouter, Depends

from crest.safety.screen import QUESTIONS
from crest.web.context import WebContext, web_context
from crest.web.safety_state import SafetyState, record_answers, safety_state
from crest.web.schemas import ErrorOut, SafetyAnswersIn, SafetyOut, SafetyQuestionOut

router = APIRouter(prefix="/safety", tags=["safety"])
Context = Annotated[WebContext, Depends(web_context)]


@router.get("/questions", response_model=list[SafetyQuestionOut])
def questions() -> list[SafetyQuestionOut]:
    return [SafetyQuestionOut(id=q.id, text=q.text, source=q.source) for q in QUESTIONS]


@router.post("/answers", response_model=SafetyOut, responses={422: {"model": ErrorOut}})
def answer(body: SafetyAnswersIn, context: Context) -> SafetyOut:
    return _out(record_answers(context.journal, body.answers, context.now()))


@router.get("/latest", response_model=SafetyOut, responses={404: {"model": ErrorOut}})
def latest(context: Context) -> SafetyOut:
    return _out(safety_state(context.journal, context.now()))


def _out(state: SafetyState) -> SafetyOut:
    from crest.web.errors import NotFound

    if state.latest is None:
        raise NotFound("the safety questions have not been answered yet")
    return SafetyOut(
        answered_at=state.latest.answered_at,
        advice_level=state.latest.advice_level,
        advice=state.advice or "These answers were saved by another version of crest; please answer again.",
        may_practise=not state.blocks and state.level is not None,
        due=state.due,
    )
