"""Frames in, breath out: the tracker on drawn frames with uneven capture times."""

import numpy as np
import pytest

from crest.breath.tracker import BreathTracker
from support.breath_frames import SHOULDER, above_pose, breathing_rise, frame, room, side_pose


def capture_times(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    times = np.arange(0, seconds, 0.125) + rng.normal(0, 0.02, int(seconds * 8))
    return np.sort(times[(rng.random(times.size) > 0.05) & (times >= 0)])


def test_a_breathing_person_gives_the_rate() -> None:
    background, rng = room(), np.random.default_rng(0)
    tracker = BreathTracker()
    for time_s in capture_times(61, seed=1):
        tracker.add_frame(float(time_s), frame(background, breathing_rise(time_s, 11.0, 2.0), rng=rng), side_pose())
    result = tracker.result()
    assert [w.rate_bpm == pytest.approx(11.0, abs=0.5) for w in result.windows] == [True, True]
    assert tracker.state == "reading"
    assert result.movements == ()


def test_a_still_picture_gives_no_reading() -> None:
    background, rng = room(), np.random.default_rng(1)
    tracker = BreathTracker()
    for time_s in capture_times(31, seed=2):
        tracker.add_frame(float(time_s), frame(background, 0.0, rng=rng), side_pose())
    (window,) = tracker.result().windows
    assert (window.rate_bpm, window.reason) == (None, "weak_motion")


@pytest.mark.parametrize(
    ("light", "pose", "reason"),
    [
        (1.0, None, "trunk_not_visible"),
        (1.0, above_pose(), "camera_not_at_side"),
        (0.08, side_pose(), "too_dark"),
        # walk_breath M5: in a room too dark for the pose model to find anybody, the reason was "your chest and
        # belly were not in view", which sends a person to move the camera rather than turn on a light.
        (0.08, None, "too_dark"),
    ],
)
def test_what_keeps_the_breath_from_view_is_the_reason(light: float, pose: object, reason: str) -> None:
    background, rng = room(), np.random.default_rng(2)
    tracker = BreathTracker()
    for time_s in capture_times(31, seed=3):
        picture = frame(background, breathing_rise(time_s, 12.0, 2.0), light=light, rng=rng)
        tracker.add_frame(float(time_s), picture, pose)  # type: ignore[arg-type]
    assert tracker.state == reason
    (window,) = tracker.result().windows
    assert (window.rate_bpm, window.reason) == (None, reason)


def test_a_movement_is_an_event_and_the_breath_is_read_around_it() -> None:
    background, rng = room(), np.random.default_rng(3)
    tracker = BreathTracker()
    for time_s in capture_times(61, seed=4):
        # At 40 s the body shifts by 5 px and a hand beyond the shoulders moves by 15 px.
        hand = (SHOULDER[0] + 30 + (15 if time_s >= 40 else 0), SHOULDER[1] - 50)
        shift = (5.0, 0.0) if time_s >= 40 else (0.0, 0.0)
        picture = frame(background, breathing_rise(time_s, 12.0, 2.0), rng=rng, blob_at=hand, shift_px=shift)
        tracker.add_frame(float(time_s), picture, side_pose(shift))
    result = tracker.result()
    assert [round(m.at_s) for m in result.movements] == [40]
    assert result.windows[1].rate_bpm == pytest.approx(12.0, abs=0.6)


def test_frames_out_of_order_are_left_out() -> None:
    background = room()
    tracker = BreathTracker()
    tracker.add_frame(1.0, frame(background, 0.0), side_pose())
    tracker.add_frame(0.5, frame(background, 0.0), None)
    assert tracker.state == "reading"


def test_a_pose_missing_for_a_moment_is_bridged_and_a_lasting_absence_is_not() -> None:
    background, rng = room(), np.random.default_rng(4)
    tracker = BreathTracker()
    states = {}
    for time_s in capture_times(40, seed=5):
        missing = 12 <= time_s < 13 or time_s >= 33  # the pose model misses a second, then loses the body
        picture = frame(background, breathing_rise(time_s, 12.0, 2.0), rng=rng)
        tracker.add_frame(float(time_s), picture, None if missing else side_pose())
        states[round(float(time_s))] = tracker.state
    assert states[12] == "reading"
    assert states[39] == "trunk_not_visible"
    assert tracker.result().windows[0].rate_bpm == pytest.approx(12.0, abs=0.5)


def segments_of(tracker: BreathTracker) -> list[int]:
    """The references the measured frames were taken against, in order (a new one reframes the trunk)."""
    analysis = tracker._analysis
    measured = [segment for segment, front in zip(analysis._segments, analysis._fronts, strict=True) if front == front]
    return sorted(set(measured))


def test_a_jumpy_pose_does_not_move_the_trunk_box_and_a_lasting_change_does() -> None:
    background, rng = room(), np.random.default_rng(6)
    jumpy, lasting = BreathTracker(), BreathTracker()
    for time_s in capture_times(20, seed=7):
        picture = frame(background, breathing_rise(time_s, 12.0, 2.0), rng=rng)
        off = side_pose((0.0, -25.0))  # the trunk 25 px off where it lies: a pose model's bad guess
        jumpy.add_frame(float(time_s), picture, off if 8 <= time_s < 8.5 else side_pose())
        lasting.add_frame(float(time_s), picture, off if time_s >= 8 else side_pose())
    assert len(segments_of(jumpy)) == 1
    assert len(segments_of(lasting)) == 2
