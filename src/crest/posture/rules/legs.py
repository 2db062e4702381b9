"""The legs: knees bent and pointing up, feet flat, heels at the right distance, knees hip-width apart."""

from __future__ import annotations

import math

from crest.posture.body import Body, angle_at_deg
from crest.posture.result import CriterionResult, View
from crest.posture.rules.verdicts import CAMERA_END, SIDE_ON, adjust, height_up, ok, sides_seen, unseen

# From above, a leg (hip to ankle) seen longer than this many trunk lengths lies along the floor: its true
# length is about 1.8 trunk lengths, and a knee pointing up folds it to well under 1.2.
LEG_SEEN_FLAT_MIN = 1.2
# From the feet end, feet on the floor show at least this far (trunk lengths) below the hips in the picture.
END_FEET_BELOW_HIP = 0.1
# Knees: a leg opened past this is straight; CRP knees are bent to roughly 45-110 degrees.
STRAIGHT_KNEE_DEG = 150.0
# A knee pointing up sits above the hip joint by at least this many trunk lengths.
KNEE_UP_MIN = 0.15
# Thigh folded closer to the trunk than this: knees pulled towards the chest.
KNEES_TO_CHEST_HIP_DEG = 90.0
# Feet: ankles or heels higher than this above the hip joint are off the floor (the hip joint lies about
# 0.2 trunk lengths above the floor, the heel at the floor).
FOOT_LIFTED_MIN = 0.35
# Heel-to-toe line steeper than this: the sole is not on the floor.
FLAT_FOOT_MAX_DEG = 40.0
# A shin rising less than this (trunk lengths from ankle to knee) means the leg lies along the floor.
SHIN_RISE_MIN = 0.2
# Heels: heel 0.7-1.15 thigh lengths from the hip joint is the 30-40 cm target plus measuring tolerance.
HEEL_TARGET_CM = (30.0, 40.0)
HEEL_OK_THIGHS = (0.7, 1.15)
# Standard segment proportions (Winter, Biomechanics of Human Movement): thigh = 0.245 x body height.
THIGH_PER_HEIGHT = 0.245
TYPICAL_HEIGHT_CM = 170.0
# Knee width: knee gap against hip-joint width; hip-width apart is about 1.
KNEE_GAP_HIP_WIDTHS = (0.6, 2.0)


def knees_bent(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "knees_bent"
    sides = sides_seen(body, "hip", "knee", "ankle")
    if not sides or view == "unknown":
        return unseen(name)
    angles = {side: _knee_angle(body, side) for side in sides}
    measured = "knees " + " / ".join(f"{angles[side]:.0f} deg" for side in sides)
    target = "bent (45-110 deg), pointing up, feet down"
    # From above a knee pointing at the camera folds the leg out of sight: only a leg seen nearly at full
    # length can show that it is straight.
    straight = [
        side
        for side in sides
        if angles[side] > STRAIGHT_KNEE_DEG
        and (view != "above" or body.length(f"{side}_hip", f"{side}_ankle") > LEG_SEEN_FLAT_MIN)
    ]
    if straight:
        advice = "bend your knees and stand your feet on the floor"
        if len(straight) < len(sides):
            advice = f"bend your {straight[0]} knee too and stand that foot on the floor"
        return adjust(name, measured, target, advice)
    problem = next((p for p in (_leg_problem(body, view, side) for side in sides) if p is not None), None)
    if problem is not None:
        return adjust(name, measured, target, problem)
    return ok(name, measured, target)


def _leg_problem(body: Body, view: View, side: str) -> str | None:
    """What keeps a bent leg from the position: feet in the air, knee to the chest, knee not pointing up."""
    hip, knee, ankle = (body[f"{side}_{part}"] for part in ("hip", "knee", "ankle"))
    lower_feet = "lower your feet to the floor, knees pointing up"
    if view in SIDE_ON:
        if height_up(body, ankle) > FOOT_LIFTED_MIN:
            return lower_feet
        if angle_at_deg(body.shoulders, hip, knee) < KNEES_TO_CHEST_HIP_DEG:
            return lower_feet
        if height_up(body, knee) - height_up(body, hip) < KNEE_UP_MIN:
            return "let your knees point up to the ceiling"
        return None
    # Seen from an end, a knee pointing up shows above the hip; feet on the floor show below the hip (feet
    # end: nearer the camera) or below the knee (head end: beyond the knee).
    picture_rise = (hip.y - knee.y) / body.trunk_px
    if view in ("feet_end", "head_end") and picture_rise < 0:
        return "let your knees point up to the ceiling"
    if view == "feet_end" and (hip.y - ankle.y) / body.trunk_px > -END_FEET_BELOW_HIP:
        return lower_feet
    if view == "head_end" and ankle.y < knee.y:
        return lower_feet
    return None


def _knee_angle(body: Body, side: str) -> float:
    return angle_at_deg(body[f"{side}_hip"], body[f"{side}_knee"], body[f"{side}_ankle"])


def feet_flat(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "feet_flat"
    sides = sides_seen(body, "heel", "foot_index", "ankle")
    if view not in SIDE_ON or not sides:
        return unseen(name)
    target = "soles on the floor"
    tilts_deg = []
    for side in sides:
        heel, toe, knee, ankle = (body[f"{side}_{part}"] for part in ("heel", "foot_index", "knee", "ankle"))
        heel_x, heel_y = body.floor_xy(heel)
        toe_x, toe_y = body.floor_xy(toe)
        if heel_y > FOOT_LIFTED_MIN:
            return adjust(name, f"{side} heel off the floor", target, "rest both feet on the floor")
        foot_deg = abs(math.degrees(math.atan2(toe_y - heel_y, abs(toe_x - heel_x) + 1e-9)))
        if height_up(body, knee) - height_up(body, ankle) < SHIN_RISE_MIN:
            return adjust(
                name, f"{side} leg along the floor", target, "bend your knees and set your soles on the floor"
            )
        if foot_deg > FLAT_FOOT_MAX_DEG:
            return adjust(
                name,
                f"{side} foot tilted {foot_deg:.0f} deg",
                target,
                "let your soles rest flat on the floor",
            )
        tilts_deg.append(foot_deg)
    return ok(name, f"feet tilted {max(tilts_deg):.0f} deg", target)


def heel_distance(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "heel_distance"
    sides = sides_seen(body, "hip", "knee", "heel")
    if view not in SIDE_ON or not sides:
        return unseen(name)
    side = max(sides, key=lambda s: body.visibility(f"{s}_hip", f"{s}_knee", f"{s}_heel"))
    hip, knee, heel = (body[f"{side}_{part}"] for part in ("hip", "knee", "heel"))
    if height_up(body, heel) > FOOT_LIFTED_MIN:
        return unseen(name, "rest your feet on the floor so the distance can be measured")
    thighs = hip.distance_to(heel) / max(hip.distance_to(knee), 1e-6)
    thigh_cm = THIGH_PER_HEIGHT * (height_cm if height_cm else TYPICAL_HEIGHT_CM)
    distance_cm = thighs * thigh_cm
    low, high = HEEL_TARGET_CM
    measured = f"{distance_cm:.0f} cm"
    # "about": the verdict allows the measuring tolerance of HEEL_OK_THIGHS around the target.
    target = f"about {low:.0f}-{high:.0f} cm"
    middle = (low + high) / 2
    if thighs > HEEL_OK_THIGHS[1]:
        return adjust(
            name, measured, target, f"slide your heels about {_round5(distance_cm - middle)} cm closer"
        )
    if thighs < HEEL_OK_THIGHS[0]:
        return adjust(
            name, measured, target, f"slide your heels about {_round5(middle - distance_cm)} cm away"
        )
    return ok(name, measured, target)


def _round5(centimetres: float) -> int:
    return max(5, round(centimetres / 5.0) * 5)


def knee_width(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "knee_width"
    if view not in ("feet_end", "head_end", "above"):
        return unseen(name, CAMERA_END)
    if not body.seen("left_knee", "right_knee", "left_hip", "right_hip"):
        return unseen(name, CAMERA_END)
    hip_width = max(body.hip_width, 1e-6)
    knee_gap = body.length("left_knee", "right_knee") / hip_width
    measured = f"knees {knee_gap:.1f} hip widths apart"
    target = "about 1 hip width"
    if knee_gap < KNEE_GAP_HIP_WIDTHS[0]:
        return adjust(name, measured, target, "let your knees and feet move apart to hip width")
    if knee_gap > KNEE_GAP_HIP_WIDTHS[1]:
        return adjust(name, measured, target, "bring your knees closer, about hip width apart")
    return ok(name, measured, target)
