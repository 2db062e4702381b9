"""The breath in words and as a chart: the quiet indicator, the trend in a line, the chart with its gaps."""

from crest.breath.chart import breath_chart, trend_rows
from crest.breath.reasons import REASON_LABELS
from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.breath.words import state_label, state_labels, trend_text

TREND = BreathResult(
    (
        BreathWindow(0, 60, 14.0),
        BreathWindow(60, 120, None, "too_dark"),
        BreathWindow(120, 180, 10.0),
        BreathWindow(180, 240, 9.0),
    ),
    (Movement(130.0),),
)


def test_the_indicator_says_reading_or_what_is_in_the_way_never_a_number() -> None:
    labels = state_labels()
    assert set(labels) == {
        "reading",
        "starting",
        "moving",
        "camera_stopped",  # said by the page when its camera ends
        "page_hidden",  # ... and when it comes back from the background
        "trunk_not_visible",
        "camera_not_at_side",
        "too_dark",
    }
    assert labels["too_dark"] == f"No breathing reading just now: {REASON_LABELS['too_dark']}."
    assert not any(character.isdigit() for label in labels.values() for character in label)
    assert state_label("something new") == labels["starting"]


def test_the_trend_in_a_line_and_as_rows_has_its_gap() -> None:
    assert trend_text(TREND) == "14 \N{EN DASH} 10 9"
    assert trend_rows(TREND)[:2] == [("minute 1", "about 14"), ("minute 2", "no reading")]


def test_the_chart_breaks_its_line_at_a_gap_and_marks_the_movement() -> None:
    chart = breath_chart(TREND)
    assert chart is not None
    assert chart.count("<polyline") == 1 and chart.count("<circle") == 3
    assert chart.count('class="event-mark"') == 1 and "You moved at 02:10" in chart
    assert ">0 min<" in chart and ">4 min<" in chart


def test_no_reading_and_no_movement_draw_nothing() -> None:
    assert breath_chart(BreathResult((BreathWindow(0, 30, None, "weak_motion"),), ())) is None
