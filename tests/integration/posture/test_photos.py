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
    assert result.view == "side"
    for name in ("lying_on_back", "knees_bent", "feet_flat", "hips_down", "heel_distance", "head_resting"):
        assert result.criterion(name).status == "ok", name
    arms = result.criterion("arms_below_shoulders")
    assert arms.status == "adjust"
    assert "arms down" in arms.advice
    assert result.criterion("knee_width").status == "not_visible"
    assert result.summary.startswith("Constructive rest position, nearly")


def test_one_leg_straight_on_the_floor(estimator: PoseEstimator) -> None:
    result = check(estimator, "90_90_hamstring_0.jpg")
    assert not result.pose_recognized
    assert result.criterion("lying_on_back").status == "ok"
    assert result.criterion("knees_bent").status == "adjust"
    assert result.criterion("feet_flat").status == "adjust"


def test_hips_lifted_into_a_bridge(estimator: PoseEstimator) -> None:
    result = check(estimator, "butt_lift_bridge_1.jpg")
    assert not result.pose_recognized
    assert result.criterion("hips_down").status == "adjust"
    assert result.criterion("knees_bent").status == "ok"
    assert result.criterion("feet_flat").status == "ok"


def test_lying_on_the_side(estimator: PoseEstimator) -> None:
    result = check(estimator, "side_lying_floor_stretch_0.jpg")
    assert not result.pose_recognized
    assert result.criterion("lying_on_back").status == "adjust"


def test_sitting_on_the_floor(estimator: PoseEstimator) -> None:
    result = check(estimator, "upper_back_leg_grab_0.jpg")
    assert not result.pose_recognized
    verdict = result.criterion("lying_on_back")
    assert verdict.status == "adjust"
    assert verdict.advice == "lie down on your back"


def test_lying_face_down(estimator: PoseEstimator) -> None:
    result = check(estimator, "superman_0.jpg")
    assert not result.pose_recognized
    assert result.criterion("lying_on_back").status == "adjust"


def test_legs_in_the_air(estimator: PoseEstimator) -> None:
    result = check(estimator, "air_bike_0.jpg")
    assert not result.pose_recognized
    assert result.criterion("knees_bent").status == "adjust"
