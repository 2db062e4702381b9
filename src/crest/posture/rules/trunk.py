"""The trunk: lying on the back, face up, with the pelvis resting on the floor."""

from __future__ import annotations

import math

from crest.posture.body import SIDES, Body, angle_at_deg
from crest.posture.result import CriterionResult, View
from crest.posture.rules.legs import floor_lines
from crest.posture.rules.verdicts import (
    CAMERA_SIDE,
    CAMERA_WHOLE,
    END_ON,
    SIDE_ON,
    adjust,
    height_up,
    margin_confidence,
    ok,
    shown,
    sides_seen,
    trunk_cm,
    unseen,
    unsure,
    visibility_confidence,
)
from crest.posture.vocabulary import Criterion

# Lying means the trunk is closer to the floor's plane than to upright; a sit-up past halfway (45 degrees) is
# sitting. Ten degrees is what camera tilt and a rounded upper back change the measured slope by.
LYING_MAX_TILT_DEG = 45.0
TILT_MARGIN_DEG = 10.0
# A photo on its side (turned without its orientation tag) shows a lying body with its trunk running up or down
# the picture, as if the person sat or stood. Head below the hips that way, nobody sits or stands. Head above
# them, the legs tell: lying with the knees bent, the ankles rest on the floor's line, which runs on from the
# trunk's (within 0.1 trunk lengths of it, see HIP_ABOVE_BODY_LINE_MIN), and the knees stand 0.8-1 off it;
# sitting, the legs leave the trunk's line (on a chair at right angles, on the floor forwards), and standing they
# continue it with the knees on it too. Ankles within 0.35 of the trunk's line beyond the hips, with the knees
# more than 0.45 off it, are a body lying with the knees bent. Either way the picture cannot say how the person
# lies: the check says so, and what to do.
TURNED_ANKLE_OFF_LINE_MAX = 0.35
TURNED_KNEE_OFF_LINE_MIN = 0.45
# Why a body read this way cannot be judged, said after its measure.
ON_ITS_SIDE = "the picture may be on its side"
UPSIDE_DOWN = "the picture may be upside down"
# Said of a photo, a video and the live camera alike: a camera on its side has no photo to turn.
TURN_THE_PICTURE = (
    "if the picture is on its side, turn the photo, video or camera so the floor is at the bottom; "
    "if not, lie down on your back"
)
# A photo upside down (a phone held so, a camera hung upside down) shows a body lying on its back with the knees up
# as one face down: the face points at the picture's bottom. The legs tell: the knees hang from a floor above, 0.5-0.75
# trunk lengths below the hip joints, and the ankles stand 0.6-1.1 above their knees, on that floor. Face down, the
# knees rest level with the hips (the shins raised or not); on all fours or kneeling, the shins rest on the floor,
# the ankles level with the knees. Both knees more than 0.45 below the hips and both ankles more than 0.5 above their
# knees: the check cannot tell how the person lies, and says so.
UPSIDE_DOWN_KNEES_BELOW_HIPS_MIN = 0.45
UPSIDE_DOWN_ANKLES_ABOVE_KNEES_MIN = 0.5
TURN_UPSIDE_DOWN = (
    "if the picture is upside down, turn the photo, video or camera so the floor is at the bottom; "
    "if not, roll over onto your back, face up"
)
# The same limit measured from the floor's line (legs.floor_lines) rather than the picture's horizontal, which a
# camera held high or rolled tips by 10-20 degrees: a trunk raised 45 degrees lifts the shoulder joints sin 45 =
# 0.71 trunk lengths above the hip joint. Lying, they rest on that line (a crunch lifts them 0.2-0.4); sitting,
# they stand 0.7-1 above it. 0.15 trunk lengths is about the 10 degrees of TILT_MARGIN_DEG.
SITTING_SHOULDERS_MIN = math.sin(math.radians(LYING_MAX_TILT_DEG))
SHOULDERS_MARGIN = 0.15
# Face: a nose turned further than this from the way the chest faces cannot belong to someone on their back
# (the neck turns and bends well under 90 degrees each way), so the person lies face down or on the side.
FACE_DOWN_MIN_DEG = 105.0
# Towards the feet the neck curls further (chin to chest, plus the upper back in a crunch), but a face turned
# more than 150 degrees that way points at the floor.
FACE_DOWN_CURLED_MIN_DEG = 150.0
FACE_MARGIN_DEG = 20.0
# Hips, with the knees bent: in the position the thigh rises 40-70 degrees from the floor and the trunk lies
# flat, so the shoulder-hip-knee angle is 110-140 degrees. Trunk and thigh in one line (155 and more) happen
# only with the pelvis lifted, whether the shoulders are on the floor (bridge) or propped on a roller.
BRIDGE_HIP_MIN_DEG = 155.0
HIP_MARGIN_DEG = 10.0
# A lifted pelvis also stands above the feet: the hip joint rests 10 cm above the floor and the ankle 8 cm,
# so more than 0.25 trunk lengths (12 cm) higher in the picture is off the floor. Both must agree, or feet
# placed far away (knees opened to 130 degrees and more, which also opens the hip angle) would read as a bridge.
HIP_ABOVE_FEET_MIN = 0.25
# The hip joint against the line from the ankle to the shoulder joint of its side: lying, all three rest near the
# floor (ankle 8 cm, hip joint 10 cm, shoulder joint 6 cm up) on one straight line along the body, and a straight
# line stays straight in a photo from any angle, so the hip joint stands within 5 cm (0.1 trunk lengths) of it;
# the model's placing adds up to 0.15 (development photos in the position: at most 0.15). A bridge lifts the
# pelvis 20-40 cm (0.4-0.8) off it, whatever its hip angle: a bridge with the heels far out reads 145-150 degrees,
# under BRIDGE_HIP_MIN_DEG. Lifted shoulders (a crunch, a back on a ball) or raised feet tip the line up, which
# only lowers the hip below it. Halfway, 15 cm, is lifted.
HIP_ABOVE_BODY_LINE_MIN = 0.3
HIP_LINE_MARGIN = 0.1
# The line holds in any photo, but the model's hip joints do not: seen from high up, it places them (and the thighs
# with them) on the front of the pelvis it sees. On the development photos that show the body at half its width
# or more (a camera about 35 degrees above the side, or as far round it), each of the 4 hip joints it put past the
# line (0.38-0.64 trunk lengths) belonged to a pelvis on the floor, and no bridge there needed the line to be told.
# There the hip angle and the pelvis against the feet decide.
BODY_LINE_MAX_WIDTH = 0.5
# With straight legs the hip angle says nothing; hips higher than the shoulders by more than 15 degrees (13 cm
# over the trunk) are lifted: camera tilt and a thick mat under the pelvis stay within 5-10.
BRIDGE_SLOPE_MIN_DEG = 15.0
# A knee opened past this is straight.
STRAIGHT_KNEE_DEG = 150.0
# On the knees (all fours, child's pose, kneeling): seen from the side the hip joints stand above the knees by
# most of a thigh. Lying on the back, the knees are level with the hips (legs flat) or above them; more than
# 0.4 trunk lengths (20 cm) below is a body resting on its knees.
KNEELING_MIN = 0.4
KNEELING_MARGIN = 0.15


def lying_on_back(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.LYING_ON_BACK
    if view == "unknown":
        return unseen(name, CAMERA_WHOLE)
    tilt = body.trunk_tilt_deg
    measured = f"trunk {shown(tilt)} deg from the floor"
    target = f"at most {LYING_MAX_TILT_DEG:.0f} deg, face up"
    # One side seen plainly is enough: from the side the far shoulder and hip hide behind the body.
    seen = visibility_confidence(max(body.visibility(f"{s}_shoulder", f"{s}_hip") for s in SIDES))
    # Seen end-on a lying trunk runs up the picture; from anywhere else an upright trunk means sitting
    # or standing.
    if shown(tilt) > LYING_MAX_TILT_DEG and view not in END_ON:
        if body.shoulders.y > body.hips.y or _lying_shape_turned(body):
            return unsure(name, measured, TURN_THE_PICTURE, ON_ITS_SIDE)
        confidence = min(seen, margin_confidence(tilt - LYING_MAX_TILT_DEG, TILT_MARGIN_DEG))
        return adjust(name, measured, target, "lie down on your back", confidence)
    if view == "above":
        return unseen(name, CAMERA_SIDE)
    rise = shoulders_above_floor(body) if view in SIDE_ON else None
    if rise is not None and rise > SITTING_SHOULDERS_MIN:
        confidence = min(seen, margin_confidence(rise - SITTING_SHOULDERS_MIN, SHOULDERS_MARGIN))
        measured = f"shoulders {shown(rise * 100)}% of the trunk's length above the floor"
        # Said in the measure's own terms: a target in degrees under a measure in percent read as a contradiction.
        shoulders_max = f"at most {shown(SITTING_SHOULDERS_MIN * 100)}%, face up"
        return adjust(name, measured, shoulders_max, "lie down on your back", confidence)
    face = body.face_turn_deg()
    face_margin = 1.0
    if view in SIDE_ON and face is not None:
        # Positive: turned towards the head end (the neck tips back); negative: towards the feet (chin down).
        beyond = face - FACE_DOWN_MIN_DEG if face >= 0 else -face - FACE_DOWN_CURLED_MIN_DEG
        if beyond >= 0:
            if _legs_hang_from_above(body):
                return unsure(name, "face turned to the floor, legs hanging from above", TURN_UPSIDE_DOWN, UPSIDE_DOWN)
            confidence = min(seen, margin_confidence(beyond, FACE_MARGIN_DEG))
            return adjust(name, "face turned to the floor", "face up", "roll over onto your back, face up", confidence)
        face_margin = margin_confidence(-beyond, FACE_MARGIN_DEG)
    kneeling = _hips_above_knees(body)
    if view in SIDE_ON and kneeling is not None and kneeling > KNEELING_MIN:
        if _legs_hang_from_above(body):
            return unsure(name, "resting on the knees, legs hanging from above", TURN_UPSIDE_DOWN, UPSIDE_DOWN)
        confidence = min(seen, margin_confidence(kneeling - KNEELING_MIN, KNEELING_MARGIN))
        return adjust(name, "resting on the knees", "lying on the back", "lie down on your back", confidence)
    if view in END_ON:
        # End-on a lying trunk runs up the picture, so its slope says nothing; sitting up facing the camera
        # looks much the same, which caps how sure this can be.
        return ok(name, None, "face up (from an end the trunk's slope does not show)", min(seen, face_margin, 0.75))
    confidence = min(seen, face_margin, margin_confidence(LYING_MAX_TILT_DEG - tilt, TILT_MARGIN_DEG))
    if rise is not None:
        confidence = min(confidence, margin_confidence(SITTING_SHOULDERS_MIN - rise, SHOULDERS_MARGIN))
    return ok(name, measured, target, confidence)


def _lying_shape_turned(body: Body) -> bool:
    """Both legs bent up from a floor that continues the trunk's line: lying, seen in a photo on its side."""
    for side in SIDES:
        ankle, knee = body[f"{side}_ankle"], body[f"{side}_knee"]
        beyond_hips = (
            (ankle.x - body.hips.x) * (body.hips.x - body.shoulders.x)
            + (ankle.y - body.hips.y) * (body.hips.y - body.shoulders.y)
        ) / body.trunk_px**2
        ankle_off = abs(body.height_above_line(body.shoulders, body.hips, ankle))
        knee_off = abs(body.height_above_line(body.shoulders, body.hips, knee))
        if beyond_hips <= 0 or ankle_off > TURNED_ANKLE_OFF_LINE_MAX or knee_off < TURNED_KNEE_OFF_LINE_MIN:
            return False
    return True


def _legs_hang_from_above(body: Body) -> bool:
    """Both knees hanging below the hips from ankles above them: lying on the back, seen in a photo upside down."""
    for side in SIDES:
        _, knee_up = body.floor_xy(body[f"{side}_knee"])
        _, ankle_up = body.floor_xy(body[f"{side}_ankle"])
        if -knee_up <= UPSIDE_DOWN_KNEES_BELOW_HIPS_MIN or ankle_up - knee_up <= UPSIDE_DOWN_ANKLES_ABOVE_KNEES_MIN:
            return False
    return True


def shoulders_above_floor(body: Body) -> float | None:
    """How high the shoulder joints stand above the floor's line, in trunk lengths (the mean over the legs that
    give it); None when no foot is down."""
    lines = floor_lines(body)
    if not lines:
        return None
    return sum(body.height_above_line(ankle, hip, body.shoulders) for ankle, hip in lines) / len(lines)


def _hips_above_knees(body: Body) -> float | None:
    """How far both hip joints stand above their knees in the picture (the lesser), in trunk lengths."""
    sides = sides_seen(body, "hip", "knee")
    if not sides:
        return None
    return min(body.floor_xy(body[f"{s}_hip"])[1] - body.floor_xy(body[f"{s}_knee"])[1] for s in sides)


def hips_down(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.HIPS_DOWN
    sides = sides_seen(body, "hip", "knee", "ankle")
    if view not in SIDE_ON or not sides:
        return unseen(name)
    seen = visibility_confidence(max(body.visibility(f"{s}_hip", f"{s}_knee") for s in sides))
    # The hip angle tells only for a bent leg: a straight leg lying flat opens it to 180 degrees too.
    bent = [
        s for s in sides if angle_at_deg(body[f"{s}_hip"], body[f"{s}_knee"], body[f"{s}_ankle"]) <= STRAIGHT_KNEE_DEG
    ]
    target = f"pelvis on the floor (hip angle at most {BRIDGE_HIP_MIN_DEG:.0f} deg)"
    lower = "lower your hips gently to the floor"
    if bent:
        hip_deg = max(angle_at_deg(body.shoulders, body[f"{s}_hip"], body[f"{s}_knee"]) for s in bent)
        above_feet = max(height_up(body, body[f"{s}_hip"]) - height_up(body, body[f"{s}_ankle"]) for s in bent)
        measured = f"hip angle {shown(hip_deg)} deg"
        above_line = max(
            body.height_above_line(body[f"{s}_ankle"], body[f"{s}_shoulder"], body[f"{s}_hip"]) for s in bent
        )
        line_tells = max(body.shoulder_width, body.hip_width) < BODY_LINE_MAX_WIDTH
        if line_tells and above_line > HIP_ABOVE_BODY_LINE_MIN:
            confidence = min(seen, margin_confidence(above_line - HIP_ABOVE_BODY_LINE_MIN, HIP_LINE_MARGIN))
            trunk_length_cm = trunk_cm(height_cm)
            measured = f"pelvis {shown(above_line * trunk_length_cm)} cm off the floor"
            raised_max = f"pelvis on the floor (at most {shown(HIP_ABOVE_BODY_LINE_MIN * trunk_length_cm)} cm up)"
            return adjust(name, measured, raised_max, lower, confidence)
        if shown(hip_deg) > BRIDGE_HIP_MIN_DEG:
            if above_feet > HIP_ABOVE_FEET_MIN:
                confidence = min(seen, margin_confidence(hip_deg - BRIDGE_HIP_MIN_DEG, HIP_MARGIN_DEG))
                return adjust(name, measured, target, lower, confidence)
            # An open hip angle with the pelvis no higher than the feet: legs set far out, not a bridge.
            measured = f"hip angle {shown(hip_deg)} deg, hips level with the feet"
            target = f"pelvis on the floor (hip angle at most {BRIDGE_HIP_MIN_DEG:.0f} deg, or level with the feet)"
        confidence = min(
            seen,
            margin_confidence(BRIDGE_HIP_MIN_DEG - hip_deg, HIP_MARGIN_DEG),
            margin_confidence(HIP_ABOVE_BODY_LINE_MIN - above_line, HIP_LINE_MARGIN) if line_tells else 1.0,
        )
        return ok(name, measured, target, confidence)
    slope = -body.shoulders_raised_deg  # positive when the hips are higher in the picture than the shoulders
    measured = f"hips {shown(max(slope, 0.0))} deg above the shoulders"
    target = f"pelvis on the floor (at most {BRIDGE_SLOPE_MIN_DEG:.0f} deg)"
    if shown(slope) > BRIDGE_SLOPE_MIN_DEG:
        return adjust(
            name, measured, target, lower, min(seen, margin_confidence(slope - BRIDGE_SLOPE_MIN_DEG, HIP_MARGIN_DEG))
        )
    return ok(name, measured, target, min(seen, margin_confidence(BRIDGE_SLOPE_MIN_DEG - slope, HIP_MARGIN_DEG)))
