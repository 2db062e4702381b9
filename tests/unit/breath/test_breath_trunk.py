"""The box over the front of the trunk, from the pose; whether the trunk and its front can be seen."""

import pytest

from crest.breath.trunk import shows_the_front, trunk_box, trunk_seen
from crest.posture.landmarks import Landmark, Pose
from support.breath_frames import above_pose, side_pose


def test_the_box_runs_from_shoulders_to_hips_and_faces_where_the_face_looks() -> None:
    box = trunk_box(side_pose())
    assert box is not None
    assert box.length_px == pytest.approx(100.0)
    assert (box.along_x, box.along_y) == pytest.approx((-1.0, 0.0))  # shoulders at x 220, hips at x 120
    assert (box.front_x, box.front_y) == pytest.approx((0.0, -1.0))  # the face looks up


def test_the_front_follows_the_face_when_the_picture_is_upside_down() -> None:
    pose = side_pose()
    flipped = Pose(
        tuple(Landmark(point.x, pose.image_height - point.y, point.visibility) for _, point in pose),
        pose.image_width,
        pose.image_height,
    )
    box = trunk_box(flipped)
    assert box is not None
    assert (box.front_x, box.front_y) == pytest.approx((0.0, 1.0))


def test_without_a_seen_trunk_there_is_no_box() -> None:
    pose = side_pose(visibility=0.2)
    assert not trunk_seen(pose)
    assert trunk_box(pose) is None


def test_a_side_view_shows_the_front_and_a_view_from_above_does_not() -> None:
    assert shows_the_front(side_pose())
    assert not shows_the_front(above_pose())


def test_the_box_knows_whether_it_lies_in_the_picture() -> None:
    box = trunk_box(side_pose())
    assert box is not None
    assert box.inside(320, 240)
    assert not box.inside(200, 240)
