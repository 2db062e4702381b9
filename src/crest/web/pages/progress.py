"""Progress: is it helping (the summary in words), then pain per place over time, the change per session, sessions
per week."""

from fastapi import Request
from fastapi.responses import Response

from crest.web.insight_views import summary_view
from crest.web.pages.common import Context, page_router
from crest.web.presenters import progress_charts, progress_period
from crest.web.schemas import Day
from crest.web.templating import render

router = page_router()


@router.get("/progress", name="progress_page")
def progress_page(request: Request, context: Context, since: Day | None = None) -> Response:
    services = context.services
    progress = services.reports.progress()
    charts = progress_charts(progress, context.local_zone)
    period = progress_period(progress, context.local_zone)
    summary = summary_view(services.reports.summary(since=since))
    return render(
        request,
        "progress.html",
        active="progress_page",
        charts=charts,
        period=period,
        summary=summary,
        today=context.now().astimezone(context.local_zone).date(),  # the start box's last day: none ahead
    )
