"""Shared pieces of the rules: verdict builders, where to put the camera, which legs the model sees."""

from __future__ import annotations

from crest.posture.body import SEEN, SIDES, Body
from crest.posture.landmarks import Landmark
from crest.posture.result import CriterionResult, View

# Where to put the camera so that a criterion can be seen.
CAMERA_SIDE = "place the camera at your side, level with your hips, so it sees you from head to feet"
CAMERA_END = "place the camera beyond your feet, looking along your body"
CAMERA_WHOLE = "move the camera back until it sees you from head to feet"
CAMERA_HEAD = "place the camera at your side, level with your head, so it sees you from head to feet"
# Views in which the picture's up is the ceiling: the side-on rules apply.
SIDE_ON: frozenset[View] = frozenset({"side", "oblique"})


def ok(name: str, measured: str | None = None, target: str | None = None) -> CriterionResult:
    """The criterion is met."""
    return CriterionResult(name, "ok", measured, target, "")


def adjust(name: str, measured: str | None, target: str | None, advice: str) -> CriterionResult:
    """The criterion is missed: what was measured, the target, and one instruction."""
    return CriterionResult(name, "adjust", measured, target, advice)


def unseen(name: str, camera: str = CAMERA_SIDE) -> CriterionResult:
    """This picture cannot tell; `camera` says where a camera would."""
    return CriterionResult(name, "not_visible", None, None, camera)


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
