"""Check a photo or a video of yourself lying in the position."""

from typing import Annotated, Any, cast

from fastapi import File, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from crest.errors import CrestError
from crest.insights.reader import sentence
from crest.posture.result import SURE, advice_under
from crest.posture.vocabulary import CRITERION_LABELS, STATUS_LABELS, VIEW_LABELS, page_labels
from crest.web.api.check import checkable_upload, whole_check
from crest.web.context import PHOTO_MAX_SIDE_PX, size_shown
from crest.web.form_words import refusal
from crest.web.pages.common import Context, page_router
from crest.web.templating import render

router = page_router()


NOT_STARTED = "no position check was started: "
ANSWER_FIRST = (
    "Please answer the safety questions first: the check coaches lying in the position, so it comes after them, "
    "as a session does."
)


@router.get("/check", name="check_page")
def check_page(request: Request, context: Context) -> Response:
    return _check_view(request, context)


@router.post("/check", name="check_photo_page")
async def check_photo_page(
    request: Request, context: Context, file: Annotated[UploadFile, File(description="a photo of you lying down")]
) -> Response:
    """A photo as the form sends it without JavaScript: the verdicts come back on the page, without the picture
    (drawing the outline over it needs the script). The photo is checked in memory and not kept."""
    try:
        result = await whole_check(context, await checkable_upload(context, file, photo_only=True))
    except CrestError as problem:
        return await run_in_threadpool(
            _check_view, request, context, error=refusal(problem), status_code=problem.http_status
        )
    return await run_in_threadpool(_check_view, request, context, result=_as_shown(result))


def _as_shown(result: dict[str, Any]) -> dict[str, Any]:
    """The answer with each criterion's words as the script's page shows them (posture.js renderCriteria)."""
    criteria = []
    for criterion in result["criteria"]:
        status = STATUS_LABELS[criterion["status"]]
        unsure = criterion["status"] != "not_visible" and criterion["confidence"] < SURE
        criteria.append(
            {
                "name": criterion["name"],
                "label": CRITERION_LABELS[criterion["name"]],
                "status": criterion["status"],
                "status_label": f"{status} (not sure)" if unsure else status,
                "advice": sentence(advice_under(result["summary"], criterion["advice_line"] or "")),
                "measured": _measured_words(criterion),
            }
        )
    summary = result["summary"] + (" (The check is not sure of this.)" if result["not_sure"] else "")
    return {**result, "summary": summary, "criteria": criteria, "view_label": VIEW_LABELS[result["view"]]}


def _measured_words(criterion: dict[str, Any]) -> str | None:
    """ "measured 38 cm, target 31-46 cm"; for a criterion that can't tell, its measure as too near the limit."""
    if criterion["status"] == "not_visible":
        return cast(str | None, criterion["measured_line"])
    if criterion["measured"] is None:
        return None
    target = criterion["target"]
    return f"measured {criterion['measured']}" + ("" if target is None else f", target {target}")


def _check_view(
    request: Request,
    context: Context,
    result: dict[str, Any] | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    limits = context.limits
    standing = context.services.safety.standing()
    try:  # refused before a photo is chosen, not after it is sent: the same gate as the upload's
        context.services.safety.require_may_lie_on_back(standing)
        not_now = None
    except CrestError as refused:
        # nothing was tried yet: the reason alone, and the page's own way to the questions
        not_now = ANSWER_FIRST if standing.due and not standing.concern_stands else refusal(refused)
        not_now = not_now.removeprefix(NOT_STARTED)
    return render(
        request,
        "check.html",
        status_code,
        result=result,
        error=error,
        active="check_page",
        max_side_px=PHOTO_MAX_SIDE_PX,
        max_photo_size=size_shown(limits.max_photo_bytes),
        max_video_size=size_shown(limits.max_video_bytes),
        max_video_s=int(limits.max_video_s),
        config={"check_url": "/api/check", **page_labels()},
        # The check coaches lying on the back: not offered while the safety answers advise resting on the side.
        # a warning sign that stands is said first: "rest on your side instead" must not walk around it
        side_lying_only=standing.side_lying_only and not standing.concern_stands,
        not_now=not_now,
    )
