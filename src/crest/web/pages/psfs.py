"""Daily activities (the Patient-Specific Functional Scale): rate up to five activities, see the change, past rounds."""

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from crest.errors import CrestError
from crest.insights.progress import psfs_line
from crest.insights.verdicts import PSFS_MID_SOURCE, PSFS_SOURCE
from crest.journal.records import (
    MAX_PSFS_ACTIVITIES,
    InvalidPsfs,
    PsfsActivity,
    activity_key,
    blank,
    read_psfs_score,
)
from crest.web.context import WebContext
from crest.web.form_words import refusal
from crest.web.insight_views import line_view
from crest.web.pages.common import Context, PageRecordId, SubmittedForm, page_router
from crest.web.presenters import friendly_time
from crest.web.templating import render

router = page_router()


@router.get("/psfs", name="psfs_page")
def psfs_page(request: Request, context: Context, saved: bool = False) -> Response:
    # Every activity still followed is offered again with an empty score: last time's score is a hint beside it,
    # never a value to keep by pressing Save.
    rows = [{"name": one.name, "score": ""} for one in context.services.daily_activities.active()]
    return _page(request, context, rows, saved=saved)


@router.post("/psfs")
def save_psfs(request: Request, context: Context, form: SubmittedForm) -> Response:
    rows = [
        {"name": form.get(f"name_{n}", "").strip(), "score": form.get(f"score_{n}", "").strip()}
        for n in range(1, MAX_PSFS_ACTIVITIES + 1)
    ]
    try:
        activities = [_activity(row) for row in rows if not blank(row["name"]) or row["score"]]
        context.services.daily_activities.record(activities)
    except CrestError as error:
        return _page(request, context, rows, error=refusal(error), status_code=422)
    return RedirectResponse(str(request.url_for("psfs_page")) + "?saved=true", status_code=303)


@router.post("/psfs/{assessment_id}/delete", name="delete_psfs")
def delete_psfs(request: Request, assessment_id: PageRecordId, context: Context) -> Response:
    context.services.daily_activities.delete(assessment_id)
    return RedirectResponse(str(request.url_for("psfs_page")), status_code=303)


def _activity(row: dict[str, str]) -> PsfsActivity:
    score = read_psfs_score(row["score"])
    if score is None:
        raise InvalidPsfs(f"give '{row['name'] or 'the activity'}' a score, a whole number from 0 to 10")
    return PsfsActivity(row["name"], score)


def _page(
    request: Request, context: WebContext, rows: list[dict[str, Any]], status_code: int = 200, **values: Any
) -> Response:
    activities = context.services.daily_activities
    now, zone = context.now(), context.local_zone
    last = {
        activity_key(one.name): f"last time {one.last_score}, {friendly_time(one.last_rated_at, zone, now)}"
        for one in activities.active()
    }
    rows = [row | {"last": last.get(activity_key(row["name"]))} for row in rows]
    rows += [{"name": "", "score": "", "last": None}] * (MAX_PSFS_ACTIVITIES - len(rows))
    rounds = [
        {
            "id": one.id,
            "when": friendly_time(one.at, context.local_zone, now),
            "scores": "; ".join(f"{a.name} {a.score}" for a in one.activities),
            "mean": f"{one.mean_score:.1f}",
        }
        for one in reversed(activities.rounds())
    ]
    change = activities.change()
    return render(
        request,
        "psfs.html",
        status_code=status_code,
        active="psfs_page",
        title="Daily activities",
        rows=rows,
        rounds=rounds,
        change=line_view(psfs_line(change), change.verdict.value),
        sources={"detectable": PSFS_SOURCE.full, "mid": PSFS_MID_SOURCE.full},
        **values,
    )
