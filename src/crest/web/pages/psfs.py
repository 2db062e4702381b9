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
    check_activity_name,
    check_psfs_score,
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
    activities: list[PsfsActivity] = []
    refused: dict[str, str] = {}  # a field's id: why, shown beside that field
    for number, row in enumerate(rows, start=1):
        if blank(row["name"]) and not row["score"]:
            continue  # an empty row, or an activity whose name was cleared to leave it out of this round
        try:
            activities.append(_activity(number, row))
        except RowRefused as error:
            refused[error.field] = error.message
    if refused:
        return _page(request, context, rows, refused=refused, status_code=422)
    try:
        context.services.daily_activities.record(activities)
    except CrestError as error:
        return _page(request, context, rows, error=refusal(error), status_code=422)
    return RedirectResponse(str(request.url_for("psfs_page")) + "?saved=true", status_code=303)


@router.post("/psfs/{assessment_id}/delete", name="delete_psfs")
def delete_psfs(request: Request, assessment_id: PageRecordId, context: Context) -> Response:
    context.services.daily_activities.delete(assessment_id)
    return RedirectResponse(str(request.url_for("psfs_page")), status_code=303)


class RowRefused(InvalidPsfs):
    """One activity of the form refused, with the id of the field to mend."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _activity(number: int, row: dict[str, str]) -> PsfsActivity:
    # Every round rates the same activities again, so an offered activity left without a score is asked about
    # rather than dropped: dropped, it would leave this round's change unmeasured. Clearing its name leaves it out.
    score = read_psfs_score(row["score"])
    if score is None:
        named = not blank(row["name"])
        leave_out = ", or clear its name to leave it out of this round" if named else ""
        raise RowRefused(
            f"score_{number}",
            f"give '{row['name'] if named else 'the activity'}' a score, a whole number from 0 to 10{leave_out}",
        )
    try:
        name = check_activity_name(row["name"])
    except InvalidPsfs as error:
        raise RowRefused(f"name_{number}", error.message) from error
    try:
        return PsfsActivity(name, check_psfs_score(score))
    except InvalidPsfs as error:
        raise RowRefused(f"score_{number}", error.message) from error


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
    refused: dict[str, str] = values.pop("refused", {})
    held = activities.rounds()
    # On a practice's server, a round the person's own crest pushed is deleted there only (its sync follows).
    from_their_crest = context.services.sync.from_a_linked_crest("psfs", [one.id for one in held if one.id])
    rounds = [
        {
            "id": one.id,
            "from_your_crest": one.id in from_their_crest,
            "when": friendly_time(one.at, context.local_zone, now),
            "scores": "; ".join(f"{a.name} {a.score}" for a in one.activities),
            "mean": f"{one.mean_score:.1f}",
        }
        for one in reversed(held)
    ]
    change = activities.change()
    return render(
        request,
        "psfs.html",
        status_code=status_code,
        active="psfs_page",
        title="Daily activities",
        rows=rows,
        offered=any(row["last"] for row in rows),
        refused=refused,
        first_refused=next(iter(refused), None),
        refused_rows=[
            number for number in range(1, len(rows) + 1) if {f"name_{number}", f"score_{number}"} & {*refused}
        ],
        rounds=rounds,
        change=line_view(psfs_line(change), change.verdict.value),
        sources={"detectable": PSFS_SOURCE.full, "mid": PSFS_MID_SOURCE.full},
        **values,
    )
