"""What Progress draws: every chart over the same weeks, one mark per place and session, a colour per place that
stays, and the numbers as a table."""

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from html import unescape
from itertools import permutations
from typing import Any

import pytest

from crest.charts import BOTTOM, HEIGHT, INSET, LEFT, NARROW_WIDTH, RIGHT, SERIES_COLOURS, WIDTH
from crest.insights.pain import Place, pain_trends
from crest.insights.progress import points, signed
from crest.insights.verdicts import Verdict
from crest.journal.records import CheckIn, PainRating, PracticeSession
from crest.journal.vocabulary import CheckInTiming, Region, SessionStatus, Side
from crest.place_colours import place_colours
from crest.services.preferences import PreferencesStore
from crest.services.reports import Reports
from crest.web.presenters import (
    _change_words,
    one_decimal,
    progress_charts,
    progress_period,
)
from support.clock import FakeClock

BACK = Place(Region.LOWER_BACK, Side.CENTRE)
LEFT_HIP = Place(Region.HIP, Side.LEFT)
RIGHT_HIP = Place(Region.HIP, Side.RIGHT)
KNEE = Place(Region.KNEE, Side.LEFT)  # wants the same colour as the lower back
DATE_LABEL = rf'<text x="([\d.]+)" y="{HEIGHT - BOTTOM + 18}" text-anchor="(?:start|middle|end)">([^<]+)</text>'


@dataclass
class _Records:
    """What `Reports` reads from a journal."""

    sessions: list[PracticeSession] = field(default_factory=list)
    check_ins: list[CheckIn] = field(default_factory=list)

    def list_sessions(self) -> list[PracticeSession]:
        return sorted(self.sessions, key=lambda session: session.started_at)

    def list_checkins(self) -> list[CheckIn]:
        return sorted(self.check_ins, key=lambda check_in: check_in.at)

    def get_settings(self) -> dict[str, str]:
        return {}


def _pain(*ratings: tuple[Place, int]) -> tuple[PainRating, ...]:
    return tuple(PainRating(region=place.region, side=place.side, score=score) for place, score in ratings)


def _charts(records: _Records, clock: FakeClock) -> tuple[list[dict[str, Any]], str]:
    journal: Any = records
    # with the summary's trends, as the Progress page passes them
    progress = Reports(journal, clock, UTC, PreferencesStore(journal)).progress(pain_trends(records.check_ins, UTC))
    return progress_charts(progress, UTC), progress_period(progress, UTC)


def _rest(records: _Records, number: int, started: datetime, back_after: int, hip_after: int) -> None:
    """A session with the lower back rated 6 and the left hip 3 before it, and as given after it."""
    records.sessions.append(PracticeSession(started, 10, "standard", SessionStatus.COMPLETED, 600, id=number))
    records.check_ins += [
        CheckIn(at=started, timing=CheckInTiming.BEFORE, session_id=number, pain=_pain((BACK, 6), (LEFT_HIP, 3))),
        CheckIn(
            at=started + timedelta(minutes=11),
            timing=CheckInTiming.AFTER,
            session_id=number,
            pain=_pain((BACK, back_after), (LEFT_HIP, hip_after)),
        ),
    ]


def _two_sessions_today(clock: FakeClock) -> _Records:
    records = _Records()
    for number, (back_after, hip_after) in enumerate(((4, 3), (6, 3)), start=1):
        _rest(records, number, clock.now - timedelta(hours=8 - 4 * number), back_after, hip_after)
    return records


def test_each_session_and_place_gets_its_own_mark_named_by_day_and_time() -> None:
    clock = FakeClock()  # Wednesday 6 May 2026, 17:30 UTC
    charts, _ = _charts(_two_sessions_today(clock), clock)
    change = charts[1]
    titles = re.findall(r"<title>([^<]+)</title>", change["svg"])
    assert titles == [
        "Lower back (centre), session of Wed 6 May 13:30: 6 before, 4 after, \N{MINUS SIGN}2 (less pain)",
        "Lower back (centre), session of Wed 6 May 17:30: 6 before, 6 after, 0 (the same)",
        "Hip (left), session of Wed 6 May 13:30: 3 before, 3 after, 0 (the same)",
        "Hip (left), session of Wed 6 May 17:30: 3 before, 3 after, 0 (the same)",
    ]
    assert change["table"]["head"] == ["Session", "Place", "Before to after", "Change"]
    back_row = ["Wed 6 May 13:30", "Lower back (centre)", "6 to 4", "\N{MINUS SIGN}2 (less pain)"]
    assert change["table"]["rows"][1] == back_row  # after the left hip: places in one order
    assert [item["name"] for item in change["legend"]] == ["Lower back (centre)", "Hip (left)"]


def test_every_chart_starts_and_ends_on_the_same_days() -> None:
    clock = FakeClock()
    records = _two_sessions_today(clock)
    records.check_ins.append(CheckIn(at=clock.now - timedelta(days=20), pain=_pain((BACK, 7))))
    charts, period = _charts(records, clock)
    assert period == "13 Apr to this week"  # the Monday of the week of the first check-in
    for drawing in ("svg", "svg_narrow"):
        dates = [re.findall(DATE_LABEL, chart[drawing]) for chart in charts]
        assert dates[0][0] == (dates[0][0][0], "13 Apr")
        assert dates[0] == dates[1]  # the same day at the same place in both charts over time
        assert dates[2][0][1] == "13 Apr"  # the bars: each week by its first day, under its bar
    assert len(charts[2]["table"]["rows"]) == 4  # 13, 20, 27 April and 4 May


def test_a_place_keeps_its_colour_whatever_else_is_drawn_and_in_any_order() -> None:
    alone = place_colours([BACK, LEFT_HIP])
    for order in permutations([RIGHT_HIP, LEFT_HIP, BACK]):
        colours = place_colours(order)
        assert (colours[BACK], colours[LEFT_HIP]) == (alone[BACK], alone[LEFT_HIP])
        assert len(set(colours.values())) == 3


def test_places_drawn_together_never_share_a_colour() -> None:
    places = [BACK, KNEE, LEFT_HIP, RIGHT_HIP, Place(Region.FOOT, None), Place(Region.NECK, Side.CENTRE)]
    colours = place_colours(places)
    assert len(set(colours.values())) == SERIES_COLOURS
    first = min(places)
    assert colours[first] == place_colours([first])[first]  # the first in place order keeps its own


def test_the_pain_chart_and_the_change_chart_give_a_place_the_same_colour() -> None:
    clock = FakeClock()
    charts, _ = _charts(_two_sessions_today(clock), clock)
    pain, change = charts[0], charts[1]
    assert pain["legend"] == change["legend"]
    for item in pain["legend"]:
        series_class = f"series-{item['colour']}"
        assert re.search(rf'class="{series_class}"[^>]*data-series="{re.escape(item["name"])}"', pain["svg"])
        assert re.search(rf'class="{series_class}"[^>]*data-series="{re.escape(item["name"])}"', change["svg"])


def test_the_pain_line_joins_weekly_medians_with_the_single_ratings_faint_behind() -> None:
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    for day in range(14):  # two calendar weeks of days alternating 8 and 2: a zig-zag if joined day by day
        at = clock.now - timedelta(days=16 - day)  # from Monday 20 April
        records.check_ins.append(CheckIn(at=at, pain=_pain((BACK, 8 if day % 2 == 0 else 2))))
    pain = _charts(records, clock)[0][0]
    for drawing in ("svg", "svg_narrow"):
        line = re.search(r'<polyline class="series-\d" points="([^"]+)"', pain[drawing])
        assert line is not None and len(line.group(1).split()) == 2  # one point a week
        assert pain[drawing].count('<circle class="faint') == 14
    medians = re.findall(r"<title>Lower back \(centre\): median ([\d.]+)", pain["svg"])
    assert medians == ["8.0", "2.0"]  # 8,2,8,2,8,2,8 then 2,8,2,8,2,8,2
    assert pain["table"]["head"] == ["Week", "Place", "Median (0 to 10)", "Ratings"]
    assert pain["table"]["rows"][0] == ["20 Apr to 26 Apr", "Lower back (centre)", "8.0", "8, 2, 8, 2, 8, 2, 8"]


def test_the_pain_line_breaks_over_a_week_without_ratings() -> None:
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    for days_ago in (23, 22, 16, 15, 2, 1):  # the weeks of 13 and 20 April, none in the week of 27 April, then 4 May
        records.check_ins.append(CheckIn(at=clock.now - timedelta(days=days_ago), pain=_pain((BACK, 5))))
    pain = _charts(records, clock)[0][0]
    for drawing in ("svg", "svg_narrow"):
        lines = re.findall(r'<polyline class="series-\d" points="([^"]+)"', pain[drawing])
        assert [len(line.split()) for line in lines] == [2]  # the first two weeks joined; the last week stands alone
        assert len(re.findall(r'<circle class="series-\d"', pain[drawing])) == 3
    assert "(a gap where a week has no rating)" in pain["note"]


def test_every_places_weekly_median_stands_at_the_same_x_in_the_same_week() -> None:
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    # The hip is first rated on Monday, the lower back on Tuesday: the same calendar week for both.
    records.check_ins.append(CheckIn(at=clock.now - timedelta(days=2), pain=_pain((LEFT_HIP, 6))))
    records.check_ins.append(CheckIn(at=clock.now - timedelta(days=1), pain=_pain((BACK, 4))))
    pain = _charts(records, clock)[0][0]
    for drawing in ("svg", "svg_narrow"):
        dots = re.findall(r'<circle class="series-\d" cx="([\d.]+)"[^>]*data-series="([^"]+)"', pain[drawing])
        xs = {name: float(x) for x, name in dots}
        assert set(xs) == {"Lower back (centre)", "Hip (left)"} and len(set(xs.values())) == 1


def test_the_week_under_way_has_its_median_among_its_days_so_far_never_in_the_future() -> None:
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    for days_ago in (2, 0):  # Monday and now
        records.check_ins.append(CheckIn(at=clock.now - timedelta(days=days_ago), pain=_pain((BACK, 4))))
    pain = _charts(records, clock)[0][0]
    for drawing in ("svg", "svg_narrow"):
        [median_x] = re.findall(r'<circle class="series-\d" cx="([\d.]+)"', pain[drawing])
        faint = re.findall(r'<circle class="faint[^"]*" cx="([\d.]+)"', pain[drawing])
        monday_x, now_x = sorted(float(x) for x in faint)
        assert monday_x < float(median_x) < now_x  # the middle of Monday to today, not Thursday noon
    assert pain["table"]["rows"][0][0] == "4 May to 6 May (this week so far)"  # the days the week has had so far


def test_a_weekly_median_is_drawn_across_its_weeks_days_not_as_one_days_value() -> None:
    """A dot alone in the middle of the week read as Thursday's pain; the median is of the week's days, so its dot
    stands on a band at its value from the week's Monday to its end (the week under way: to the end of today)."""
    clock = FakeClock()  # Wednesday 6 May 2026: two weeks shown, from Monday 27 April to Monday 11 May
    records = _Records()
    for days_back, score in ((9, 2), (5, 6), (0, 4)):  # Monday 27 April, Friday 1 May, now
        records.check_ins.append(CheckIn(at=clock.now - timedelta(days=days_back), pain=_pain((BACK, score))))
    pain = _charts(records, clock)[0][0]
    for drawing, width in (("svg", WIDTH), ("svg_narrow", NARROW_WIDTH)):
        day = (width - RIGHT - INSET - LEFT - INSET) / 14
        bands = re.findall(r'<line class="span series-\d" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)"', pain[drawing])
        dots = re.findall(r'<circle class="series-\d" cx="([\d.]+)" cy="([\d.]+)"', pain[drawing])
        monday = LEFT + INSET
        expected = [(monday, monday + 7 * day), (monday + 7 * day, monday + 10 * day)]  # to the end of today
        assert [(float(x1), float(x2)) for x1, x2, _ in bands] == [(round(x1, 1), round(x2, 1)) for x1, x2 in expected]
        assert [y for _, _, y in bands] == [y for _, y in dots]  # at the median's value, under its dot
        assert all(float(x1) < float(x) < float(x2) for (x1, x2, _), (x, _) in zip(bands, dots, strict=True))
    assert "each week's median marked across its week's days" in unescape(pain["svg"])


def test_a_weeks_bar_covers_its_own_week_on_the_time_axis() -> None:
    clock = FakeClock()  # Wednesday 6 May 2026: two weeks shown, from Monday 27 April to Monday 11 May
    records = _Records()
    for days_back in (8, 0):
        started = clock.now - timedelta(days=days_back)
        records.sessions.append(PracticeSession(started, 10, "standard", SessionStatus.COMPLETED, 600, id=days_back))
    bars = _charts(records, clock)[0][2]
    for drawing, width in (("svg", WIDTH), ("svg_narrow", NARROW_WIDTH)):
        day = (width - RIGHT - INSET - LEFT - INSET) / 14
        rects = re.findall(r'<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', bars[drawing])
        for week, (x, bar_width) in enumerate(rects):
            week_left = LEFT + INSET + week * 7 * day
            assert week_left <= float(x) and float(x) + float(bar_width) <= week_left + 7 * day
            assert float(bar_width) >= 6 * day  # the whole week, not a day's worth in its middle


def test_the_axis_names_no_day_to_come_and_each_bar_by_its_weeks_start_under_its_centre() -> None:
    """The axis ran to Monday 11 May, a week not begun, and the bars' labels stood at the weeks' edges."""
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    for days_back in (50, 8, 0):
        started = clock.now - timedelta(days=days_back)
        records.sessions.append(PracticeSession(started, 10, "standard", SessionStatus.COMPLETED, 600, id=days_back))
        records.check_ins += [
            CheckIn(at=started, timing=timing, session_id=days_back, pain=_pain((BACK, 5)))
            for timing in (CheckInTiming.BEFORE, CheckInTiming.AFTER)
        ]
    charts, _ = _charts(records, clock)
    for drawing, width in (("svg", WIDTH), ("svg_narrow", NARROW_WIDTH)):
        for chart in charts[:2]:
            assert "11 May" not in [label for _, label in re.findall(DATE_LABEL, chart[drawing])]
        week = (width - RIGHT - INSET - LEFT - INSET) / 8  # eight weeks shown, 16 March to this one
        bars = re.findall(DATE_LABEL, charts[2][drawing])
        assert bars[0][1] == "16 Mar"  # the first week, by its Monday: the days the other charts name (L4)
        for x, label in bars:
            monday = date(2026, 3, 16) + timedelta(weeks=round((float(x) - LEFT - INSET) / week - 0.5))
            assert label == f"{monday.day} {monday:%b}"
            assert abs(float(x) - (LEFT + INSET + ((monday - date(2026, 3, 16)).days / 7 + 0.5) * week)) < 1


def _daily(records: _Records, first: date, days: int, back: int) -> None:
    """A logged session each day from `first`, with the lower back rated `back` and the left hip 5."""
    for day in (first + timedelta(days=n) for n in range(days)):
        at = datetime.combine(day, time(9), tzinfo=UTC)
        number = len(records.sessions) + 1
        records.sessions.append(PracticeSession(at, 10, "standard", SessionStatus.COMPLETED, 600, id=number))
        records.check_ins.append(CheckIn(at=at + timedelta(minutes=11), pain=_pain((BACK, back), (LEFT_HIP, 5))))


def test_the_charts_reach_back_to_the_first_week_the_verdict_compares() -> None:
    """The verdict said 'Lower back (centre): 7.0 → 3.0' from 1-7 October, but the charts covered the last eight
    weeks only, from 12 October: no 7 on any chart or table, and none of October's sessions."""
    clock = FakeClock(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))  # Saturday 5 December 2026
    records = _Records()
    _daily(records, date(2026, 10, 1), 7, back=7)
    _daily(records, date(2026, 11, 20), 7, back=3)
    [back] = [trend for trend in pain_trends(records.check_ins, UTC) if trend.place == BACK]  # as the summary
    assert (back.verdict, back.baseline.first_day) == (Verdict.BETTER, date(2026, 10, 1))
    charts, period = _charts(records, clock)
    assert period == "28 Sep to this week"  # the Monday of the verdict's first week
    pain, _, weeks = charts
    assert ["28 Sep to 4 Oct", "Lower back (centre)", "7.0", "7, 7, 7, 7"] in pain["table"]["rows"]
    assert "7/10" in pain["svg"]
    assert weeks["table"]["rows"][:2] == [["28 Sep", "4", "40"], ["5 Oct", "3", "30"]]
    assert re.findall(DATE_LABEL, pain["svg"])[0][1] == "28 Sep"


def test_a_verdicts_first_week_a_year_back_keeps_the_axis_readable() -> None:
    clock = FakeClock(datetime(2026, 12, 5, 12, 0, tzinfo=UTC))
    records = _Records()
    _daily(records, date(2025, 12, 1), 7, back=7)
    _daily(records, date(2026, 11, 20), 7, back=3)
    charts, period = _charts(records, clock)
    assert period == "1 Dec 2025 to this week"
    for drawing in ("svg", "svg_narrow"):
        for chart in (charts[0], charts[2]):  # no session has a before and an after: no change chart
            assert len(re.findall(DATE_LABEL, chart[drawing])) >= 2
        assert re.findall(DATE_LABEL, charts[0][drawing])[0][1] == "1 Dec 2025"


def _rested_daily(records: _Records, first: date, days: int) -> None:
    """A rest each day from `first` with the lower back rated before and after: all three charts are drawn."""
    for day in (first + timedelta(days=n) for n in range(days)):
        _rest(records, len(records.sessions) + 1, datetime.combine(day, time(9), tzinfo=UTC), 4, 3)


@pytest.mark.parametrize("days", [1, 6, 7, 30, 365])
def test_every_chart_names_the_same_days_in_even_steps(days: int) -> None:
    """Walk s52 L4: over a short period the pain chart said "30 Nov", "4 Dec", "6 Dec" (a label that touched its
    neighbour left out), the sessions chart under it "30 Nov", "7 Dec": one rule names the days of all three."""
    clock = FakeClock(datetime(2026, 12, 6, 18, 0, tzinfo=UTC))  # Sunday 6 December 2026
    records = _Records()
    first = clock.now.date() - timedelta(days=days - 1)
    _rested_daily(records, first, days)
    if days == 365:  # a verdict comparing the first week: the charts reach back to it, past their 8 weeks
        _daily(records, first, 7, back=8)
    charts, _ = _charts(records, clock)
    monday = first - timedelta(days=first.weekday())
    for drawing in ("svg", "svg_narrow"):
        pain, change, sessions = (re.findall(DATE_LABEL, chart[drawing]) for chart in charts)
        year = f" {monday.year}" if monday.year != clock.now.year else ""  # the first day's year, where another
        assert pain == change and pain[0][1] == f"{monday.day} {monday:%b}{year}"
        named = [_named_day(label, monday) for _, label in pain]
        assert named[-1] == clock.now.date()  # today, the last day begun, named with its year; no day to come
        # between the ends, Mondays in even steps, in days and across the chart
        mondays = named[:-1]
        steps = {later - earlier for earlier, later in itertools.pairwise(mondays)}
        gaps = {round(float(b[0]) - float(a[0])) for a, b in itertools.pairwise(pain[:-1])}
        assert all(day.weekday() == 0 for day in mondays) and len(steps) <= 1 and len(gaps) <= 1, (drawing, pain)
        # the sessions chart names the weeks starting on those days, nothing else, each under its bar
        assert [label for _, label in sessions] == [f"{day.day} {day:%b}" for day in mondays]
        assert len(sessions) >= 1


@pytest.mark.parametrize("today", [date(2026, 11, 30), date(2026, 12, 6)])  # the 8th week's Monday and Sunday
def test_a_phones_eight_week_chart_names_a_day_in_each_part_of_it(today: date) -> None:
    """Walk s54 M1: over 8 weeks the phone's charts named "12 Oct" and "9 Nov" alone (steps of 4 weeks, as 2 did not
    fit), the latest 4 weeks, the ones a person looks at first, without a date. Three weeks apart they fit."""
    clock = FakeClock(datetime.combine(today, time(18), tzinfo=UTC))
    records = _Records()
    _rested_daily(records, date(2026, 10, 12), (today - date(2026, 10, 12)).days + 1)
    charts, _ = _charts(records, clock)
    for chart in charts[:2]:
        named = [_named_day(label, date(2026, 10, 12)) for _, label in re.findall(DATE_LABEL, chart["svg_narrow"])]
        assert named[0] == date(2026, 10, 12) and named[-1] == today and len(named) >= 3, named
        assert max((b - a).days for a, b in itertools.pairwise(named)) <= 28, named  # a date in each part of it
    # the bars: each week named by the pain chart by its Monday, the first one and one in the latest 4 weeks at least
    bars = [_named_day(label, date(2026, 10, 12)) for _, label in re.findall(DATE_LABEL, charts[2]["svg_narrow"])]
    assert bars[0] == date(2026, 10, 12) and (today - bars[-1]).days < 28, bars


def test_two_places_rated_the_same_half_an_hour_apart_are_two_dots_that_do_not_overlap() -> None:
    """Walk s52 L3: the lower back's 4/10 after a rest and the hip's 4/10 30 minutes later were one faint dot."""
    clock = FakeClock()  # Wednesday 6 May 2026, 17:30 UTC
    records = _Records()
    records.check_ins += [
        CheckIn(at=clock.now - timedelta(minutes=40), pain=_pain((BACK, 4))),
        CheckIn(at=clock.now - timedelta(minutes=10), pain=_pain((LEFT_HIP, 4))),
    ]
    pain = _charts(records, clock)[0][0]
    for drawing in ("svg", "svg_narrow"):
        dots = re.findall(
            r'<circle class="faint series-(\d)" cx="([\d.]+)" cy="([\d.]+)" r="(\d+)"[^>]*><title>([^<]+)</title>',
            pain[drawing],
        )
        by_place = {title.split(":")[0]: dot for *dot, title in dots}
        assert sorted(by_place) == ["Hip (left)", "Lower back (centre)"]
        (back_colour, back_x, back_y, radius), (hip_colour, hip_x, hip_y, _) = (
            by_place["Lower back (centre)"],
            by_place["Hip (left)"],
        )
        assert back_colour != hip_colour and back_y == hip_y  # each its place's colour, each at 4/10
        outline = 1.5  # crest.css: a faint dot's stroke, half of it outside its radius
        assert float(hip_x) - float(back_x) >= 2 * int(radius) + outline  # in time order, neither over the other
    assert sorted(row[1] for row in pain["table"]["rows"]) == ["Hip (left)", "Lower back (centre)"]  # the table: both


def _named_day(label: str, after: date) -> date:
    """The day a label such as '30 Nov' or '30 Nov 2026' names, on or after `after`."""
    day = datetime.strptime(label if label[-4:].isdigit() else f"{label} {after.year}", "%d %b %Y").date()
    return day if day >= after else day.replace(year=after.year + 1)


def test_a_day_rated_several_times_is_bracketed_in_the_table_as_the_median_counts_it() -> None:
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    monday = datetime.combine(date(2026, 4, 20), time(8), tzinfo=UTC)
    for hour in (0, 5, 12):  # a bad Monday, rated three times
        records.check_ins.append(CheckIn(at=monday + timedelta(hours=hour), pain=_pain((BACK, 9))))
    for day, score in ((1, 3), (2, 3), (3, 4)):
        records.check_ins.append(CheckIn(at=monday + timedelta(days=day), pain=_pain((BACK, score))))
    pain = _charts(records, clock)[0][0]
    row = ["20 Apr to 26 Apr", "Lower back (centre)", "3.5", "(9, 9, 9), 3, 3, 4"]  # 9, 3, 3, 4: median 3.5
    assert pain["table"]["rows"] == [row]
    assert "a day rated more than once has its ratings in brackets: it counts once, as their median" in pain["note"]
    # the mark's name is the row's words
    assert "<title>Lower back (centre): median 3.5, 20 Apr to 26 Apr; ratings (9, 9, 9), 3, 3, 4</title>" in pain["svg"]


def test_more_sessions_than_the_chart_shows_apart_are_drawn_one_mark_per_week_and_the_table_keeps_each() -> None:
    """Walk s52 M2: 200 rests at 2 places drew 400 stems side by side, one solid block."""
    clock = FakeClock(datetime(2026, 12, 6, 22, 0, tzinfo=UTC))  # Sunday 6 December 2026, after the last rest
    records = _Records()
    first = datetime(2026, 10, 12, 7, 0, tzinfo=UTC)  # a Monday: 8 weeks to this one
    for number in range(1, 113):  # twice a day: back 6 -> 4 each morning, 6 -> 5 each evening; hip 3 -> 3
        _rest(records, number, first + timedelta(hours=12 * (number - 1)), 4 if number % 2 else 5, 3)
    change = _charts(records, clock)[0][1]
    for drawing in ("svg", "svg_narrow"):
        titles = re.findall(r"<title>([^<]+)</title>", change[drawing])
        assert len(titles) == 2 * 8  # a mark per week and place
        assert (
            titles[0]
            == "Lower back (centre), week of 12 Oct: mean change \N{MINUS SIGN}1.5 (less pain) over 14 sessions"
        )
        assert titles[8] == "Hip (left), week of 12 Oct: mean change 0.0 (the same) over 14 sessions"
        assert "one mark per week and place" in change[drawing]
    assert "each mark is a week's mean change" in change["note"]
    assert len(change["table"]["rows"]) == 2 * 112  # every session and place


def test_a_few_sessions_keep_a_mark_each_and_no_weekly_words() -> None:
    clock = FakeClock()
    change = _charts(_two_sessions_today(clock), clock)[0][1]
    assert change["note"] is None
    assert "each session" in change["svg"]


def test_a_value_that_rounds_to_nothing_has_no_minus_sign() -> None:
    """A week's mean change of -1/30 read "-0.0 (less pain)": a value shown as 0.0 is no change, whatever its sign."""
    assert [points(Fraction(-1, 30)), signed(Fraction(-1, 30)), signed(0), signed(Fraction(-1, 20))] == [
        "0.0",
        "+0.0",
        "+0.0",
        "-0.1",
    ]
    assert _change_words(Fraction(-1, 30), one_decimal) == "0.0 (the same)"
    assert _change_words(Fraction(-1, 20), one_decimal).endswith("0.1 (less pain)")


def test_the_week_under_way_is_drawn_as_so_far_not_joined_as_a_full_week() -> None:
    """Walk s54 L5: today's week, one rating, stood on the line as a full week's median (a rise from 2.5 to 3.0) and
    the sessions chart showed a 0 bar for it, both read as a finished week."""
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    for days_back, score in ((9, 3), (8, 2), (7, 2), (0, 3)):  # last week 3, 2, 2 (a session each day), today 3
        at = clock.now - timedelta(days=days_back)
        records.check_ins.append(CheckIn(at=at, pain=_pain((BACK, score))))
        if days_back:
            records.sessions.append(PracticeSession(at, 10, "standard", SessionStatus.COMPLETED, 600, id=days_back))
    pain, _, sessions = _charts(records, clock)[0]
    for drawing in ("svg", "svg_narrow"):
        dots = re.findall(r'<circle class="series-\d"([^>]*)>', pain[drawing])
        assert ["data-so-far" in dot for dot in dots] == [False, True]  # last week full, this week hollow
        assert not re.search(r"<polyline", pain[drawing])  # two weeks, yet no line joins this week to the last
        assert "this week so far as a hollow dot, not joined to the line" in unescape(pain[drawing])
        bars = re.findall(r'<rect class="bar"([^>]*)>', sessions[drawing])
        assert ["data-so-far" in bar for bar in bars] == [False, True]
        assert "Week of 4 May (this week so far): 0 sessions, 0 minutes" in unescape(sessions[drawing])
    assert [row[0] for row in pain["table"]["rows"]] == ["27 Apr to 3 May", "4 May to 6 May (this week so far)"]
    assert "A hollow dot is this week so far" in pain["note"]
    assert [row[0] for row in sessions["table"]["rows"]] == ["27 Apr", "4 May (this week so far)"]
    assert sessions["note"] == "The outlined bar is this week so far: 3 days, not yet a full week."


def test_a_week_without_a_rating_between_keeps_its_row_in_the_pain_table_with_a_dash() -> None:
    """Walk s54 L7: the pain table went from the week of 2 Nov to that of 16 Nov, the week away left out, where the
    sessions table under it had that week as 0."""
    clock = FakeClock()  # Wednesday 6 May 2026
    records = _Records()
    for days_ago in (23, 16, 2):  # the weeks of 13 and 20 April, none in the week of 27 April, then 4 May
        records.check_ins.append(CheckIn(at=clock.now - timedelta(days=days_ago), pain=_pain((BACK, 5), (LEFT_HIP, 3))))
    records.check_ins.append(CheckIn(at=clock.now - timedelta(days=16), pain=_pain((RIGHT_HIP, 4))))
    pain = _charts(records, clock)[0][0]
    rows = [row for row in pain["table"]["rows"] if row[1] == "Lower back (centre)"]
    assert [row[0] for row in rows] == [
        "13 Apr to 19 Apr",
        "20 Apr to 26 Apr",
        "27 Apr to 3 May",
        "4 May to 6 May (this week so far)",
    ]
    assert rows[2] == ["27 Apr to 3 May", "Lower back (centre)", "\N{EN DASH}", "none"]
    assert [row[0] for row in pain["table"]["rows"] if row[1] == "Hip (right)"] == ["20 Apr to 26 Apr"]


def test_the_week_begun_today_is_named_by_its_one_day() -> None:
    clock = FakeClock(datetime(2026, 5, 4, 9, tzinfo=UTC))  # Monday 4 May 2026
    records = _Records()
    records.check_ins.append(CheckIn(at=clock.now, pain=_pain((BACK, 5))))
    pain = _charts(records, clock)[0][0]
    assert [row[0] for row in pain["table"]["rows"]] == ["4 May (this week so far)"]  # not "4 May to 4 May"
