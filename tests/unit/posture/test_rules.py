"""Every criterion on synthetic bodies: the textbook position, each way out of it, and each camera view."""

from dataclasses import replace

import pytest
from posture_figures import Figure, photograph

from crest.posture.landmarks import Pose
from crest.posture.result import CRITERION_NAMES, CheckResult
from crest.posture.rules import evaluate

SIDE_ON = ("side", "oblique")


def statuses(result: CheckResult) -> dict[str, str]:
    return {criterion.name: criterion.status for criterion in result.criteria}


@pytest.mark.parametrize("view", SIDE_ON)
def test_the_textbook_position_passes_every_criterion_a_side_view_can_see(view: str) -> None:
    result = evaluate(photograph(Figure(), view))
    assert result.pose_recognized
    assert result.view == view
    assert [c.name for c in result.criteria] == list(CRITERION_NAMES)
    assert {name: status for name, status in statuses(result).items() if status != "ok"} == {
        "knee_width": "not_visible"
    }
    assert result.summary.startswith("You are in the constructive rest position")
    assert result.landmarks is not None


@pytest.mark.parametrize(
    ("figure", "criterion", "advice"),
    [
        (Figure(legs="straight"), "knees_bent", "bend your knees"),
        (Figure(legs="one_straight"), "knees_bent", "bend your"),
        (Figure(legs="air"), "knees_bent", "lower your feet"),
        (Figure(legs="chest"), "knees_bent", "lower your feet"),
        (Figure(legs="straight"), "feet_flat", "soles"),
        (Figure(legs="air"), "feet_flat", "rest both feet on the floor"),
        (Figure(hips_lift_cm=25), "hips_down", "lower your hips"),
        (Figure(heel_from_hip_cm=62), "heel_distance", "closer"),
        (Figure(heel_from_hip_cm=22), "heel_distance", "away"),
        (Figure(arms="overhead"), "arms_below_shoulders", "bring your arms down"),
        (Figure(arms="raised"), "arms_below_shoulders", "lower your hands"),
        (Figure(head="crunch"), "head_resting", "let your head rest"),
        (Figure(head="tipped_back"), "head_level", "folded towel under the back of your head"),
        (Figure(body="prone"), "lying_on_back", "roll over onto your back"),
        (Figure(body="sitting"), "lying_on_back", "lie down on your back"),
    ],
)
@pytest.mark.parametrize("view", SIDE_ON)
def test_each_way_out_of_the_position_is_named_with_one_instruction(
    figure: Figure, criterion: str, advice: str, view: str
) -> None:
    verdict = evaluate(photograph(figure, view)).criterion(criterion)
    assert verdict.status == "adjust"
    assert advice in verdict.advice
    assert verdict.measured and verdict.target


@pytest.mark.parametrize(
    ("figure", "recognized"),
    [
        (Figure(arms="overhead"), True),
        (Figure(head="tipped_back"), True),
        (Figure(heel_from_hip_cm=62), True),
        (Figure(legs="straight"), False),
        (Figure(hips_lift_cm=25), False),
        (Figure(head="crunch"), False),
        (Figure(body="prone"), False),
    ],
)
def test_arms_head_tilt_and_heels_are_adjustments_within_the_position(
    figure: Figure, recognized: bool
) -> None:
    result = evaluate(photograph(figure, "side"))
    assert result.pose_recognized is recognized
    expected_start = "Constructive rest position, nearly" if recognized else "Not quite"
    assert result.summary.startswith(expected_start)


def test_one_straight_leg_is_named_when_both_legs_are_seen() -> None:
    pose = photograph(Figure(legs="one_straight"), "above")
    verdict = evaluate(pose).criterion("knees_bent")
    assert verdict.status == "adjust"
    assert verdict.advice == "bend your right knee too and stand that foot on the floor"


def test_heel_distance_in_centimetres_scales_with_the_given_height() -> None:
    pose = photograph(Figure(heel_from_hip_cm=62), "side")
    typical = evaluate(pose).criterion("heel_distance")
    tall = evaluate(pose, height_cm=200).criterion("heel_distance")
    # 62 cm from a 42 cm thigh is 1.48 thigh lengths: 62 cm at the typical 170 cm, 73 cm at 200 cm.
    assert typical.measured == "62 cm"
    assert tall.measured == "73 cm"
    assert typical.target == "about 30-40 cm"
    assert typical.advice == "slide your heels about 25 cm closer"
    assert tall.advice == "slide your heels about 40 cm closer"


def test_heels_in_range_are_ok_and_measured() -> None:
    verdict = evaluate(photograph(Figure(heel_from_hip_cm=35), "side")).criterion("heel_distance")
    assert verdict.status == "ok"
    assert verdict.measured == "36 cm"


@pytest.mark.parametrize("view", ["feet_end", "head_end", "above"])
@pytest.mark.parametrize(("gap_cm", "status"), [(10.0, "ok"), (1.0, "adjust"), (30.0, "adjust")])
def test_knee_width_is_judged_from_the_ends_and_from_above(view: str, gap_cm: float, status: str) -> None:
    verdict = evaluate(photograph(Figure(knee_half_gap_cm=gap_cm), view)).criterion("knee_width")
    assert verdict.status == status


@pytest.mark.parametrize("view", SIDE_ON)
def test_knee_width_from_the_side_says_where_to_put_the_camera(view: str) -> None:
    verdict = evaluate(photograph(Figure(), view)).criterion("knee_width")
    assert verdict.status == "not_visible"
    assert "beyond your feet" in verdict.advice


@pytest.mark.parametrize("view", ["feet_end", "head_end", "above"])
def test_from_the_ends_and_above_the_side_only_criteria_ask_for_a_side_camera(view: str) -> None:
    result = evaluate(photograph(Figure(), view))
    by_name = statuses(result)
    assert by_name["lying_on_back"] == "ok"
    assert by_name["knees_bent"] == "ok"
    for name in ("feet_flat", "hips_down", "heel_distance", "head_resting", "head_level"):
        assert by_name[name] == "not_visible"
        assert "at your side" in result.criterion(name).advice
    assert not result.pose_recognized
    assert result.summary.startswith("This picture cannot show the whole position")


@pytest.mark.parametrize("view", ["feet_end", "head_end", "above"])
def test_straight_legs_show_from_every_view(view: str) -> None:
    assert evaluate(photograph(Figure(legs="straight"), view)).criterion("knees_bent").status == "adjust"


@pytest.mark.parametrize("view", ["feet_end", "head_end"])
def test_feet_in_the_air_show_from_the_ends(view: str) -> None:
    assert evaluate(photograph(Figure(legs="air"), view)).criterion("knees_bent").status == "adjust"


def test_someone_sitting_up_facing_the_camera_is_told_to_lie_down() -> None:
    verdict = evaluate(photograph(Figure(body="sitting"), "feet_end")).criterion("lying_on_back")
    assert verdict.status == "adjust"
    assert verdict.advice == "lie down on your back"


def test_arms_opened_to_shoulder_height_show_from_above() -> None:
    verdict = evaluate(photograph(Figure(arms="overhead"), "above")).criterion("arms_below_shoulders")
    assert verdict.status == "adjust"


def test_feet_cut_off_by_the_picture_edge_are_named() -> None:
    pose = photograph(Figure(), "side", size=(480, 800))
    verdict = evaluate(pose).criterion("whole_body_visible")
    assert verdict.status == "adjust"
    assert verdict.measured == "feet cut off"
    assert "head to feet" in verdict.advice


def test_a_view_can_be_forced() -> None:
    result = evaluate(photograph(Figure(), "side"), view="feet_end")
    assert result.view == "feet_end"
    with pytest.raises(ValueError, match="unknown view"):
        evaluate(photograph(Figure(), "side"), view="ceiling")


def test_legs_the_model_cannot_see_are_not_judged() -> None:
    pose = photograph(Figure(), "side")
    hidden = Pose(
        tuple(
            replace(point, visibility=0.05)
            if any(part in name for part in ("knee", "ankle", "heel", "foot"))
            else point
            for name, point in pose
        ),
        pose.image_width,
        pose.image_height,
    )
    result = evaluate(hidden)
    for name in ("knees_bent", "feet_flat", "heel_distance"):
        assert result.criterion(name).status == "not_visible"
    assert not result.pose_recognized


def test_an_unknown_view_cannot_judge_the_position() -> None:
    result = evaluate(photograph(Figure(), "side", origin=(-400.0, 420.0)))
    assert result.view == "unknown"
    assert result.criterion("lying_on_back").status == "not_visible"
    assert not result.pose_recognized
