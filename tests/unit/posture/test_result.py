from crest.posture.landmarks import Landmark, Pose
from crest.posture.result import CRITERION_NAMES, CheckResult, CriterionResult


def test_check_result_json_matches_the_documented_shape() -> None:
    pose = Pose(tuple(Landmark(1.0, 2.0, 0.9) for _ in range(33)), 100, 80)
    result = CheckResult(
        pose_recognized=True,
        view="side",
        criteria=(
            CriterionResult(
                "heel_distance", "adjust", "52 cm", "30-40 cm", "slide your heels about 15 cm closer"
            ),
            CriterionResult("knee_width", "not_visible", None, None, "place the camera beyond your feet"),
        ),
        summary="Constructive rest position, nearly: slide your heels about 15 cm closer.",
        landmarks=pose,
    )
    data = result.to_json_dict()
    assert set(data) == {"pose_recognized", "view", "criteria", "summary", "landmarks"}
    assert data["criteria"][0] == {
        "name": "heel_distance",
        "status": "adjust",
        "measured": "52 cm",
        "target": "30-40 cm",
        "advice": "slide your heels about 15 cm closer",
    }
    assert len(data["landmarks"]) == 33
    assert result.criterion("knee_width").status == "not_visible"


def test_a_result_without_a_body_has_null_landmarks() -> None:
    result = CheckResult(False, "unknown", (), "Nobody found.", None)
    assert result.to_json_dict()["landmarks"] is None


def test_the_criterion_names_are_the_fixed_ten() -> None:
    assert set(CRITERION_NAMES) == {
        "lying_on_back",
        "knees_bent",
        "feet_flat",
        "hips_down",
        "heel_distance",
        "arms_below_shoulders",
        "head_resting",
        "head_level",
        "knee_width",
        "whole_body_visible",
    }
