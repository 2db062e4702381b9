"""Report: the clinician report in the page, with PDF and HTML downloads; one template makes all three."""

from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response
from pydantic import BeforeValidator

from crest.insights.report import ClinicianReport, InvalidPeriod, PeriodOutsideRecords
from crest.report.render import Paper, report_css, report_html
from crest.web.context import WebContext
from crest.web.pages.common import Context, page_router
from crest.web.schemas import Day as WrittenDay
from crest.web.templating import render

router = page_router()


def _no_day_if_empty(value: Any) -> Any:
    # a browser sends a date box emptied as "since=": no day, as on Progress, so the usual period
    return None if isinstance(value, str) and not value.strip() else value


# the days the API and `crest report` take, or an empty box
Day = Annotated[WrittenDay | None, BeforeValidator(_no_day_if_empty), Query()]


def _build(context: WebContext, since: date | None, until: date | None, notes: bool) -> ClinicianReport:
    try:
        return context.services.clinician_reports.build(since=since, until=until, include_notes=notes)
    except InvalidPeriod as error:
        raise error.named("“From” and “To”") from None  # the labels of the page's form


@router.get("/report", name="report_page")
def report_page(
    request: Request, context: Context, since: Day = None, until: Day = None, notes: bool = False, paper: Paper = "a4"
) -> Response:
    built = _built(request, context, since, until, notes, paper)
    return built if isinstance(built, Response) else _page(request, context, built, notes, paper)


def _built(
    request: Request, context: WebContext, since: date | None, until: date | None, notes: bool, paper: Paper
) -> ClinicianReport | Response:
    """The report of the period asked for; a period refused (it ends before it starts, a day not yet come) comes back
    to the report page, whose boxes they were, rather than to an error page that leads to Today: the boxes keep the
    days typed, to be mended, above the report the empty boxes make. A download submits the same form: likewise."""
    try:
        return _build(context, since, until, notes)
    except (InvalidPeriod, PeriodOutsideRecords) as error:
        usual = _build(context, None, None, notes)
        return _page(request, context, usual, notes, paper, period_error=error.message, since=since, until=until)


def _page(
    request: Request, context: WebContext, report: ClinicianReport, notes: bool, paper: Paper, **refused: object
) -> Response:
    return render(
        request,
        "report.html",
        422 if refused else 200,
        active="report_page",
        report=report,
        fragment=report_html(report, standalone=False),
        paper=paper,
        notes=notes,
        today=context.now().astimezone(context.local_zone).date(),  # the date boxes' last day: none ahead
        **refused,
    )


@router.get("/report.pdf", name="report_pdf")
def report_pdf(
    request: Request, context: Context, since: Day = None, until: Day = None, notes: bool = False, paper: Paper = "a4"
) -> Response:
    report = _built(request, context, since, until, notes, paper)
    if isinstance(report, Response):
        return report
    return Response(
        context.services.clinician_reports.pdf(report, paper),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_file_name(report)}.pdf"'},
    )


@router.get("/report.html", name="report_file")
def report_file(
    request: Request, context: Context, since: Day = None, until: Day = None, notes: bool = False, paper: Paper = "a4"
) -> Response:
    report = _built(request, context, since, until, notes, paper)
    if isinstance(report, Response):
        return report
    return Response(
        context.services.clinician_reports.html(report),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_file_name(report)}.html"'},
    )


@router.get("/report.css", name="report_css")
async def report_stylesheet() -> Response:
    # async: a packaged file, no journal
    return Response(report_css(), media_type="text/css; charset=utf-8")


def _file_name(report: ClinicianReport) -> str:
    period = report.data.period
    return f"crest-report-{period.first_day}-to-{period.last_day}"
