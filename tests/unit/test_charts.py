"""The SVG charts: one titled, focusable mark per value, scaled into the drawing."""

import re

from crest.charts import Bar, Point, Series, bar_chart, line_chart


def test_line_chart_has_a_titled_point_per_value() -> None:
    svg = line_chart(
        [Series("Hip (left)", [Point(0, 4, "Hip (left): 4/10"), Point(10, 2, "Hip (left): 2/10")])],
        [(0, "1 May"), (10, "2 May")],
        "pain over time",
    )
    assert svg.count("<circle") == 2
    assert "<title>Hip (left): 4/10</title>" in svg
    assert 'tabindex="0"' in svg
    ys = [float(y) for y in re.findall(r'cy="([\d.]+)"', svg)]
    assert ys[0] < ys[1]  # SVG y grows downwards: the higher score sits higher


def test_titles_are_escaped() -> None:
    svg = line_chart([Series("<b>", [Point(0, 1, "<script>x</script>")])], [(0, "a&b")], "d")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "a&amp;b" in svg


def test_signed_bars_fall_below_the_zero_line() -> None:
    svg = bar_chart([Bar("1 May", -2, "better"), Bar("2 May", 1, "worse")], "change", signed=True)
    rects = re.findall(r'<rect class="bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg)
    (better_y, better_h), (worse_y, worse_h) = ((float(y), float(h)) for y, h in rects)
    assert abs(better_y - (worse_y + worse_h)) < 0.2  # both start at the zero line
    assert abs(better_h - 2 * worse_h) < 0.2
