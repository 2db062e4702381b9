"""The safety questions, the advice the answers lead to (with each answer behind it), and a clinician's all-clear."""

import hashlib
import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from crest.counting import counted
from crest.errors import CrestError
from crest.journal.records import parse_day
from crest.knowledge.why_links import SAFETY_QUESTIONS
from crest.safety.screen import NOT_SURE, Assessment, IncompleteScreen, assess, assess_so_far
from crest.web.help_links import help_links
from crest.web.pages.checkin import NEXT_PATTERN
from crest.web.pages.common import Context, SubmittedForm, page_router
from crest.web.practice_door import COOKIE_NAME, SECURE_COOKIE_NAME
from crest.web.safety_presenter import calm_answers, safety_notice
from crest.web.templating import render

router = page_router()


def _page(
    request: Request,
    context: Context,
    status_code: int = 200,
    error: str | None = None,
    answered: bool = False,
    confirming: Assessment | None = None,
    kept: Mapping[str, bool] | None = None,
) -> Response:
    """The page; `confirming`: answers with a "yes" to look at once before saving (every answer travels hidden);
    `kept`: the answers kept while the ones said "yes" are asked again."""
    standing = context.services.safety.standing()
    questions = context.services.safety.questions()
    now = context.now()
    # Asked afresh each time, never filled in from last time: a stale "no" must not be one click away. While
    # answers that raised a concern still hold, the questions are not offered: answering again cannot lift them.
    asking = not answered and not confirming and not (standing.concern_stands and not standing.due)
    notice = safety_notice(standing, context.local_zone, now)
    if (asking or confirming) and notice is not None and notice["level"] == "clear" and not notice["cleared"]:
        notice = None  # nothing to say before the questions are asked again
    kept = kept or {}
    return render(
        request,
        "safety.html",
        status_code,
        title="Safety questions",
        questions=[question for question in questions if question.id not in kept],
        kept={question_id: "yes" if said else "no" for question_id, said in kept.items()},
        confirming=confirming,
        notice=notice,
        calm=calm_answers(standing, context.local_zone, now) if asking else None,
        asking=asking,
        announce=answered,  # the advice the answers just saved lead to: heard on load
        not_sure=NOT_SURE,
        today=now.astimezone(context.local_zone).date().isoformat(),
        error=error,
        question_help=help_links(request, SAFETY_QUESTIONS, (question.id for question in questions)),
        **_going_on(request),
    )


def _going_on(request: Request) -> dict[str, str]:
    """Where Continue leads once the answers allow practice: back to the session whose setup sent the person here
    (`?next=`, its minutes and variant; kept by the forms that answer), else Today."""
    going_on = request.query_params.get("next", "")
    continue_url = going_on if re.fullmatch(NEXT_PATTERN, going_on) else str(request.url_for("today").path)
    return {"continue_url": continue_url, "answer_url": _onward(request, "safety_page")}


# The answers between "Save my answers" and "Yes, save my answers" (or "No, ask those again"): kept in the browser,
# not in the address (no answer in the history) nor on the server, so that each step is a page of its own (post,
# redirect, get) and Back never meets the browser's "Confirm Form Resubmission". Nothing is saved from it: the
# confirming form posts every answer again, assessed afresh. The look (/safety/look) and the questions said "yes"
# asked again (/safety/again) read the same answers, each at its own address: Back from the second is the look.
LOOK_COOKIE = "crest_safety_look"
LOOK_KEPT_S = 30 * 60
_SAID = {True: "y", False: "n"}


def _whose(request: Request) -> str:
    """Who the kept answers belong to: in practice mode, a digest of the sign-in, so that the next person signed in
    on the same browser never sees them; on a person's own computer, nobody else's."""
    signed_in = request.cookies.get(SECURE_COOKIE_NAME) or request.cookies.get(COOKIE_NAME) or ""
    return hashlib.sha256(signed_in.encode()).hexdigest()[:16]


def _kept_answers(request: Request, question_ids: Sequence[str]) -> dict[str, bool] | None:
    """The answers kept for a look, or None: none kept, another person's, or made for other questions."""
    whose, _, said = request.cookies.get(LOOK_COOKIE, "").partition(".")
    if whose != _whose(request) or len(said) != len(question_ids) or not set(said) <= {"y", "n"}:
        return None
    return {question_id: answer == "y" for question_id, answer in zip(question_ids, said, strict=True)}


def _onward(request: Request, route: str) -> str:
    """The address of a step, keeping where Continue leads (`?next=`)."""
    path = str(request.url_for(route).path)
    going_on = request.query_params.get("next", "")
    return f"{path}?{urlencode({'next': going_on})}" if re.fullmatch(NEXT_PATTERN, going_on) else path


def _to_look(request: Request, answers: Mapping[str, bool], question_ids: Sequence[str], step: str) -> Response:
    """To the step `step` (the look, or the questions said "yes" asked again), the answers kept for it."""
    response = RedirectResponse(_onward(request, step), status_code=303)
    said = "".join(_SAID[answers[question_id]] for question_id in question_ids)  # every one answered (else a 422)
    response.set_cookie(
        LOOK_COOKIE,
        f"{_whose(request)}.{said}",
        max_age=LOOK_KEPT_S,
        path=str(request.url_for("safety_page").path),
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("/safety", name="safety_page")
def safety_page(request: Request, context: Context) -> Response:
    return _page(request, context)


@router.get("/safety/look", name="safety_look")
def safety_look(request: Request, context: Context) -> Response:
    """The answers with a "yes" to look at once before saving; once saved (Back after saving) or never given, the
    safety page itself, with whatever stands."""
    question_ids = [question.id for question in context.services.safety.questions()]
    answers = _kept_answers(request, question_ids)
    if answers is None:
        return RedirectResponse(_onward(request, "safety_page"), status_code=303)
    return _page(request, context, confirming=assess(answers), kept=answers)


@router.get("/safety/again", name="safety_again")
def safety_again(request: Request, context: Context) -> Response:
    """The questions said "yes" asked again ("No, ask those again"), the "no" ones kept; once saved or never given,
    the safety page itself. Its own address, so Back from it is the look, and the look's answers still stand."""
    answers = _kept_answers(request, [question.id for question in context.services.safety.questions()])
    if answers is None:
        return RedirectResponse(_onward(request, "safety_page"), status_code=303)
    return _page(request, context, kept={question_id: said for question_id, said in answers.items() if not said})


@router.post("/safety")
def save_safety(request: Request, context: Context, form: SubmittedForm) -> Response:
    safety = context.services.safety
    question_ids = [question.id for question in safety.questions()]
    answers: dict[str, bool] = {}
    for question_id in question_ids:
        said = form.get(question_id, "").strip().lower()
        if said not in ("", "yes", "no"):  # never read as "no": a "Yes" or "true" may mean a warning sign
            raise IncompleteScreen(f"the answer to '{question_id}' is '{said[:20]}'; please answer yes or no")
        if said:
            answers[question_id] = said == "yes"
    unanswered = [question_id for question_id in question_ids if question_id not in answers]
    if unanswered:
        # Asked again on the form, the answers given kept; a "yes" among them is never met with "please answer" alone.
        so_far = assess_so_far(answers)
        told = "" if so_far is None else f" Your answers so far already advise: {so_far.explanation()}"
        still = counted(len(unanswered), "question below is", "questions below are")
        error = f"Please answer every question: {still} not answered yet.{told}"
        return _page(request, context, 422, error=error, kept=answers)
    assessment = assess(answers)
    # A "yes" holds for days once saved: one look before saving, as in the terminal, so a slip costs nothing.
    looked = form.get("confirmed", "")
    if assessment.reasons and looked == "change":
        return _to_look(request, answers, question_ids, "safety_again")
    if assessment.reasons and looked != "yes":
        return _to_look(request, answers, question_ids, "safety_look")
    safety.record(answers)
    response = RedirectResponse(_onward(request, "answers_saved"), status_code=303)
    response.delete_cookie(LOOK_COOKIE, path=str(request.url_for("safety_page").path))
    return response


@router.get("/safety/saved", name="answers_saved")
def answers_saved(request: Request, context: Context) -> Response:
    """Where saved answers are redirected: the advice they lead to, heard on load; a reload says it again."""
    return _after_saving(request, context)


@router.post("/safety/clearance", name="save_clearance")
def save_clearance(request: Request, context: Context, form: SubmittedForm) -> Response:
    try:
        day = parse_day(form.get("cleared_on", ""), "the day they checked")
        context.services.safety.record_clearance(form.get("clinician", ""), day)
    except CrestError as error:
        return _page(request, context, error.http_status, error=error.message)
    # Redirected, so that a reload, or the tab reopened, shows the all-clear again rather than "That did not work".
    return RedirectResponse(str(request.url_for("clearance_recorded")), status_code=303)


@router.get("/safety/clearance", name="clearance_recorded")
def clearance_recorded(request: Request, context: Context) -> Response:
    """The safety page after an all-clear: what stands now with the clearance."""
    return _after_saving(request, context)


def _after_saving(request: Request, context: Context) -> Response:
    """What stands now, announced. A sign cleared before any answers, or answers due again (the address opened days
    later), leave the questions still to answer: they are asked below."""
    standing = context.services.safety.standing()
    return _page(request, context, answered=standing.latest is not None and not standing.due)
