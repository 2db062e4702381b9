"""Report: the clinician report in the page, with PDF and HTML downloads; one template makes all three."""

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError

from crest.errors import CrestError
from crest.input_problems import input_problems
from crest.insights.report import ClinicianReport, InvalidPeriod, PeriodOutsideRecords
from crest.interop.fhir import FhirVersion, InvalidFhirValue
from crest.report.render import Paper, report_css, report_html
from crest.web.api.export import export
from crest.web.context import WebContext
from crest.web.pages.common import Context, page_router
from crest.web.schemas import Day
from crest.web.templating import render

router = page_router()
_DAY = TypeAdapter(Day)
# The days the API and `crest report` take, or an empty box (no day: the usual period), read by the page itself,
# not by the route's schema: a wrong one comes back to this page, beside its box, rather than to an error page that
# leads to Today and loses the form.
TypedDay = Annotated[str, Query(description="YYYY-MM-DD, from 2000 on; empty: the usual period")]
BOXES = {"since": "From", "until": "To"}  # the boxes' labels: a refusal names the box the person sees


class UnreadableDay(CrestError):
    """A day typed in a box of the form that is no day crest takes; `box` is the query name of that box."""

    def __init__(self, box: str, message: str) -> None:
        super().__init__(f"{BOXES[box]}: {message}")
        self.box = box


def _day(box: str, typed: str) -> date | None:
    if not typed.strip():
        return None
    try:
        return _DAY.validate_python(typed.strip())
    except ValidationError as error:
        raise UnreadableDay(box, input_problems(error.errors())[0].message) from None


def _build(context: WebContext, since: date | None, until: date | None, notes: bool) -> ClinicianReport:
    try:
        return context.services.clinician_reports.build(since=since, until=until, include_notes=notes)
    except InvalidPeriod as error:
        raise error.named("“From” and “To”") from None  # the labels of the page's form


@dataclass(frozen=True)
class Choices:
    """What the Report page's form sends, the downloads included: the days as typed, the notes box, the paper."""

    since: TypedDay = ""
    until: TypedDay = ""
    notes: bool = False
    paper: Paper = "a4"


Chosen = Annotated[Choices, Depends()]


@router.get("/report", name="report_page")
def report_page(request: Request, context: Context, chosen: Chosen) -> Response:
    built = _built(request, context, chosen)
    return built if isinstance(built, Response) else _page(request, context, built, chosen)


def _built(request: Request, context: WebContext, chosen: Choices) -> ClinicianReport | Response:
    """The report of the period asked for; a period refused (no date, before 2000, it ends before it starts, a day not
    yet come) comes back to the report page, whose boxes they were, rather than to an error page that leads to Today:
    the boxes keep the days typed, to be mended, and every other choice, above the report the empty boxes make. A
    download submits the same form: likewise."""
    try:
        return _build(context, _day("since", chosen.since), _day("until", chosen.until), chosen.notes)
    except (UnreadableDay, InvalidPeriod, PeriodOutsideRecords) as error:
        usual = _build(context, None, None, chosen.notes)
        box = error.box if isinstance(error, UnreadableDay) else None  # None: the period, both boxes
        return _page(request, context, usual, chosen, period_error=error.message, refused_box=box)


def _page(
    request: Request, context: WebContext, report: ClinicianReport, chosen: Choices, **refused: object
) -> Response:
    return render(
        request,
        "report.html",
        422 if refused else 200,
        active="report_page",
        report=report,
        fragment=report_html(report, standalone=False),
        paper=chosen.paper,
        notes=chosen.notes,
        since=chosen.since,
        until=chosen.until,
        today=context.now().astimezone(context.local_zone).date(),  # the date boxes' last day: none ahead
        **refused,
    )


def _download(request: Request, context: WebContext, chosen: Choices, suffix: str) -> Response:
    """The report as a file (`suffix` .pdf or .html), or the page again where the form was refused."""
    report = _built(request, context, chosen)
    if isinstance(report, Response):
        return report
    reports = context.services.clinician_reports
    if suffix == ".pdf":
        body: bytes | str = reports.pdf(report, chosen.paper)
        media_type = "application/pdf"
    else:
        body, media_type = reports.html(report), "text/html; charset=utf-8"
    disposition = f'attachment; filename="{_file_name(report)}{suffix}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/report.pdf", name="report_pdf")
def report_pdf(request: Request, context: Context, chosen: Chosen) -> Response:
    return _download(request, context, chosen, ".pdf")


@router.get("/report.html", name="report_file")
def report_file(request: Request, context: Context, chosen: Chosen) -> Response:
    return _download(request, context, chosen, ".html")


@router.get("/report/fhir", name="report_fhir")
def report_fhir(
    request: Request,
    context: Context,
    fhir_version: FhirVersion = "R5",
    name: Annotated[str, Query(description="a name for the Patient; empty: none")] = "",
) -> Response:
    """The FHIR file of the Report page's form, the same file /api/export answers; a name crest refuses (a pasted
    control character) comes back to this page beside its box, in the export's own words, the name and version kept
    to be mended: the API's JSON refusal read as raw text in a browser (walk s52 L5)."""
    try:
        return export(context, "fhir", fhir_version, name)
    except InvalidFhirValue as error:
        said = error.message
    usual = _build(context, None, None, notes=False)
    return _page(request, context, usual, Choices(), fhir_error=said, fhir_name=name, fhir_version=fhir_version)


@router.get("/report.css", name="report_css")
async def report_stylesheet() -> Response:
    # async: a packaged file, no journal
    return Response(report_css(), media_type="text/css; charset=utf-8")


def _file_name(report: ClinicianReport) -> str:
    period = report.data.period
    return f"crest-report-{period.first_day}-to-{period.last_day}"
