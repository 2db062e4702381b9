"""Report: the clinician report in the page, with PDF and HTML downloads; one template makes all three."""

from datetime import date
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from crest.insights.report import ClinicianReport, InvalidPeriod
from crest.report.render import Paper, report_css, report_html
from crest.web.context import WebContext
from crest.web.pages.common import Context, page_router
from crest.web.schemas import Day as WrittenDay
from crest.web.templating import render

router = page_router()
Day = Annotated[WrittenDay | None, Query()]  # the days the API and `crest report` take


def _build(context: WebContext, since: date | None, until: date | None, notes: bool) -> ClinicianReport:
    try:
        return context.services.clinician_reports.build(since=since, until=until, include_notes=notes)
    except InvalidPeriod as error:
        raise error.named("“From” and “To”") from None  # the labels of the page's form


@router.get("/report", name="report_page")
def report_page(
    request: Request, context: Context, since: Day = None, until: Day = None, notes: bool = False, paper: Paper = "a4"
) -> Response:
    report = _build(context, since, until, notes)
    return render(
        request,
        "report.html",
        active="report_page",
        report=report,
        fragment=report_html(report, standalone=False),
        paper=paper,
        notes=notes,
        today=context.now().astimezone(context.local_zone).date(),  # the date boxes' last day: none ahead
    )


@router.get("/report.pdf", name="report_pdf")
def report_pdf(
    context: Context, since: Day = None, until: Day = None, notes: bool = False, paper: Paper = "a4"
) -> Response:
    report = _build(context, since, until, notes)
    return Response(
        context.services.clinician_reports.pdf(report, paper),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_file_name(report)}.pdf"'},
    )


@router.get("/report.html", name="report_file")
def report_file(context: Context, since: Day = None, until: Day = None, notes: bool = False) -> Response:
    report = _build(context, since, until, notes)
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
