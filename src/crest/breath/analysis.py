"""The breath over a session, window by window, fed one measurement per frame in capture-time order.

Windows follow each other without overlap: 30 s each, or 60 s when the breathing is slower than about 8
breaths a minute (30 s hold too few slow breaths to count). A window gives a reading only when at least
`MIN_MEASURED_SHARE` of its time was measured (trunk seen from the side, light enough, body still); otherwise
it says what was most in the way. Works the same on a whole video and on a live stream.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from crest.breath.rate import RateReading, read_rate
from crest.breath.reasons import FrameProblem, Reason
from crest.breath.resample import GRID_HZ, MAX_GAP_S, Floats, grid_times, on_grid
from crest.breath.result import BreathResult, BreathWindow, Movement
from crest.breath.stillness import MovementLog

WINDOW_S = 30.0
LONG_WINDOW_S = 60.0
LONG_BELOW_BPM = 8.0
# Share of a window's time that must be measured for a reading.
MIN_MEASURED_SHARE = 0.75
# A stream's last, shorter window still counts when it is at least this long.
MIN_LAST_WINDOW_S = 20.0


@dataclass(frozen=True)
class FrameMeasure:
    """What one frame showed.

    `front_px`: how far the front of the trunk is from where it was at the reference of `segment` (None when
    not measured); `problem`: what kept the frame from being measured; `moving`: the body moved beyond breathing.
    A frame without a measurement, a problem or motion is settling after a movement (it counts as moving).
    """

    time_s: float
    front_px: float | None = None
    trunk_px: float = 0.0
    noise_px: float = 0.0
    segment: int = 0
    problem: FrameProblem | None = None
    moving: bool = False


class BreathAnalysis:
    """Feed `add` one `FrameMeasure` per frame; `result()` any time (it does not end the stream)."""

    def __init__(self) -> None:
        self._times: list[float] = []
        self._fronts: list[float] = []
        self._segments: list[int] = []
        self._statuses: list[str] = []
        self._trunks: list[float] = []
        self._noises: list[float] = []
        self._movements = MovementLog()
        self._windows: list[BreathWindow] = []
        self._next_start_s: float | None = None
        # The 30 s reading of the window being extended to 60 s, kept while the rest arrives.
        self._short: RateReading | None = None
        # The statuses of the frames of the last WINDOW_S, counted as they come and go (see `live_status`).
        self._recent: deque[tuple[float, str]] = deque()
        self._recent_counts: Counter[str] = Counter()

    def add(self, measure: FrameMeasure) -> None:
        if self._times and measure.time_s <= self._times[-1]:
            return  # capture times must increase; a late or repeated frame is left out
        self._times.append(measure.time_s)
        self._fronts.append(np.nan if measure.front_px is None else measure.front_px)
        self._segments.append(measure.segment)
        status = _status(measure)
        self._statuses.append(status)
        self._recent.append((measure.time_s, status))
        self._recent_counts[status] += 1
        while self._recent[0][0] < measure.time_s - WINDOW_S:
            self._recent_counts[self._recent.popleft()[1]] -= 1
        self._trunks.append(measure.trunk_px)
        self._noises.append(measure.noise_px)
        self._movements.update(measure.time_s, measure.moving)
        if self._next_start_s is None:
            self._next_start_s = measure.time_s
        self._close_due_windows(measure.time_s)

    @property
    def last_status(self) -> str | None:
        """ "measured", "moving" or the frame problem of the latest frame."""
        return self._statuses[-1] if self._statuses else None

    @property
    def live_status(self) -> str | None:
        """What a live indicator may say now: "measured" only while the last WINDOW_S hold enough measured frames
        for a reading; else what was most in the way over them, or the latest frame's problem. Said of the latest
        frame alone, a person who moved every few seconds heard "reading" for minutes that gave no reading."""
        latest = self.last_status
        if latest != "measured":
            return latest
        if self._recent_counts["measured"] >= MIN_MEASURED_SHARE * len(self._recent):
            return latest
        missing = [status for status, count in self._recent_counts.most_common() if count and status != "measured"]
        return missing[0]

    def _close_due_windows(self, now_s: float) -> None:
        assert self._next_start_s is not None
        while now_s >= self._next_start_s + WINDOW_S:
            start = self._next_start_s
            if self._short is None:
                self._short = self._read(start, start + WINDOW_S)
            if _wants_long(self._short):
                if now_s < start + LONG_WINDOW_S:
                    return
                self._emit(start, start + LONG_WINDOW_S, self._read(start, start + LONG_WINDOW_S))
            else:
                self._emit(start, start + WINDOW_S, self._short)

    def _emit(self, start_s: float, end_s: float, reading: RateReading) -> None:
        self._windows.append(BreathWindow(start_s, end_s, reading.rate_bpm, reading.reason))
        self._next_start_s = end_s
        self._short = None

    def result(self) -> BreathResult:
        """The windows closed so far and the stream's last, shorter stretch (when long enough)."""
        windows = list(self._windows)
        if self._times and self._next_start_s is not None:
            start, end = self._next_start_s, self._times[-1]
            if self._short is not None and _wants_long(self._short) and end - start < WINDOW_S + MIN_LAST_WINDOW_S:
                # Too little is left for a long window: the 30 s reading stands, then the rest on its own.
                windows.append(BreathWindow(start, start + WINDOW_S, self._short.rate_bpm, self._short.reason))
                start += WINDOW_S
            if end - start >= MIN_LAST_WINDOW_S:
                reading = self._read(start, end)
                windows.append(BreathWindow(start, end, reading.rate_bpm, reading.reason))
        movements = tuple(Movement(start_s) for start_s in self._movements.starts_s)
        return BreathResult(tuple(windows), movements)

    def _read(self, start_s: float, end_s: float) -> RateReading:
        times = np.array(self._times)
        first = int(np.searchsorted(times, start_s - MAX_GAP_S, side="left"))
        last = int(np.searchsorted(times, end_s + MAX_GAP_S, side="right"))
        times = times[first:last]
        grid = grid_times(start_s, end_s, GRID_HZ)
        statuses = self._grid_statuses(times, self._statuses[first:last], grid)
        measured_share = statuses.count("measured") / max(1, len(statuses))
        if measured_share < MIN_MEASURED_SHARE:
            missing = Counter(status for status in statuses if status != "measured")
            return RateReading(None, _REASON_OF_STATUS[missing.most_common(1)[0][0]])
        values, segments = on_grid(
            times, np.array(self._fronts[first:last]), np.array(self._segments[first:last]), grid
        )
        measured = [self._statuses[index] == "measured" for index in range(first, last)]
        trunk_px = float(np.median(np.array(self._trunks[first:last])[measured]))
        noise_px = float(np.median(np.array(self._noises[first:last])[measured]))
        return read_rate(values, segments, GRID_HZ, trunk_px, noise_px)

    @staticmethod
    def _grid_statuses(times: Floats, statuses: list[str], grid: Floats) -> list[str]:
        """Each grid point takes the status of the nearest frame, or "no_frames" beyond `MAX_GAP_S / 2`."""
        if times.size == 0:
            return ["no_frames"] * grid.size
        after = np.clip(np.searchsorted(times, grid), 0, times.size - 1)
        before = np.clip(after - 1, 0, times.size - 1)
        nearest = np.where(np.abs(times[before] - grid) <= np.abs(times[after] - grid), before, after)
        close = np.abs(times[nearest] - grid) <= MAX_GAP_S / 2
        return [statuses[index] if ok else "no_frames" for index, ok in zip(nearest, close, strict=True)]


def _status(measure: FrameMeasure) -> str:
    if measure.problem is not None:
        return measure.problem
    return "measured" if measure.front_px is not None and not measure.moving else "moving"


# What a window says when the most common thing in the way of its frames was ...
_REASON_OF_STATUS: Mapping[str, Reason] = {
    "no_frames": "too_few_frames",
    "moving": "moving",
    "trunk_not_visible": "trunk_not_visible",
    "camera_not_at_side": "camera_not_at_side",
    "too_dark": "too_dark",
}


def _wants_long(reading: RateReading) -> bool:
    """A 30 s window of slow breathing, or one whose rhythm was too slow to count in 30 s, gets 60 s."""
    if reading.reason not in (None, "irregular", "disagree"):
        return False
    rate = reading.rate_bpm if reading.rate_bpm is not None else reading.spectral_bpm
    return rate is not None and rate < LONG_BELOW_BPM
