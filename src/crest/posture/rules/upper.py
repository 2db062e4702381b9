"""Arms and head: hands below shoulder height, head resting on the floor and level with the trunk."""

from __future__ import annotations

import math

from crest.posture.body import SEEN, SIDES, Body, angle_at_deg, midpoint
from crest.posture.result import CriterionResult, View
from crest.posture.rules.legs import floor_lines
from crest.posture.rules.trunk import shoulders_above_floor
from crest.posture.rules.verdicts import (
    CAMERA_FACE,
    CAMERA_HEAD,
    CAMERA_HEAD_CLOSER,
    SIDE_ON,
    adjust,
    margin_confidence,
    ok,
    shown,
    trunk_cm,
    unseen,
    unsure,
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
# Head height, measured from the line of the legs: with a foot on the floor the line from its ankle (8 cm up) to
# the hip joint (10 cm up) runs along the floor, and it stays the floor's line under any camera angle (a straight
# line stays straight in a photo), so it shows how high the head is even from a high camera beyond the feet, which
# makes everything further away look higher. The ear of a head resting on the floor lies on that line; a folded
# towel, a few cm of books or the hands under the head raise it by up to 10 cm. So an ear up to 0.25 trunk lengths
# (12 cm) above the line rests, and from 0.45 (22 cm: the shoulders leave the floor too) the head is held up.
# Between, a head on a thick support and a head just lifted look the same: the check says it cannot tell rather
# than guess (the chin's angle does not help: hands behind the head push the chin down as much as a crunch does;
# the shoulders help only with the hands behind the head, see SHOULDERS_DOWN_MAX). Square to the side, the picture's up
# gives a second reading, blind to feet raised on a bar or held by a partner (which tip the legs' line).
HEAD_REST_MAX = 0.25
HEAD_LIFTED_MIN = 0.45
HEAD_MARGIN = 0.1
# Hands behind or beside the head: the head may rest on them (the convention counts a head on the hands lying on
# the floor as resting), which raises it by the hands' thickness: about 3 cm at the palm, 3-5 cm for interlaced
# fingers under the skull, so 0.1 trunk lengths (5 cm) more may rest. A head held up is held up as high with its
# hands behind it, so the "held up" bound stays. Hands count as at the head when the nearest point of each (wrist,
# fingers, thumb) lies within 0.35 trunk lengths (17 cm, most of a head's length) of the ears' midpoint: measured on
# the development photos, hands behind the head lie 0.05-0.34 from it, hands on the chest or by the chin 0.4 and
# more.
HANDS_THICKNESS = 0.1
HANDS_AT_HEAD_MAX = 0.35
# Hands behind the head, the ear 0.35-0.45 trunk lengths up: the head lies on the hands or a crunch holds it
# up. The shoulders tell them apart: lying, the shoulder joints rest on the floor's line (within 0.05 of it);
# a crunch curls the shoulder blades off the floor and lifts them 0.1-0.4. Measured on the development
# photos of that band (few: 7 with a foot down): resting 0.06-0.08, crunches on the floor 0.11-0.25 (a crunch
# on a decline bench, whose tipped legs' line is no floor, 0.06). A head on the hands with the shoulders down
# rests, though less surely than a lower head; with the shoulders up or unseen (no foot down gives no floor's
# line) the check still cannot tell. Lower, within the hands' allowance, shoulders curled off the floor mean the
# head lies on nothing, so it gets no allowance; shoulders down there do not prove a rest (crunches in that band
# lift them as little as a rest: 0.0-0.03), which is why the hands' thickness widens the margin of those verdicts.
SHOULDERS_DOWN_MAX = 0.1
SHOULDERS_DOWN_MARGIN = 0.05
# ... and the head's height alone would not say it, so such a verdict is never stated plainly (result.SURE).
ON_HANDS_SHOULDERS_DOWN_CONFIDENCE = 0.6
HAND_POINTS: tuple[str, ...] = ("wrist", "index", "pinky", "thumb")
# With no foot down (no floor's line, see legs.floor_lines) the head is measured against the lower of the hip
# joints and the shoulders in the picture, which holds for a level camera.
# What to do when the head's height cannot be told: either way is covered.
HEAD_UNSURE = "let your head rest on the floor or a folded towel; if it does, put the camera level with your head"
# Head tilt: the ear-to-eye line points straight up when the head is level. Tipped back more than 25 degrees
# calls for a towel; up to 15 is level; between, a few degrees of camera angle decide, so it cannot be told.
# It is read only with the face in profile, from the side: the eye lies 4-5 cm nearer the middle of the face than
# the ear, so with the camera 20-45 degrees round (an oblique view) that sideways step shows as 10-20 degrees of
# tilt one way or the other, as much as the whole "level" band.
HEAD_LEVEL_MAX_DEG = 15.0
# The side view ends where the shoulders or hips show 0.3 trunk lengths wide (views.SIDE_MAX_WIDTH, about 20 degrees
# round); a still video of a body seen at 0.29-0.32 flipped between side and oblique from look to look, and its head
# level between a verdict and "can't tell" (10 stretches in 2 minutes). The tilt is read up to 0.33 (about 22
# degrees round, where the eye's sideways step adds 2 degrees at most): measured on the development photos
# (bench/eval_photos.py), no set's figures are lower, and 0.35 lowers two sets' agreement.
HEAD_LEVEL_MAX_WIDTH = 0.33
HEAD_TIPPED_MIN_DEG = 25.0
TILT_MARGIN_DEG = 10.0
# The ear-to-eye line is short: a tenth of the trunk. Each landmark may sit a pixel off, so on a line L pixels
# long the tilt may be off by up to atan(2 / L): under 10 px that is more than the 10 degrees between level and
# tipped back, and the picture cannot show the tilt (a small, distant or low-resolution head). On the development
# photos, tilts read from lines under 9 px agreed with the labels 3 times in 7, from 9.5 px up 10 times in 11.
HEAD_TILT_MIN_PX = 10.0
# Between level and tipped back a few degrees of camera angle decide, so moving the camera would not settle it:
# the person is told what to do if the chin does tip up.
HEAD_TILT_UNSURE = "if your chin tips up towards the ceiling, put a folded towel under the back of your head"


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
    head = _head_height(body, view)
    if view not in SIDE_ON:
        return unseen(name, CAMERA_HEAD)
    if head is None:
        return unseen(name, CAMERA_FACE)
    lift, seen = head
    trunk_length_cm = trunk_cm(height_cm)
    lift_cm = shown(lift * trunk_length_cm)
    measured = f"head raised {max(lift_cm, 0)} cm"
    shoulders = _shoulders_height(body, view)
    curled = shoulders is not None and shoulders >= SHOULDERS_DOWN_MAX
    # A head lies on its hands only when the shoulders lie on the floor too (see SHOULDERS_DOWN_MAX).
    on_hands = _hands_at_head(body) and not curled
    rest_max = HEAD_REST_MAX + (HANDS_THICKNESS if on_hands else 0.0)
    rest_cm, lifted_cm = shown(rest_max * trunk_length_cm), shown(HEAD_LIFTED_MIN * trunk_length_cm)
    support = "on your hands" if on_hands else "as on a folded towel"
    target = f"resting (raised at most {rest_cm} cm, {support})"
    if lift_cm > lifted_cm:
        confidence = min(seen, margin_confidence(lift - HEAD_LIFTED_MIN, HEAD_MARGIN))
        return adjust(name, measured, target, "let your head rest back on the floor", confidence)
    if lift_cm > rest_cm:
        if not on_hands or shoulders is None:
            return unsure(name, measured, HEAD_UNSURE)
        confidence = min(
            seen,
            margin_confidence(SHOULDERS_DOWN_MAX - shoulders, SHOULDERS_DOWN_MARGIN),
            ON_HANDS_SHOULDERS_DOWN_CONFIDENCE,
        )
        return ok(name, measured, "resting on your hands, shoulders on the floor", confidence)
    # Whether the head lies on the hands or just above them adds their thickness to what the measure can tell.
    margin = HEAD_MARGIN + (HANDS_THICKNESS if on_hands else 0.0)
    return ok(name, measured, target, min(seen, margin_confidence(rest_max - lift, margin)))


def _shoulders_height(body: Body, view: View) -> float | None:
    """How high the shoulder joints stand above the floor's line, in trunk lengths; None with no foot down.

    Square to the side, as for the head (see _head_height), the lower of that and their height above the hip
    joints in the picture: feet raised on a bar tip the legs' line and lift the shoulders on it by 0.1-0.2.
    """
    along_legs = shoulders_above_floor(body)
    if along_legs is None or view != "side":
        return along_legs
    return min(along_legs, body.floor_xy(body.shoulders)[1])


def _hands_at_head(body: Body) -> bool:
    """Both hands behind or beside the head, where it may rest on them (wherever the model puts a hidden hand)."""
    head = midpoint(body["left_ear"], body["right_ear"])
    return all(
        min(body[f"{side}_{point}"].distance_to(head) for point in HAND_POINTS) / body.trunk_px <= HANDS_AT_HEAD_MAX
        for side in SIDES
    )


def _head_height(body: Body, view: View) -> tuple[float, float] | None:
    """(how high the ear is above a resting head's place, in trunk lengths; visibility confidence); None when
    the model does not see the ear and the nose."""
    side = body.best_side("ear")
    ear, nose = body[f"{side}_ear"], body["nose"]
    if min(ear.visibility, nose.visibility) < SEEN:
        return None
    seen = visibility_confidence(min(ear.visibility, nose.visibility))
    _, ear_up = body.floor_xy(ear)
    _, shoulders_up = body.floor_xy(body.shoulders)
    # Against the picture's up: above the lower of the hip joints and the shoulders.
    upright = ear_up - min(0.0, shoulders_up)
    legs = floor_lines(body)
    if not legs:
        return upright, seen
    # With both feet down, the mean of the two legs' lines: the body's middle line, on which the head lies
    # (seen at an angle, each leg's line stands higher or lower by its sideways step from the middle).
    along_legs = sum(body.height_above_line(ankle, hip, ear) for ankle, hip in legs) / len(legs)
    if view == "side":
        # Square to the side the picture's up is the ceiling too, and it is blind to what tips the legs' line:
        # feet raised on a bar, a board or a partner's hands make a resting head look 5-10 cm higher. Each of
        # the two can only add a few cm to a resting head, neither can hide one held 25-35 cm up: the lower wins.
        return min(along_legs, upright), seen
    return along_legs, seen


def head_level(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.HEAD_LEVEL
    side = body.best_side("ear", "eye")
    ear, eye = body[f"{side}_ear"], body[f"{side}_eye"]
    near_side = view == "oblique" and max(body.shoulder_width, body.hip_width) < HEAD_LEVEL_MAX_WIDTH
    if view != "side" and not near_side:
        return unseen(name, CAMERA_HEAD)
    if min(ear.visibility, eye.visibility) < SEEN:
        return unseen(name, CAMERA_FACE)
    if ear.distance_to(eye) < HEAD_TILT_MIN_PX:
        return unseen(name, CAMERA_HEAD_CLOSER)
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
        return unsure(name, measured, HEAD_TILT_UNSURE)
    return ok(name, measured, target, min(seen, margin_confidence(HEAD_LEVEL_MAX_DEG - tipped, TILT_MARGIN_DEG)))
