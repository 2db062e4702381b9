"""Shared pieces of the rules: verdict builders, confidence, rounding, where to put the camera, which legs show.

Confidence (0-1) is the lesser of two things: how clearly the model saw the landmarks a verdict rests on, and
how far the measure lies from its threshold, counted in the measure's own margin (what a few degrees of
camera angle or landmark jitter can move it by). A verdict at the threshold has confidence 0.5 at most.
"""

from __future__ import annotations

from crest.posture.body import SEEN, SIDES, Body
from crest.posture.landmarks import Landmark
from crest.posture.result import NEAR_THE_LIMIT, CriterionResult, Status, View

# Where to put the camera so that a criterion can be seen.
CAMERA_SIDE = "place the camera at your side, level with your hips, so it sees you from head to feet"
CAMERA_END = "place the camera beyond your feet, looking along your body"
CAMERA_WHOLE = "move the camera back until it sees you from head to feet"
CAMERA_HEAD = "place the camera at your side, level with your head, so it sees you from head to feet"
# The camera is at the side already, yet the face is not seen: hair, hands or a towel over it, or the head turned.
CAMERA_FACE = "keep the camera level with your head, with your ear and eye in view (hair or hands can hide them)"
CAMERA_HEAD_CLOSER = "bring the camera closer, at your side and level with your head, so your head shows larger"
# Views in which the picture's up is the ceiling: the side-on rules apply.
SIDE_ON: frozenset[View] = frozenset({"side", "oblique"})
END_ON: frozenset[View] = frozenset({"feet_end", "head_end"})
# Body proportions, to show measures in cm: trunk (shoulder joint to hip joint) and thigh against body height,
# for a person of typical height unless told theirs.
TRUNK_PER_HEIGHT = 0.29
THIGH_PER_HEIGHT = 0.245
TYPICAL_HEIGHT_CM = 170.0
# The model's visibility score: below 0.3 a landmark is a guess, from 0.7 it is plainly seen.
VISIBILITY_GUESS = 0.3
VISIBILITY_CLEAR = 0.7


def visibility_confidence(visibility: float) -> float:
    """0 for a guessed landmark, 1 for a plainly seen one, linear between."""
    return _clamp((visibility - VISIBILITY_GUESS) / (VISIBILITY_CLEAR - VISIBILITY_GUESS))


def trunk_cm(height_cm: float | None) -> float:
    """The trunk's length in cm, for a body of this height (or a typical one)."""
    return TRUNK_PER_HEIGHT * (height_cm if height_cm else TYPICAL_HEIGHT_CM)


def thigh_cm(height_cm: float | None) -> float:
    """The thigh's length in cm, for a body of this height (or a typical one)."""
    return THIGH_PER_HEIGHT * (height_cm if height_cm else TYPICAL_HEIGHT_CM)


def margin_confidence(distance: float, margin: float) -> float:
    """0.5 at the threshold, 1 one margin beyond it (on the verdict's side), less on the other side."""
    return _clamp(0.5 + 0.5 * distance / margin)


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def ok(name: str, measured: str | None = None, target: str | None = None, confidence: float = 1.0) -> CriterionResult:
    """The criterion is met."""
    return CriterionResult(name, Status.OK, measured, target, "", confidence)


def adjust(
    name: str, measured: str | None, target: str | None, advice: str, confidence: float = 1.0
) -> CriterionResult:
    """The criterion is missed: what was measured, the target, and one instruction."""
    return CriterionResult(name, Status.ADJUST, measured, target, advice, confidence)


def unseen(name: str, camera: str = CAMERA_SIDE) -> CriterionResult:
    """This picture does not show it; `camera` says where a camera would (or what to do first)."""
    return CriterionResult(name, Status.NOT_VISIBLE, None, None, camera, 0.0)


def unsure(name: str, measured: str, advice: str, doubt: str = NEAR_THE_LIMIT) -> CriterionResult:
    """The picture shows it, but the measure lies between "ok" and "adjust", where a few degrees of camera angle
    decide (or `doubt` says what else keeps it from telling): the check says it cannot tell rather than guess.
    Told apart from `unseen` by carrying what was measured; `advice` says what to do either way."""
    return CriterionResult(name, Status.NOT_VISIBLE, measured, None, advice, 0.0, doubt)


def is_unsure(result: CriterionResult) -> bool:
    """A verdict the picture showed but could not decide (see `unsure`)."""
    return result.status == Status.NOT_VISIBLE and result.measured is not None


def shown(value: float) -> int:
    """A measure as it is shown: whole units. Verdicts compare this shown value, so what is printed agrees
    with the verdict ("18 deg, target at most 18 deg" is ok, never adjust)."""
    return round(value)


def sides_seen(body: Body, *parts: str) -> list[str]:
    """Sides whose listed parts the model sees; else the better-seen side if it is at least half-guessed."""
    seen = [side for side in SIDES if body.seen(*(f"{side}_{part}" for part in parts))]
    if seen:
        return seen
    best = body.best_side(*parts)
    return [best] if body.visibility(*(f"{best}_{part}" for part in parts)) >= SEEN / 2 else []


def height_up(body: Body, point: Landmark) -> float:
    """Height above the hip joints in trunk lengths, with the picture's up as up."""
    return body.floor_xy(point)[1]
