"""Small, dependency-free SVG charts along a time axis, for the web pages and the clinician report alike.

Every mark carries a <title>, shown on hover. Drawn `keyboard`-reachable (Progress), every mark is a tab stop
with its title for its name, inside a labelled group (an image's children would be hidden from a screen reader);
the page's script (charts.js) makes each chart one stop whose arrow keys move from mark to mark. Elsewhere (the
PDF report, a session's breath) the marks are no stops: the numbers are in a table beside them.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from itertools import pairwise
from math import ceil, floor

from markupsafe import Markup

WIDTH = 640
NARROW_WIDTH = 340  # a phone's geometry: drawn near 1:1 on a 390 px screen, so its text stays readable
HEIGHT = 260
LEFT = 44
RIGHT = 16
TOP = 14
BOTTOM = 40
INSET = 12  # between the plot's edge and the first or last moment on the time axis
BAR_GAP = 0.1  # the share of its span a bar leaves empty, so that neighbouring spans' bars stand apart
DOT_RADIUS = 5
FAINT_RADIUS = 3
DODGE = 8  # places changed in the same session stand side by side, not on top of each other
# Dots at the same value and (nearly) the same moment stand this far apart along the time axis, centre to centre,
# so that each shows whole (its outline included) and can be hovered: a dot drawn over another hid a place the
# legend names. A few pixels are a fraction of a day on any chart; the value stays exact.
SIDE_BY_SIDE = 2 * DOT_RADIUS + 2
FAINT_SIDE_BY_SIDE = 2 * FAINT_RADIUS + 3  # its outline is 1.5 px wide (crest.css), half of it outside the radius
MOST_SIDE_BY_SIDE = 4  # the places a chart draws, at most (Progress, the report)
SERIES_COLOURS = 6  # the stylesheet's --chart-1 to --chart-6, as classes series-0 to series-5
MOST_TICKS = 6  # values up the side of a wide chart; a narrow one gets half, so its labels never crowd
LABEL_CHARACTER_WIDTH = 8  # a generous width of one character of an axis label at the largest font used (14 px)
LABEL_GAP = 12
# Along the time axis, the room a mark needs on average to be told from its neighbours: past this, a chart of one
# mark per session is one solid block (walk s52 M2: 400 stems in a row), and its caller draws fewer marks instead.
MARK_SPACING = 6
# The steps in weeks between the Mondays a time axis names, of which it takes the one that names the most; past
# 4 weeks, about 2 months, a quarter, half a year and a year.
MONDAY_STEPS = (1, 2, 3, 4, 8, 13, 26, 52)


@dataclass(frozen=True)
class Point:
    x: float  # position along the time axis, in any unit shared by the chart
    y: float
    title: str
    # The stretch of the time axis the value stands for (a week's days, for a weekly median): marked as a band at
    # its value under the dot, so that a summary is not read as the value of the one day under its dot.
    span: tuple[float, float] | None = None
    # A value of a stretch not over yet (the week under way): drawn hollow and never joined to the line, so that one
    # day's rating is not read as a full week's (walk s54 L5).
    so_far: bool = False


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[Point]
    colour: int | None = None  # a slot the caller keeps from render to render; by default the series' position
    faint: Sequence[Point] = ()  # the single values behind a line of summaries (weekly medians), drawn faintly
    # The longest step along the time axis a line is drawn across; points further apart stand alone, so that a
    # stretch without data (a week without ratings) shows as a gap, not as a line that invents values. None: all.
    longest_join: float | None = None


@dataclass(frozen=True)
class Bar:
    start: float  # the span of the time axis the bar stands for
    end: float
    value: float
    title: str
    so_far: bool = False  # a span not over yet (the week under way): drawn as an outline, not a full week's count


@dataclass(frozen=True)
class _Plot:
    width: int
    x_min: float
    x_max: float
    y_min: float
    y_max: float

    def x(self, value: float) -> float:
        return _scale(value, self.x_min, self.x_max, LEFT + INSET, self.width - RIGHT - INSET)

    def y(self, value: float) -> float:
        return _scale(value, self.y_min, self.y_max, HEIGHT - BOTTOM, TOP)


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) / (high - low) * (out_high - out_low)


def _open(
    plot: _Plot,
    y_ticks: Sequence[float],
    x_labels: Sequence[tuple[float, str]],
    description: str,
    style: str = "",
    titled: bool = False,
    keyboard: bool = False,
) -> list[str]:
    # A group's marks are its stops, not the drawing: Chromium would stop on the drawing itself first.
    role = 'role="group" tabindex="-1"' if keyboard else 'role="img"'
    parts = [
        f'<svg viewBox="0 0 {plot.width} {HEIGHT}" {role} aria-label="{escape(description)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    if titled:  # WeasyPrint reads no aria-label: a tagged PDF's figure takes its words from the <title>
        parts.append(f"<title>{escape(description)}</title>")
    if style:
        parts.append(f"<style>{escape(style, quote=False)}</style>")
    for tick in y_ticks:
        y = plot.y(tick)
        grid = "zero-line" if tick == 0 and plot.y_min < 0 else "grid-line"
        parts.append(f'<line class="{grid}" x1="{LEFT}" x2="{plot.width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    bottom = HEIGHT - BOTTOM
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{plot.width - RIGHT}" y1="{bottom}" y2="{bottom}"/>')
    for x, label in _spaced(plot, x_labels):
        anchor = _anchor(plot, x, label)
        parts.append(f'<text x="{plot.x(x):.1f}" y="{bottom + 18}" text-anchor="{anchor}">{escape(label)}</text>')
    return parts


def _anchor(plot: _Plot, x: float, label: str) -> str:
    # A label at either end of the time axis is anchored inwards, so that it is never cut off; so is one that centred
    # would reach past the plot's side (today's date, a day before the end of Progress's week under way).
    half = len(label) * LABEL_CHARACTER_WIDTH / 2
    if (x == plot.x_min and x != plot.x_max) or plot.x(x) - half < LEFT:
        return "start"
    return "end" if x == plot.x_max or plot.x(x) + half > plot.width - RIGHT else "middle"


def _extent(plot: _Plot, x: float, label: str) -> tuple[float, float]:
    """Where a label's text reaches along the axis, at its anchor and a generous width per character."""
    width = len(label) * LABEL_CHARACTER_WIDTH
    left = {"start": 0.0, "middle": width / 2, "end": width}[_anchor(plot, x, label)]
    return plot.x(x) - left, plot.x(x) - left + width


def _spaced(plot: _Plot, x_labels: Sequence[tuple[float, str]]) -> list[tuple[float, str]]:
    """The labels that fit side by side without touching, the first one always; on a narrow chart that is fewer.

    The first and last labels are anchored inwards, so they reach further in than a centred one: their whole width,
    not half of it, counts against their neighbour.
    """
    kept: list[tuple[float, str]] = []
    for x, label in x_labels:
        if kept and _extent(plot, x, label)[0] - _extent(plot, *kept[-1])[1] < LABEL_GAP:
            continue
        kept.append((x, label))
    return kept


def labels_stand_apart(x_labels: Sequence[tuple[float, str]], x_range: tuple[float, float], width: int) -> bool:
    """Whether a chart `width` wide over `x_range` draws every one of `x_labels`, none left out for touching its
    neighbour: a caller choosing the step between labels keeps them evenly spaced only with all of them drawn."""
    return len(_spaced(_Plot(width, *x_range, 0, 1), x_labels)) == len(x_labels)


def day_labels(
    first: date, last: date, width: int, x_range: tuple[float, float], at: Callable[[date], float]
) -> list[tuple[date, str]]:
    """The days named under a time axis from `first` to `last` on a chart `width` wide, with their words: one rule
    for Progress and the report, whose charts had each their own (e73d07bf, 78f44c4d).

    Both ends are named, the last with its year ("12 Oct", "7 Dec 2026"; "1 Dec 2025" where the first is in another
    year), so that a chart says alone when it is, a printed one above all. Between them, Mondays: every chart's
    medians and bars are of calendar weeks, and a week is found by the day it begins, as the tables name it. Every
    1, 2, 3, 4, 8, 13, 26 or 52 weeks, as many as stand apart, none touching its neighbour at this width (a phone's
    too), and of as many the step whose longest stretch without a date is shortest; a Monday too near the last day
    gives way to it. `at` places a day on the axis, which spans `x_range`: the last day need not be at its end
    (Progress runs to the end of the week under way but names no day to come). The first day alone where the two
    ends cannot stand apart (a phone's chart of one week, on its second day).
    """
    if last <= first:
        return [(first, _dated([first])[0])]

    def placed(days: Sequence[date]) -> list[tuple[float, str]]:
        return [(at(day), words) for day, words in zip(days, _dated(days), strict=True)]

    ends = [first, last]
    if not labels_stand_apart(placed(ends), x_range, width):
        return [(first, _dated([first])[0])]
    after_first = first + timedelta(days=7 - first.weekday())
    mondays = [after_first + timedelta(weeks=week) for week in range((last - after_first).days // 7 + 1)]
    mondays = [monday for monday in mondays if monday < last]
    fitting = [ends]
    for step in MONDAY_STEPS:
        between = mondays[step - 1 :: step]
        while between and not labels_stand_apart(placed([first, *between, last])[-2:], x_range, width):
            between.pop()
        named = [first, *between, last]
        if labels_stand_apart(placed(named), x_range, width):
            fitting.append(named)
    best = max(fitting, key=lambda days: (len(days), -max(b - a for a, b in pairwise(days))))
    return list(zip(best, _dated(best), strict=True))


def _dated(days: Sequence[date]) -> list[str]:
    """'12 Oct', '26 Oct', ..., '7 Dec 2026', as a span of dates is written: the year on the last, and on the first
    where it is another year ('1 Dec 2025', '1 Jun', '7 Dec 2026'); between them, in order, each day's year is
    plain. A year on every end took a phone's room for a Monday (8 weeks named 12 Oct, 9 Nov and 6 Dec, no more)."""
    last = len(days) - 1
    return [
        f"{day.day} {day:%b}" + (f" {day.year}" if at == last or (at == 0 and day.year != days[last].year) else "")
        for at, day in enumerate(days)
    ]


def marks_fit(count: int, width: int) -> bool:
    """Whether `count` marks spread along the time axis of a chart `width` wide stand `MARK_SPACING` apart."""
    return count * MARK_SPACING <= width - LEFT - RIGHT - 2 * INSET


def _ticks(low: float, high: float, width: int) -> list[float]:
    most = MOST_TICKS if width >= WIDTH else MOST_TICKS // 2
    step = _tick_step(high - low, most)
    return [tick * step for tick in range(int(low // step), int(-(-high // step)) + 1)]


def _x_span(
    xs: Sequence[float], x_labels: Sequence[tuple[float, str]], x_range: tuple[float, float] | None
) -> tuple[float, float]:
    if x_range is not None:
        return x_range
    every = [*xs, *(x for x, _ in x_labels)]
    return min(every), max(every)


def _series_class(one: Series, index: int) -> str:
    return f"series-{(index if one.colour is None else one.colour) % SERIES_COLOURS}"


_SO_FAR = ' data-so-far=""'  # a stretch not over yet: the stylesheet draws it hollow


def _reach(keyboard: bool) -> str:
    """A mark's attributes as a tab stop named by its <title>, or none."""
    return ' tabindex="0" role="img"' if keyboard else ""


def _dot(css: str, x: float, y: float, name: str, point: Point, keyboard: bool = False) -> str:
    return (
        f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{DOT_RADIUS}" data-series="{escape(name)}" '
        f'data-value="{point.y:g}"{_SO_FAR if point.so_far else ""}{_reach(keyboard)}>'
        f"<title>{escape(point.title)}</title></circle>"
    )


def line_chart(
    series: Sequence[Series],
    x_labels: Sequence[tuple[float, str]],
    description: str,
    style: str = "",
    *,
    x_range: tuple[float, float] | None = None,
    width: int = WIDTH,
    titled: bool = False,
    keyboard: bool = False,
) -> Markup:
    """Pain-like values 0-10 over time: one line per series, a dot with a title per value (on a band across the
    span it stands for, where it has one), and under them the series' faint values, smaller and paler.

    The time axis spans `x_range`, or else the points and the labels. `style` is CSS carried inside the SVG, for
    renderers that do not style inline SVG from the page (PDF). `titled`: the description is also the chart's own
    <title>, the alternative text of the figure in a tagged PDF. `keyboard`: every mark, faint ones too, is a tab
    stop named by its title.
    """
    x_min, x_max = _x_span([p.x for one in series for p in one.points], x_labels, x_range)
    plot = _Plot(width, x_min, x_max, 0, 10)
    parts = _open(plot, _ticks(0, 10, width), x_labels, description, style, titled, keyboard)
    dots = _side_by_side([[(plot.x(p.x), plot.y(p.y)) for p in one.points] for one in series], SIDE_BY_SIDE)
    faint = _side_by_side([[(plot.x(p.x), plot.y(p.y)) for p in one.faint] for one in series], FAINT_SIDE_BY_SIDE)
    for index, one in enumerate(series):
        css = _series_class(one, index)
        parts.extend(
            f'<circle class="faint {css}" cx="{x:.1f}" cy="{y:.1f}" r="{FAINT_RADIUS}"{_reach(keyboard)}>'
            f"<title>{escape(p.title)}</title></circle>"
            for p, (x, y) in zip(one.faint, faint[index], strict=True)
        )
        parts.extend(
            f'<line class="span {css}" x1="{plot.x(p.span[0]):.1f}" x2="{plot.x(p.span[1]):.1f}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
            for p, (_, y) in zip(one.points, dots[index], strict=True)
            if p.span is not None
        )
        for run in _runs(one.points, one.longest_join):
            if len(run) > 1:  # the line runs through the series' own dots, wherever they stand
                line = " ".join(f"{dots[index][n][0]:.1f},{dots[index][n][1]:.1f}" for n in run)
                parts.append(f'<polyline class="{css}" points="{line}"/>')
        parts.extend(_dot(css, x, y, one.name, p, keyboard) for p, (x, y) in zip(one.points, dots[index], strict=True))
    parts.append("</svg>")
    return Markup("".join(parts))


def _side_by_side(positions: Sequence[Sequence[tuple[float, float]]], apart: float) -> list[list[tuple[float, float]]]:
    """Each series' dot positions, dots that would touch (at the same height, centres less than `apart` along the
    time axis) set side by side, `apart` between centres, in time and series order, centred where they were. Not
    only dots at exactly one spot: a dot half over another hid it as well (walk s52 L3: two places' 4/10, 30 minutes
    apart, one faint dot). More than `MOST_SIDE_BY_SIDE` together are a run too dense to show one by one (a year of
    daily ratings on a phone): spread, they would stand days from their moment, so they stay; the table has each."""
    by_height: dict[float, list[tuple[float, int, int]]] = {}
    for index, points in enumerate(positions):
        for number, (x, y) in enumerate(points):
            by_height.setdefault(round(y, 1), []).append((x, index, number))
    placed = [list(points) for points in positions]
    for row in by_height.values():
        row.sort()
        start = 0
        while start < len(row):
            end = next((n for n in range(start + 1, len(row)) if row[n][0] - row[start][0] >= apart), len(row))
            together = row[start:end]
            if 1 < len(together) <= MOST_SIDE_BY_SIDE:
                middle = sum(x for x, _, _ in together) / len(together)
                for rank, (_, index, number) in enumerate(together):
                    placed[index][number] = (
                        middle + (rank - (len(together) - 1) / 2) * apart,
                        placed[index][number][1],
                    )
            start = end
    return placed


def _runs(points: Sequence[Point], longest_join: float | None) -> list[list[int]]:
    """The points' indices in runs a line may join: a new run starts wherever the step from the last point is too
    long, and at a value of a stretch not over yet."""
    runs: list[list[int]] = []
    for number, point in enumerate(points):
        if runs and not point.so_far and (longest_join is None or point.x - points[runs[-1][-1]].x <= longest_join):
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def lollipop_chart(
    series: Sequence[Series],
    x_labels: Sequence[tuple[float, str]],
    description: str,
    *,
    x_range: tuple[float, float] | None = None,
    width: int = WIDTH,
    keyboard: bool = False,
) -> Markup:
    """Signed changes over time: a stem from the zero line to a dot, so that a change of 0 still shows as a dot.
    `keyboard`: every dot is a tab stop named by its title."""
    values = [p.y for one in series for p in one.points]
    low = min(-2, floor(min(values, default=0)))
    high = max(2, ceil(max(values, default=0)))
    ticks = _ticks(low, high, width)
    x_min, x_max = _x_span([p.x for one in series for p in one.points], x_labels, x_range)
    plot = _Plot(width, x_min, x_max, ticks[0], ticks[-1])
    parts = _open(plot, ticks, x_labels, description, keyboard=keyboard)
    zero = plot.y(0)
    for index, one in enumerate(series):
        css = _series_class(one, index)
        shift = (index - (len(series) - 1) / 2) * DODGE
        for point in one.points:
            x, y = plot.x(point.x) + shift, plot.y(point.y)
            parts.append(f'<line class="stem {css}" x1="{x:.1f}" x2="{x:.1f}" y1="{zero:.1f}" y2="{y:.1f}"/>')
            parts.append(_dot(css, x, y, one.name, point, keyboard))
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(
    bars: Sequence[Bar],
    x_labels: Sequence[tuple[float, str]],
    description: str,
    *,
    x_range: tuple[float, float] | None = None,
    width: int = WIDTH,
    keyboard: bool = False,
) -> Markup:
    """Counts over spans of time (sessions per week): one bar per span, from zero up. `keyboard`: every bar is a tab
    stop named by its title."""
    top = max([*(bar.value for bar in bars), 1.0])
    ticks = _ticks(0, top, width)
    x_min, x_max = _x_span([x for bar in bars for x in (bar.start, bar.end)], x_labels, x_range)
    plot = _Plot(width, x_min, x_max, 0, ticks[-1])
    parts = _open(plot, ticks, x_labels, description, keyboard=keyboard)
    zero = plot.y(0)
    for bar in bars:
        left, right = plot.x(bar.start), plot.x(bar.end)
        # The bar covers its whole span (a week on Progress), so it never reads as one day's bar on a daily axis.
        bar_width = (right - left) * (1 - BAR_GAP)
        x = (left + right - bar_width) / 2
        y = plot.y(bar.value)
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{max(zero - y, 1.0):.1f}" '
            f'data-value="{bar.value:g}"{_SO_FAR if bar.so_far else ""}{_reach(keyboard)}>'
            f"<title>{escape(bar.title)}</title></rect>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def gapped_line_chart(
    runs: Sequence[Sequence[Point]],
    events: Sequence[Point],
    x_labels: Sequence[tuple[float, str]],
    description: str,
    style: str = "",
    *,
    y_max: float,
    x_range: tuple[float, float],
    width: int = WIDTH,
) -> Markup:
    """Values over time with gaps: each run of points is one line (nothing is drawn across a gap), and events
    (only their x counts) are marked by small triangles standing on the time axis, each with its title."""
    ticks = _ticks(0, y_max, width)
    plot = _Plot(width, x_range[0], x_range[1], 0, ticks[-1])
    parts = _open(plot, ticks, x_labels, description, style)
    for run in runs:
        coordinates = [(plot.x(p.x), plot.y(p.y), p) for p in run]
        if len(coordinates) > 1:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coordinates)
            parts.append(f'<polyline class="series-0" points="{line}"/>')
        parts.extend(_dot("series-0", x, y, "", point) for x, y, point in coordinates)
    bottom = HEIGHT - BOTTOM
    for event in events:
        x = plot.x(event.x)
        parts.append(
            f'<polygon class="event-mark" points="{x - 5:.1f},{bottom} {x + 5:.1f},{bottom} {x:.1f},{bottom - 9}">'
            f"<title>{escape(event.title)}</title></polygon>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _tick_step(span: float, most: int) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100):
        if span / step <= most:
            return float(step)
    return 200.0
