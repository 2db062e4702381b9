"""The MediaPipe adapter on real public-domain photos: landmarks in the photo's pixels, turned copies
mapped back, tracking over frames, and nobody found in an empty picture."""

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from crest.posture.estimator import PoseEstimator, rotate_quarter_turns
from crest.posture.media import read_photo

PHOTOS = Path(__file__).parents[2] / "fixtures" / "photos"
IN_POSITION = PHOTOS / "one_knee_to_chest_0.jpg"


@pytest.fixture(scope="module")
def estimator() -> Iterator[PoseEstimator]:
    with PoseEstimator() as shared:
        yield shared


def test_a_photo_gives_33_landmarks_in_its_own_pixels(estimator: PoseEstimator) -> None:
    image = read_photo(IN_POSITION)
    pose = estimator.detect(image)
    assert pose is not None
    assert (pose.image_width, pose.image_height) == (image.shape[1], image.shape[0])
    assert len(pose.landmarks) == 33
    # Lying across a landscape photo: the trunk runs left-right and sits inside the picture.
    assert abs(pose["left_hip"].x - pose["left_shoulder"].x) > abs(pose["left_hip"].y - pose["left_shoulder"].y)
    for name in ("nose", "left_hip", "right_hip", "left_knee", "right_knee"):
        assert 0 <= pose[name].x <= pose.image_width
        assert 0 <= pose[name].y <= pose.image_height
        assert pose[name].visibility > 0.5


@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_a_turned_copy_maps_back_onto_the_same_body(estimator: PoseEstimator, quarter_turns: int) -> None:
    image = read_photo(IN_POSITION)
    upright = estimator.detect_turned(image, 0)
    turned = estimator.detect_turned(image, quarter_turns)
    assert upright is not None and turned is not None
    trunk = upright["left_shoulder"].distance_to(upright["left_hip"])
    for name in ("nose", "left_shoulder", "right_hip", "left_knee", "right_knee"):
        assert turned[name].distance_to(upright[name]) < 0.25 * trunk, name


def test_a_photo_turned_on_its_side_still_finds_the_body(estimator: PoseEstimator) -> None:
    image = read_photo(IN_POSITION)
    upright = estimator.detect(image)
    sideways = estimator.detect(rotate_quarter_turns(image, 1))
    assert upright is not None and sideways is not None
    # The hips of the turned photo sit where turning the upright hips would put them.
    height = image.shape[0]
    hip = upright["left_hip"]
    trunk = upright["left_shoulder"].distance_to(hip)
    assert sideways["left_hip"].distance_to(type(hip)(hip.y, image.shape[1] - hip.x)) < 0.3 * trunk
    assert sideways.image_width == height


def test_nobody_in_an_empty_picture(estimator: PoseEstimator) -> None:
    empty = np.full((480, 640, 3), 128, dtype=np.uint8)
    assert estimator.detect(empty) is None


def test_tracking_follows_a_body_over_frames_and_can_start_again() -> None:
    image = read_photo(IN_POSITION)
    with PoseEstimator() as estimator:
        poses = [estimator.track(image) for _ in range(4)]
        assert all(pose is not None for pose in poses)
        first, last = poses[0], poses[-1]
        assert first is not None and last is not None
        trunk = first["left_shoulder"].distance_to(first["left_hip"])
        assert last["left_hip"].distance_to(first["left_hip"]) < 0.1 * trunk
        estimator.reset_tracking()
        assert estimator.track(np.full_like(image, 128)) is None
        assert estimator.track(image) is not None


def test_after_a_cut_tracking_finds_the_new_body_not_the_old_one_s_place() -> None:
    """Two photos in position back to back (arms overhead, then arms on the chest): the tracker went on fitting the
    first body's place to the second picture and found someone face down, or no one."""
    size = (640, 360)
    before = cv2.resize(read_photo(PHOTOS / "crunch_hands_overhead_0.jpg"), size, interpolation=cv2.INTER_AREA)
    after = cv2.resize(read_photo(PHOTOS / "cross_body_crunch_0.jpg"), size, interpolation=cv2.INTER_AREA)
    with PoseEstimator() as estimator:
        seen = estimator.detect(after)
        for _ in range(3):
            estimator.track(before)
        tracked = estimator.track(after)
    assert seen is not None and tracked is not None
    trunk = seen["left_shoulder"].distance_to(seen["left_hip"])
    for name in ("nose", "left_shoulder", "left_hip", "left_knee", "left_ankle", "left_wrist", "right_wrist"):
        assert tracked[name].distance_to(seen[name]) < 0.15 * trunk, name
