"""Arms and head: hands below shoulder height, head resting on the floor and level with the trunk."""

from __future__ import annotations

import math

from crest.posture.body import SEEN, SIDES, Body, angle_at_deg
from crest.posture.result import CriterionResult, View
from crest.posture.rules.verdicts import (
    CAMERA_HEAD,
    SIDE_ON,
    adjust,
    margin_confidence,
    ok,
    shown,
    unseen,
    visibility_confidence,
)
from crest.posture.vocabulary import Criterion

# Arms: hands or elbows this far beyond the shoulders towards the head are overhead or behind the head.
# Trunk lengths (shoulder to hip, about 50 cm).
ARM_OVERHEAD_MIN = 0.08
# Hands resting on the chest or belly sit at most a chest depth (20-25 cm) above the floor, about 15 cm above
# the shoulder joint: 0.3 trunk lengths. Higher in the picture, they are lifted towards the ceiling.
ARM_RAISED_MIN = 0.3
ARM_MARGIN = 0.1
# From above, an arm opened wider than this from the trunk is at or above shoulder height.
ARM_OPEN_MAX_DEG = 60.0
ARM_OPEN_MARGIN_DEG = 10.0
# Head height: the ear of a head resting on the floor is 8-12 cm up, level with the hip joint (10 cm); hands
# behind the head or a folded towel add up to 10 cm more. So an ear up to 0.25 trunk lengths (12 cm) above
# the lower of the hips and shoulders rests, and from 0.45 (22 cm: the shoulders leave the floor too) the head
# is held up. Between, a head resting on the hands and a head just lifted look the same from the side: the
# check says it cannot tell rather than guess (the chin's angle does not help: hands behind the head push the
# chin down as much as a crunch does).
HEAD_REST_MAX = 0.25
HEAD_LIFTED_MIN = 0.45
HEAD_MARGIN = 0.1
# Trunk length (shoulder joint to hip joint) against body height, to show the head's height in cm.
TRUNK_PER_HEIGHT = 0.29
TYPICAL_HEIGHT_CM = 170.0
# Head tilt: the ear-to-eye line points straight up when the head is level. Tipped back more than 25 degrees
# calls for a towel; up to 15 is level; between, a few degrees of camera angle decide, so it cannot be told.
HEAD_LEVEL_MAX_DEG = 15.0
HEAD_TIPPED_MIN_DEG = 25.0
TILT_MARGIN_DEG = 10.0


def arms_below_shoulders(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.ARMS_BELOW_SHOULDERS
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
    confidence = 1.0
    for side, part, point in points:
        shoulder = body[f"{side}_shoulder"]
        seen = visibility_confidence(min(point.visibility, shoulder.visibility))
        if view in SIDE_ON:
            along = ((point.x - shoulder.x) * axis_x + (point.y - shoulder.y) * axis_y) / body.trunk_px
            if along < -ARM_OVERHEAD_MIN:
                return adjust(
                    name,
                    f"{side} {part} above your head",
                    target,
                    "bring your arms down to rest by your sides",
                    min(seen, margin_confidence(-ARM_OVERHEAD_MIN - along, ARM_MARGIN)),
                )
            raised = (shoulder.y - point.y) / body.trunk_px
            if raised > ARM_RAISED_MIN:
                return adjust(
                    name,
                    f"{side} {part} raised",
                    target,
                    "lower your hands to rest on your belly or the floor",
                    min(seen, margin_confidence(raised - ARM_RAISED_MIN, ARM_MARGIN)),
                )
            confidence = min(
                confidence,
                max(1 - seen, margin_confidence(along + ARM_OVERHEAD_MIN, ARM_MARGIN)),
                max(1 - seen, margin_confidence(ARM_RAISED_MIN - raised, ARM_MARGIN)),
            )
        else:
            opened = angle_at_deg(body.hips, shoulder, point)
            if shown(opened) > ARM_OPEN_MAX_DEG:
                return adjust(
                    name,
                    f"{side} arm opened {shown(opened)} deg",
                    target,
                    "bring your arms down to your sides",
                    min(seen, margin_confidence(opened - ARM_OPEN_MAX_DEG, ARM_OPEN_MARGIN_DEG)),
                )
            confidence = min(
                confidence, max(1 - seen, margin_confidence(ARM_OPEN_MAX_DEG - opened, ARM_OPEN_MARGIN_DEG))
            )
    return ok(name, None, target, confidence)


def head_resting(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.HEAD_RESTING
    head = _head_height(body)
    if view not in SIDE_ON or head is None:
        return unseen(name, CAMERA_HEAD)
    lift, seen = head
    trunk_cm = TRUNK_PER_HEIGHT * (height_cm if height_cm else TYPICAL_HEIGHT_CM)
    lift_cm = shown(lift * trunk_cm)
    measured = f"ear {lift_cm} cm above the hips"
    rest_cm, lifted_cm = shown(HEAD_REST_MAX * trunk_cm), shown(HEAD_LIFTED_MIN * trunk_cm)
    target = f"resting (ear at most {rest_cm} cm up)"
    if lift_cm > lifted_cm:
        confidence = min(seen, margin_confidence(lift - HEAD_LIFTED_MIN, HEAD_MARGIN))
        return adjust(name, measured, target, "let your head rest back on the floor", confidence)
    if lift_cm > rest_cm:
        return unseen(name, CAMERA_HEAD, measured)
    return ok(name, measured, target, min(seen, margin_confidence(HEAD_REST_MAX - lift, HEAD_MARGIN)))


def _head_height(body: Body) -> tuple[float, float] | None:
    """(ear height above the lower of hips and shoulders in trunk lengths, visibility confidence); None when
    the model does not see the ear and the nose."""
    side = body.best_side("ear")
    ear, nose = body[f"{side}_ear"], body["nose"]
    if min(ear.visibility, nose.visibility) < SEEN:
        return None
    _, ear_up = body.floor_xy(ear)
    _, shoulders_up = body.floor_xy(body.shoulders)
    return ear_up - min(0.0, shoulders_up), visibility_confidence(min(ear.visibility, nose.visibility))


def head_level(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.HEAD_LEVEL
    side = body.best_side("ear", "eye")
    ear, eye = body[f"{side}_ear"], body[f"{side}_eye"]
    if view not in SIDE_ON or min(ear.visibility, eye.visibility) < SEEN:
        return unseen(name, CAMERA_HEAD)
    ear_x, ear_y = body.floor_xy(ear)
    eye_x, eye_y = body.floor_xy(eye)
    tipped = math.degrees(math.atan2(ear_x - eye_x, eye_y - ear_y))
    measured = f"chin tipped back {shown(max(tipped, 0.0))} deg"
    target = f"head level (at most {HEAD_LEVEL_MAX_DEG:.0f} deg)"
    seen = visibility_confidence(min(ear.visibility, eye.visibility))
    if shown(tipped) >= HEAD_TIPPED_MIN_DEG:
        confidence = min(seen, margin_confidence(tipped - HEAD_TIPPED_MIN_DEG, TILT_MARGIN_DEG))
        return adjust(name, measured, target, "put a folded towel under the back of your head", confidence)
    if shown(tipped) > HEAD_LEVEL_MAX_DEG:
        return unseen(name, CAMERA_HEAD, measured)
    return ok(name, measured, target, min(seen, margin_confidence(HEAD_LEVEL_MAX_DEG - tipped, TILT_MARGIN_DEG)))
