"""Progress: is it helping (the summary in words), then pain per place over time, the change per session, sessions
per week."""

from fastapi import Query, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError

from crest.input_problems import input_problems
from crest.insights.progress import StartAfterToday
from crest.web.insight_views import summary_view
from crest.web.pages.common import Context, page_router
from crest.web.presenters import progress_charts, progress_period
from crest.web.schemas import Day
from crest.web.templating import render

router = page_router()
_DAY = TypeAdapter(Day)
SINCE_LABEL = "Compare from"  # the box's label: a refusal names the box the person sees


@router.get("/progress", name="progress_page")
def progress_page(
    request: Request, context: Context, since: str = Query("", description="YYYY-MM-DD, from 2000 on")
) -> Response:
    # The day is read here, as the API reads it, not by the route's schema: a wrong one (or one not yet come) comes
    # back to this page, whose box it was, rather than to an error page that leads to Today. An empty box is no day.
    services = context.services
    since_error = None
    try:
        summary = services.reports.summary(since=_DAY.validate_python(since) if since else None)
    except ValidationError as error:
        since_error = f"{SINCE_LABEL}: {input_problems(error.errors())[0].message}"
    except StartAfterToday as error:
        since_error = f"{SINCE_LABEL}: {error.message}"
    if since_error:  # the comparison the empty box makes, under the refusal
        summary = services.reports.summary()
    progress = services.reports.progress(summary.trends)  # the charts reach the weeks the verdicts compare
    return render(
        request,
        "progress.html",
        422 if since_error else 200,
        active="progress_page",
        charts=progress_charts(progress, context.local_zone),
        period=progress_period(progress, context.local_zone),
        summary=summary_view(summary),
        since_error=since_error,
        since_typed=since,  # a refused day stays in its box, to be mended rather than typed again
        today=context.now().astimezone(context.local_zone).date(),  # the start box's last day: none ahead
    )
