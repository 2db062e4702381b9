"""Steadiness over time for videos and camera: smooth landmarks, verdicts that change only when they hold.

Landmarks jitter from frame to frame even when a person lies still; a One Euro filter (Casiez, Roussel and
Vogel, CHI 2012) removes the jitter while following real movements with little lag: the faster a point moves,
the higher its cut-off frequency. Verdicts computed from smoothed landmarks can still flicker at a threshold,
so `VerdictHysteresis` accepts a new verdict only after it has held for a moment. Time comes in as an argument
(frame timestamps), never from a clock.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from crest.posture.landmarks import Landmark, Pose

# Posture changes slowly: a low cut-off removes jitter; `beta` lets a real movement (an arm going up) through.
MIN_CUTOFF_HZ = 0.8
# Speed coefficient, per image diagonal per second, so the filter behaves the same at any resolution.
BETA_PER_DIAGONAL = 4.0
DERIVATIVE_CUTOFF_HZ = 1.0
# After a gap this long (nobody seen, or a pause in the stream) the filter starts afresh instead of gliding.
RESET_AFTER_GAP_S = 2.0
# A verdict must hold this long before it replaces the shown one.
VERDICT_HOLD_S = 1.5
# Frame times add up with rounding errors; a hold that is short by less than this still counts.
HOLD_TOLERANCE_S = 1e-6


def _smoothing_factor(cutoff_hz: float, elapsed_s: float) -> float:
    time_constant_s = 1.0 / (2.0 * math.pi * cutoff_hz)
    return 1.0 / (1.0 + time_constant_s / elapsed_s)


class OneEuroFilter:
    """A One Euro filter over a fixed-length vector of values sampled at irregular times."""

    def __init__(
        self,
        min_cutoff_hz: float = MIN_CUTOFF_HZ,
        beta: float = BETA_PER_DIAGONAL,
        derivative_cutoff_hz: float = DERIVATIVE_CUTOFF_HZ,
    ) -> None:
        self.min_cutoff_hz = min_cutoff_hz
        self.beta = beta
        self.derivative_cutoff_hz = derivative_cutoff_hz
        self._values: list[float] | None = None
        self._speeds: list[float] = []
        self._time_s = 0.0

    def reset(self) -> None:
        self._values = None

    def __call__(self, values: list[float], time_s: float) -> list[float]:
        previous = self._values
        elapsed_s = time_s - self._time_s
        if previous is None or len(previous) != len(values) or elapsed_s <= 0:
            self._values = list(values)
            self._speeds = [0.0] * len(values)
            self._time_s = time_s
            return list(values)
        derivative_factor = _smoothing_factor(self.derivative_cutoff_hz, elapsed_s)
        smoothed: list[float] = []
        speeds: list[float] = []
        for value, previous_value, previous_speed in zip(values, previous, self._speeds, strict=True):
            raw_speed = (value - previous_value) / elapsed_s
            speed = derivative_factor * raw_speed + (1.0 - derivative_factor) * previous_speed
            factor = _smoothing_factor(self.min_cutoff_hz + self.beta * abs(speed), elapsed_s)
            smoothed.append(factor * value + (1.0 - factor) * previous_value)
            speeds.append(speed)
        self._values = smoothed
        self._speeds = speeds
        self._time_s = time_s
        return list(smoothed)


class PoseSmoother:
    """One Euro filtering of a stream of poses, in units of the image diagonal."""

    def __init__(self, reset_after_gap_s: float = RESET_AFTER_GAP_S, **filter_options: float) -> None:
        self._filter = OneEuroFilter(**filter_options)
        self._reset_after_gap_s = reset_after_gap_s
        self._last_time_s: float | None = None
        self._image_size: tuple[int, int] | None = None

    def reset(self) -> None:
        self._filter.reset()
        self._last_time_s = None

    def __call__(self, pose: Pose, time_s: float) -> Pose:
        size = (pose.image_width, pose.image_height)
        gap_too_long = self._last_time_s is not None and time_s - self._last_time_s > self._reset_after_gap_s
        if gap_too_long or size != self._image_size:
            self._filter.reset()
        self._image_size = size
        self._last_time_s = time_s
        diagonal = math.hypot(*size)
        values: list[float] = []
        for point in pose.landmarks:
            values.extend((point.x / diagonal, point.y / diagonal, point.visibility))
        smoothed = self._filter(values, time_s)
        points = tuple(
            Landmark(smoothed[i] * diagonal, smoothed[i + 1] * diagonal, min(1.0, max(0.0, smoothed[i + 2])))
            for i in range(0, len(smoothed), 3)
        )
        return Pose(points, pose.image_width, pose.image_height)


Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value", bound=Hashable)


@dataclass(frozen=True)
class StableValue(Generic[Value]):
    """A verdict that has held: its value and when it started (the first frame that showed it)."""

    value: Value
    since_s: float


class VerdictHysteresis(Generic[Key, Value]):
    """Per key (a criterion name), the shown value changes only after a new value has held `hold_s` seconds.

    Before any value has held long enough, a key has no stable value (the verdict is still settling).
    """

    def __init__(self, hold_s: float = VERDICT_HOLD_S) -> None:
        self.hold_s = hold_s
        self._stable: dict[Key, StableValue[Value]] = {}
        self._candidates: dict[Key, StableValue[Value]] = {}

    def update(self, values: Mapping[Key, Value], time_s: float) -> dict[Key, StableValue[Value]]:
        """Feed one frame's raw values; returns the keys whose stable value changed on this frame."""
        for key, value in values.items():
            stable = self._stable.get(key)
            if stable is not None and stable.value == value:
                self._candidates.pop(key, None)
                continue
            candidate = self._candidates.get(key)
            if candidate is None or candidate.value != value:
                self._candidates[key] = StableValue(value, time_s)
        return self._promote_held(values, time_s)

    def held_until(self, time_s: float) -> dict[Key, StableValue[Value]]:
        """At the end of a stream (a video's last moment): the keys whose new value, still the latest, has held
        `hold_s` by `time_s`. Looks come up to 2 s apart, so a change in a video's last seconds may be seen by only
        one or two looks before the end, though the video shows it for longer than the hold."""
        return self._promote_held(list(self._candidates), time_s)

    def _promote_held(self, keys: Iterable[Key], time_s: float) -> dict[Key, StableValue[Value]]:
        """Of `keys`, those whose new value has held `hold_s` by `time_s` become stable; returned as changed."""
        changed: dict[Key, StableValue[Value]] = {}
        for key in keys:
            candidate = self._candidates.get(key)
            if candidate is not None and time_s - candidate.since_s >= self.hold_s - HOLD_TOLERANCE_S:
                self._stable[key] = self._candidates.pop(key)
                changed[key] = candidate
        return changed

    @property
    def settled(self) -> bool:
        """True once verdicts have held and no key is on its way to a new value."""
        return bool(self._stable) and not self._candidates

    def stable(self, key: Key) -> StableValue[Value] | None:
        return self._stable.get(key)

    @property
    def stable_values(self) -> dict[Key, StableValue[Value]]:
        return dict(self._stable)

    def reset(self) -> None:
        self._stable.clear()
        self._candidates.clear()
