"""The constructive rest position, criterion by criterion: pure functions of landmarks.

Each rule reads the body through `Body` (trunk lengths; picture up = ceiling in views from the side) and
returns `ok`, `adjust` (measured value, target, one instruction a person lying on the floor can follow) or
`not_visible` (with the camera placement that would tell). Thresholds are geometric, each with its reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from crest.posture.body import SEEN, SIDES, Body, angle_at_deg
from crest.posture.landmarks import Landmark, Pose
from crest.posture.result import CRITERION_NAMES, CheckResult, CriterionResult, View
from crest.posture.views import detect_view

# Where to put the camera so that a criterion can be seen.
CAMERA_SIDE = "place the camera at your side, level with your hips, so it sees you from head to feet"
CAMERA_END = "place the camera beyond your feet, looking along your body"
CAMERA_WHOLE = "move the camera back until it sees you from head to feet"

# Views in which the picture's up is the ceiling: the side-on rules apply.
SIDE_ON: frozenset[View] = frozenset({"side", "oblique"})

# Trunk: lying means the trunk is closer to the floor's plane than to upright.
LYING_MAX_TILT_DEG = 45.0
# Face: a nose turned further than this from the way the chest faces cannot belong to someone on their back
# (the neck turns and bends well under 90 degrees each way), so the person lies face down or on the side.
FACE_DOWN_MIN_DEG = 105.0
# From above, a thigh seen longer than this (trunk lengths) lies along the floor rather than pointing up.
THIGH_SEEN_FLAT_MIN = 0.6
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
# Hips: a bridge opens the hip (shoulder-hip-knee) towards straight and puts the hips above the shoulders.
BRIDGE_HIP_MIN_DEG = 160.0
BRIDGE_SLOPE_MIN_DEG = 10.0
# Heels: heel 0.7-1.15 thigh lengths from the hip joint is the 30-40 cm target plus measuring tolerance.
HEEL_TARGET_CM = (30.0, 40.0)
HEEL_OK_THIGHS = (0.7, 1.15)
# Standard segment proportions (Winter, Biomechanics of Human Movement): thigh = 0.245 x body height.
THIGH_PER_HEIGHT = 0.245
TYPICAL_HEIGHT_CM = 170.0
# Arms: hands or elbows this far beyond the shoulders towards the head are overhead or behind the head;
# this far above the shoulder line (picture up) they are raised towards the ceiling. Trunk lengths.
ARM_OVERHEAD_MIN = 0.08
ARM_RAISED_MIN = 0.45
# From above, an arm opened wider than this from the trunk is at or above shoulder height.
ARM_OPEN_MAX_DEG = 60.0
# Head: lift of the ear above the hip line plus half the chin tuck; a crunch curls and lifts the head.
HEAD_LIFT_MAX_DEG = 33.0
# Head tilt: the ear-to-eye line points straight up when the head is level; past this it is tipped back.
HEAD_TIPPED_MAX_DEG = 18.0
# Knee width: knee gap against hip-joint width; hip-width apart is about 1.
KNEE_GAP_HIP_WIDTHS = (0.6, 2.0)
# A landmark this far outside the picture (share of its size) is cut off.
FRAME_MARGIN = 0.02

Rule = Callable[[Body, View, float | None], CriterionResult]


def evaluate(pose: Pose, height_cm: float | None = None, view: str = "auto") -> CheckResult:
    """Judge a body against every criterion; `view` overrides the detected camera view unless "auto"."""
    chosen_view: View = detect_view(pose) if view == "auto" else _as_view(view)
    body = Body.of(pose)
    results = {name: RULES[name](body, chosen_view, height_cm) for name in CRITERION_NAMES}
    criteria = tuple(results[name] for name in CRITERION_NAMES)
    recognized = (
        all(
            results[name].status == "ok"
            for name in ("lying_on_back", "knees_bent", "hips_down", "head_resting")
        )
        and results["feet_flat"].status != "adjust"
    )
    return CheckResult(recognized, chosen_view, criteria, summarize(recognized, criteria), pose)


def summarize(recognized: bool, criteria: tuple[CriterionResult, ...]) -> str:
    """One calm line: where the person stands and the first thing to change."""
    to_adjust = [result for result in criteria if result.status == "adjust"]
    unseen = [result for result in criteria if result.status == "not_visible"]
    if recognized and not to_adjust:
        return "You are in the constructive rest position. Rest and let the floor hold you."
    if recognized:
        return f"Constructive rest position, nearly: {to_adjust[0].advice}."
    if to_adjust:
        return f"Not quite the constructive rest position yet: {to_adjust[0].advice}."
    return f"This picture cannot show the whole position: {unseen[0].advice}."


def _as_view(view: str) -> View:
    for known in ("side", "feet_end", "head_end", "above", "oblique", "unknown"):
        if view == known:
            return known
    raise ValueError(f"unknown view {view!r}")


def _ok(name: str, measured: str | None = None, target: str | None = None) -> CriterionResult:
    return CriterionResult(name, "ok", measured, target, "")


def _adjust(name: str, measured: str | None, target: str | None, advice: str) -> CriterionResult:
    return CriterionResult(name, "adjust", measured, target, advice)


def _unseen(name: str, camera: str = CAMERA_SIDE) -> CriterionResult:
    return CriterionResult(name, "not_visible", None, None, camera)


def _sides_seen(body: Body, *parts: str) -> list[str]:
    """Sides whose listed parts the model sees; else the better-seen side if it is at least half-guessed."""
    seen = [side for side in SIDES if body.seen(*(f"{side}_{part}" for part in parts))]
    if seen:
        return seen
    best = body.best_side(*parts)
    return [best] if body.visibility(*(f"{best}_{part}" for part in parts)) >= SEEN / 2 else []


def _height_up(body: Body, point: Landmark) -> float:
    return body.floor_xy(point)[1]


def lying_on_back(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "lying_on_back"
    if view == "unknown":
        return _unseen(name, CAMERA_WHOLE)
    tilt = body.trunk_tilt_deg
    measured = f"trunk {tilt:.0f} deg from the floor"
    # Seen end-on a lying trunk runs up the picture; from anywhere else an upright trunk means sitting
    # or standing.
    upright = tilt >= LYING_MAX_TILT_DEG and body.shoulders.y < body.hips.y
    if upright and view not in ("feet_end", "head_end"):
        return _adjust(name, measured, "lying flat", "lie down on your back")
    face = _face_turn_deg(body)
    if view in SIDE_ON and face is not None and abs(face) >= FACE_DOWN_MIN_DEG:
        return _adjust(name, "face turned to the floor", "face up", "roll over onto your back, face up")
    return _ok(name, measured, "lying flat, face up")


def _face_turn_deg(body: Body) -> float | None:
    """How far the ear-to-nose direction turns from the way the chest faces (positive towards the head end).

    The chest faces the picture's up, tilted with the trunk: a lifted upper body turns it towards the feet.
    """
    side = body.best_side("ear")
    ear = body[f"{side}_ear"]
    nose = body["nose"]
    if min(ear.visibility, nose.visibility) < SEEN:
        return None
    ear_x, ear_y = body.floor_xy(ear)
    nose_x, nose_y = body.floor_xy(nose)
    from_up_deg = math.degrees(math.atan2(ear_x - nose_x, nose_y - ear_y))
    return _wrap_deg(from_up_deg + body.shoulders_raised_deg)


def _wrap_deg(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


def knees_bent(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "knees_bent"
    sides = _sides_seen(body, "hip", "knee", "ankle")
    if not sides or view == "unknown":
        return _unseen(name)
    angles = {side: _knee_angle(body, side) for side in sides}
    measured = "knees " + " / ".join(f"{angles[side]:.0f} deg" for side in sides)
    target = "bent (45-110 deg), pointing up, feet down"
    # From above a knee pointing at the camera folds the leg out of sight: only a thigh seen at full length
    # (at least half its true 0.85 trunk lengths) can show a straight leg.
    straight = [
        side
        for side in sides
        if angles[side] > STRAIGHT_KNEE_DEG
        and (view != "above" or body.length(f"{side}_hip", f"{side}_knee") > THIGH_SEEN_FLAT_MIN)
    ]
    if straight:
        advice = "bend your knees and stand your feet on the floor"
        if len(straight) < len(sides):
            advice = f"bend your {straight[0]} knee too and stand that foot on the floor"
        return _adjust(name, measured, target, advice)
    problem = next((p for p in (_leg_problem(body, view, side) for side in sides) if p is not None), None)
    if problem is not None:
        return _adjust(name, measured, target, problem)
    return _ok(name, measured, target)


def _leg_problem(body: Body, view: View, side: str) -> str | None:
    """What keeps a bent leg from the position: feet in the air, knee to the chest, knee not pointing up."""
    hip, knee, ankle = (body[f"{side}_{part}"] for part in ("hip", "knee", "ankle"))
    lower_feet = "lower your feet to the floor, knees pointing up"
    if view in SIDE_ON:
        if _height_up(body, ankle) > FOOT_LIFTED_MIN:
            return lower_feet
        if angle_at_deg(body.shoulders, hip, knee) < KNEES_TO_CHEST_HIP_DEG:
            return lower_feet
        if _height_up(body, knee) - _height_up(body, hip) < KNEE_UP_MIN:
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
    sides = _sides_seen(body, "heel", "foot_index", "ankle")
    if view not in SIDE_ON or not sides:
        return _unseen(name)
    target = "soles on the floor"
    for side in sides:
        heel, toe, knee, ankle = (body[f"{side}_{part}"] for part in ("heel", "foot_index", "knee", "ankle"))
        heel_x, heel_y = body.floor_xy(heel)
        toe_x, toe_y = body.floor_xy(toe)
        if heel_y > FOOT_LIFTED_MIN:
            return _adjust(name, f"{side} heel off the floor", target, "rest both feet on the floor")
        foot_deg = abs(math.degrees(math.atan2(toe_y - heel_y, abs(toe_x - heel_x) + 1e-9)))
        if _height_up(body, knee) - _height_up(body, ankle) < SHIN_RISE_MIN:
            return _adjust(
                name, f"{side} leg along the floor", target, "bend your knees and set your soles on the floor"
            )
        if foot_deg > FLAT_FOOT_MAX_DEG:
            return _adjust(
                name,
                f"{side} foot tilted {foot_deg:.0f} deg",
                target,
                "let your soles rest flat on the floor",
            )
    return _ok(name, None, target)


def hips_down(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "hips_down"
    sides = _sides_seen(body, "hip", "knee")
    if view not in SIDE_ON or not sides:
        return _unseen(name)
    hip_deg = max(angle_at_deg(body.shoulders, body[f"{side}_hip"], body[f"{side}_knee"]) for side in sides)
    slope = -body.shoulders_raised_deg
    measured = f"hips {max(slope, 0.0):.0f} deg above the shoulders"
    if hip_deg > BRIDGE_HIP_MIN_DEG and slope > BRIDGE_SLOPE_MIN_DEG:
        return _adjust(name, measured, "pelvis resting on the floor", "lower your hips gently to the floor")
    return _ok(name, measured, "pelvis resting on the floor")


def heel_distance(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "heel_distance"
    sides = _sides_seen(body, "hip", "knee", "heel")
    if view not in SIDE_ON or not sides:
        return _unseen(name)
    side = max(sides, key=lambda s: body.visibility(f"{s}_hip", f"{s}_knee", f"{s}_heel"))
    hip, knee, heel = (body[f"{side}_{part}"] for part in ("hip", "knee", "heel"))
    if _height_up(body, heel) > FOOT_LIFTED_MIN:
        return _unseen(name, "rest your feet on the floor so the distance can be measured")
    thighs = hip.distance_to(heel) / max(hip.distance_to(knee), 1e-6)
    thigh_cm = THIGH_PER_HEIGHT * (height_cm if height_cm else TYPICAL_HEIGHT_CM)
    distance_cm = thighs * thigh_cm
    low, high = HEEL_TARGET_CM
    measured = f"{distance_cm:.0f} cm"
    target = f"{low:.0f}-{high:.0f} cm"
    middle = (low + high) / 2
    if thighs > HEEL_OK_THIGHS[1]:
        return _adjust(
            name, measured, target, f"slide your heels about {_round5(distance_cm - middle)} cm closer"
        )
    if thighs < HEEL_OK_THIGHS[0]:
        return _adjust(
            name, measured, target, f"slide your heels about {_round5(middle - distance_cm)} cm away"
        )
    return _ok(name, measured, target)


def _round5(centimetres: float) -> int:
    return max(5, round(centimetres / 5.0) * 5)


def arms_below_shoulders(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "arms_below_shoulders"
    points = [
        (side, part, body[f"{side}_{part}"])
        for side in SIDES
        for part in ("elbow", "wrist")
        if body[f"{side}_{part}"].visibility >= SEEN
    ]
    if not points or view in ("unknown", "feet_end", "head_end"):
        return _unseen(name)
    target = "hands and elbows below shoulder height"
    axis_x = (body.hips.x - body.shoulders.x) / body.trunk_px
    axis_y = (body.hips.y - body.shoulders.y) / body.trunk_px
    for side, part, point in points:
        shoulder = body[f"{side}_shoulder"]
        along = ((point.x - shoulder.x) * axis_x + (point.y - shoulder.y) * axis_y) / body.trunk_px
        if view in SIDE_ON:
            if along < -ARM_OVERHEAD_MIN:
                return _adjust(
                    name,
                    f"{side} {part} above your head",
                    target,
                    "bring your arms down to rest by your sides",
                )
            if (shoulder.y - point.y) / body.trunk_px > ARM_RAISED_MIN:
                return _adjust(
                    name,
                    f"{side} {part} raised",
                    target,
                    "lower your hands to rest on your belly or the floor",
                )
        else:
            opened = angle_at_deg(body.hips, shoulder, point)
            if opened > ARM_OPEN_MAX_DEG:
                return _adjust(
                    name, f"{side} arm opened {opened:.0f} deg", target, "bring your arms down to your sides"
                )
    return _ok(name, None, target)


def head_resting(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "head_resting"
    lift = _head_lift_deg(body)
    if view not in SIDE_ON or lift is None:
        return _unseen(name, CAMERA_SIDE.replace("hips", "head"))
    measured = f"head lifted {max(lift, 0.0):.0f} deg"
    target = f"resting (under {HEAD_LIFT_MAX_DEG:.0f} deg)"
    if lift > HEAD_LIFT_MAX_DEG:
        return _adjust(name, measured, target, "let your head rest back on the floor")
    return _ok(name, measured, target)


def _head_lift_deg(body: Body) -> float | None:
    """How high the ear rises above the hip line, plus half of how far the chin curls towards the chest."""
    face = _face_turn_deg(body)
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
        return _unseen(name, CAMERA_SIDE.replace("hips", "head"))
    ear_x, ear_y = body.floor_xy(ear)
    eye_x, eye_y = body.floor_xy(eye)
    tipped = math.degrees(math.atan2(ear_x - eye_x, eye_y - ear_y))
    measured = f"chin tipped back {max(tipped, 0.0):.0f} deg"
    target = f"head level (under {HEAD_TIPPED_MAX_DEG:.0f} deg)"
    if tipped > HEAD_TIPPED_MAX_DEG:
        return _adjust(name, measured, target, "put a folded towel under the back of your head")
    return _ok(name, measured, target)


def knee_width(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "knee_width"
    if view not in ("feet_end", "head_end", "above"):
        return _unseen(name, CAMERA_END)
    if not body.seen("left_knee", "right_knee", "left_hip", "right_hip"):
        return _unseen(name, CAMERA_END)
    hip_width = max(body.hip_width, 1e-6)
    knee_gap = body.length("left_knee", "right_knee") / hip_width
    measured = f"knees {knee_gap:.1f} hip widths apart"
    target = "about 1 hip width"
    if knee_gap < KNEE_GAP_HIP_WIDTHS[0]:
        return _adjust(name, measured, target, "let your knees and feet move apart to hip width")
    if knee_gap > KNEE_GAP_HIP_WIDTHS[1]:
        return _adjust(name, measured, target, "bring your knees closer, about hip width apart")
    return _ok(name, measured, target)


BODY_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("head", ("nose", "left_ear", "right_ear")),
    ("shoulders", ("left_shoulder", "right_shoulder")),
    ("hips", ("left_hip", "right_hip")),
    ("knees", ("left_knee", "right_knee")),
    ("feet", ("left_heel", "right_heel", "left_foot_index", "right_foot_index")),
)


def whole_body_visible(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = "whole_body_visible"
    pose = body.pose
    cut = [part for part, names in BODY_PARTS if any(not _in_frame(pose, pose[n]) for n in names)]
    if cut:
        return _adjust(name, f"{', '.join(cut)} cut off", "head to feet in the picture", CAMERA_WHOLE)
    return _ok(name, None, "head to feet in the picture")


def _in_frame(pose: Pose, point: Landmark) -> bool:
    margin_x = FRAME_MARGIN * pose.image_width
    margin_y = FRAME_MARGIN * pose.image_height
    return (
        -margin_x <= point.x <= pose.image_width + margin_x
        and -margin_y <= point.y <= pose.image_height + margin_y
    )


RULES: dict[str, Rule] = {
    "lying_on_back": lying_on_back,
    "knees_bent": knees_bent,
    "feet_flat": feet_flat,
    "hips_down": hips_down,
    "heel_distance": heel_distance,
    "arms_below_shoulders": arms_below_shoulders,
    "head_resting": head_resting,
    "head_level": head_level,
    "knee_width": knee_width,
    "whole_body_visible": whole_body_visible,
}
