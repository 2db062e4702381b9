"""Render a `ClinicianReport`: one template makes the standalone HTML file, the fragment the browser page shows,
and the document WeasyPrint prints to PDF (A4 or US Letter), so the three always say the same.

WeasyPrint is imported only when a PDF is asked for: it takes a moment to load and needs Pango.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from fractions import Fraction
from importlib import resources
from typing import Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from crest.breath.result import relaxation_note
from crest.charts import NARROW_WIDTH, WIDTH, Point, Series, day_labels, line_chart
from crest.counting import counted
from crest.errors import CrestError
from crest.input_problems import quoted
from crest.insights.pain import JOINED_WEEKS_DAYS, Place, Window, under_way
from crest.insights.practice import PRACTICE_RULE
from crest.insights.progress import (
    before_after_line,
    points,
    psfs_line,
    signed,
    trend_line,
    window_basis,
    with_worse_week,
)
from crest.insights.psfs import PsfsChange
from crest.insights.reader import Reader, sentence, spoken_of
from crest.insights.report import ClinicianReport, Period
from crest.insights.verdicts import (
    CHANGE_NOT_CAUSE,
    DAY_COUNTS_ONCE,
    MIN_DAYS_PER_WINDOW,
    PAIN_RULE,
    PAIN_SOURCE,
    PSFS_MID_SOURCE,
    PSFS_RULE,
    PSFS_SOURCE,
    WINDOW_DAYS,
)
from crest.place_colours import LIGHT_SERIES_COLOURS, place_colours

Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")


class UnknownPaper(CrestError):
    """A paper size other than A4 or US Letter."""


def check_paper(name: str) -> Paper:
    for paper in PAPERS:
        if name.strip().lower() == paper:
            return paper
    raise UnknownPaper(f"unknown paper size {quoted(name)}; choose a4 or letter")


MOST_CHART_PLACES = 4
# Carried inside the chart's SVG: the same colour for a place as on Progress (its light theme, as the report is
# drawn on white).
CHART_STYLE = (
    "".join(f".series-{slot}{{stroke:{colour};fill:{colour}}}" for slot, colour in enumerate(LIGHT_SERIES_COLOURS))
    + "polyline{fill:none !important;stroke-width:2.5}line.span{stroke-width:7;stroke-opacity:.3;stroke-linecap:round}"
    "circle[data-so-far]{fill:#fff !important;stroke-width:2.5}"
    ".grid-line{stroke:#c8ccd0;stroke-dasharray:2 4}"
    ".axis{stroke:#6b7280}text{fill:#4b5563;font-size:12px;font-family:sans-serif}"
)

_ENVIRONMENT = Environment(
    loader=PackageLoader("crest.report", "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _day(moment: date) -> str:
    return f"{moment.day} {moment:%b %Y}"


@pass_context
def _day_in_zone(context: Context, moment: date) -> str:
    """A moment's day where the report is read: a PSFS round at 20:00 in Los Angeles is not the next UTC day."""
    return _day(moment.astimezone(context["zone"]) if isinstance(moment, datetime) else moment)


def _number(value: Fraction | float | None) -> str:
    return "\u2013" if value is None else points(value)  # an en dash: no value


def _basis(window: Window, period: Period) -> str:
    """What a median in the table rests on, in Progress's words; a first week the period cuts short ends with it."""
    return window_basis(window, period.last_day)


# `sentence`, unlike Jinja's `capitalize`, leaves the rest as written ('PSFS').
_ENVIRONMENT.filters.update(day=_day_in_zone, basis=_basis, number=_number, signed=signed, sentence=sentence)


def report_css() -> str:
    return resources.files("crest.report").joinpath("templates", "report.css").read_text(encoding="utf-8")


def report_html(report: ClinicianReport, standalone: bool = True, paper: Paper = "a4") -> str:
    """The report as a whole HTML document (`standalone`), or as the fragment a web page embeds."""
    zone = report.generated_at.tzinfo
    assert zone is not None  # the clock gives aware times
    # The report is read by a clinician: it speaks of the person, by name when practice mode knows it.
    client = spoken_of(Reader.CLINICIAN, report.client_name)
    # a period that has ended is not "yet" too short, nor "yet" without a later week: no more days will come
    ended = report.data.period.has_ended(report.generated_at.date())
    uncompared = _uncompared_rows(report.data.psfs, zone)
    return _ENVIRONMENT.get_template("report.html").render(
        report=report,
        data=report.data,
        standalone=standalone,
        css=Markup(report_css()),  # our own file: trusted
        paper=paper,
        chart=_pain_chart(report),
        # a week of the table holding today is under way: its row says so, as the chart draws it
        so_far=lambda row: (
            report.data.table_by_week
            and under_way(row.first_day - timedelta(days=row.first_day.weekday()), report.generated_at.date())
        ),
        highest=dict(report.data.highest),
        weekly_rate=report.data.practice.sessions_per_week(report.data.period),
        since_target=report.data.practice.since_target_words(report.data.period, Reader.CLINICIAN),
        period_ended=ended,
        client=client.name,
        client_s=client.name_s,
        reader=Reader.CLINICIAN,
        trend_lines=[
            with_worse_week(trend_line(trend, Reader.CLINICIAN, ended), trend) for trend in report.data.trends
        ],
        before_after_lines=[before_after_line(change) for change in report.data.before_after],
        psfs_line=psfs_line(report.data.psfs, Reader.CLINICIAN, of_period=True),
        psfs_uncompared=uncompared,
        # Named for what it is only beside activities it leaves out
        psfs_average=(
            f"Average of the {counted(len(report.data.psfs.activities), 'activity', 'activities')} rated both times"
            if uncompared
            else "Average"
        ),
        rule={
            "pain": PAIN_RULE,
            "change_not_cause": CHANGE_NOT_CAUSE,
            "day_counts_once": DAY_COUNTS_ONCE,
            "practice": PRACTICE_RULE,
            "psfs": PSFS_RULE,
            "window_days": WINDOW_DAYS,
            "min_days": MIN_DAYS_PER_WINDOW,
            "sources": [PAIN_SOURCE.full, PSFS_SOURCE.full, PSFS_MID_SOURCE.full],
        },
        local=lambda moment: _local(moment, zone),
        zone=zone,
        breath_note=relaxation_note(Reader.CLINICIAN, report.client_name),
        breath_rows=[
            {
                "started_at": breath.started_at,
                "rate_bpm": breath.result.rate_bpm,
                "summary": breath.result.summary(Reader.CLINICIAN, report.client_name),
                "stillness": breath.result.stillness_line(Reader.CLINICIAN, report.client_name),
            }
            for breath in report.data.breaths
        ],
    )


def _uncompared_rows(change: PsfsChange, zone: tzinfo) -> list[dict[str, int | str | None]]:
    """The activities rated in the period but not in both rounds compared: each with its scores in those two
    rounds (None: not rated then), and a note that says why no change is shown, with any score between them."""
    if change.baseline is None or change.latest is None:
        return []
    first_at, latest_at = change.baseline.at, change.latest.at
    rows: list[dict[str, int | str | None]] = []
    for activity in change.uncompared:
        first, latest = activity.score_at(first_at), activity.score_at(latest_at)
        between = "; ".join(
            f"{_day(at.astimezone(zone))}: {score}" for at, score in activity.ratings if at not in (first_at, latest_at)
        )
        if activity.rated_once:
            when = "in the first round" if first is not None else "in the latest round" if latest is not None else ""
            note = f"rated once only ({when or between}): no change can be computed"
        else:
            missing = " or ".join(name for name, score in (("first", first), ("latest", latest)) if score is None)
            note = f"not rated in the {missing} round, so no change is computed" + (
                f"; also rated {between}" if between else ""
            )
        rows.append({"name": activity.name, "first": first, "latest": latest, "note": note})
    return rows


def _local(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{_day(local)} {local:%H:%M}"


def report_pdf(report: ClinicianReport, paper: Paper = "a4") -> bytes:
    import weasyprint

    # Tagged: a screen reader, or a clinician's records system, reads its headings, lists, tables with their header
    # cells and the chart as a figure with its words, in the page's order; a viewer shows its title, not the file's
    # name. Not declared PDF/UA (pdf_variant), which no check here confirms it meets.
    pdf: bytes = weasyprint.HTML(string=report_html(report, standalone=True, paper=paper)).write_pdf(pdf_tags=True)
    return pdf


def _pain_chart(report: ClinicianReport) -> dict[str, Markup | int] | None:
    """Weekly medians per place over the period, the first four places, each in its Progress colour; drawn wide
    for paper and a wide screen, and narrow for a phone.

    The weeks are calendar weeks, the same for every place, so a week's medians stand at the same x: the middle of
    the week's days inside the period, on a band across those days (the median is of them all, not of that day).
    """
    rated = [(place, weeks) for place, weeks in report.data.weekly_pain if weeks]
    shown = rated[:MOST_CHART_PLACES]
    if not shown:
        return None
    first, last = report.data.period.first_day, report.data.period.last_day
    today = report.generated_at.date()
    colours = place_colours(place for place, _ in shown)
    series = [
        Series(
            place.heading,
            [
                Point(
                    (days[0] + days[1]) / 2,
                    float(week.median or 0),
                    f"{place.heading}: week of {_day(week.first_day)}"
                    f"{' (so far)' if under_way(week.first_day, today) else ''}, median {_number(week.median)}",
                    span=days,
                    so_far=under_way(week.first_day, today),
                )
                for week in weeks
                for days in [(_ordinal(max(week.first_day, first)), _ordinal(min(week.last_day, last)))]
            ],
            colours[place],
            longest_join=JOINED_WEEKS_DAYS,
        )
        for place, weeks in shown
    ]
    description = _chart_words(shown, report.data.period, len(rated) - len(shown), today)
    x_range = (_ordinal(first), _ordinal(last))
    return {
        "wide": line_chart(
            series, _axis_days(first, last, WIDTH), description, CHART_STYLE, x_range=x_range, titled=True
        ),
        "narrow": line_chart(
            series,
            _axis_days(first, last, NARROW_WIDTH),
            description,
            CHART_STYLE,
            x_range=x_range,
            width=NARROW_WIDTH,
            titled=True,
        ),
        "legend": Markup("").join(
            Markup('<li><span class="swatch swatch-{}"></span>{}</li>').format(colours[place], place.heading)
            for place, _ in shown
        ),
        # More lines stop being readable: the chart says what it leaves to the table, never silently.
        "left_out": len(rated) - len(shown),
        "legend_count": len(shown),
        # the days of the week under way the chart has, where it draws that week (hollow)
        "so_far_days": today.weekday() + 1
        if any(under_way(week.first_day, today) for _, weeks in shown for week in weeks)
        else 0,
    }


def _axis_days(first: date, last: date, width: int) -> list[tuple[float, str]]:
    """The period's days named under the chart, by the charts' one rule (charts.day_labels, Progress's too)."""
    return [
        (_ordinal(day), words)
        for day, words in day_labels(first, last, width, (_ordinal(first), _ordinal(last)), _ordinal)
    ]


def _chart_words(shown: list[tuple[Place, tuple[Window, ...]]], period: Period, left_out: int, today: date) -> str:
    """What the chart shows, in words: its alternative text for a screen reader, on the page and in the tagged PDF.
    Each place's first and last weekly median, the way it went between them, a higher or lower week between them,
    and the weeks without a rating (a gap in its line); the week under way after them, its days so far, never as
    the last week (walk s54 L5: one day's rating read as a rise)."""
    said = [
        f"Weekly median pain from 0 to 10, {_day(period.first_day)} to {_day(period.last_day)}, a line per place, "
        "each week's median marked across its week's days."
    ]
    for place, all_weeks in shown:
        so_far = all_weeks[-1] if under_way(all_weeks[-1].first_day, today) else None
        weeks = all_weeks[:-1] if so_far and len(all_weeks) > 1 else all_weeks
        after = "" if so_far is None or weeks is all_weeks else f"; this week so far, hollow: {_number(so_far.median)}"
        first, last = weeks[0], weeks[-1]
        medians = [week.median or Fraction(0) for week in weeks]  # as drawn; a week in the chart has ratings
        start, end = medians[0], medians[-1]
        if len(weeks) == 1:
            said.append(
                f"{place.heading}: one week rated, the week of {_day(first.first_day)}"
                f"{' so far' if weeks[0] is so_far else ''}: {_number(start)}{after}."
            )
            continue
        way = f"a fall of {_number(start - end)}" if end < start else f"a rise of {_number(end - start)}"
        line = (
            f"{place.heading}: {_number(start)} in the week of {_day(first.first_day)}, {_number(end)} in the week of "
            f"{_day(last.first_day)}, {way if end != start else 'no change'}"
        )
        highest, lowest = max(medians), min(medians)
        if highest > max(start, end):
            line += f"; highest {_number(highest)}, in the week of {_day(weeks[medians.index(highest)].first_day)}"
        if lowest < min(start, end):
            line += f"; lowest {_number(lowest)}, in the week of {_day(weeks[medians.index(lowest)].first_day)}"
        unrated = (last.first_day - first.first_day).days // 7 + 1 - len(weeks)
        if unrated:
            line += f"; no rating in {counted(unrated, 'week')} between"
        said.append(line + after + ".")
    if left_out:
        said.append(f"{counted(left_out, 'more place')} {'is' if left_out == 1 else 'are'} in the table.")
    return " ".join(said)


def _ordinal(day: date) -> float:
    return float(day.toordinal())
