import pytest

from crest.posture.landmarks import Landmark, Pose
from crest.posture.views import detect_view
from support.figures import Figure, photograph
from support.too_close_legs import LEGS_READ_AS_A_BODY, LEGS_READ_AS_A_BODY_FACE_DOWN


@pytest.mark.parametrize("view", ["side", "oblique", "above", "feet_end", "head_end"])
@pytest.mark.parametrize("mirror", [False, True])
def test_each_camera_placement_is_recognised(view: str, mirror: bool) -> None:
    assert detect_view(photograph(Figure(), view, mirror=mirror)) == view


@pytest.mark.parametrize("elevation_deg", [10.0, 25.0, 40.0])
def test_a_camera_beyond_the_feet_is_an_end_view_from_low_or_high(elevation_deg: float) -> None:
    pose = photograph(Figure(), "feet_end", end_elevation_deg=elevation_deg)
    assert detect_view(pose) == "feet_end"


def test_a_sitting_person_seen_from_the_side_is_a_side_view() -> None:
    assert detect_view(photograph(Figure(body="sitting"), "side")) == "side"


def test_a_trunk_outside_the_picture_gives_an_unknown_view() -> None:
    pose = photograph(Figure(), "side", origin=(-400.0, 420.0))
    assert detect_view(pose) == "unknown"


def test_a_body_shrunk_to_a_dot_gives_an_unknown_view() -> None:
    pose = Pose(tuple(Landmark(50.0, 50.0) for _ in range(33)), 1000, 800)
    assert detect_view(pose) == "unknown"


@pytest.mark.parametrize("elevation_deg", [55.0, 65.0, 75.0])
def test_a_camera_high_beyond_the_head_is_a_head_end_view(elevation_deg: float) -> None:
    # Past 50 degrees the trunk is no longer seen end-on, but the shoulders below the hips still say where the
    # camera is: nobody sitting or standing shows them that way.
    assert detect_view(photograph(Figure(), "head_end", end_elevation_deg=elevation_deg)) == "head_end"
    assert detect_view(photograph(Figure(), "feet_end", end_elevation_deg=elevation_deg)) != "head_end"


def test_feet_the_model_places_in_the_picture_but_does_not_see_give_an_unknown_view() -> None:
    faint = {f"{side}_{part}": 0.15 for side in ("left", "right") for part in ("ankle", "heel", "foot_index")}
    assert detect_view(photograph(Figure(), "side", visibility=faint)) == "unknown"
    assert detect_view(photograph(Figure(), "head_end", visibility=faint)) == "head_end"  # the body hides them there


@pytest.mark.parametrize("legs", [LEGS_READ_AS_A_BODY, LEGS_READ_AS_A_BODY_FACE_DOWN])
def test_a_trunk_made_up_at_the_edge_of_a_picture_of_the_legs_gives_an_unknown_view(legs: Pose) -> None:
    assert detect_view(legs) == "unknown"
