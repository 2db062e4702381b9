"""Telling a jump of the whole picture (a cut, the camera moved) from a person moving in a still picture."""

import numpy as np

from crest.posture.scenes import jumped, thumbnail


def _room(seed: int) -> np.ndarray:
    """A 640x360 picture of broad patches, as a room is, different for each seed."""
    rng = np.random.default_rng(seed)
    patches = rng.integers(0, 256, size=(6, 8, 3), dtype=np.uint8)
    return np.ascontiguousarray(np.repeat(np.repeat(patches, 60, axis=0), 80, axis=1))


def _noisy(picture: np.ndarray, seed: int) -> np.ndarray:
    noise = np.random.default_rng(seed).integers(-4, 5, size=picture.shape)
    return np.clip(picture.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def test_the_same_picture_with_sensor_noise_has_not_jumped() -> None:
    room = _room(1)
    assert not jumped(thumbnail(_noisy(room, 2)), thumbnail(_noisy(room, 3)))


def test_an_arm_moving_in_a_still_picture_has_not_jumped() -> None:
    room = _room(1)
    moved = room.copy()
    moved[100:140, 200:330] = 255 - moved[100:140, 200:330]  # a forearm's worth of the picture changes wholly
    assert not jumped(thumbnail(room), thumbnail(moved))


def test_a_cut_to_another_picture_has_jumped() -> None:
    assert jumped(thumbnail(_room(1)), thumbnail(_room(2)))


def test_the_camera_moved_has_jumped() -> None:
    room = _room(1)
    assert jumped(thumbnail(room), thumbnail(np.roll(room, 120, axis=1)))


def test_the_first_frame_of_a_stream_has_not_jumped() -> None:
    assert not jumped(None, thumbnail(_room(1)))


def test_a_tiny_picture_is_one_cell() -> None:
    assert thumbnail(np.full((20, 30, 3), 7, dtype=np.uint8)).shape == (1, 1)
