"""The rendered report: its pain chart and its wording, from the same numbers the insights compute."""

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from html import unescape

from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.insights.report import ClinicianReport, Period, report_data
from crest.report.render import report_html
from support.practice_history import daily_practice

FIRST = date(2026, 3, 4)  # a Wednesday: calendar weeks would cut the four weeks into five
DAYS = 28
HISTORY = daily_practice(FIRST, DAYS, UTC)


# Two rests the camera read: one slowing with two movements, one with no reading because the person moved.
BREATHS = (
    BreathResult(
        tuple(BreathWindow(30.0 * n, 30.0 * (n + 1), rate) for n, rate in enumerate((14.0, 13.5, 11.0, 9.0, 8.2))),
        (Movement(70.0), Movement(130.0)),
    ),
    BreathResult((BreathWindow(0.0, 30.0, None, "moving"), BreathWindow(30.0, 60.0, None, "moving")), ()),
)
SESSIONS_WITH_BREATH = (
    *(replace(session, breath=breath) for session, breath in zip(HISTORY.sessions, BREATHS, strict=False)),
    *HISTORY.sessions[len(BREATHS) :],
)


def _report(client_name: str | None = None) -> ClinicianReport:
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))
    data = report_data(SESSIONS_WITH_BREATH, HISTORY.check_ins, HISTORY.psfs, UTC, period, 7)
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


def test_the_breathing_section_speaks_of_the_client_by_name() -> None:
    words = _words(report_html(_report("Ann Lee")))
    section = words[words.index("Breathing during rests") : words.index("Daily activities (Patient-Specific")]
    assert "feedback on how Ann Lee relaxed, not a measurement of their health" in section
    assert "Ann Lee's breathing slowed from about 14 to about 9 breaths a minute over the rest." in section
    assert "Ann Lee moved twice: at 01:10 and 02:10." in section
    assert "No breathing reading this time: Ann Lee was moving." in section
    assert "Ann Lee lay still throughout." in section


def test_the_breathing_section_of_the_persons_own_report_speaks_of_the_person() -> None:
    words = _words(report_html(_report()))
    section = words[words.index("Breathing during rests") : words.index("Daily activities (Patient-Specific")]
    assert "The person's breathing slowed from about 14 to about 9" in section
    assert "The person moved twice" in section and "No breathing reading this time: the person was moving." in section
    assert re.search(r"\byou", section, re.IGNORECASE) is None
