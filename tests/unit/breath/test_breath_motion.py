"""The frame part: sub-pixel trunk motion with light changes explained away; body movements beyond breath."""

import numpy as np
import pytest

from crest.breath.motion import BodyWatch, TrunkReference, to_gray
from crest.breath.trunk import trunk_box
from support.breath_frames import SHOULDER, frame, room, side_pose

BOX = trunk_box(side_pose())
assert BOX is not None


def test_a_sub_pixel_rise_of_the_front_is_measured_and_in_proportion() -> None:
    background = room()
    reference = TrunkReference(frame(background, 0.0, noise=0.0), BOX)
    small = reference.shift(frame(background, 0.2, noise=0.0)).front_px
    larger = reference.shift(frame(background, 0.6, noise=0.0)).front_px
    assert small > 0.02
    assert larger == pytest.approx(3 * small, rel=0.1)  # linear in the rise
    assert reference.shift(frame(background, -0.6, noise=0.0)).front_px == pytest.approx(-larger, rel=0.15)


def test_a_change_of_light_is_not_read_as_motion() -> None:
    background = room()
    reference = TrunkReference(frame(background, 0.0, noise=0.0), BOX)
    breath = reference.shift(frame(background, 0.5, noise=0.0)).front_px
    brighter = reference.shift(frame(background, 0.0, noise=0.0, light=1.05)).front_px
    assert abs(brighter) < 0.02 * breath
    without_term = TrunkReference(frame(background, 0.0, noise=0.0), BOX, brightness_term=False)
    assert abs(without_term.shift(frame(background, 0.0, noise=0.0, light=1.05)).front_px) > 10 * abs(brighter)


def test_sensor_noise_alone_reads_as_almost_no_motion_and_its_error_is_known() -> None:
    background = room()
    rng = np.random.default_rng(0)
    reference = TrunkReference(frame(background, 0.0, rng=rng), BOX)
    shifts = [reference.shift(frame(background, 0.0, rng=rng)) for _ in range(20)]
    assert np.std([shift.front_px for shift in shifts]) < 0.01
    assert all(0 < shift.noise_px < 0.01 and shift.in_range for shift in shifts)


def test_a_large_shift_is_out_of_the_linear_range() -> None:
    background = room()
    reference = TrunkReference(frame(background, 0.0, noise=0.0), BOX)
    assert not reference.shift(frame(background, 0.0, noise=0.0, shift_px=(0.0, 6.0))).in_range


def test_a_dark_picture_is_too_dark() -> None:
    assert TrunkReference(frame(room(), 0.0, light=0.1), BOX).too_dark
    assert not TrunkReference(frame(room(), 0.0), BOX).too_dark


def watch_frames(frames: list[np.ndarray]) -> list[bool]:
    watch = BodyWatch(side_pose(), BOX)
    return [watch.moved(index * 0.125, picture) for index, picture in enumerate(frames)]


def test_breathing_and_flicker_are_not_movements() -> None:
    background = room()
    rng = np.random.default_rng(1)
    frames = [frame(background, 3.0 * abs(np.sin(k / 10)), light=1 + 0.03 * np.sin(k / 3), rng=rng) for k in range(40)]
    assert not any(watch_frames(frames))


def test_an_arm_moving_is_a_movement() -> None:
    background = room()
    rng = np.random.default_rng(2)
    # A hand beyond the shoulders (away from the chest and belly, which the breath moves) moves 15 px.
    arm = [(SHOULDER[0] + 30 + (0 if k < 20 else min(k - 20, 5) * 3), SHOULDER[1] - 50) for k in range(40)]
    frames = [frame(background, 0.0, rng=rng, blob_at=arm[k]) for k in range(40)]
    moved = watch_frames(frames)
    assert not any(moved[:20])
    assert any(moved[20:26])


def test_a_body_shift_is_a_movement() -> None:
    background = room()
    rng = np.random.default_rng(3)
    frames = [frame(background, 0.0, rng=rng, shift_px=(0.0 if k < 20 else 5.0, 0.0)) for k in range(40)]
    assert any(watch_frames(frames)[20:24])


def test_to_gray_keeps_the_size() -> None:
    assert to_gray(np.zeros((24, 32, 3), np.uint8)).shape == (24, 32)
