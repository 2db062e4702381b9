"""The legs: knees bent and pointing up with the feet down, feet flat, heels at the right distance, knee width.

In views from the side the picture's vertical is the floor's up: a foot on the floor sits about as high as the
hip joint (ankle 8 cm, hip joint 10 cm above the floor), whatever the pelvis or the trunk do, so "feet down" is
read from the ankle's height in the picture, never from the line through the shoulders and hips (which tips
with a bridge or a crunch).
"""

from __future__ import annotations

import math

from crest.posture.body import SEEN, SIDES, Body, angle_at_deg
from crest.posture.landmarks import Landmark
from crest.posture.result import CriterionResult, View
from crest.posture.rules.verdicts import (
    CAMERA_END,
    CAMERA_SIDE,
    END_ON,
    SIDE_ON,
    adjust,
    height_up,
    margin_confidence,
    ok,
    shown,
    sides_seen,
    thigh_cm,
    unseen,
    unsure,
    visibility_confidence,
)
from crest.posture.vocabulary import Criterion

# What knees bent up look like, as the check shows it beside a verdict that is not about the knee's angle.
POINTING_UP = "knees pointing up, feet on the floor"
KNEES_FALLEN_OUT = "knees fallen out to the sides"
# Knees: a leg opened past 150 degrees is straight; the position bends the knee to about 45-110 degrees.
STRAIGHT_KNEE_DEG = 150.0
KNEE_MARGIN_DEG = 10.0
# Seen end-on a knee pointing up folds the leg in the picture (hip and ankle both below the knee), while a
# straight leg stays a straight line whatever the camera angle; between 120 and 150 degrees it cannot be told.
END_BENT_MAX_DEG = 120.0
# Feet down, seen from the feet end: the feet, nearest the camera and on the floor, show at least 0.1 trunk
# lengths below the hip joints in the picture; lifted, they rise past them. From the head end the feet lie
# beyond the knees: on the floor they show below the knees, in the air above.
END_FEET_BELOW_HIP = 0.1
# Knees fallen out to the sides (butterfly), seen from an end or from above: with the hip joints 18 cm apart and
# 42 cm thighs, knees pointing up stand 1-1.5 hip widths apart (a little more from the feet end, where the knees
# are nearer the camera than the hips); thighs fallen out past 30 degrees put them more than 3 apart. Feet set
# wide also part the knees, so the knees must also stand more than twice as far apart as the ankles (soles
# together, as in the side view's KNEES_OUT_GAP_RATIO).
END_KNEES_OUT_HIP_WIDTHS = 3.0
KNEES_OUT_MARGIN = 0.5
# From above or from an end, a leg (hip to ankle) seen longer than 1.2 trunk lengths lies along the floor: its true
# length is about 1.8 trunk lengths, and a knee pointing up folds it to well under 1.2. Leg and trunk both lie along
# the floor, so a camera looking down on the body or along it shortens them alike, whatever its height.
LEG_SEEN_FLAT_MIN = 1.2
# Feet down: the ankle no higher than 0.3 trunk lengths (15 cm) above the hip joint in the picture. A foot on the
# floor sits 0-5 cm below the hip joint; the rest is the camera's tilt and height over a body 1.7 m long.
FOOT_LIFTED_MIN = 0.3
FOOT_MARGIN = 0.1
# A line from an ankle drawn up within half a trunk length of its hip (heels at the buttocks, legs folded) tips
# with a few pixels of landmark jitter: only longer legs give the floor's line.
LEG_LINE_MIN = 0.5
# Thighs folded past upright towards the chest: the knee lies on the head's side of the hip joint (measured
# along the floor, so a lifted trunk does not count). 0.1 trunk lengths (5 cm) of landmark jitter allowed.
KNEES_TO_CHEST_MIN = 0.1
KNEE_X_MARGIN = 0.1
# A knee pointing up rises above the floor: in the position a third to two thirds of a trunk length above the
# lower of the hip joint and the ankle (the hip rises in a bridge, the foot stays down). Under 0.15 trunk
# lengths the knee has dropped to the side (or the leg lies flat).
KNEE_UP_MIN = 0.15
KNEE_UP_MARGIN = 0.1
# A leg standing in its own vertical plane, foot on the floor, raises the shin by about half of what the knee
# bends: (180 - knee angle) / 2 (hip and foot at floor level; more when the hip is lifted). A shin seen 25
# degrees flatter than that has fallen out to the side (butterfly, knees dropped): the knee bends but no
# longer points up.
DROPPED_SHIN_DEG = 25.0
# Knees fallen out with the soles together (butterfly): seen from the side the knees stand apart in the
# picture (one towards the camera, one away) while the feet touch. Knees more than twice as far apart as the
# ankles and as the hip joints (which show how far round the camera is), and at least a quarter trunk length
# (12 cm) apart, cannot both point up.
KNEES_OUT_GAP_RATIO = 2.0
KNEES_OUT_MIN_GAP = 0.25
# Feet: a sole flat on the floor, seen by a camera up to 30 degrees above the floor with heel and toe landmarks
# wandering 2-3 cm over a 20-25 cm foot, shows a heel-to-toe line up to about 35 degrees steep; a foot on its heel
# or its toes shows 50 degrees and more. Steeper than 45 is not a flat sole.
FLAT_FOOT_MAX_DEG = 45.0
# A shin rising less than 0.2 trunk lengths from ankle to knee lies along the floor.
SHIN_RISE_MIN = 0.2
# Heels: the target is heels 30-40 cm from the buttocks; measured from the hip joint that is 0.7-1.15 thigh
# lengths (knee bent to about 45-75 degrees). Thigh and shin are about as long as each other (0.245 and 0.246
# of body height, Winter, Biomechanics and Motor Control of Human Movement), so their mean in the picture is a
# yardstick that holds at any camera distance.
HEEL_OK_THIGHS = (0.7, 1.15)
BUTTOCKS_CM = (30, 40)  # the facts' words for HEEL_OK_THIGHS, for a typical adult
HEEL_MARGIN_THIGHS = 0.15
# The hip joint and heel landmarks each wander by 2-3 cm and the thigh yardstick by as much, so a measure within
# 0.1 thigh lengths (4 cm) of that range cannot show the heels to be out of it: the check asks for a change only
# beyond, and says "ok, not sure" between.
HEEL_TOLERANCE_THIGHS = 0.1
# Thigh and shin seen within a third of each other's length: the leg faces the camera. Beyond, one of them
# points towards the camera and distances along the floor cannot be read.
LEG_FACING_MAX_RATIO = 1.33
# Heel distance is read only with the camera near square to the side: a trunk seen narrower than 0.45 of its
# length (camera within about 30 degrees of the side); further round, distances along the body shrink.
HEEL_VIEW_MAX_WIDTH = 0.45
# Knee width: knee gap against hip-joint width; hip-width apart is about 1.
KNEE_GAP_HIP_WIDTHS = (0.6, 2.0)
KNEE_GAP_MARGIN = 0.3


def knees_bent(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.KNEES_BENT
    sides = sides_seen(body, "hip", "knee", "ankle")
    if not sides or view == "unknown":
        return unseen(name)
    angles = {side: _knee_angle(body, side) for side in sides}
    seen = visibility_confidence(max(body.visibility(f"{s}_hip", f"{s}_knee", f"{s}_ankle") for s in sides))
    measured = "knees " + " / ".join(f"{shown(angles[side])} deg" for side in sides)
    # The target names the limit the verdict compares (how far to bend is heel_distance's to say). A knee bent
    # within it but not pointing up, or its foot off the floor, is shown as what was seen in words: its angle,
    # within the limit, would read as a reason to pass.
    most_deg = STRAIGHT_KNEE_DEG if view in SIDE_ON else END_BENT_MAX_DEG
    bent = f"bent (at most {most_deg:.0f} deg)"
    target = f"{bent}, {POINTING_UP}"
    if view in SIDE_ON and body.visibility("left_knee", "right_knee", "left_ankle", "right_ankle") >= SEEN / 2:
        # Checked before straightness: a knee fallen out towards the camera can look like a straight leg. The
        # far leg is often half hidden from the side; half-seen knees still show how far apart they are.
        knees_gap = body.length("left_knee", "right_knee")
        others_gap = max(body.length("left_ankle", "right_ankle"), body.hip_width)
        out = knees_gap - max(KNEES_OUT_GAP_RATIO * others_gap, KNEES_OUT_MIN_GAP)
        if out > 0:
            advice = "bring your knees up towards each other, pointing to the ceiling"
            confidence = min(seen, margin_confidence(out, KNEE_UP_MARGIN))
            return adjust(name, KNEES_FALLEN_OUT, POINTING_UP, advice, confidence)
    straight = [side for side in sides if _straight(body, view, side, angles[side])]
    if straight:
        advice = "bend your knees and stand your feet on the floor"
        if len(straight) < len(sides):
            advice = f"bend your {straight[0]} knee too and stand that foot on the floor"
        margin = min(margin_confidence(angles[side] - STRAIGHT_KNEE_DEG, KNEE_MARGIN_DEG) for side in straight)
        # Straight is judged against 150 degrees from every view (from an end, 120-150 is left unsure below).
        return adjust(name, measured, f"bent (at most {STRAIGHT_KNEE_DEG:.0f} deg)", advice, min(seen, margin))
    fallen_out = _knees_fallen_out(body)
    if view not in SIDE_ON and fallen_out > 0:
        advice = "bring your knees up towards each other, pointing to the ceiling"
        confidence = min(seen, margin_confidence(fallen_out, KNEES_OUT_MARGIN))
        return adjust(name, KNEES_FALLEN_OUT, POINTING_UP, advice, confidence)
    if view in END_ON:
        folded = max(angles.values())
        if shown(folded) > END_BENT_MAX_DEG:
            return unsure(name, measured, CAMERA_SIDE)
        lifted = [side for side in sides if _end_feet_lifted(body, view, side)]
        if lifted:
            off = "feet" if len(lifted) > 1 else f"{lifted[0]} foot"
            advice = "lower your feet to the floor, knees pointing up"
            return adjust(name, f"{off} off the floor", POINTING_UP, advice, min(seen, 0.75))
        return ok(name, measured, target, min(seen, margin_confidence(END_BENT_MAX_DEG - folded, KNEE_MARGIN_DEG)))
    if view not in SIDE_ON:
        # From above, a knee pointing up folds the leg as seen from an end; feet on the floor and feet lifted
        # look alike, so bent knees are as much as can be told.
        folded = max(angles.values())
        if shown(folded) > END_BENT_MAX_DEG:
            return unsure(name, measured, CAMERA_SIDE)
        return ok(name, measured, target, min(seen, 0.6))
    confidence = min(seen, *(margin_confidence(STRAIGHT_KNEE_DEG - a, KNEE_MARGIN_DEG) for a in angles.values()))
    for side in sides:
        problem = _leg_problem(body, side, angles[side])
        if problem is not None:
            seen_instead, advice, margin = problem
            return adjust(name, f"{side} {seen_instead}", POINTING_UP, advice, min(seen, margin))
        confidence = min(confidence, _leg_margin(body, side, angles[side]))
    return ok(name, measured, target, confidence)


def _knees_fallen_out(body: Body) -> float:
    """How far the knees stand beyond what knees pointing up allow, in hip widths; negative when within."""
    if not body.seen("left_knee", "right_knee", "left_hip", "right_hip", "left_ankle", "right_ankle"):
        return -1.0
    knees_gap = body.length("left_knee", "right_knee")
    if knees_gap <= KNEES_OUT_GAP_RATIO * body.length("left_ankle", "right_ankle"):
        return -1.0
    return knees_gap / max(body.hip_width, 1e-6) - END_KNEES_OUT_HIP_WIDTHS


def _end_feet_lifted(body: Body, view: View, side: str) -> bool:
    ankle, knee, hip = (body[f"{side}_{part}"] for part in ("ankle", "knee", "hip"))
    if view == "feet_end":
        return (hip.y - ankle.y) / body.trunk_px > -END_FEET_BELOW_HIP
    return ankle.y < knee.y


def _straight(body: Body, view: View, side: str, angle_deg: float) -> bool:
    if shown(angle_deg) <= STRAIGHT_KNEE_DEG:
        return False
    # From above, or from high at an end, a knee pointing up lines up with the hip and the ankle in the picture:
    # only a leg seen nearly at its full length (against the trunk) can show that it is straight.
    return view in SIDE_ON or body.length(f"{side}_hip", f"{side}_ankle") > LEG_SEEN_FLAT_MIN


def _leg_problem(body: Body, side: str, knee_deg: float) -> tuple[str, str, float] | None:
    """What keeps a bent leg from the position, seen from the side: what was seen instead (after the side's name),
    what to do, and how sure that is."""
    ankle = body[f"{side}_ankle"]
    lower_feet = "lower your feet to the floor, knees pointing up"
    point_up = "let your knees point up to the ceiling"
    ankle_up = height_up(body, ankle)
    if ankle_up > FOOT_LIFTED_MIN:
        return "foot off the floor", lower_feet, margin_confidence(ankle_up - FOOT_LIFTED_MIN, FOOT_MARGIN)
    to_chest = _knee_towards_head(body, side)
    if to_chest > KNEES_TO_CHEST_MIN:
        return (
            "knee drawn towards the chest",
            lower_feet,
            margin_confidence(to_chest - KNEES_TO_CHEST_MIN, KNEE_X_MARGIN),
        )
    knee_rise = _knee_rise(body, side)
    if knee_rise < KNEE_UP_MIN:
        return "knee down near the floor", point_up, margin_confidence(KNEE_UP_MIN - knee_rise, KNEE_UP_MARGIN)
    flatter = _shin_flatter_deg(body, side, knee_deg)
    if flatter > DROPPED_SHIN_DEG:
        return "knee fallen out to the side", point_up, margin_confidence(flatter - DROPPED_SHIN_DEG, KNEE_MARGIN_DEG)
    return None


def _leg_margin(body: Body, side: str, knee_deg: float) -> float:
    """How far a leg in the position is from each way out of it, as a confidence."""
    return min(
        margin_confidence(FOOT_LIFTED_MIN - height_up(body, body[f"{side}_ankle"]), FOOT_MARGIN),
        margin_confidence(KNEES_TO_CHEST_MIN - _knee_towards_head(body, side), KNEE_X_MARGIN),
        margin_confidence(_knee_rise(body, side) - KNEE_UP_MIN, KNEE_UP_MARGIN),
        margin_confidence(DROPPED_SHIN_DEG - _shin_flatter_deg(body, side, knee_deg), KNEE_MARGIN_DEG),
    )


def _knee_towards_head(body: Body, side: str) -> float:
    """How far the knee lies beyond the hip joint towards the head, along the floor, in trunk lengths."""
    hip_x, _ = body.floor_xy(body[f"{side}_hip"])
    knee_x, _ = body.floor_xy(body[f"{side}_knee"])
    return hip_x - knee_x


def _knee_rise(body: Body, side: str) -> float:
    """Knee height above the lower of the hip joint and the ankle, in trunk lengths."""
    hip, knee, ankle = (height_up(body, body[f"{side}_{part}"]) for part in ("hip", "knee", "ankle"))
    return knee - min(hip, ankle)


def _shin_flatter_deg(body: Body, side: str, knee_deg: float) -> float:
    """How much flatter the shin lies in the picture than in a leg standing in its own vertical plane."""
    knee_x, knee_up = body.floor_xy(body[f"{side}_knee"])
    ankle_x, ankle_up = body.floor_xy(body[f"{side}_ankle"])
    rise_deg = math.degrees(math.atan2(knee_up - ankle_up, abs(knee_x - ankle_x) + 1e-9))
    return (180.0 - knee_deg) / 2.0 - rise_deg


def _knee_angle(body: Body, side: str) -> float:
    return angle_at_deg(body[f"{side}_hip"], body[f"{side}_knee"], body[f"{side}_ankle"])


def floor_lines(body: Body) -> list[tuple[Landmark, Landmark]]:
    """(ankle, hip joint) of each leg that gives the floor's line: its foot down and far enough from the hip.

    Ankle (8 cm up) and hip joint (10 cm up) both lie just above the floor whether the person lies or sits, and a
    straight line stays straight in any photo, so the line through them is the floor's line whatever the
    camera's tilt or height, where the picture's horizontal is the floor's only for a level camera.
    """
    return [
        (body[f"{s}_ankle"], body[f"{s}_hip"])
        for s in SIDES
        if height_up(body, body[f"{s}_ankle"]) <= FOOT_LIFTED_MIN
        and body.length(f"{s}_ankle", f"{s}_hip") >= LEG_LINE_MIN
    ]


def feet_flat(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.FEET_FLAT
    sides = sides_seen(body, "heel", "foot_index", "ankle")
    if view not in SIDE_ON or not sides:
        return unseen(name)
    target = "soles on the floor"
    seen = visibility_confidence(max(body.visibility(f"{s}_heel", f"{s}_foot_index") for s in sides))
    tilts_deg: list[float] = []
    confidence = seen
    for side in sides:
        heel, toe, knee, ankle = (body[f"{side}_{part}"] for part in ("heel", "foot_index", "knee", "ankle"))
        heel_x, heel_up = body.floor_xy(heel)
        toe_x, toe_up = body.floor_xy(toe)
        lifted = max(heel_up, height_up(body, ankle))
        if lifted > FOOT_LIFTED_MIN:
            return adjust(
                name,
                f"{side} heel off the floor",
                target,
                "rest both feet on the floor",
                min(seen, margin_confidence(lifted - FOOT_LIFTED_MIN, FOOT_MARGIN)),
            )
        shin_rise = height_up(body, knee) - height_up(body, ankle)
        if shin_rise < SHIN_RISE_MIN:
            return adjust(
                name,
                f"{side} leg along the floor",
                target,
                "bend your knees and set your soles on the floor",
                min(seen, margin_confidence(SHIN_RISE_MIN - shin_rise, FOOT_MARGIN)),
            )
        foot_deg = abs(math.degrees(math.atan2(toe_up - heel_up, abs(toe_x - heel_x) + 1e-9)))
        confidence = min(confidence, margin_confidence(FOOT_LIFTED_MIN - lifted, FOOT_MARGIN))
        if view != "side":
            # Seen at a slant the sole points partly at the camera and its tilt cannot be read; a heel or
            # an ankle off the floor still shows.
            continue
        if shown(foot_deg) > FLAT_FOOT_MAX_DEG:
            return adjust(
                name,
                f"{side} foot tilted {shown(foot_deg)} deg",
                target,
                "let your soles rest flat on the floor",
                min(seen, margin_confidence(foot_deg - FLAT_FOOT_MAX_DEG, KNEE_MARGIN_DEG)),
            )
        tilts_deg.append(foot_deg)
        confidence = min(confidence, margin_confidence(FLAT_FOOT_MAX_DEG - foot_deg, KNEE_MARGIN_DEG))
    if not tilts_deg:
        return ok(name, "heels down", target, confidence)
    return ok(
        name, f"feet tilted {shown(max(tilts_deg))} deg", f"{target} (at most {FLAT_FOOT_MAX_DEG:.0f} deg)", confidence
    )


def _from_the_buttocks_cm(thighs: float) -> float:
    """Heels `thighs` thigh lengths from the hip joint, said from the buttocks for a typical adult: the rule's
    range (HEEL_OK_THIGHS) is the facts' 30-40 cm, so the words follow that equivalence, straight between its ends
    (the rule's thresholds, which the measured photos depend on, stay as they are)."""
    (low, high), (low_cm, high_cm) = HEEL_OK_THIGHS, BUTTOCKS_CM
    return low_cm + (thighs - low) / (high - low) * (high_cm - low_cm)


def heel_distance(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.HEEL_DISTANCE
    if view not in SIDE_ON or max(body.shoulder_width, body.hip_width) >= HEEL_VIEW_MAX_WIDTH:
        return unseen(name)
    sides = [side for side in sides_seen(body, "hip", "knee", "ankle", "heel") if _leg_faces_camera(body, side)]
    if not sides:
        return unseen(name)
    side = max(sides, key=lambda s: body.visibility(f"{s}_hip", f"{s}_knee", f"{s}_heel"))
    hip, knee, ankle, heel = (body[f"{side}_{part}"] for part in ("hip", "knee", "ankle", "heel"))
    if (
        max(height_up(body, heel), height_up(body, ankle)) > FOOT_LIFTED_MIN
        or _knee_angle(body, side) > STRAIGHT_KNEE_DEG
    ):
        return unseen(name, "rest your feet on the floor, knees bent, so the distance can be measured")
    leg_px = (hip.distance_to(knee) + knee.distance_to(ankle)) / 2
    thighs = hip.distance_to(heel) / max(leg_px, 1e-6)
    thigh_length_cm = thigh_cm(height_cm)
    distance_cm = shown(thighs * thigh_length_cm)
    low, high = HEEL_OK_THIGHS[0] - HEEL_TOLERANCE_THIGHS, HEEL_OK_THIGHS[1] + HEEL_TOLERANCE_THIGHS
    low_cm, high_cm = shown(low * thigh_length_cm), shown(high * thigh_length_cm)
    # Measured from the hip joint, which the heels' 30-40 cm from the buttocks puts further off: both say so.
    measured = f"heels {distance_cm} cm from the hip joint"
    target = f"{low_cm}-{high_cm} cm from the hip joint"
    if height_cm is None:
        # The facts' figure is for a typical adult; a given height has its own range, which that figure would
        # contradict. Beside it, the measure in its terms too, read through the rule's own equivalence
        # (HEEL_OK_THIGHS is 30-40 cm from the buttocks): "49 cm from the hip joint" alone, beside "30-40 cm",
        # read as out of the range to someone who knows the 30-40 cm, though the verdict was OK.
        target += f" (heels {BUTTOCKS_CM[0]}-{BUTTOCKS_CM[1]} cm from the buttocks)"
        measured += f", {shown(_from_the_buttocks_cm(thighs))} cm from the buttocks"
    seen = visibility_confidence(body.visibility(f"{side}_hip", f"{side}_knee", f"{side}_heel"))
    # Advice aims at the middle of the range the facts give, not at the edge of what is let pass.
    middle_cm = sum(HEEL_OK_THIGHS) / 2 * thigh_length_cm
    if distance_cm > high_cm:
        confidence = min(seen, margin_confidence(thighs - high, HEEL_MARGIN_THIGHS))
        return adjust(
            name, measured, target, f"slide your heels about {_round5(distance_cm - middle_cm)} cm closer", confidence
        )
    if distance_cm < low_cm:
        confidence = min(seen, margin_confidence(low - thighs, HEEL_MARGIN_THIGHS))
        return adjust(
            name, measured, target, f"slide your heels about {_round5(middle_cm - distance_cm)} cm away", confidence
        )
    inside = min(thighs - low, high - thighs)
    return ok(name, measured, target, min(seen, margin_confidence(inside, HEEL_MARGIN_THIGHS)))


def _leg_faces_camera(body: Body, side: str) -> bool:
    thigh = body.length(f"{side}_hip", f"{side}_knee")
    shin = body.length(f"{side}_knee", f"{side}_ankle")
    return max(thigh, shin) <= LEG_FACING_MAX_RATIO * min(thigh, shin)


def _round5(centimetres: float) -> int:
    return max(5, round(centimetres / 5.0) * 5)


def knee_width(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.KNEE_WIDTH
    if view not in (*END_ON, "above"):
        return unseen(name, CAMERA_END)
    if not body.seen("left_knee", "right_knee", "left_hip", "right_hip"):
        return unseen(name, CAMERA_END)
    hip_width = max(body.hip_width, 1e-6)
    knee_gap = body.length("left_knee", "right_knee") / hip_width
    shown_gap = round(knee_gap, 1)
    measured = f"knees {shown_gap:.1f} hip widths apart"
    low, high = KNEE_GAP_HIP_WIDTHS
    target = f"about 1 hip width ({low:.1f}-{high:.1f})"
    seen = visibility_confidence(body.visibility("left_knee", "right_knee", "left_hip", "right_hip"))
    if shown_gap < low:
        confidence = min(seen, margin_confidence(low - knee_gap, KNEE_GAP_MARGIN))
        return adjust(name, measured, target, "let your knees and feet move apart to hip width", confidence)
    if shown_gap > high:
        confidence = min(seen, margin_confidence(knee_gap - high, KNEE_GAP_MARGIN))
        return adjust(name, measured, target, "bring your knees closer, about hip width apart", confidence)
    return ok(
        name, measured, target, min(seen, margin_confidence(min(knee_gap - low, high - knee_gap), KNEE_GAP_MARGIN))
    )
