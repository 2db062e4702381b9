"""The rendered report: its pain chart and its wording, from the same numbers the insights compute."""

import re
from datetime import UTC, date, datetime, timedelta

from crest.insights.report import ClinicianReport, Period, report_data
from crest.report.render import report_html
from support.practice_history import daily_practice

FIRST = date(2026, 3, 4)  # a Wednesday: calendar weeks would cut the four weeks into five
DAYS = 28
HISTORY = daily_practice(FIRST, DAYS, UTC)


def _report() -> ClinicianReport:
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))
    data = report_data(HISTORY.sessions, HISTORY.check_ins, HISTORY.psfs, UTC, period, 7)
    return ClinicianReport(data, datetime(2026, 3, 30, 12, tzinfo=UTC), "UTC", None, "crest is not medical advice.")


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
