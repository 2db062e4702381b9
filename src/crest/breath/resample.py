"""Frames arrive at uneven times: put their values on an even time grid, never bridging long gaps.

Each sample belongs to a segment (one reference of the motion fit); values of different segments are not
comparable, so the grid is filled only between neighbouring samples of the same segment.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# The grid's rate: breathing is below 1 Hz, so 4 samples a second keep every breath's shape.
GRID_HZ = 4.0
# Two samples further apart than this are not joined: the grid holds a gap there.
MAX_GAP_S = 1.0
NO_SEGMENT = -1


def grid_times(start_s: float, end_s: float, hz: float = GRID_HZ) -> Floats:
    """Grid points from `start_s` (included) to `end_s` (excluded)."""
    count = max(0, int(np.ceil((end_s - start_s) * hz - 1e-9)))
    return start_s + np.arange(count, dtype=np.float64) / hz


def on_grid(
    times_s: Floats, values: Floats, segments: Ints, grid_s: Floats, max_gap_s: float = MAX_GAP_S
) -> tuple[Floats, Ints]:
    """(values, segments) at the grid times, by linear interpolation on time; NaN and `NO_SEGMENT` in gaps.

    `times_s` must increase; `values` may hold NaN for frames without a measurement.
    """
    out = np.full(grid_s.shape, np.nan)
    out_segments = np.full(grid_s.shape, NO_SEGMENT, dtype=np.int64)
    measured = ~np.isnan(values)
    times_s, values, segments = times_s[measured], values[measured], segments[measured]
    if times_s.size == 0:
        return out, out_segments
    after = np.searchsorted(times_s, grid_s, side="left")
    before = after - 1
    # A grid point exactly on a sample takes that sample.
    exact = (after < times_s.size) & (times_s[np.minimum(after, times_s.size - 1)] == grid_s)
    inside = (before >= 0) & (after < times_s.size)
    low, high = np.clip(before, 0, times_s.size - 1), np.clip(after, 0, times_s.size - 1)
    joinable = inside & (segments[low] == segments[high]) & (times_s[high] - times_s[low] <= max_gap_s)
    span = np.where(joinable, times_s[high] - times_s[low], 1.0)
    weight = np.where(joinable, (grid_s - times_s[low]) / span, 0.0)
    out[joinable] = (values[low] + weight * (values[high] - values[low]))[joinable]
    out_segments[joinable] = segments[low][joinable]
    out[exact] = values[high][exact]
    out_segments[exact] = segments[high][exact]
    return out, out_segments
