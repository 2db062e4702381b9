"""Uneven capture times onto an even grid, without bridging long gaps or joining segments."""

import numpy as np
import pytest

from crest.breath.resample import NO_SEGMENT, grid_times, on_grid


def test_grid_times_cover_the_stretch_at_the_grid_rate() -> None:
    grid = grid_times(10.0, 12.0, 4.0)
    assert grid.tolist() == [10.0, 10.25, 10.5, 10.75, 11.0, 11.25, 11.5, 11.75]


def test_values_are_interpolated_on_time_not_on_frame_index() -> None:
    # Frames at uneven times sampling a straight line: the grid must lie on the same line.
    rng = np.random.default_rng(0)
    times = np.sort(rng.uniform(0, 10, 60))
    values = 2.0 * times + 1.0
    grid = grid_times(1.0, 9.0, 4.0)
    out, segments = on_grid(times, values, np.zeros(times.size, dtype=np.int64), grid)
    assert out == pytest.approx(2.0 * grid + 1.0)
    assert (segments == 0).all()


def test_a_long_gap_is_left_empty() -> None:
    times = np.array([0.0, 0.5, 1.0, 3.0, 3.5])
    values = np.array([0.0, 0.5, 1.0, 3.0, 3.5])
    out, segments = on_grid(times, values, np.zeros(5, dtype=np.int64), grid_times(0.0, 3.5, 2.0))
    assert out[:3] == pytest.approx([0.0, 0.5, 1.0])
    assert np.isnan(out[3:6]).all()  # 1.5, 2.0, 2.5: more than a second between neighbours
    assert (segments[3:6] == NO_SEGMENT).all()
    assert out[6] == pytest.approx(3.0)


def test_different_segments_are_not_joined() -> None:
    times = np.array([0.0, 0.5, 1.0, 1.5])
    values = np.array([0.0, 0.0, 5.0, 5.0])
    out, _ = on_grid(times, values, np.array([1, 1, 2, 2], dtype=np.int64), np.array([0.25, 0.75, 1.25]))
    assert out[0] == pytest.approx(0.0)
    assert np.isnan(out[1])
    assert out[2] == pytest.approx(5.0)


def test_frames_without_a_value_are_skipped() -> None:
    times = np.array([0.0, 0.5, 1.0])
    values = np.array([0.0, np.nan, 1.0])
    out, _ = on_grid(times, values, np.zeros(3, dtype=np.int64), np.array([0.5]))
    assert out[0] == pytest.approx(0.5)
