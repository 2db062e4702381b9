"""The rendered report: its pain chart and its wording, from the same numbers the insights compute."""

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape

from crest.insights.report import ClinicianReport, Period, report_data
from crest.report.render import report_html
from support.practice_history import daily_practice

FIRST = date(2026, 3, 4)  # a Wednesday: calendar weeks would cut the four weeks into five
DAYS = 28
HISTORY = daily_practice(FIRST, DAYS, UTC)


def _report(client_name: str | None = None) -> ClinicianReport:
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))
    data = report_data(HISTORY.sessions, HISTORY.check_ins, HISTORY.psfs, UTC, period, 7)
    made = datetime(2026, 3, 30, 12, tzinfo=UTC)
    return ClinicianReport(data, made, "UTC", None, "crest is not medical advice.", client_name=client_name)


def _words(html: str) -> str:
    body = html[html.index("<body>") :]
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", body, flags=re.S))
    return " ".join(unescape(text).split())


def test_the_pain_chart_joins_the_verdicts_weekly_medians_drawn_wide_and_narrow() -> None:
    report = _report()
    html = report_html(report)
    back = next(trend for trend in report.data.trends if trend.place.label == "lower back (centre)")
    for drawing in ("chart-wide", "chart-narrow"):
        svg = re.search(rf'<div class="{drawing}">(.*?)</div>', html, re.S)
        assert svg is not None
        line = re.search(r'<polyline class="series-0" points="([^"]+)"', svg.group(1))
        assert line is not None and len(line.group(1).split()) == 4  # four weeks, not 28 days
    medians = re.findall(r"<title>lower back \(centre\): week of [^,]+, median ([\d.]+)</title>", html)
    assert float(medians[0]) == float(back.baseline.median or -1)  # the first point is the verdict's baseline


def test_made_for_a_practitioner_it_names_the_client_and_never_says_you() -> None:
    words = _words(report_html(_report("Ann Lee")))
    assert "Report on Ann Lee" in words
    assert "from Ann Lee's own records" in words and "Ann Lee's notes" in words
    assert "against their own weekly goal of 7" in words
    assert re.search(r"\byour?\b", words, re.IGNORECASE) is None, re.findall(r".{40}\byour?\b.{40}", words)


def test_made_by_the_person_it_is_for_their_clinician_and_speaks_of_the_person() -> None:
    words = _words(report_html(_report()))
    assert "Report for your clinician" in words
    assert "from the person's own records" in words
    assert len(re.findall(r"\byour?\b", words, re.IGNORECASE)) == 1  # only the title, which the person reads
