"""The constructive rest position, criterion by criterion: pure functions of landmarks.

Each rule reads the body through `Body` (trunk lengths; picture up = ceiling in views from the side) and
returns `ok`, `adjust` (measured value, target, one instruction a person lying on the floor can follow) or
`not_visible` (with the camera placement that would tell). Thresholds are geometric, each with its reason,
next to the rule that uses it: trunk.py, legs.py, upper.py (arms and head), frame.py.
"""

from __future__ import annotations

from collections.abc import Callable

from crest.posture.body import Body
from crest.posture.landmarks import Pose
from crest.posture.result import CRITERION_NAMES, VIEWS, CheckResult, CriterionResult, View
from crest.posture.rules.frame import whole_body_visible
from crest.posture.rules.legs import feet_flat, heel_distance, knee_width, knees_bent
from crest.posture.rules.trunk import hips_down, lying_on_back
from crest.posture.rules.upper import arms_below_shoulders, head_level, head_resting
from crest.posture.views import detect_view

Rule = Callable[[Body, View, float | None], CriterionResult]

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
# The criteria that make the position itself; arms, head tilt, heels and knee width are adjustments within it.
POSITION_CRITERIA: tuple[str, ...] = ("lying_on_back", "knees_bent", "hips_down", "head_resting")


def evaluate(pose: Pose, height_cm: float | None = None, view: str = "auto") -> CheckResult:
    """Judge a body against every criterion; `view` overrides the detected camera view unless "auto"."""
    chosen_view: View = detect_view(pose) if view == "auto" else _as_view(view)
    body = Body.of(pose)
    results = {name: RULES[name](body, chosen_view, height_cm) for name in CRITERION_NAMES}
    criteria = tuple(results[name] for name in CRITERION_NAMES)
    recognized = (
        all(results[name].status == "ok" for name in POSITION_CRITERIA)
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
    for known in VIEWS:
        if view == known:
            return known
    raise ValueError(f"unknown view {view!r}")
