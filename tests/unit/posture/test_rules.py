"""Every criterion on synthetic bodies: the textbook position, each way out of it, each camera view, the
positions near it that must be told apart, and how sure each verdict is."""

from dataclasses import replace

import pytest

from crest.posture.landmarks import Pose
from crest.posture.result import CRITERION_NAMES, SURE, CheckResult
from crest.posture.rules import evaluate
from crest.posture.rules.verdicts import ON_BACK_FIRST
from support.figures import Figure, photograph

SIDE_ON = ("side", "oblique")


def statuses(result: CheckResult) -> dict[str, str]:
    return {criterion.name: criterion.status for criterion in result.criteria}


def with_visibility(pose: Pose, parts: tuple[str, ...], visibility: float) -> Pose:
    return Pose(
        tuple(
            replace(point, visibility=visibility) if any(part in name for part in parts) else point
            for name, point in pose
        ),
        pose.image_width,
        pose.image_height,
    )


@pytest.mark.parametrize("view", SIDE_ON)
def test_the_textbook_position_passes_every_criterion_a_side_view_can_see(view: str) -> None:
    result = evaluate(photograph(Figure(), view))
    assert result.pose_recognized
    assert result.confidence >= SURE
    assert result.view == view
    assert [c.name for c in result.criteria] == list(CRITERION_NAMES)
    assert {name: status for name, status in statuses(result).items() if status != "ok"} == {
        "knee_width": "not_visible"
    }
    assert all(c.sure for c in result.criteria if c.status == "ok")
    assert result.summary.startswith("You are in the constructive rest position")
    assert result.landmarks is not None


@pytest.mark.parametrize(
    ("figure", "criterion", "advice"),
    [
        (Figure(legs="straight"), "knees_bent", "bend your knees"),
        (Figure(legs="one_straight"), "knees_bent", "bend your"),
        (Figure(legs="air"), "knees_bent", "lower your feet"),
        (Figure(legs="chest"), "knees_bent", "lower your feet"),
        (Figure(legs="tabletop"), "knees_bent", "lower your feet"),
        (Figure(legs="straight"), "feet_flat", "soles"),
        (Figure(legs="air"), "feet_flat", "rest both feet on the floor"),
        (Figure(legs="tabletop"), "feet_flat", "rest both feet on the floor"),
        (Figure(hips_lift_cm=25), "hips_down", "lower your hips"),
        (Figure(heel_from_hip_cm=62), "heel_distance", "closer"),
        (Figure(heel_from_hip_cm=22), "heel_distance", "away"),
        (Figure(arms="overhead"), "arms_below_shoulders", "bring your arms down"),
        (Figure(arms="raised"), "arms_below_shoulders", "lower your hands"),
        (Figure(head="crunch"), "head_resting", "let your head rest"),
        (Figure(body="propped"), "head_resting", "let your head rest"),
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
    assert verdict.sure


def test_a_head_tipped_back_is_told_to_use_a_towel() -> None:
    verdict = evaluate(photograph(Figure(head="tipped_back"), "side")).criterion("head_level")
    assert verdict.status == "adjust"
    assert "folded towel under the back of your head" in verdict.advice


@pytest.mark.parametrize(
    ("figure", "recognized"),
    [
        (Figure(arms="overhead"), True),
        (Figure(head="tipped_back"), True),
        (Figure(heel_from_hip_cm=62), True),
        (Figure(legs="straight"), False),
        (Figure(legs="tabletop"), False),
        (Figure(hips_lift_cm=25), False),
        (Figure(head="crunch"), False),
        (Figure(body="prone"), False),
    ],
)
def test_arms_head_tilt_and_heels_are_adjustments_within_the_position(figure: Figure, recognized: bool) -> None:
    result = evaluate(photograph(figure, "side"))
    assert result.pose_recognized is recognized
    expected_start = "Constructive rest position, nearly" if recognized else "Not quite"
    assert result.summary.startswith(expected_start)


def test_the_summary_names_what_is_most_wrong_first() -> None:
    # A crunch with the heels far away: the head comes first, not the heels.
    result = evaluate(photograph(Figure(head="crunch", heel_from_hip_cm=62), "side"))
    assert result.criterion("heel_distance").status == "adjust"
    assert result.summary == "Not quite the constructive rest position yet: let your head rest back on the floor."


@pytest.mark.parametrize("figure", [Figure(body="prone"), Figure(body="sitting"), Figure(body="kneeling")])
def test_off_the_back_every_criterion_that_assumes_it_cannot_tell(figure: Figure) -> None:
    result = evaluate(photograph(figure, "side"))
    assert result.criterion("lying_on_back").status == "adjust"
    for criterion in result.criteria:
        if criterion.name not in ("lying_on_back", "whole_body_visible"):
            assert criterion.status == "not_visible", criterion.name
            assert criterion.advice == ON_BACK_FIRST
    assert "your back" in result.summary


def test_on_all_fours_is_not_lying_on_the_back() -> None:
    pose = photograph(Figure(body="kneeling"), "side")
    face_hidden = with_visibility(pose, ("nose", "eye", "ear", "mouth"), 0.1)  # the knees alone must tell
    verdict = evaluate(face_hidden).criterion("lying_on_back")
    assert verdict.status == "adjust"
    assert verdict.measured == "resting on the knees"


def test_knees_fallen_out_with_the_soles_together_are_not_knees_up() -> None:
    # Butterfly, seen from the side by a camera at hip height, looking down a little.
    butterfly = evaluate(photograph(Figure(legs="butterfly"), "side", side_elevation_deg=15))
    assert butterfly.criterion("knees_bent").status == "adjust"
    assert "towards each other" in butterfly.criterion("knees_bent").advice
    assert not butterfly.pose_recognized
    textbook = evaluate(photograph(Figure(), "side", side_elevation_deg=15))
    assert textbook.criterion("knees_bent").status == "ok"
    assert textbook.pose_recognized


@pytest.mark.parametrize("view", SIDE_ON)
def test_a_bridge_keeps_its_feet_down_the_pelvis_is_what_is_wrong(view: str) -> None:
    # Feet on the floor are read from the picture's vertical, not from the shoulder-hip line the bridge tips.
    result = evaluate(photograph(Figure(hips_lift_cm=25), view))
    assert result.criterion("knees_bent").status == "ok"
    assert result.criterion("feet_flat").status == "ok"
    assert result.criterion("hips_down").status == "adjust"
    assert result.summary.endswith("lower your hips gently to the floor.")


def test_a_head_resting_on_the_hands_cannot_be_told_from_a_lifted_one_so_it_is_not_guessed() -> None:
    result = evaluate(photograph(Figure(head="on_hands"), "oblique"))
    head = result.criterion("head_resting")
    assert head.status == "not_visible"
    assert head.measured and "cm above the hips" in head.measured
    assert "level with your head" in head.advice
    # The rest of the position shows, so it is recognised, less surely, and the summary says what is unseen.
    assert result.pose_recognized
    assert result.confidence < 1.0
    assert result.summary.startswith("As far as this picture shows, you are in the constructive rest position")


@pytest.mark.parametrize(
    ("raise_cm", "status", "sure"),
    [
        (0.0, "ok", True),  # resting on the floor
        (8.0, "ok", True),  # on the hands or a folded towel
        (10.0, "ok", False),  # near the edge: still ok, not sure
        (15.0, "not_visible", False),  # on thick hands or just lifted: not guessed
        (20.0, "not_visible", False),
        (25.0, "adjust", True),  # shoulders off the floor
        (35.0, "adjust", True),
    ],
)
def test_head_height_verdicts_leave_a_margin(raise_cm: float, status: str, sure: bool) -> None:
    head = evaluate(photograph(Figure(head="raised", head_raise_cm=raise_cm), "side")).criterion("head_resting")
    assert head.status == status
    assert head.sure is sure
    near_edge = evaluate(photograph(Figure(head="raised", head_raise_cm=10.0), "side")).criterion("head_resting")
    resting = evaluate(photograph(Figure(), "side")).criterion("head_resting")
    assert near_edge.confidence < resting.confidence


def test_shown_values_agree_with_the_verdict() -> None:
    # Whatever the tilt, "chin tipped back N deg" and "at most 15 deg" never contradict the status.
    for tilt_cm in range(-10, 60):
        pose = photograph(Figure(head="tipped_back"), "side")
        eye = pose["right_eye"]
        moved = Pose(
            tuple(replace(p, x=p.x + tilt_cm / 10) if n == "right_eye" else p for n, p in pose),
            pose.image_width,
            pose.image_height,
        )
        verdict = evaluate(moved).criterion("head_level")
        assert eye is not None
        if verdict.measured is None:
            continue
        value = int(verdict.measured.split()[-2])
        if verdict.status == "ok":
            assert value <= 15
        elif verdict.status == "adjust":
            assert value >= 25
        else:
            assert 15 < value < 25


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
    assert typical.measured == "62 cm from the hip"
    assert tall.measured == "73 cm from the hip"
    assert typical.target == "29-48 cm (heels 30-40 cm from the buttocks)"
    assert typical.advice == "slide your heels about 25 cm closer"
    assert tall.advice == "slide your heels about 30 cm closer"


def test_heels_in_range_are_ok_and_measured() -> None:
    verdict = evaluate(photograph(Figure(heel_from_hip_cm=35), "side")).criterion("heel_distance")
    assert verdict.status == "ok"
    assert verdict.measured == "36 cm from the hip"


def test_heels_just_out_of_range_are_less_sure_than_far_out() -> None:
    near = evaluate(photograph(Figure(heel_from_hip_cm=49), "side")).criterion("heel_distance")
    far = evaluate(photograph(Figure(heel_from_hip_cm=65), "side")).criterion("heel_distance")
    assert near.status == far.status == "adjust"
    assert near.confidence < far.confidence


def test_heel_distance_is_not_read_off_a_foreshortened_leg() -> None:
    pose = photograph(Figure(), "side")
    # The thigh seen at half the shin's length points at the camera: distances along the floor shrink.
    hip, knee = pose["right_hip"], pose["right_knee"]
    shortened = Pose(
        tuple(
            replace(p, x=(hip.x + knee.x) / 2, y=(hip.y + knee.y) / 2) if n in ("right_hip", "left_hip") else p
            for n, p in pose
        ),
        pose.image_width,
        pose.image_height,
    )
    assert evaluate(shortened).criterion("heel_distance").status == "not_visible"


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


@pytest.mark.parametrize("view", ["feet_end", "head_end"])
def test_from_the_ends_what_they_show_is_judged_and_the_rest_asks_for_a_side_camera(view: str) -> None:
    result = evaluate(photograph(Figure(), view))
    by_name = statuses(result)
    assert by_name["lying_on_back"] == "ok"
    assert by_name["knees_bent"] == "ok"
    assert by_name["knee_width"] == "ok"
    for name in ("feet_flat", "hips_down", "heel_distance", "head_resting", "head_level"):
        assert by_name[name] == "not_visible"
        assert "at your side" in result.criterion(name).advice
    assert result.pose_recognized
    assert 0 < result.confidence <= 0.6
    assert result.summary.startswith("As far as this picture shows")


def test_from_above_lying_on_the_back_cannot_be_told_from_lying_on_the_side() -> None:
    result = evaluate(photograph(Figure(), "above"))
    assert result.criterion("lying_on_back").status == "not_visible"
    assert result.criterion("knee_width").status == "ok"
    assert not result.pose_recognized
    assert result.summary.startswith("Can't tell from here: place the camera at your side")


@pytest.mark.parametrize("view", ["side", "oblique", "feet_end", "head_end", "above"])
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
    hidden = with_visibility(photograph(Figure(), "side"), ("knee", "ankle", "heel", "foot"), 0.05)
    result = evaluate(hidden)
    for name in ("knees_bent", "feet_flat", "heel_distance"):
        assert result.criterion(name).status == "not_visible"
    assert not result.pose_recognized


def test_legs_the_model_barely_sees_get_a_verdict_it_is_not_sure_of() -> None:
    faint = with_visibility(photograph(Figure(legs="straight"), "side"), ("knee", "ankle", "heel", "foot"), 0.4)
    verdict = evaluate(faint).criterion("knees_bent")
    assert verdict.status == "adjust"
    assert not verdict.sure
    assert evaluate(faint).summary.startswith("Not quite the constructive rest position yet: perhaps")


def test_an_unknown_view_cannot_judge_the_position() -> None:
    result = evaluate(photograph(Figure(), "side", origin=(-400.0, 420.0)))
    assert result.view == "unknown"
    assert result.criterion("lying_on_back").status == "not_visible"
    assert not result.pose_recognized


def test_shown_heel_distances_agree_with_the_verdict() -> None:
    for heel_cm in range(20, 70):
        verdict = evaluate(photograph(Figure(heel_from_hip_cm=heel_cm / 1.0), "side")).criterion("heel_distance")
        assert verdict.measured is not None and verdict.target is not None
        shown_cm = int(verdict.measured.split()[0])
        low_cm, high_cm = (int(limit) for limit in verdict.target.split()[0].split("-"))
        assert verdict.status == ("ok" if low_cm <= shown_cm <= high_cm else "adjust"), verdict
