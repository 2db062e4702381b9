"""Verdicts on real public-domain photos (tests/fixtures/photos) where the eval-public labels support them."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from crest.posture.estimator import PoseEstimator
from crest.posture.media import read_photo
from crest.posture.result import CheckResult
from crest.posture.rules import evaluate

PHOTOS = Path(__file__).parents[2] / "fixtures" / "photos"


@pytest.fixture(scope="module")
def estimator() -> Iterator[PoseEstimator]:
    with PoseEstimator() as shared:
        yield shared


def check(estimator: PoseEstimator, name: str) -> CheckResult:
    pose = estimator.detect(read_photo(PHOTOS / name))
    assert pose is not None
    return evaluate(pose)


def test_lying_with_knees_bent_and_hands_behind_the_head(estimator: PoseEstimator) -> None:
    result = check(estimator, "one_knee_to_chest_0.jpg")
    assert result.pose_recognized
    # Labelled a side view; the camera is turned a little (shoulders about 0.3 trunk lengths wide).
    assert result.view in ("side", "oblique")
    for name in ("lying_on_back", "knees_bent", "feet_flat", "hips_down", "heel_distance", "head_resting"):
        assert result.criterion(name).status == "ok", name
    arms = result.criterion("arms_below_shoulders")
    assert arms.status == "adjust"
    assert "arms down" in arms.advice
    assert result.criterion("knee_width").status == "not_visible"
    assert result.summary.startswith("Constructive rest position, nearly")


@pytest.mark.parametrize(
    ("photo", "expected"),
    [
        ("90_90_hamstring_0.jpg", {"lying_on_back": "ok", "knees_bent": "adjust", "feet_flat": "adjust"}),
        ("butt_lift_bridge_1.jpg", {"hips_down": "adjust", "knees_bent": "ok", "feet_flat": "ok"}),
        ("side_lying_floor_stretch_0.jpg", {"lying_on_back": "adjust"}),
        ("upper_back_leg_grab_0.jpg", {"lying_on_back": "adjust"}),
        ("superman_0.jpg", {"lying_on_back": "adjust"}),
        ("air_bike_0.jpg", {"knees_bent": "adjust"}),
    ],
    ids=["one leg straight", "bridge", "side-lying", "sitting", "face down", "legs in the air"],
)
def test_other_positions_are_not_recognised_and_say_why(
    estimator: PoseEstimator, photo: str, expected: dict[str, str]
) -> None:
    result = check(estimator, photo)
    assert not result.pose_recognized
    assert {name: result.criterion(name).status for name in expected} == expected
    assert result.summary.startswith("Not quite the constructive rest position yet")


def test_sitting_is_told_to_lie_down(estimator: PoseEstimator) -> None:
    assert (
        check(estimator, "upper_back_leg_grab_0.jpg").criterion("lying_on_back").advice
        == "lie down on your back"
    )
