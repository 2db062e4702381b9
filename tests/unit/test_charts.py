"""The SVG charts: one titled mark per value, scaled into the drawing, on a time axis the charts can share."""

import re
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from crest import charts
from crest.charts import BOTTOM, HEIGHT, NARROW_WIDTH, Bar, Point, Series, bar_chart, line_chart, lollipop_chart


def test_line_chart_has_a_titled_point_per_value_and_no_tab_stops() -> None:
    svg = line_chart(
        [Series("Hip (left)", [Point(0, 4, "Hip (left): 4/10"), Point(10, 2, "Hip (left): 2/10")])],
        [(0, "1 May"), (10, "2 May")],
        "pain over time",
    )
    assert svg.count("<circle") == 2
    assert "<title>Hip (left): 4/10</title>" in svg
    assert "tabindex" not in svg and 'role="img"' in svg  # by default (the PDF, a breath chart): Progress's differ
    ys = [float(y) for y in re.findall(r'cy="([\d.]+)"', svg)]
    assert ys[0] < ys[1]  # SVG y grows downwards: the higher score sits higher


def test_titles_are_escaped() -> None:
    svg = line_chart([Series("<b>", [Point(0, 1, "<script>x</script>")])], [(0, "a&b")], "d")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "a&amp;b" in svg


def test_a_series_keeps_the_colour_it_is_given_whatever_its_position() -> None:
    first = Series("Lower back", [Point(0, 3, "a")], colour=4)
    second = Series("Hip", [Point(0, 5, "b")])
    svg = line_chart([second, first], [(0, "1 May")], "d")
    assert 'class="series-4" cx' in svg
    assert 'class="series-0" cx' in svg  # without a colour: its position


def _xs(svg: str, mark: str) -> list[float]:
    return [float(x) for x in re.findall(rf'<{mark} [^>]*?\bc?x="([\d.]+)"', svg)]


def test_charts_over_the_same_range_put_the_same_moment_at_the_same_place() -> None:
    span = (0.0, 14.0)
    line = line_chart([Series("a", [Point(3.5, 4, "t")])], [(0, "1 May")], "d", x_range=span)
    changes = lollipop_chart([Series("a", [Point(3.5, -1, "t")])], [(0, "1 May")], "d", x_range=span)
    bars = bar_chart([Bar(0, 7, 2, "t")], [(0, "1 May")], "d", x_range=span)
    bar = re.search(r'<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', bars)
    assert bar is not None
    bar_x, bar_width = (float(value) for value in bar.groups())
    assert _xs(line, "circle") == _xs(changes, "circle") == [bar_x + bar_width / 2]


def test_a_change_of_zero_still_shows_as_a_dot_on_the_zero_line() -> None:
    svg = lollipop_chart(
        [
            Series("Lower back", [Point(0, -2, "better"), Point(1, 0, "the same")]),
            Series("Hip", [Point(1, 1, "worse")]),
        ],
        [(0, "1 May")],
        "change",
    )
    zero_line = re.search(r'<line class="zero-line" x1="\d+" x2="\d+" y1="([\d.]+)"', svg)
    assert zero_line is not None
    zero = float(zero_line.group(1))
    dots = {title: float(y) for y, title in re.findall(r'cy="([\d.]+)"[^>]*><title>([^<]+)</title>', svg)}
    assert dots["the same"] == zero
    assert dots["better"] > zero > dots["worse"]  # below the line is less pain
    same_session = [float(x) for x in re.findall(r'<circle class="series-\d" cx="([\d.]+)"', svg)][1:]
    assert same_session[0] != same_session[1]  # two places of one session stand side by side


def test_bars_stand_on_zero_in_proportion() -> None:
    svg = bar_chart([Bar(0, 7, 4, "four"), Bar(7, 14, 2, "two")], [(0, "1 May")], "sessions")
    rects = re.findall(r'<rect class="bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg)
    (four_y, four_h), (two_y, two_h) = ((float(y), float(h)) for y, h in rects)
    assert abs((four_y + four_h) - (two_y + two_h)) < 0.2  # both stand on the zero line
    assert abs(four_h - 2 * two_h) < 0.2


def test_single_values_are_drawn_faintly_behind_the_line_of_medians() -> None:
    medians = [Point(3.5, 5, "week 1: median 5"), Point(10.5, 5, "week 2: median 5")]
    days = [Point(day, 2 if day % 2 else 8, f"day {day}") for day in range(14)]
    svg = line_chart([Series("Lower back", medians, faint=days)], [(0, "1 May")], "d", x_range=(0, 14))
    line = re.search(r'<polyline class="series-0" points="([^"]+)"', svg)
    assert line is not None and len(line.group(1).split()) == 2  # the line joins the medians, not the days
    assert svg.count('<circle class="faint series-0"') == 14
    assert svg.index('class="faint') < svg.index("<polyline")  # behind the line
    assert "<title>day 3</title>" in svg


LABEL_Y = HEIGHT - BOTTOM + 18  # the baseline of the dates under the time axis


def _y_ticks(svg: str) -> list[str]:
    return re.findall(r'<text x="\d+" y="[\d.]+" text-anchor="end">([^<]+)</text>', svg)


def test_a_narrow_chart_has_fewer_ticks_and_labels_that_never_touch() -> None:
    labels = [(float(day), f"{day + 1} Sep") for day in range(0, 28, 4)]  # seven dates
    series = [Series("a", [Point(0, 3, "t"), Point(27, 5, "t")])]
    wide = line_chart(series, labels, "d", x_range=(0, 27))
    narrow = line_chart(series, labels, "d", x_range=(0, 27), width=NARROW_WIDTH)
    assert _y_ticks(wide) == ["0", "2", "4", "6", "8", "10"]
    assert _y_ticks(narrow) == ["0", "5", "10"]
    for svg in (wide, narrow):
        dates = re.findall(rf'<text x="([\d.]+)" y="{LABEL_Y}" [^>]*>([^<]+)</text>', svg)
        placed = [(float(x), text) for x, text in dates]
        assert placed[0][1] == "1 Sep"
        for (left, left_text), (right, right_text) in pairwise(placed):
            assert right - left >= (len(left_text) + len(right_text)) * 8 / 2  # no two labels overlap
    assert narrow.count(f'y="{LABEL_Y}"') < wide.count(f'y="{LABEL_Y}"') == 7
    assert _y_ticks(bar_chart([Bar(0, 7, 7, "t")], labels, "d", width=NARROW_WIDTH)) == ["0", "5", "10"]


def test_the_first_label_anchored_at_its_start_leaves_room_for_the_next_on_a_phone() -> None:
    # Progress over one week on a phone: "30 Nov" starts at the axis' left end and reaches its whole width inwards,
    # so "2 Dec", centred two days on, would touch it.
    labels = [(float(day), f"{30 + day} Nov" if day == 0 else f"{day} Dec") for day in range(0, 8, 2)]
    narrow = line_chart([Series("a", [Point(0, 3, "t")])], labels, "d", x_range=(0, 7), width=NARROW_WIDTH)
    texts = re.findall(rf'<text x="([\d.]+)" y="{LABEL_Y}" text-anchor="(\w+)">([^<]+)</text>', narrow)
    reach = []
    for x, anchor, text in texts:
        width = len(text) * 8  # a generous 8 px a character at the phone's 14 px
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
        reach.append((left, left + width))
    assert texts[0][2] == "30 Nov" and len(texts) >= 2
    for (_, left_end), (right_start, _) in pairwise(reach):
        assert right_start - left_end >= 12


def _dots(svg: str) -> dict[str, tuple[float, float]]:
    """Each series' dot: where it is drawn."""
    found = re.findall(r'<circle class="(series-\d)" cx="([\d.]+)" cy="([\d.]+)"', svg)
    return {css: (float(x), float(y)) for css, x, y in found}


def test_places_with_the_same_rating_stand_side_by_side_each_whole_and_at_its_value() -> None:
    # Calf and shin left and right both 7 in the same week: the left's dot was drawn exactly under the right's.
    left = Series("Calf and shin (left)", [Point(3, 7, "left 7"), Point(10, 7, "left 7")], colour=2)
    right = Series("Calf and shin (right)", [Point(3, 7, "right 7"), Point(10, 5, "right 5")], colour=5)
    alone = Series("Hip", [Point(3, 2, "hip 2")], colour=0)
    svg = line_chart([left, right, alone], [(0, "1 May")], "d", x_range=(0, 14))
    first = re.findall(r'<circle class="series-\d" cx="([\d.]+)" cy="([\d.]+)" r="(\d+)"', svg)
    (left_x, left_y, radius), (right_x, right_y, _), (hip_x, _, _) = first[0], first[2], first[4]
    assert left_y == right_y  # the value stays exact; only the moment moves, a few pixels
    assert float(right_x) - float(left_x) > 2 * int(radius)  # apart enough that neither hides the other
    assert (float(left_x) + float(right_x)) / 2 == float(hip_x)  # centred on the week's moment
    assert f'points="{left_x},{left_y} ' in svg  # each line starts at its own dot
    later = _dots(svg)  # the last dot of each series: 7 and 5 differ, so each stands at the moment itself
    assert later["series-2"][0] == later["series-5"][0]
    assert later["series-2"][1] != later["series-5"][1]


def test_single_ratings_that_coincide_also_stand_side_by_side() -> None:
    left = Series("Knee (left)", [Point(3, 6, "median")], faint=[Point(2, 6, "left 6")], colour=1)
    right = Series("Knee (right)", [Point(3, 6, "median")], faint=[Point(2, 6, "right 6")], colour=4)
    svg = line_chart([left, right], [(0, "1 May")], "d", x_range=(0, 14))
    faint = re.findall(r'<circle class="faint series-\d" cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(faint) == 2 and faint[0][1] == faint[1][1] and faint[0][0] != faint[1][0]


def test_drawn_for_the_keyboard_every_mark_is_a_named_stop_in_a_labelled_group() -> None:
    line = line_chart(
        [Series("Hip (left)", [Point(0, 4, "Hip (left): median 4.0")], faint=[Point(0, 5, "Hip (left): 5/10")])],
        [(0, "1 May")],
        "pain over time",
        keyboard=True,
    )
    changes = lollipop_chart([Series("a", [Point(0, -1, "a: -1")])], [(0, "1 May")], "change", keyboard=True)
    bars = bar_chart([Bar(0, 7, 2, "Week of 1 May: 2 sessions")], [(0, "1 May")], "sessions", keyboard=True)
    for svg, marks in ((line, 2), (changes, 1), (bars, 1)):
        # a group, not an image: an image's children are hidden from a screen reader; the drawing itself no stop
        assert svg.startswith('<svg viewBox="0 0 640 260" role="group" tabindex="-1" aria-label=')
        assert len(re.findall(r'<(?:circle|rect)[^>]* tabindex="0" role="img"><title>[^<]+</title>', svg)) == marks
    assert "tabindex" not in lollipop_chart([Series("a", [Point(0, -1, "t")])], [(0, "1 May")], "d")
    assert "tabindex" not in bar_chart([Bar(0, 7, 2, "t")], [(0, "1 May")], "d")


def _drawn_labels(svg: str) -> list[tuple[float, float, str]]:
    """Each date label under a chart: where its text begins and ends (at a generous 8 px a character), and its words."""
    reach = []
    for x, anchor, text in re.findall(rf'<text x="([\d.]+)" y="{LABEL_Y}" text-anchor="(\w+)">([^<]+)</text>', svg):
        width = len(text) * 8
        left = float(x) - {"start": 0, "middle": width / 2, "end": width}[anchor]
        reach.append((left, left + width, text))
    return reach


@settings(max_examples=300, deadline=None)
@given(
    first=st.dates(date(2024, 1, 1), date(2028, 12, 31)),
    days=st.integers(0, 730),
    width=st.sampled_from([charts.WIDTH, NARROW_WIDTH]),
    door=st.sampled_from(["report", "progress"]),
)
def test_a_time_axis_names_its_ends_and_mondays_between_in_order_none_touching(
    first: date, days: int, width: int, door: str
) -> None:
    """One rule for both doors: the report's axis runs from the period's first day to its last; Progress's from the
    first week's Monday to the end of the week under way, naming no day after today (`last`)."""
    if door == "progress":
        first -= timedelta(days=first.weekday())
    last = first + timedelta(days=days)
    end = last + timedelta(days=7 - last.weekday()) if door == "progress" else last
    x_range = (float(first.toordinal()), float(end.toordinal()))
    named = charts.day_labels(first, last, width, x_range, lambda day: float(day.toordinal()))
    labelled = [day for day, _ in named]
    assert labelled[0] == first and labelled == sorted(set(labelled)) and labelled[-1] <= last
    # the last day too, unless the two ends cannot stand apart: only Progress's one week, on its first days, or its
    # two weeks on a phone across the new year, where both ends carry their year ("30 Dec 2024", "6 Jan 2025")
    assert labelled[-1] == last or (
        door == "progress" and labelled == [first] and (days < 7 or (days < 14 and first.year != last.year))
    )
    assert all(day.weekday() == 0 for day in labelled[1:-1])
    assert named[-1][1].endswith(str(labelled[-1].year))  # the chart says when it is
    drawn = _drawn_labels(
        line_chart([], [(float(d.toordinal()), w) for d, w in named], "d", x_range=x_range, width=width)
    )
    assert [text for _, _, text in drawn] == [words for _, words in named]  # none left out for touching
    assert all(left >= 0 and right <= width for left, right, _ in drawn)  # none cut off at the edges
    for (_, left_end, _), (right_start, _, _) in pairwise(drawn):
        assert right_start - left_end >= 12
