"""The rendered report: its pain chart and its wording, from the same numbers the insights compute."""

import itertools
import re
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.charts import INSET, LEFT, RIGHT, WIDTH
from crest.insights.report import ClinicianReport, Period, report_data
from crest.journal.records import CheckIn, PainRating, PsfsActivity, PsfsAssessment
from crest.journal.vocabulary import Comparison, Region, SessionStatus, Side
from crest.place_colours import place_colours
from crest.report.render import Paper, _number, report_html, report_pdf
from support.practice_history import daily_practice

FIRST = date(2026, 3, 4)  # a Wednesday: calendar weeks would cut the four weeks into five
DAYS = 28
HISTORY = daily_practice(FIRST, DAYS, UTC)


# Three rests the camera read: one slowing with two movements, one with no reading because the person moved, and
# one where nobody was in view (no movement seen means nothing then).
BREATHS = (
    BreathResult(
        tuple(BreathWindow(30.0 * n, 30.0 * (n + 1), rate) for n, rate in enumerate((14.0, 13.5, 11.0, 9.0, 8.2))),
        (Movement(70.0), Movement(130.0)),
    ),
    BreathResult((BreathWindow(0.0, 30.0, None, "moving"), BreathWindow(30.0, 60.0, None, "moving")), ()),
    BreathResult(tuple(BreathWindow(30.0 * n, 30.0 * (n + 1), None, "trunk_not_visible") for n in range(3)), ()),
)
SESSIONS_WITH_BREATH = (
    *(replace(session, breath=breath) for session, breath in zip(HISTORY.sessions, BREATHS, strict=False)),
    *HISTORY.sessions[len(BREATHS) :],
)


def _report(client_name: str | None = None) -> ClinicianReport:
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))
    data = report_data(SESSIONS_WITH_BREATH, HISTORY.check_ins, HISTORY.psfs, UTC, period, 7, today=period.last_day)
    made = datetime(2026, 3, 30, 12, tzinfo=UTC)
    return ClinicianReport(data, made, "UTC", None, "crest is not medical advice.", client_name=client_name)


def _words(html: str) -> str:
    body = html[html.index("<body>") :]
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", " ", body, flags=re.S))
    return " ".join(unescape(text).split())


def test_the_pain_chart_joins_calendar_weeks_medians_drawn_wide_and_narrow() -> None:
    report = _report()
    html = report_html(report)
    for drawing in ("chart-wide", "chart-narrow"):
        svg = re.search(rf'<div class="{drawing}">(.*?)</div>', html, re.S)
        assert svg is not None
        line = re.search(r'<polyline class="series-\d" points="([^"]+)"', svg.group(1))
        # 28 days from a Wednesday touch five calendar weeks: five medians, not 28 days; the fifth, the week under
        # way on the Monday the report is made, stands apart, hollow (walk s54 L5).
        assert line is not None and len(line.group(1).split()) == 4
        assert len(re.findall(r'<circle class="series-\d"[^>]*data-so-far=""', svg.group(1))) == 2  # one a place
    medians = re.findall(r"<title>Lower back \(centre\): week of ([^,]+), median ([\d.]+)</title>", html)
    weeks = dict(report.data.weekly_pain)
    back = next(place for place in weeks if place.region is Region.LOWER_BACK)
    assert medians[0] == ("2 Mar 2026", _number(weeks[back][0].median))


def _rated(day: date, hour: int, *scores: tuple[Region, int]) -> CheckIn:
    at = datetime.combine(day, time(hour), tzinfo=UTC)
    return CheckIn(at=at, pain=tuple(PainRating(region, score, region.usual_side) for region, score in scores))


def _report_of(check_ins: list[CheckIn], first: date, last: date) -> tuple[ClinicianReport, str]:
    data = report_data([], check_ins, [], UTC, Period(first, last), None, today=last)
    report = ClinicianReport(data, datetime.combine(last, time(20), tzinfo=UTC), "UTC", None, "Not advice.")
    return report, report_html(report)


def _points(html: str) -> dict[str, list[float]]:
    """Each series' x positions on the wide chart, by the place its dots name."""
    wide = html[html.index('<div class="chart-wide">') : html.index('<div class="chart-narrow">')]
    found: dict[str, list[float]] = {}
    for x, name in re.findall(r'<circle class="series-\d" cx="([\d.]+)"[^>]*data-series="([^"]+)"', wide):
        found.setdefault(name, []).append(float(x))
    return found


MONDAY = date(2026, 11, 30)


def test_every_places_week_is_drawn_at_the_same_x_whatever_day_it_was_first_rated() -> None:
    # The hip is first rated on Monday, the lower back on Wednesday; both again the week after.
    check_ins = [
        _rated(MONDAY, 9, (Region.HIP, 6)),
        _rated(MONDAY + timedelta(days=2), 9, (Region.LOWER_BACK, 4)),
        _rated(MONDAY + timedelta(days=8), 9, (Region.HIP, 5), (Region.LOWER_BACK, 3)),
    ]
    _, html = _report_of(check_ins, MONDAY, MONDAY + timedelta(days=13))
    hip, back = _points(html).values()
    assert hip == back and len(hip) == 2


def test_a_week_cut_by_the_period_is_drawn_in_the_middle_of_its_days_inside_it() -> None:
    # A two-day period: the hip rated on Monday only, the back on Tuesday; one week, in the middle of the two days.
    check_ins = [_rated(MONDAY, 9, (Region.HIP, 6)), _rated(MONDAY + timedelta(days=1), 9, (Region.LOWER_BACK, 4))]
    _, html = _report_of(check_ins, MONDAY, MONDAY + timedelta(days=1))
    points = _points(html)
    middle = (LEFT + INSET + WIDTH - RIGHT - INSET) / 2
    assert list(points.values()) == [[middle], [middle]]


def test_the_worst_single_rating_of_the_period_is_shown_even_when_the_medians_hide_it() -> None:
    days = [MONDAY + timedelta(days=day) for day in range(4)]
    check_ins = [_rated(day, 9, (Region.LOWER_BACK, 7)) for day in days] + [_rated(days[1], 18, (Region.LOWER_BACK, 9))]
    _, html = _report_of(check_ins, MONDAY, days[-1])
    words = _words(html)
    assert "Highest" in words
    row = (
        "Lower back (centre) 7.0 (5 ratings on 4 days, 30 Nov to 3 Dec 2026) \u2013 \u2013 not enough data yet "
        "9 (1 Dec 2026 18:00)"
    )
    assert row in words  # the medians of 7 hide the 9 of Tuesday evening; the Highest column shows it


def test_one_rating_is_singular_and_places_are_capitalised_as_elsewhere() -> None:
    check_ins = [
        _rated(MONDAY, 9, (Region.LOWER_BACK, 5)),
        _rated(MONDAY + timedelta(days=9), 9, (Region.LOWER_BACK, 4)),
    ]
    _, html = _report_of(check_ins, MONDAY, MONDAY + timedelta(days=9))
    words = _words(html)
    assert "(1 rating on 1 day, 30 Nov to 6 Dec 2026)" in words and "(1 rating on 1 day, 7 to 9 Dec 2026)" in words
    assert "1 ratings" not in words and "1 days" not in words
    assert "Lower back (centre)" in words and "lower back (centre) 5" not in words


def test_each_place_has_its_progress_colour_in_the_chart_and_the_legend() -> None:
    check_ins = [_rated(MONDAY, 9, (Region.HIP, 6), (Region.LOWER_BACK, 4))]
    report, html = _report_of(check_ins, MONDAY, MONDAY)
    colours = place_colours(place for place, _ in report.data.weekly_pain)
    for place, slot in colours.items():
        assert f'class="series-{slot}"' in html and f'data-series="{place.heading}"' in html
        assert f'<span class="swatch swatch-{slot}"></span>{place.heading}' in html
    assert len(set(colours.values())) == 2


def test_the_practice_table_says_how_many_sessions_ended_before_their_time() -> None:
    """Walk s54 L1: rests ended early or interrupted showed only as fewer minutes ('42 sessions, 607 min')."""
    words = _words(report_html(_report()))
    practice = words[words.index("Practice") : words.index("Pain per place")]
    assert "Ended before the planned time 4 of 28 (4 ended early)" in practice  # days 1, 10, 19 and 28 (support)
    interrupted = replace(HISTORY.sessions[1], status=SessionStatus.INTERRUPTED, actual_seconds=300)
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))
    sessions = [interrupted, *HISTORY.sessions[2:]]
    data = report_data(sessions, HISTORY.check_ins, [], UTC, period, 7, today=period.last_day)
    words = _words(report_html(ClinicianReport(data, datetime(2026, 3, 30, 12, tzinfo=UTC), "UTC", None, "Not.")))
    assert "Ended before the planned time 4 of 27 (3 ended early, 1 interrupted)" in words
    full = [replace(session, status=SessionStatus.COMPLETED, actual_seconds=900) for session in HISTORY.sessions]
    data = report_data(full, HISTORY.check_ins, [], UTC, period, 7, today=period.last_day)
    assert "Ended before" not in report_html(
        ClinicianReport(data, datetime(2026, 3, 30, 12, tzinfo=UTC), "UTC", None, "Not.")
    )


def test_made_for_a_practitioner_it_names_the_client_and_never_says_you() -> None:
    words = _words(report_html(_report("Ann Lee")))
    assert "Report on Ann Lee" in words
    assert "from Ann Lee's own records" in words and "Ann Lee's notes" in words
    assert "against crest's suggested weekly goal of 7" in words  # 7 is the default: nobody chose it
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
    assert "The camera did not see Ann Lee, so crest cannot tell whether Ann Lee moved." in section
    assert section.count("lay still") == 1  # the rest with nobody in view claims no stillness


def test_the_breathing_section_of_the_persons_own_report_speaks_of_the_person() -> None:
    words = _words(report_html(_report()))
    section = words[words.index("Breathing during rests") : words.index("Daily activities (Patient-Specific")]
    assert "The person's breathing slowed from about 14 to about 9" in section
    assert "The person moved twice" in section and "No breathing reading this time: the person was moving." in section
    assert "The camera did not see the person, so crest cannot tell whether the person moved." in section
    assert re.search(r"\byou", section, re.IGNORECASE) is None


def test_the_pain_chart_breaks_its_line_over_a_week_without_ratings() -> None:
    first = date(2026, 3, 2)  # a Monday: four calendar weeks, the third without a rating
    days = [first + timedelta(days=n) for n in (0, 1, 7, 8, 21, 22)]
    check_ins = [
        CheckIn(at=datetime.combine(day, time(8), UTC), pain=(PainRating(Region.LOWER_BACK, 5, Side.CENTRE),))
        for day in days
    ]
    period = Period(first, first + timedelta(days=27))
    data = report_data([], check_ins, [], UTC, period, 7, today=period.last_day)
    html = report_html(ClinicianReport(data, datetime(2026, 3, 30, 12, tzinfo=UTC), "UTC", None, "Not advice."))
    for drawing in ("chart-wide", "chart-narrow"):
        svg = re.search(rf'<div class="{drawing}">(.*?)</div>', html, re.S)
        assert svg is not None
        lines = re.findall(r'<polyline class="series-\d" points="([^"]+)"', svg.group(1))
        assert [len(line.split()) for line in lines] == [2]  # the first two weeks joined; the fourth stands alone
    assert "with a gap where a week has no rating" in html


def test_an_eight_week_chart_names_mondays_between_its_ends_wide_and_narrow() -> None:
    """Walk s54 M2: 8 weeks were named "12 Oct 2026" and "7 Dec 2026" alone, so the harder week the summary names
    ("2 to 8 Nov") and a week away could not be found on the chart by their dates."""
    first, last = date(2026, 10, 12), date(2026, 12, 7)
    days = [first + timedelta(days=n) for n in range(57) if n % 7 < 4]
    _, html = _report_of([_rated(day, 9, (Region.LOWER_BACK, 5)) for day in days], first, last)
    for drawing in ("chart-wide", "chart-narrow"):
        svg = re.search(rf'<div class="{drawing}">(.*?)</div>', html, re.S)
        assert svg is not None
        labels = re.findall(
            r'<text x="[\d.]+" y="\d+" text-anchor="(?:start|middle|end)">(\d+ \w{3}(?: \d{4})?)</text>', svg.group(1)
        )
        named = [
            datetime.strptime(label if label[-4:].isdigit() else f"{label} 2026", "%d %b %Y").date() for label in labels
        ]
        assert named[0] == first and named[-1] == last and len(named) >= 3, (drawing, labels)
        assert all(day.weekday() == 0 for day in named[1:-1]), labels
        assert max((b - a).days for a, b in itertools.pairwise(named)) <= 28, (drawing, labels)


def test_a_week_under_way_is_drawn_among_its_days_so_far_even_when_the_period_reaches_past_today() -> None:
    first = date(2026, 3, 2)  # a Monday; the report runs to Sunday 22 March, made on Tuesday 17 March
    check_ins = [
        CheckIn(at=datetime.combine(first + timedelta(days=n), time(8), UTC), pain=(PainRating(Region.LOWER_BACK, 5),))
        for n in (0, 7, 14, 15)
    ]
    period, today = Period(first, first + timedelta(days=20)), first + timedelta(days=15)
    data = report_data([], check_ins, [], UTC, period, 7, today=today)
    html = report_html(ClinicianReport(data, datetime.combine(today, time(12), UTC), "UTC", None, "Not advice."))
    svg = re.search(r'<div class="chart-wide">(.*?)</div>', html, re.S)
    assert svg is not None
    x1, x2, x3 = (float(x) for x in re.findall(r'<circle class="series-\d" cx="([\d.]+)"', svg.group(1)))
    # Two full weeks stand 7 days apart (their Thursdays); the third at the middle of Monday and Tuesday, 4.5 days
    # after the second week's, not on Thursday 19 March, still to come.
    assert (x3 - x2) / (x2 - x1) == pytest.approx(4.5 / 7, abs=0.01)


def test_a_chart_with_more_places_than_it_draws_says_so_and_keeps_the_most_painful() -> None:
    # Six places rated in one check-in: the chart draws four, the worst among them, and says two are in the table.
    rated = [(Region.NECK, 1), (Region.LOWER_BACK, 2), (Region.HIP, 3), (Region.KNEE, 4), (Region.FOOT, 6)]
    check_in = _rated(MONDAY, 9, *rated, (Region.CALF_AND_SHIN, 5))
    _, html = _report_of([check_in], MONDAY, MONDAY + timedelta(days=6))
    drawn = ["Calf and shin (both sides)", "Foot (both sides)", "Hip (both sides)", "Knee (both sides)"]
    assert sorted(_points(html)) == drawn
    words = _words(html)
    said = "The chart draws the 4 places rated most recently (the more painful first); 2 more are in the table."
    assert said in words
    assert "Neck" in words and "Lower back" in words  # in the table


def _noted(note: str) -> ClinicianReport:
    day = MONDAY
    check_in = CheckIn(at=datetime.combine(day, time(9), UTC), note=note)
    data = report_data([], [check_in], [], UTC, Period(day, day), None, include_notes=True, today=day)
    return ClinicianReport(data, datetime.combine(day, time(20), UTC), "UTC", None, "Not advice.")


def test_a_long_unbroken_word_in_a_note_wraps_on_paper_and_on_a_phone() -> None:
    word = "x" * 200
    pdf = report_pdf(_noted(word))
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    # Cut at the page's edge, only the first 90 letters were printed.
    assert "".join(line for line in text.splitlines() if set(line) == {"x"}) == word
    html = report_html(_noted(word))
    assert re.search(r"\.notes li \{[^}]*overflow-wrap: anywhere", html)


def test_a_notes_line_breaks_are_kept_on_paper_and_on_the_page_as_in_the_journal() -> None:
    # The note printed as one line: "Felt calmer. Back a bit looser. Second line." (walk s56 L2).
    note = "Felt calmer.\tBack a bit looser.\nSecond line."
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=report_pdf(_noted(note)), capture_output=True, check=True
    ).stdout.decode()
    lines = [line.strip() for line in text.splitlines()]
    assert "Second line." in lines
    assert any(line.endswith("Felt calmer. Back a bit looser.") for line in lines)
    html = report_html(_noted(note))
    assert '<span class="note-text">Felt calmer.\tBack a bit looser.\nSecond line.</span>' in html
    assert re.search(r"\.notes \.note-text \{[^}]*white-space: pre-line", html)


def test_psfs_rounds_are_dated_in_the_reports_zone() -> None:
    # 20:00 in Los Angeles is 04:00 the next day in UTC: the report said "7 Nov 2026" under a Los Angeles "Made".
    los_angeles = ZoneInfo("America/Los_Angeles")
    # as the journal gives them back: in UTC
    first, second = (datetime(2026, 11, day, 20, tzinfo=los_angeles).astimezone(UTC) for day in (6, 20))
    rounds = [PsfsAssessment(at, (PsfsActivity("sitting", score),)) for at, score in ((first, 3), (second, 6))]
    period = Period(date(2026, 11, 1), date(2026, 11, 28))
    made = datetime(2026, 11, 28, 20, tzinfo=los_angeles)
    for assessments, said in ((rounds[:1], "6 Nov 2026: sitting 3"), (rounds, "Activity 6 Nov 2026 20 Nov 2026")):
        data = report_data([], [], assessments, los_angeles, period, None, today=period.last_day)
        words = _words(report_html(ClinicianReport(data, made, "America/Los_Angeles", None, "Not advice.")))
        assert said in words and "7 Nov" not in words and "21 Nov" not in words


@pytest.mark.parametrize(
    "note",
    ["散步后腰痛减轻", "腰がまだ痛い", "허리 통증이 줄었다", "चलने के बाद दर्द कम", "เดินแล้วปวดหลังน้อยลง"],
    ids=["chinese", "japanese", "korean", "hindi", "thai"],
)
def test_a_note_in_a_script_dejavu_lacks_is_printed_in_a_font_that_has_it(note: str) -> None:
    # Pango prints a character no installed font has as an empty box from the main font, so DejaVu alone would be
    # embedded; the set-up's fonts (scripts/setup) must give these scripts a font of their own.
    pdf = report_pdf(_noted(note))
    listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]}
    assert fonts - {"DejaVu-Sans", "DejaVu-Sans-Bold"}, fonts


def test_the_tables_first_and_last_7_days_and_the_charts_weeks_each_say_which_days_their_median_is_of() -> None:
    """The table's "Latest week" read 3.0 beside a chart whose last week read 2.5: one the 7 days to the last
    rating, the other the calendar week it fell in. Each now names its days, and the caption says why they differ."""
    first = date(2026, 11, 10)  # a Tuesday
    scores = [7, 7, 6, 7, 6, 6, 6, 5, 6, 5, 5, 5, 4, 5, 4, 4, 4, 3, 3, 4, 3, 2, 2, 3]  # to Thursday 3 Dec
    check_ins = [_rated(first + timedelta(days=n), 9, (Region.LOWER_BACK, score)) for n, score in enumerate(scores)]
    report, html = _report_of(check_ins, first, date(2026, 12, 5))
    words = _words(html)
    [(_, weeks)] = report.data.weekly_pain
    [trend] = report.data.trends
    assert trend.latest is not None and (trend.latest.median, weeks[-1].median) == (3, Fraction(5, 2))  # they differ
    # each figure is the median of the days it names
    assert "First 7 days Last 7 days Change" in words and "Latest week" not in words
    assert (
        "Lower back (centre) 6.0 (7 ratings on 7 days, 10 to 16 Nov 2026) "
        "3.0 (7 ratings on 7 days, 27 Nov to 3 Dec 2026) -3.0" in words
    )
    assert sorted(scores[:7])[3] == 6 and sorted(scores[-7:])[3] == 3
    medians = re.findall(r"<title>Lower back \(centre\): week of ([^,]+), median ([\d.]+)</title>", html)
    # Monday to Sunday; the last, made on Saturday 5 December, its days so far
    assert medians[0] == ("9 Nov 2026", "6.5") and medians[-1] == ("30 Nov 2026 (so far)", "2.5")
    assert "calendar week by week (Monday to Sunday)" in words
    assert "so its medians can differ from the chart's first and last points" in words


def test_a_place_without_a_verdict_shows_no_change_figure_on_paper_or_on_the_page() -> None:
    """Walk-through L2: 'Knee (right) | 4.5 (2 ratings) | 4.5 (2 ratings) | +0.0 | not enough data yet' read as
    measured with no change; the change is shown only beside a verdict, a dash otherwise, as for a place with no later
    week."""
    knee_days = [MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=9), MONDAY + timedelta(days=10)]
    check_ins = [_rated(day, 9, (Region.KNEE, 4 + day.day % 2)) for day in knee_days] + [
        _rated(MONDAY + timedelta(days=day), 8, (Region.LOWER_BACK, 6 if day < 7 else 3)) for day in range(11)
    ]
    report, html = _report_of(check_ins, MONDAY, MONDAY + timedelta(days=10))
    changes = {trend.place.region: trend.change for trend in report.data.trends}
    assert changes[Region.KNEE] == 0 and changes[Region.LOWER_BACK] == -3
    for made in (html, report_html(report, standalone=False)):  # the PDF's document, and the Report page's
        words = _words(made) if "<body>" in made else " ".join(unescape(re.sub(r"<[^>]+>", " ", made)).split())
        knee = (
            "Knee (both sides) 4.5 (2 ratings on 2 days, 30 Nov to 6 Dec 2026) "
            "4.5 (2 ratings on 2 days, 7 to 10 Dec 2026)"
        )
        assert f"{knee} \u2013 not enough data yet" in words
        assert "+0.0" not in words
        assert (
            "6.0 (7 ratings on 7 days, 30 Nov to 6 Dec 2026) 3.0 (4 ratings on 4 days, 7 to 10 Dec 2026) -3.0 better"
            in words
        )


def _pdf_text(report: ClinicianReport, paper: Paper) -> str:
    """The PDF's text laid out as printed, its pages parted by form feeds."""
    pdf = report_pdf(report, paper)
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(("days", "paper"), [(39, "a4"), (36, "letter")])
def test_the_closing_line_never_stands_alone_on_the_last_page(days: int, paper: Paper) -> None:
    """Walk-through L1: the day-by-day table filled a page and the one-line disclaimer spilled onto a page of its
    own. (These lengths did so, in A4 and in Letter.) It now goes over with the last rows before it."""
    history = daily_practice(FIRST, days, UTC)
    period = Period(FIRST, FIRST + timedelta(days=days - 1))
    data = report_data(history.sessions, history.check_ins, history.psfs, UTC, period, 7, today=period.last_day)
    made = datetime.combine(period.last_day, time(20), UTC)
    pages = _pdf_text(ClinicianReport(data, made, "UTC", None, "crest is not medical advice."), paper).split("\f")
    last = " ".join([page for page in pages if page.strip()][-1].split())
    assert "crest is not medical advice." in last
    assert "Pain columns: the median rating of the day." in last and f"{period.last_day.day} Apr 2026 1 " in last


def test_each_day_of_the_appendix_is_on_one_line() -> None:
    """'10 Nov 2026' wrapped in two lines beside four places' columns, each row two lines tall and the walk-through's
    report a page longer."""
    places = (Region.LOWER_BACK, Region.HIP, Region.KNEE, Region.NECK)
    check_ins = [_rated(MONDAY + timedelta(days=day), 9, *((region, 3) for region in places)) for day in range(14)]
    report, _ = _report_of(check_ins, MONDAY, MONDAY + timedelta(days=13))
    appendix = _pdf_text(report, "a4").split("Appendix")[1]
    assert "10 Dec 2026" in appendix and "13 Dec 2026" in appendix


@pytest.mark.parametrize("days", [30, 39])
def test_a_sections_closing_note_never_starts_a_page_away_from_its_section(days: int) -> None:
    """In US Letter, four to five weeks of data put the daily activities' closing note at the top of page 3, without
    its heading: '0 is unable, 10 is able as before the problem' said nothing of what it was about."""
    history = daily_practice(FIRST, days, UTC)
    period = Period(FIRST, FIRST + timedelta(days=days - 1))
    data = report_data(history.sessions, history.check_ins, history.psfs, UTC, period, 7, today=period.last_day)
    made = datetime.combine(period.last_day, time(20), UTC)
    pages = _pdf_text(ClinicianReport(data, made, "UTC", None, "crest is not medical advice."), "letter").split("\f")
    [page] = [" ".join(page.split()) for page in pages if "0 is unable, 10 is able as before the problem" in page]
    assert not page.startswith("0 is unable")
    assert "the average" in page.split("0 is unable")[0]  # what it explains ends on the same page


def test_a_week_of_ratings_on_one_day_cut_short_by_the_period_is_named_by_that_one_day() -> None:
    """Walk s52 L7: a rest on 6 December, the report made the 7th, said '2 ratings on 1 day, 6 to 7 Dec 2026'."""
    sunday = MONDAY + timedelta(days=6)
    check_ins = [_rated(sunday, 9, (Region.LOWER_BACK, 5)), _rated(sunday, 10, (Region.LOWER_BACK, 4))]
    _, html = _report_of(check_ins, sunday, sunday + timedelta(days=1))
    words = _words(html)
    assert "4.5 (2 ratings on 1 day, 6 Dec 2026)" in words
    assert "1 day, 6 to 7 Dec" not in words


def test_a_half_tenth_is_rounded_away_from_zero_the_same_way_for_every_value() -> None:
    """Walk s52 L7: a median of 6.25 read 6.2 (a half rounded to even) while 6.75 read 6.8."""
    assert [_number(Fraction(n, 4)) for n in (25, 27, 1, 3, 40)] == ["6.3", "6.8", "0.3", "0.8", "10.0"]
    check_ins = [_rated(MONDAY + timedelta(days=day), 9, (Region.LOWER_BACK, 6)) for day in range(3)]
    check_ins += [_rated(MONDAY + timedelta(days=day), 9, (Region.LOWER_BACK, 7)) for day in (2, 3)]
    # days 6, 6, 6.5 (Wednesday rated 6 and 7), 7: a median of 6.25
    _, html = _report_of(check_ins, MONDAY, MONDAY + timedelta(days=3))
    assert "6.3 (5 ratings on 4 days" in _words(html)
    assert "median 6.3" in html


def test_the_week_under_way_is_drawn_hollow_unjoined_and_said_so_in_the_words_and_the_table() -> None:
    """Walk s54 L5: made on a Monday, the report drew that one day's 3 as the last week's median after weeks of 2.5,
    joined to the line: a rise that was one rating."""
    first, last = date(2026, 10, 12), date(2026, 12, 7)  # eight full weeks (a table of weeks), then Monday 7 December
    days = [first + timedelta(days=n) for n in range(56)]
    check_ins = [_rated(day, 9, (Region.LOWER_BACK, 9 - n // 7)) for n, day in enumerate(days)] + [
        _rated(last, 9, (Region.LOWER_BACK, 3))
    ]
    _, html = _report_of(check_ins, first, last)
    for drawing in ("chart-wide", "chart-narrow"):
        svg = re.search(rf'<div class="{drawing}">(.*?)</div>', html, re.S)
        assert svg is not None
        dots = re.findall(r'<circle class="series-\d"([^>]*)>', svg.group(1))
        assert ["data-so-far" in dot for dot in dots] == [False] * 8 + [True]
        [line] = re.findall(r'<polyline class="series-\d" points="([^"]+)"', svg.group(1))
        assert len(line.split()) == 8  # the eight full weeks; the week under way stands apart
        words = unescape(svg.group(1))
        # the last full week ends the line and the words, not today's one rating
        assert "9.0 in the week of 12 Oct 2026, 2.0 in the week of 30 Nov 2026, a fall of 7.0" in words
        assert "; this week so far, hollow: 3.0." in words
    assert "Lower back (centre): week of 7 Dec 2026 (so far), median 3.0" in html
    text = _words(html)
    assert "The hollow point is this week so far, its 1 day until the report was made" in text
    assert "30 Nov 2026 \N{EN DASH} 6 Dec 2026 0 0 7 2.0 7 Dec 2026 (this week so far) 0 0 1 3.0" in text


def test_a_check_in_that_said_worse_than_before_is_named_in_the_summary_with_its_time() -> None:
    """Walk s54 L2: '3 Nov, compared with before: worse' (9 then 10) was in no summary, only in the Journal."""
    first, last = date(2026, 11, 2), date(2026, 11, 8)
    before = _rated(date(2026, 11, 3), 18, (Region.LOWER_BACK, 9))
    after = replace(_rated(date(2026, 11, 3), 19, (Region.LOWER_BACK, 10)), compared_with_before=Comparison.WORSE)
    same = replace(_rated(date(2026, 11, 4), 19, (Region.LOWER_BACK, 8)), compared_with_before=Comparison.SAME)
    words = _words(_report_of([before, after, same], first, last)[1])
    summary = words[words.index("In short") : words.index("Practice")]
    assert "Felt worse after a session than before it, as the person's check-in after it said: 3 Nov 2026 19:00." in (
        summary
    )
    assert "Felt worse" not in _words(_report_of([before, same], first, last)[1])


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_first_page_goes_on_with_the_pain_verdicts_not_half_empty_before_the_chart(paper: Paper) -> None:
    """Kept whole, the chart went over to the second page with its heading, and the first ended after the practice
    table, a third of it empty (s55): the verdicts' table, moved above the chart, fills it."""
    pdf = report_pdf(_report(), paper)
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Practice" in first_page and "Pain per place (0-10)" in first_page
    after_heading = " ".join(first_page.split("Pain per place (0-10)")[1].split())  # a cell's lines wrap
    assert "Lower back (centre) 5.5 (14 ratings on 7" in after_heading  # the table's first row, at least
