import pytest

from crest.posture.landmarks import LANDMARK_INDEX, LANDMARK_NAMES, Landmark, Pose


def _pose() -> Pose:
    return Pose(tuple(Landmark(float(i), float(2 * i), 0.5) for i in range(33)), 640, 480)


def test_blazepose_has_33_named_landmarks_in_model_order() -> None:
    assert len(LANDMARK_NAMES) == 33
    assert LANDMARK_INDEX["nose"] == 0
    assert LANDMARK_INDEX["left_heel"] == 29
    assert LANDMARK_INDEX["right_foot_index"] == 32


def test_landmarks_are_read_by_name() -> None:
    pose = _pose()
    assert pose["left_shoulder"] == Landmark(11.0, 22.0, 0.5)
    assert pose.mean_visibility == pytest.approx(0.5)


def test_a_pose_needs_all_33_landmarks_and_a_real_image_size() -> None:
    with pytest.raises(ValueError, match="33"):
        Pose((Landmark(0, 0),), 10, 10)
    with pytest.raises(ValueError, match="size"):
        Pose(_pose().landmarks, 0, 10)
    with pytest.raises(ValueError, match="missing landmarks: nose"):
        Pose.from_mapping({name: Landmark(0, 0) for name in LANDMARK_NAMES[1:]}, 10, 10)


def test_json_list_round_trips() -> None:
    pose = _pose()
    items = pose.to_json_list()
    assert items[0] == {"name": "nose", "x": 0.0, "y": 0.0, "visibility": 0.5}
    assert Pose.from_json_list(items, 640, 480) == pose


def test_distance_between_landmarks() -> None:
    assert Landmark(0, 0).distance_to(Landmark(3, 4)) == 5
