import json

from crest.posture.landmarks import Landmark, Pose
from crest.posture.result import (
    CRITERION_NAMES,
    CheckResult,
    CriterionResult,
    for_a_typical_height,
    has_distances_in_cm,
)
from crest.posture.vocabulary import (
    CRITERION_LABELS,
    STATUS_LABELS,
    VIEW_LABELS,
    VIEWS,
    Criterion,
    Status,
    criterion_label,
    page_labels,
    status_label,
)


def test_check_result_json_matches_the_documented_shape() -> None:
    pose = Pose(tuple(Landmark(1.0, 2.0, 0.9) for _ in range(33)), 100, 80)
    result = CheckResult(
        pose_recognized=True,
        view="side",
        criteria=(
            CriterionResult(
                Criterion.HEEL_DISTANCE,
                Status.ADJUST,
                "52 cm",
                "30-40 cm",
                "slide your heels about 15 cm closer",
                0.834,
            ),
            CriterionResult("knee_width", Status.NOT_VISIBLE, None, None, "place the camera beyond your feet", 0.0),
        ),
        summary="Constructive rest position, nearly: slide your heels about 15 cm closer.",
        landmarks=pose,
        confidence=0.8,
    )
    data = json.loads(json.dumps(result.to_json_dict()))
    assert set(data) == {"pose_recognized", "confidence", "not_sure", "view", "criteria", "summary", "landmarks"}
    assert data["not_sure"] is False  # sure enough to say without a hedge
    assert data["confidence"] == 0.8
    assert data["criteria"][0] == {
        "name": "heel_distance",
        "status": "adjust",
        "measured": "52 cm",
        "measured_line": "52 cm",
        "target": "30-40 cm",
        "advice": "slide your heels about 15 cm closer",
        "advice_line": "slide your heels about 15 cm closer",
        "confidence": 0.83,
    }
    assert data["criteria"][1]["advice_line"] == "can't tell from here: place the camera beyond your feet"
    assert len(data["landmarks"]) == 33
    assert result.criterion("knee_width").status == "not_visible"
    assert result.criterion("heel_distance").sure
    assert not result.criterion("knee_width").sure


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


def test_every_name_has_its_label_once() -> None:
    assert set(CRITERION_LABELS) == set(Criterion)
    assert set(STATUS_LABELS) == set(Status)
    assert set(VIEW_LABELS) == set(VIEWS)
    assert criterion_label("knees_bent") == "Knees bent up"
    assert status_label("not_visible") == "Can't tell"
    assert criterion_label("position") == "position"  # not a criterion: shown as it is


def test_the_page_config_carries_every_label_as_plain_json() -> None:
    labels = json.loads(json.dumps(page_labels()))
    assert labels["criterion_labels"]["head_resting"] == "Head resting"
    assert labels["status_labels"] == {"ok": "OK", "adjust": "Adjust", "not_visible": "Can't tell"}
    assert labels["view_labels"]["feet_end"] == "from the feet end"


def test_the_position_reads_as_a_status_and_cant_tell_is_not_not_yet() -> None:
    seen_ok = CriterionResult("lying_on_back", "ok", "trunk 3 deg", "at most 45 deg")
    unseen = CriterionResult("knees_bent", "not_visible", None, "bent", "place the camera at your side")
    bent_wrong = CriterionResult("knees_bent", "adjust", "knees 170 deg", "bent", "bend your knees")
    assert CheckResult(True, "side", (seen_ok, unseen), "in it").position_status == Status.OK
    assert CheckResult(False, "side", (seen_ok, bent_wrong, unseen), "not yet").position_status == Status.ADJUST
    assert CheckResult(False, "above", (seen_ok, unseen), "can't tell").position_status == Status.NOT_VISIBLE


def test_a_criterion_that_cannot_tell_words_its_measure_as_too_near_the_limit() -> None:
    """ "Head level  can't tell  chin tipped back 23 deg" read as a measure judged, beside "can't tell"."""
    unsure = CriterionResult("head_level", Status.NOT_VISIBLE, "chin tipped back 23 deg", None, "put a towel", 0.0)
    assert unsure.measured_line == "chin tipped back 23 deg: too near the limit to tell from this angle"
    assert unsure.to_json_dict()["measured_line"] == unsure.measured_line
    judged = CriterionResult("head_level", Status.ADJUST, "chin tipped back 30 deg", "head level", "put a towel")
    assert judged.measured_line == "chin tipped back 30 deg"
    unseen = CriterionResult("head_level", Status.NOT_VISIBLE, None, None, "place the camera to the side", 0.0)
    assert unseen.measured_line is None


def test_without_a_height_distances_in_cm_are_said_as_about_so_many() -> None:
    measured = (
        CriterionResult("heel_distance", Status.OK, "heels 40 cm from the hip joint", "25-52 cm from the hip joint"),
        CriterionResult("head_resting", Status.OK, "head raised 0 cm", "resting"),
        CriterionResult("knees_bent", Status.OK, "knees 60 deg / 62 deg", "bent"),
    )
    result = CheckResult(True, "side", measured, "In position.")
    typical = for_a_typical_height(result)
    assert [criterion.measured for criterion in typical.criteria] == [
        "heels about 40 cm from the hip joint",
        "head raised 0 cm",  # 0 at any height
        "knees 60 deg / 62 deg",
    ]
    assert typical.criteria[0].target == "25-52 cm from the hip joint"
    assert has_distances_in_cm(result)
    assert not has_distances_in_cm(CheckResult(True, "side", measured[1:], "In position."))
