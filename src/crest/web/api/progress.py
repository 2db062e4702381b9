"""Is it helping: the progress summary as JSON (the same fields as `crest progress --json`)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from crest.insights.progress import person_fields
from crest.web.context import WebContext, web_context
from crest.web.schemas import Day, ErrorOut

router = APIRouter(tags=["progress"])
Context = Annotated[WebContext, Depends(web_context)]


@router.get("/progress", responses={422: {"model": ErrorOut}})
def progress(context: Context, since: Day | None = None) -> dict[str, Any]:
    """`advice` (while a warning sign stands, what it asks, seek urgent care or see a clinician, and why, with its
    sources; else null), `places` (region, side, baseline, latest, change, verdict: better, worse, no_clear_change
    or not_enough_data), `adherence`, `before_after` and `psfs`. `since` is a chosen start: the 7 days before it are
    the baseline; a day after today is refused (422)."""
    summary = context.services.reports.summary(since=since)
    standing = context.services.safety.standing()
    return person_fields(summary, standing.explanation() if standing.concern_stands else None)
