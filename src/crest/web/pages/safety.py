"""The safety questions, asked afresh each time, and the advice the answers lead to."""

from fastapi import Request
from fastapi.responses import Response

from crest.knowledge.why_links import SAFETY_QUESTIONS
from crest.web.help_links import help_links
from crest.web.pages.common import Context, SubmittedForm, page_router
from crest.web.templating import render

router = page_router()


@router.get("/safety", name="safety_page")
def safety_page(request: Request, context: Context) -> Response:
    # Asked afresh each time, never filled in from last time: a stale "no" must not be one click away.
    questions = context.services.safety.questions()
    return render(
        request,
        "safety.html",
        title="Safety questions",
        questions=questions,
        answers={},
        advice=None,
        question_help=help_links(request, SAFETY_QUESTIONS, (question.id for question in questions)),
    )


@router.post("/safety")
def save_safety(request: Request, context: Context, form: SubmittedForm) -> Response:
    safety = context.services.safety
    questions = safety.questions()
    answers = {question.id: form.get(question.id) == "yes" for question in questions if form.get(question.id)}
    standing = safety.record(answers)
    headline = "Please do not start a session now" if standing.concern_stands else "Thank you"
    return render(
        request,
        "safety.html",
        title="Safety questions",
        questions=questions,
        answers=answers,
        advice={"blocks": standing.concern_stands, "headline": headline, "message": standing.advice},
        question_help=help_links(request, SAFETY_QUESTIONS, (question.id for question in questions)),
    )
