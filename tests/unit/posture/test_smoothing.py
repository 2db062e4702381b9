"""One Euro filtering of landmarks and hysteresis on verdicts."""

import math
import random

import pytest

from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose
from crest.posture.smoothing import OneEuroFilter, PoseSmoother, VerdictHysteresis


def _pose(offset_x: float = 0.0, jitter: float = 0.0, rng: random.Random | None = None) -> Pose:
    rng = rng or random.Random(0)
    points = tuple(
        Landmark(
            100.0 + 10 * i + offset_x + rng.uniform(-jitter, jitter),
            200.0 + rng.uniform(-jitter, jitter),
            0.9,
        )
        for i in range(len(LANDMARK_NAMES))
    )
    return Pose(points, 640, 480)


def test_first_value_passes_through_unchanged() -> None:
    assert OneEuroFilter()([1.0, 2.0], 0.0) == [1.0, 2.0]


def test_filter_reduces_jitter_of_a_still_body() -> None:
    rng = random.Random(1)
    smoother = PoseSmoother()
    raw_spread: list[float] = []
    smooth_spread: list[float] = []
    for frame in range(80):
        pose = _pose(jitter=4.0, rng=rng)
        smoothed = smoother(pose, frame / 4)
        if frame > 10:
            raw_spread.append(abs(pose["nose"].x - 100.0))
            smooth_spread.append(abs(smoothed["nose"].x - 100.0))
    assert sum(smooth_spread) < 0.6 * sum(raw_spread)


def test_filter_follows_a_real_movement_within_a_few_frames() -> None:
    smoother = PoseSmoother()
    for frame in range(8):
        smoother(_pose(), frame / 4)
    moved = None
    for frame in range(8, 16):
        moved = smoother(_pose(offset_x=150.0), frame / 4)
    assert moved is not None
    assert moved["nose"].x == pytest.approx(250.0, abs=5.0)


def test_a_long_gap_restarts_the_filter() -> None:
    smoother = PoseSmoother(reset_after_gap_s=2.0)
    smoother(_pose(), 0.0)
    after_gap = smoother(_pose(offset_x=300.0), 10.0)
    assert after_gap["nose"].x == pytest.approx(400.0)


def test_smoothing_keeps_image_size_and_visibility_range() -> None:
    smoother = PoseSmoother()
    for frame in range(5):
        smoothed = smoother(_pose(jitter=2.0), frame * 0.25)
    assert (smoothed.image_width, smoothed.image_height) == (640, 480)
    assert all(0.0 <= point.visibility <= 1.0 for point in smoothed.landmarks)
    assert all(math.isfinite(point.x) and math.isfinite(point.y) for point in smoothed.landmarks)


def test_hysteresis_accepts_a_verdict_only_after_it_has_held() -> None:
    hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s=1.0)
    assert hysteresis.update({"arms": "ok"}, 0.0) == {}
    assert hysteresis.update({"arms": "ok"}, 0.5) == {}
    changed = hysteresis.update({"arms": "ok"}, 1.0)
    assert changed["arms"].value == "ok"
    assert changed["arms"].since_s == 0.0


def test_hysteresis_ignores_a_brief_flicker() -> None:
    hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s=1.0)
    for step in range(5):
        hysteresis.update({"arms": "ok"}, step * 0.25)
    for time_s, value in ((1.25, "adjust"), (1.5, "adjust"), (1.75, "ok"), (2.0, "adjust"), (2.25, "ok")):
        assert hysteresis.update({"arms": value}, time_s) == {}
    stable = hysteresis.stable("arms")
    assert stable is not None and stable.value == "ok"


def test_hysteresis_switches_when_the_new_verdict_lasts() -> None:
    hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s=1.0)
    for step in range(5):
        hysteresis.update({"arms": "ok"}, step * 0.25)
    changes = [hysteresis.update({"arms": "adjust"}, 1.25 + step * 0.25) for step in range(6)]
    switched = [change for change in changes if change]
    assert len(switched) == 1
    assert switched[0]["arms"].value == "adjust"
    assert switched[0]["arms"].since_s == 1.25


def test_settled_means_held_and_nothing_changing() -> None:
    hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s=1.0)
    hysteresis.update({"arms": "ok"}, 0.0)
    assert not hysteresis.settled  # nothing has held yet
    hysteresis.update({"arms": "ok"}, 1.0)
    assert hysteresis.settled
    hysteresis.update({"arms": "adjust"}, 1.5)
    assert not hysteresis.settled  # a change is on its way
    hysteresis.update({"arms": "ok"}, 2.0)
    assert hysteresis.settled  # it was a flicker


def test_reset_forgets_stable_verdicts() -> None:
    hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s=0.0)
    hysteresis.update({"arms": "ok"}, 0.0)
    hysteresis.reset()
    assert hysteresis.stable("arms") is None
