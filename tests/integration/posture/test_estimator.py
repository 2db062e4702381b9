"""The MediaPipe adapter on real public-domain photos: landmarks in the photo's pixels, turned copies
mapped back, tracking over frames, and nobody found in an empty picture."""

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from crest.posture.estimator import PoseEstimator, rotate_quarter_turns
from crest.posture.landmarks import Pose
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


class _ModelCalls:
    """Writes down the quarter turns of each model call; `nobody_as_taken` hides the body from the picture as taken."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, nobody_as_taken: bool = False) -> None:
        self.turns: list[int] = []
        run = PoseEstimator._run

        def counted(model: object, image_rgb: np.ndarray, quarter_turns: int) -> Pose | None:
            self.turns.append(quarter_turns)
            return None if nobody_as_taken and quarter_turns == 0 else run(model, image_rgb, quarter_turns)

        monkeypatch.setattr(PoseEstimator, "_run", staticmethod(counted))


def test_a_stream_finds_its_body_in_one_model_call_where_the_picture_shows_it_as_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A photo-mode look first, then the tracking graph on the same frame, made two calls at every cut of a stream.
    calls = _ModelCalls(monkeypatch)
    image = read_photo(IN_POSITION)
    with PoseEstimator() as estimator:
        first = estimator.track(image)
        seen = estimator.detect(image)
    assert calls.turns == [0, 0]  # the track, then the photo check beside it
    assert first is not None and seen is not None and first.landmarks == seen.landmarks


def test_a_stream_whose_body_shows_only_turned_is_tracked_turned(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _ModelCalls(monkeypatch, nobody_as_taken=True)
    image = read_photo(IN_POSITION)
    with PoseEstimator() as estimator:
        poses = [estimator.track(image) for _ in range(2)]
    # As taken (nobody), both sideways turns in photo mode, then the most plausible one tracked from there on.
    assert calls.turns[:3] == [0, 1, 3] and calls.turns[3] in (1, 3) and calls.turns[4] == calls.turns[3]
    assert all(pose is not None and pose.image_width == image.shape[1] for pose in poses)


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


def test_after_a_cut_the_body_is_found_as_a_new_stream_finds_it_without_starting_the_model_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Starting MediaPipe's graph again cost four times as much as a black frame that makes it lose the old body,
    # at every cut; the landmarks after the cut are the same either way.
    from mediapipe.python.solution_base import SolutionBase

    before, after = read_photo(PHOTOS / "crunch_hands_overhead_0.jpg"), read_photo(PHOTOS / "cross_body_crunch_0.jpg")
    with PoseEstimator() as fresh:
        expected = [fresh.track(after) for _ in range(3)]
    restarts: list[object] = []
    restart = SolutionBase.reset
    monkeypatch.setattr(SolutionBase, "reset", lambda model: restarts.append(model) or restart(model))
    with PoseEstimator() as estimator:
        for _ in range(3):
            estimator.track(before)
        tracked = [estimator.track(after) for _ in range(3)]
        assert estimator.picture_jumped is False  # the frames after the cut are one picture again
    assert restarts == []
    assert [pose.landmarks if pose else None for pose in tracked] == [
        pose.landmarks if pose else None for pose in expected
    ]
