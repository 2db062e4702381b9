"""Arms and head: hands below shoulder height, head resting on the floor and level with the trunk."""

from __future__ import annotations

import math

from crest.posture.body import SEEN, SIDES, Body, angle_at_deg
from crest.posture.result import CriterionResult, View
from crest.posture.rules.verdicts import CAMERA_HEAD, SIDE_ON, adjust, ok, unseen

# Arms: hands or elbows this far beyond the shoulders towards the head are overhead or behind the head.
# Trunk lengths (shoulder to hip, about 50 cm).
ARM_OVERHEAD_MIN = 0.08
# Hands resting on the chest or belly sit at most a chest depth (20-25 cm) above the floor, about 15 cm above
# the shoulder joint: 0.3 trunk lengths. Higher in the picture, they are lifted towards the ceiling.
ARM_RAISED_MIN = 0.3
# From above, an arm opened wider than this from the trunk is at or above shoulder height.
ARM_OPEN_MAX_DEG = 60.0
# Head: lift of the ear above the hip line plus half the chin tuck; a crunch curls and lifts the head.
HEAD_LIFT_MAX_DEG = 33.0
# Head tilt: the ear-to-eye line points straight up when the head is level; past this it is tipped back.
HEAD_TIPPED_MAX_DEG = 18.0


def arms_below_shoulders(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "arms_below_shoulders"
    points = [
        (side, part, body[f"{side}_{part}"])
        for side in SIDES
        for part in ("elbow", "wrist")
        if body[f"{side}_{part}"].visibility >= SEEN
    ]
    if not points or view in ("unknown", "feet_end", "head_end"):
        return unseen(name)
    target = "hands and elbows below shoulder height"
    axis_x = (body.hips.x - body.shoulders.x) / body.trunk_px
    axis_y = (body.hips.y - body.shoulders.y) / body.trunk_px
    for side, part, point in points:
        shoulder = body[f"{side}_shoulder"]
        along = ((point.x - shoulder.x) * axis_x + (point.y - shoulder.y) * axis_y) / body.trunk_px
        if view in SIDE_ON:
            if along < -ARM_OVERHEAD_MIN:
                return adjust(
                    name,
                    f"{side} {part} above your head",
                    target,
                    "bring your arms down to rest by your sides",
                )
            if (shoulder.y - point.y) / body.trunk_px > ARM_RAISED_MIN:
                return adjust(
                    name,
                    f"{side} {part} raised",
                    target,
                    "lower your hands to rest on your belly or the floor",
                )
        else:
            opened = angle_at_deg(body.hips, shoulder, point)
            if opened > ARM_OPEN_MAX_DEG:
                return adjust(
                    name, f"{side} arm opened {opened:.0f} deg", target, "bring your arms down to your sides"
                )
    return ok(name, None, target)


def head_resting(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "head_resting"
    lift = _head_lift_deg(body)
    if view not in SIDE_ON or lift is None:
        return unseen(name, CAMERA_HEAD)
    measured = f"head lifted {max(lift, 0.0):.0f} deg"
    target = f"resting (under {HEAD_LIFT_MAX_DEG:.0f} deg)"
    if lift > HEAD_LIFT_MAX_DEG:
        return adjust(name, measured, target, "let your head rest back on the floor")
    return ok(name, measured, target)


def _head_lift_deg(body: Body) -> float | None:
    """How high the ear rises above the hip line, plus half of how far the chin curls towards the chest."""
    face = body.face_turn_deg()
    if face is None:
        return None
    ear = body[f"{body.best_side('ear')}_ear"]
    ear_x, ear_y = body.floor_xy(ear)
    rise_deg = math.degrees(math.atan2(ear_y, -ear_x))
    chin_tuck_deg = max(-face, 0.0)
    return rise_deg + chin_tuck_deg / 2


def head_level(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "head_level"
    side = body.best_side("ear", "eye")
    ear, eye = body[f"{side}_ear"], body[f"{side}_eye"]
    if view not in SIDE_ON or min(ear.visibility, eye.visibility) < SEEN:
        return unseen(name, CAMERA_HEAD)
    ear_x, ear_y = body.floor_xy(ear)
    eye_x, eye_y = body.floor_xy(eye)
    tipped = math.degrees(math.atan2(ear_x - eye_x, eye_y - ear_y))
    measured = f"chin tipped back {max(tipped, 0.0):.0f} deg"
    target = f"head level (under {HEAD_TIPPED_MAX_DEG:.0f} deg)"
    if tipped > HEAD_TIPPED_MAX_DEG:
        return adjust(name, measured, target, "put a folded towel under the back of your head")
    return ok(name, measured, target)
