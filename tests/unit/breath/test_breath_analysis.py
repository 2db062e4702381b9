"""The session's windows from per-frame measurements: uneven times, slow breathing, what got in the way."""

import math

import numpy as np
import pytest

from crest.breath.analysis import BreathAnalysis, FrameMeasure
from crest.breath.reasons import FrameProblem

TRUNK_PX = 150.0


def breath_at(time_s: float, rate_bpm: float, depth_px: float = 0.3) -> float:
    return depth_px * 0.5 * (1 - math.cos(2 * math.pi * rate_bpm / 60 * time_s))


def capture_times(seconds: float, fps: float, seed: int) -> np.ndarray:
    """Uneven capture times: jitter, a tenth of the frames dropped, and a stall of 0.8 s now and then."""
    rng = np.random.default_rng(seed)
    times = np.arange(0, seconds, 1 / fps) + rng.normal(0, 0.03, int(np.ceil(seconds * fps)))
    keep = rng.random(times.size) > 0.1
    for start in rng.uniform(0, seconds, int(seconds // 40)):
        keep &= ~((times > start) & (times < start + 0.8))
    return np.sort(times[keep & (times >= 0)])


def feed(analysis: BreathAnalysis, times: np.ndarray, rate_bpm: float) -> None:
    for time_s in times:
        analysis.add(FrameMeasure(float(time_s), breath_at(float(time_s), rate_bpm), TRUNK_PX, 0.002))


def test_uneven_capture_times_give_the_rate_in_30_s_windows() -> None:
    analysis = BreathAnalysis()
    feed(analysis, capture_times(120, 7, seed=1), 13.0)
    result = analysis.result()
    assert [round(w.end_s - w.start_s) for w in result.windows] == [30, 30, 30, 30]
    assert all(w.rate_bpm == pytest.approx(13.0, abs=0.5) for w in result.windows)
    assert result.rate_bpm == pytest.approx(13.0, abs=0.3)


def test_the_rate_follows_capture_times_when_frames_arrive_late() -> None:
    # The same breathing sampled at bursts of frame times (arrival jitter): frame index would be wrong.
    times = np.sort(np.concatenate([np.arange(0, 90, 0.5), np.arange(0.05, 90, 1.0)]))
    analysis = BreathAnalysis()
    feed(analysis, times, 10.0)
    assert analysis.result().rate_bpm == pytest.approx(10.0, abs=0.4)


def test_slow_breathing_is_read_over_60_s() -> None:
    analysis = BreathAnalysis()
    feed(analysis, capture_times(181, 6, seed=2), 6.0)
    result = analysis.result()
    assert [round(w.end_s - w.start_s) for w in result.windows] == [60, 60, 60]
    assert all(w.rate_bpm == pytest.approx(6.0, abs=0.5) for w in result.windows)


def test_a_window_spent_moving_says_so() -> None:
    analysis = BreathAnalysis()
    times = capture_times(60, 8, seed=3)
    for time_s in times:
        if 30 <= time_s < 45:
            analysis.add(FrameMeasure(float(time_s), moving=True))
        else:
            analysis.add(FrameMeasure(float(time_s), breath_at(float(time_s), 12), TRUNK_PX, 0.002))
    first, second = analysis.result().windows
    assert first.rate_bpm == pytest.approx(12.0, abs=0.5)
    assert (second.rate_bpm, second.reason) == (None, "moving")


def test_while_moving_too_often_for_a_reading_the_live_status_never_says_measured() -> None:
    """Still 3 s, moving 2 s, over and over: "Reading your breathing." stood for minutes while no window read."""
    analysis = BreathAnalysis()
    live = []
    for time_s in capture_times(120, 8, seed=4):
        moving = time_s % 5 >= 3
        if moving:
            analysis.add(FrameMeasure(float(time_s), moving=True))
        else:
            analysis.add(FrameMeasure(float(time_s), breath_at(float(time_s), 12), TRUNK_PX, 0.002))
        live.append((analysis.last_status, analysis.live_status))
    assert {window.reason for window in analysis.result().windows} == {"moving"}
    assert ("measured", "moving") in live  # lying still this moment, yet no reading is being made
    assert all(status == "moving" for _, status in live[40:])


def test_once_still_long_enough_the_live_status_says_measured_again() -> None:
    analysis = BreathAnalysis()
    for time_s in capture_times(90, 8, seed=5):
        if 20 <= time_s < 30:
            analysis.add(FrameMeasure(float(time_s), moving=True))
        else:
            analysis.add(FrameMeasure(float(time_s), breath_at(float(time_s), 12), TRUNK_PX, 0.002))
        if 31 <= time_s < 33:
            assert analysis.live_status == "moving"  # a third of the last 30 s was moving
    assert analysis.live_status == "measured"


@pytest.mark.parametrize("problem", ["trunk_not_visible", "camera_not_at_side", "too_dark"])
def test_a_window_without_a_view_of_the_breath_says_why(problem: FrameProblem) -> None:
    analysis = BreathAnalysis()
    for time_s in capture_times(31, 8, seed=4):
        analysis.add(FrameMeasure(float(time_s), problem=problem))
    (window,) = analysis.result().windows
    assert (window.rate_bpm, window.reason) == (None, problem)


def test_a_camera_that_stops_sending_gives_too_few_frames() -> None:
    analysis = BreathAnalysis()
    for time_s in [*np.arange(0, 5, 0.125), *np.arange(29, 31, 0.125)]:
        analysis.add(FrameMeasure(float(time_s), breath_at(float(time_s), 12), TRUNK_PX, 0.002))
    (window,) = analysis.result().windows
    assert window.reason == "too_few_frames"


def test_late_and_repeated_frames_are_left_out() -> None:
    analysis = BreathAnalysis()
    analysis.add(FrameMeasure(1.0, 0.1, TRUNK_PX))
    analysis.add(FrameMeasure(1.0, 9.0, TRUNK_PX))
    analysis.add(FrameMeasure(0.5, 9.0, TRUNK_PX))
    assert analysis.last_status == "measured"
    assert analysis._fronts == [0.1]


def test_movements_are_events_with_their_time() -> None:
    analysis = BreathAnalysis()
    for time_s in np.arange(0, 60, 0.125):
        moving = 20 <= time_s < 21.5 or time_s == 35.0 or 45 <= time_s < 50
        analysis.add(FrameMeasure(float(time_s), None if moving else 0.0, TRUNK_PX, moving=bool(moving)))
    # A lone moving frame (at 35 s) is not a movement; a shift and a bout of fidgeting are.
    assert [m.at_s for m in analysis.result().movements] == [20.0, 45.0]


def test_reading_the_result_midway_does_not_change_the_outcome() -> None:
    times = capture_times(100, 8, seed=5)
    peeked, plain = BreathAnalysis(), BreathAnalysis()
    for time_s in times:
        for analysis in (peeked, plain):
            analysis.add(FrameMeasure(float(time_s), breath_at(float(time_s), 9 - time_s / 50), TRUNK_PX, 0.002))
        peeked.result()
    assert peeked.result() == plain.result()


def test_the_last_shorter_stretch_counts_when_long_enough() -> None:
    analysis = BreathAnalysis()
    feed(analysis, np.arange(0, 55, 0.125), 15.0)
    result = analysis.result()
    assert [(round(w.start_s), round(w.end_s)) for w in result.windows] == [(0, 30), (30, 55)]
    assert result.windows[1].rate_bpm == pytest.approx(15.0, abs=0.6)


def test_breathing_that_slows_is_told_in_one_line() -> None:
    analysis = BreathAnalysis()
    times = np.arange(0, 240, 0.125)
    # 15 to 7 breaths a minute over 4 minutes: the phase is the integral of the rate.
    rates = 15 - 8 * times / 240
    phase = np.cumsum(rates / 60 * 0.125)
    for time_s, cycles in zip(times, phase, strict=True):
        value = 0.3 * 0.5 * (1 - math.cos(2 * math.pi * cycles))
        analysis.add(FrameMeasure(float(time_s), value, TRUNK_PX, 0.002))
    assert analysis.result().summary() == (
        "Your breathing slowed from about 14 to about 8 breaths a minute over the rest."
    )
