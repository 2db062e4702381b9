"""The trunk: lying on the back, face up, with the pelvis resting on the floor."""

from __future__ import annotations

from crest.posture.body import Body, angle_at_deg
from crest.posture.result import CriterionResult, View
from crest.posture.rules.verdicts import CAMERA_WHOLE, SIDE_ON, adjust, ok, sides_seen, unseen

# Trunk: lying means the trunk is closer to the floor's plane than to upright.
LYING_MAX_TILT_DEG = 45.0
# Face: a nose turned further than this from the way the chest faces cannot belong to someone on their back
# (the neck turns and bends well under 90 degrees each way), so the person lies face down or on the side.
FACE_DOWN_MIN_DEG = 105.0
# Hips: a bridge opens the hip (shoulder-hip-knee) towards straight and puts the hips above the shoulders.
BRIDGE_HIP_MIN_DEG = 160.0
BRIDGE_SLOPE_MIN_DEG = 10.0


def lying_on_back(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "lying_on_back"
    if view == "unknown":
        return unseen(name, CAMERA_WHOLE)
    tilt = body.trunk_tilt_deg
    measured = f"trunk {tilt:.0f} deg from the floor"
    # Seen end-on a lying trunk runs up the picture; from anywhere else an upright trunk means sitting
    # or standing.
    upright = tilt >= LYING_MAX_TILT_DEG and body.shoulders.y < body.hips.y
    if upright and view not in ("feet_end", "head_end"):
        return adjust(name, measured, "lying flat", "lie down on your back")
    face = body.face_turn_deg()
    if view in SIDE_ON and face is not None and abs(face) >= FACE_DOWN_MIN_DEG:
        return adjust(name, "face turned to the floor", "face up", "roll over onto your back, face up")
    return ok(name, measured, "lying flat, face up")


def hips_down(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "hips_down"
    sides = sides_seen(body, "hip", "knee")
    if view not in SIDE_ON or not sides:
        return unseen(name)
    hip_deg = max(angle_at_deg(body.shoulders, body[f"{side}_hip"], body[f"{side}_knee"]) for side in sides)
    slope = -body.shoulders_raised_deg
    measured = f"hips {max(slope, 0.0):.0f} deg above the shoulders"
    if hip_deg > BRIDGE_HIP_MIN_DEG and slope > BRIDGE_SLOPE_MIN_DEG:
        return adjust(name, measured, "pelvis resting on the floor", "lower your hips gently to the floor")
    return ok(name, measured, "pelvis resting on the floor")
