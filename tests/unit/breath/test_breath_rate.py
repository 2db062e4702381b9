"""One window of a breath signal: the rate when it is clear, no reading (and why) when it is not."""

import numpy as np
import pytest

from crest.breath.rate import read_rate
from crest.breath.resample import GRID_HZ, NO_SEGMENT

TRUNK_PX = 150.0  # no reading below 0.075 px of motion for a trunk this long
NOISE_PX = 0.002


def breaths(rate_bpm: float, seconds: float, depth_px: float = 0.3, start_s: float = 0.0) -> np.ndarray:
    """A breath waveform: a quicker rise, a slower fall, then a pause (as at rest)."""
    times = start_s + np.arange(int(seconds * GRID_HZ)) / GRID_HZ
    phase = (times * rate_bpm / 60) % 1.0
    rise = 0.5 * (1 - np.cos(np.pi * np.clip(phase / 0.4, 0, 1)))
    fall = 0.5 * (1 + np.cos(np.pi * np.clip((phase - 0.4) / 0.4, 0, 1)))
    return depth_px * np.where(phase < 0.4, rise, np.where(phase < 0.8, fall, 0.0))


def one_segment(values: np.ndarray) -> np.ndarray:
    return np.zeros(values.size, dtype=np.int64)


@pytest.mark.parametrize(("rate_bpm", "seconds"), [(6.0, 60), (8.5, 30), (12.0, 30), (15.0, 30), (24.0, 30)])
def test_a_known_rate_is_read_within_half_a_breath(rate_bpm: float, seconds: float) -> None:
    rng = np.random.default_rng(int(rate_bpm * 10))
    values = breaths(rate_bpm, seconds, start_s=float(rng.uniform(0, 5))) + rng.normal(0, 0.01, int(seconds * 4))
    reading = read_rate(values, one_segment(values), GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.reason is None
    assert reading.rate_bpm == pytest.approx(rate_bpm, abs=0.5)


def test_a_sigh_does_not_drag_the_rate() -> None:
    # Twelve breaths a minute for a minute, one of them a sigh: twice as long and three times as deep.
    rng = np.random.default_rng(1)
    values = np.concatenate([breaths(12, 25), 3 * breaths(6, 10), breaths(12, 25)])
    values = values + rng.normal(0, 0.01, values.size)
    reading = read_rate(values, one_segment(values), GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.reason is None
    assert reading.rate_bpm == pytest.approx(12.0, abs=0.7)


def test_no_breathing_gives_no_reading_for_want_of_motion() -> None:
    rng = np.random.default_rng(2)
    values = rng.normal(0, 0.004, 120)  # the fit's noise on a still picture
    reading = read_rate(values, one_segment(values), GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.rate_bpm is None
    assert reading.reason == "weak_motion"


def test_a_steady_rhythm_too_small_to_be_breath_gives_no_reading() -> None:
    # A perfectly regular motion of a hundredth of a pixel (light flicker leaking in): not a breath.
    values = breaths(15, 30, depth_px=0.02)
    reading = read_rate(values, one_segment(values), GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.reason == "weak_motion"


def test_large_random_motion_is_irregular() -> None:
    rng = np.random.default_rng(3)
    values = rng.normal(0, 0.5, 120)
    reading = read_rate(values, one_segment(values), GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.rate_bpm is None
    assert reading.reason == "irregular"


def test_two_rhythms_at_once_give_no_reading() -> None:
    # Half the window at 8 a minute, half at 20: neither estimate can be trusted.
    values = np.concatenate([breaths(8, 15), breaths(20, 15)])
    reading = read_rate(values, one_segment(values), GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.rate_bpm is None
    assert reading.reason in ("irregular", "disagree")


def test_stretches_of_different_segments_are_read_apart() -> None:
    # A new reference halfway shifts the level by 2 px; each stretch is detrended on its own.
    values = breaths(12, 30)
    values[60:] += 2.0
    segments = np.where(np.arange(values.size) < 60, 1, 2).astype(np.int64)
    reading = read_rate(values, segments, GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.rate_bpm == pytest.approx(12.0, abs=0.6)


def test_gaps_are_left_out() -> None:
    values = breaths(14, 30)
    values[50:58] = np.nan
    segments = one_segment(values)
    segments[50:58] = NO_SEGMENT
    reading = read_rate(values, segments, GRID_HZ, TRUNK_PX, NOISE_PX)
    assert reading.rate_bpm == pytest.approx(14.0, abs=0.6)


def test_nothing_measured_is_too_few_frames() -> None:
    values = np.full(120, np.nan)
    assert read_rate(values, np.full(120, NO_SEGMENT), GRID_HZ, TRUNK_PX, NOISE_PX).reason == "too_few_frames"
