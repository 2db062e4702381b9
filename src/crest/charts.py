"""Small, dependency-free SVG charts, for the web pages and the clinician report alike.

Every point and bar carries a <title>, so hovering or focusing shows its value.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 640
HEIGHT = 260
LEFT = 44
RIGHT = 16
TOP = 14
BOTTOM = 40
MAX_BAR_WIDTH = 56


@dataclass(frozen=True)
class Point:
    x: float  # position along the time axis, in any unit shared by the chart
    y: float
    title: str


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[Point]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    title: str


def _frame(y_min: float, y_max: float, y_ticks: Sequence[float], description: str, style: str = "") -> list[str]:
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(description)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    if style:
        parts.append(f"<style>{escape(style, quote=False)}</style>")
    for tick in y_ticks:
        y = _scale(tick, y_min, y_max, HEIGHT - BOTTOM, TOP)
        parts.append(f'<line class="grid-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}"/>')
    return parts


def _scale(value: float, low: float, high: float, out_low: float, out_high: float) -> float:
    if high == low:
        return (out_low + out_high) / 2
    return out_low + (value - low) / (high - low) * (out_high - out_low)


def line_chart(
    series: Sequence[Series], x_labels: Sequence[tuple[float, str]], description: str, style: str = ""
) -> Markup:
    """Pain-like values 0-10 over time: one line per series, a dot with a title per value.

    `style` is CSS carried inside the SVG, for renderers that do not style inline SVG from the page (PDF).
    """
    xs = [point.x for one in series for point in one.points] + [x for x, _ in x_labels]
    x_min, x_max = min(xs), max(xs)
    parts = _frame(0, 10, (0, 2, 4, 6, 8, 10), description, style)

    def x_of(x: float) -> float:
        return _scale(x, x_min, x_max, LEFT + 12, WIDTH - RIGHT - 12)

    for index, (x, label) in enumerate(x_labels):
        # The first and last labels sit at the chart's edges: anchor them inwards so they are never cut off.
        anchor = "middle"
        if len(x_labels) > 1 and index == 0:
            anchor = "start"
        elif len(x_labels) > 1 and index == len(x_labels) - 1:
            anchor = "end"
        label_y = HEIGHT - BOTTOM + 18
        parts.append(f'<text x="{x_of(x):.1f}" y="{label_y}" text-anchor="{anchor}">{escape(label)}</text>')
    for index, one in enumerate(series):
        css = f"series-{index % 4}"
        coordinates = [(x_of(p.x), _scale(p.y, 0, 10, HEIGHT - BOTTOM, TOP), p) for p in one.points]
        if len(coordinates) > 1:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coordinates)
            parts.append(f'<polyline class="{css}" points="{line}"/>')
        for x, y, point in coordinates:
            parts.append(
                f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="5" tabindex="0" data-series="{escape(one.name)}" '
                f'data-value="{point.y:g}"><title>{escape(point.title)}</title></circle>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(bars: Sequence[Bar], description: str, signed: bool = False) -> Markup:
    """One bar per item; `signed` draws negative values below a zero line (for before/after change)."""
    values = [bar.value for bar in bars]
    top = max([*values, 1.0])
    bottom = min([*values, 0.0]) if signed else 0.0
    step = _tick_step(top - bottom)
    ticks = [tick * step for tick in range(int(bottom // step), int(-(-top // step)) + 1)]
    y_min, y_max = ticks[0], ticks[-1]
    parts = _frame(y_min, y_max, ticks, description)
    slot = (WIDTH - LEFT - RIGHT) / max(len(bars), 1)
    bar_width = min(slot * 0.7, MAX_BAR_WIDTH)  # one lonely bar should not fill the chart
    zero = _scale(0, y_min, y_max, HEIGHT - BOTTOM, TOP)
    label_every = max(1, len(bars) // 8)
    for index, bar in enumerate(bars):
        x = LEFT + index * slot + (slot - bar_width) / 2
        y = _scale(bar.value, y_min, y_max, HEIGHT - BOTTOM, TOP)
        top_y, height = min(y, zero), max(abs(zero - y), 1.0)
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{top_y:.1f}" width="{bar_width:.1f}" height="{height:.1f}" '
            f'tabindex="0" data-value="{bar.value:g}"><title>{escape(bar.title)}</title></rect>'
        )
        if index % label_every == 0:
            label_x = x + bar_width / 2
            parts.append(
                f'<text x="{label_x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{escape(bar.label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _tick_step(span: float) -> float:
    for step in (1, 2, 5, 10, 20, 50, 100):
        if span / step <= 6:
            return float(step)
    return 200.0
