"""The breath of a rest as a chart, for the session page, the journal and the clinician report alike: the rate
minute by minute (a gap where there was no reading) and the movements marked on the same time line."""

from __future__ import annotations

import math

from markupsafe import Markup

from crest.breath.result import BreathResult, MinuteRate
from crest.charts import WIDTH, Point, gapped_line_chart
from crest.posture.video import clock_text

DESCRIPTION = "Breaths a minute, minute by minute over the rest, with a mark on the time axis where you moved"
# The rate axis reaches at least this far, so that a calm 8 and a quick 16 look as different as they are.
LEAST_TOP_BPM = 20.0
LABEL_EVERY_MIN = 5


def breath_chart(result: BreathResult, width: int = WIDTH, style: str = "") -> Markup | None:
    """The chart, or None when there is nothing to draw (no reading and no movement)."""
    trend = result.trend()
    if not result.readings and not result.movements:
        return None
    end_min = max([trend[-1].minute + 1 if trend else 1, *(math.ceil(m.at_s / 60) for m in result.movements)])
    runs: list[list[Point]] = [[]]
    for minute in trend:
        if minute.rate_bpm is None:
            runs.append([])
        else:
            runs[-1].append(Point(minute.minute + 0.5, minute.rate_bpm, _minute_title(minute)))
    events = [Point(m.at_s / 60, 0.0, f"You moved at {clock_text(m.at_s)}") for m in result.movements]
    top = max([LEAST_TOP_BPM, *(minute.rate_bpm or 0.0 for minute in trend)])
    # Every few minutes, and the end; a label too near the end would run into the end's.
    marks = [at for at in range(0, end_min - 1, LABEL_EVERY_MIN) if at == 0 or end_min - at >= 2]
    labels = [(float(at), f"{at} min") for at in [*marks, end_min]]
    return gapped_line_chart(
        [run for run in runs if run],
        events,
        labels,
        DESCRIPTION,
        style,
        y_max=top,
        x_range=(0.0, float(end_min)),
        width=width,
    )


def trend_rows(result: BreathResult) -> list[tuple[str, str]]:
    """The chart's numbers, a row a minute: ("minute 3", "about 12 breaths a minute" or "no reading")."""
    return [
        (f"minute {minute.minute + 1}", "no reading" if minute.rate_bpm is None else f"about {minute.rate_bpm:.0f}")
        for minute in result.trend()
    ]


def _minute_title(minute: MinuteRate) -> str:
    return f"Minute {minute.minute + 1}: about {minute.rate_bpm:.0f} breaths a minute"
