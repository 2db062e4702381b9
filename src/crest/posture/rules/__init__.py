"""The constructive rest position, criterion by criterion: pure functions of landmarks.

Each rule reads the body through `Body` (trunk lengths; picture up = ceiling in views from the side) and
returns `ok`, `adjust` (measured value, target, one instruction a person lying on the floor can follow) or
`not_visible` (with the camera placement that would tell), each with a confidence. Thresholds are geometric,
each with its reason, next to the rule that uses it: trunk.py, legs.py, upper.py (arms and head), frame.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from crest.posture.body import Body
from crest.posture.landmarks import Pose
from crest.posture.result import AS_FAR_AS_SEEN, ON_BACK_FIRST, CheckResult, CriterionResult, Status, View
from crest.posture.rules.frame import whole_body_visible
from crest.posture.rules.legs import feet_flat, heel_distance, knee_width, knees_bent
from crest.posture.rules.trunk import hips_down, lying_on_back
from crest.posture.rules.upper import arms_below_shoulders, head_level, head_resting
from crest.posture.rules.verdicts import CAMERA_WHOLE, is_unsure, unseen
from crest.posture.views import detect_view
from crest.posture.vocabulary import VIEWS, Criterion, criterion_label

Rule = Callable[[Body, View, float | None], CriterionResult]

RULES: Mapping[Criterion, Rule] = {
    Criterion.WHOLE_BODY_VISIBLE: whole_body_visible,
    Criterion.LYING_ON_BACK: lying_on_back,
    Criterion.KNEES_BENT: knees_bent,
    Criterion.FEET_FLAT: feet_flat,
    Criterion.HIPS_DOWN: hips_down,
    Criterion.HEEL_DISTANCE: heel_distance,
    Criterion.KNEE_WIDTH: knee_width,
    Criterion.ARMS_BELOW_SHOULDERS: arms_below_shoulders,
    Criterion.HEAD_RESTING: head_resting,
    Criterion.HEAD_LEVEL: head_level,
}
# The criteria that make the position; arms, head tilt, heels and knee width are adjustments within it.
POSITION_CRITERIA: tuple[Criterion, ...] = (
    Criterion.LYING_ON_BACK,
    Criterion.KNEES_BENT,
    Criterion.FEET_FLAT,
    Criterion.HIPS_DOWN,
    Criterion.HEAD_RESTING,
)
# What must be seen to recognise the position at all; the rest counts when seen.
ESSENTIAL_CRITERIA: tuple[Criterion, ...] = (Criterion.LYING_ON_BACK, Criterion.KNEES_BENT)
# From the head end the legs lie beyond the trunk and the pelvis, which hide them from the model (it rates them
# 0.05-0.1 there), as the head hides from the feet end: legs it does not see there are not in the picture.
HIDDEN_BY_THE_BODY: Mapping[View, tuple[Criterion, ...]] = {"head_end": (Criterion.KNEES_BENT,)}
# The order of importance in which the summary names what to change, and a video's moment the changes in it:
# the position itself first, in the order the protocol's setup builds it (lie on your back; knees up, feet flat;
# the pelvis and the head resting on the floor), then the finer points within it (heels, knee width, arms, head
# tilt), then the camera. A straight leg seen from the feet end is named before the knees' width, and a crunch
# is told about its head before its heels.
HEADLINE_ORDER: tuple[Criterion, ...] = (
    Criterion.LYING_ON_BACK,
    Criterion.KNEES_BENT,
    Criterion.FEET_FLAT,
    Criterion.HIPS_DOWN,
    Criterion.HEAD_RESTING,
    Criterion.HEEL_DISTANCE,
    Criterion.KNEE_WIDTH,
    Criterion.ARMS_BELOW_SHOULDERS,
    Criterion.HEAD_LEVEL,
    Criterion.WHOLE_BODY_VISIBLE,
)
# Recognised with a position criterion unseen (from an end, from above, the head hidden): this sure at most.
UNSEEN_POSITION_CONFIDENCE = 0.6
# Not recognised because a position criterion was seen but could not be decided: as sure as a coin.
UNSURE_POSITION_CONFIDENCE = 0.5
# The summary with nothing to change and nothing unseen (a video's review adds nothing to its share then).
IN_POSITION_SUMMARY = "You are in the constructive rest position. Rest and let the floor hold you."


def evaluate(pose: Pose, height_cm: float | None = None, view: str = "auto") -> CheckResult:
    """Judge a body against every criterion; `view` overrides the detected camera view unless "auto"."""
    chosen_view: View = detect_view(pose) if view == "auto" else _as_view(view)
    body = Body.of(pose)
    results = {name: rule(body, chosen_view, height_cm) for name, rule in RULES.items()}
    lying = results[Criterion.LYING_ON_BACK]
    if lying.status == Status.ADJUST or is_unsure(lying):
        # Every other criterion assumes a person on the back: judged on someone face down, or in a photo on its
        # side, they mislead.
        for name in results:
            if name not in (Criterion.LYING_ON_BACK, Criterion.WHOLE_BODY_VISIBLE):
                results[name] = unseen(name, ON_BACK_FIRST)
    if any(result.advice == CAMERA_WHOLE and result.status != Status.OK for result in results.values()):
        # The body is not all in the picture: moving the camera back comes first, and a criterion the picture
        # does not show says so too, rather than send the person to place the camera elsewhere at the same time.
        for name, result in results.items():
            if result.status == Status.NOT_VISIBLE and not is_unsure(result) and result.advice != ON_BACK_FIRST:
                results[name] = unseen(name, CAMERA_WHOLE)
    criteria = tuple(results[name] for name in Criterion)
    recognized, confidence = recognition(results, chosen_view)
    return CheckResult(recognized, chosen_view, criteria, summarize(recognized, criteria), pose, confidence)


def recognition(results: Mapping[Criterion, CriterionResult], view: View) -> tuple[bool, float]:
    """Whether the position is there, judged on what the picture shows, and how sure that is.

    What a person lying on the floor wants to hear: "you are in the position" only when what the picture shows
    supports it. So a criterion of the position that is clearly missed, or one the check saw but could not decide
    (a head 12-22 cm up may rest on a thick towel or be held up), withholds it; one the picture does not show at
    all (the head from the feet end) does not, since the person cannot be faulted for the camera: they hear that
    they are in the position as far as the picture shows, less surely, and where to put the camera to see the
    rest. Lying on the back and the knees bent up are the position itself: without seeing them, nothing is
    recognised, unless the camera's place hides them behind the body (the legs from the head end).
    """
    position = [results[name] for name in POSITION_CRITERIA]
    adjusting = [result for result in position if result.status == Status.ADJUST]
    if adjusting:
        return False, max(result.confidence for result in adjusting)
    hidden = HIDDEN_BY_THE_BODY.get(view, ())
    for name in ESSENTIAL_CRITERIA:
        result = results[name]
        if result.status != Status.OK and not (name in hidden and result.status == Status.NOT_VISIBLE):
            return False, 0.0
    if any(is_unsure(result) for result in position):
        return False, UNSURE_POSITION_CONFIDENCE
    confidence = min(result.confidence for result in position if result.status == Status.OK)
    if any(result.status == Status.NOT_VISIBLE for result in position):
        confidence = min(confidence, UNSEEN_POSITION_CONFIDENCE)
    return True, confidence


def summarize(recognized: bool, criteria: tuple[CriterionResult, ...]) -> str:
    """One calm line: where the person stands and the first thing to change, the surest first."""
    by_name = {result.name: result for result in criteria}
    ordered = [by_name[name] for name in HEADLINE_ORDER if name in by_name]
    to_adjust = [result for result in ordered if result.status == Status.ADJUST]
    # What keeps the person out of the position comes before adjustments within it (a crunch hears about its head
    # before its arms), and within each, what the check is sure of first.
    position = [result for result in to_adjust if result.name in POSITION_CRITERIA]
    group = position or to_adjust
    first = next(iter([result for result in group if result.sure] or group), None)
    hedge = "" if first is None or first.sure else "perhaps "
    unseen_position = [
        result
        for result in ordered
        if result.name in POSITION_CRITERIA and result.status == Status.NOT_VISIBLE and result.advice
    ]
    if recognized and first is None and unseen_position:
        # Which parts of the position the picture leaves out, and one place for the camera that shows them all
        # (at the side, head to feet), rather than a vague "as far as this picture shows".
        unseen = ", ".join(criterion_label(result.name).lower() for result in unseen_position)
        return f"{AS_FAR_AS_SEEN} Can't tell from here: {unseen}; {unseen_position[0].advice}."
    if recognized and first is None:
        return IN_POSITION_SUMMARY
    if recognized and first is not None:
        return f"Constructive rest position, nearly: {hedge}{first.advice}."
    # A part of the position seen but not decided (a head 12-22 cm up: resting on a towel, or held up in a
    # crunch?) is what withholds the position: it comes before adjustments within it (the heels).
    undecided = next((result for result in ordered if result.name in POSITION_CRITERIA and is_unsure(result)), None)
    if not position and undecided is not None:
        return f"Can't tell from here: {undecided.advice}."
    if first is not None:
        return f"Not quite the constructive rest position yet: {hedge}{first.advice}."
    unseen_any = next(
        (result for result in ordered if result.status == Status.NOT_VISIBLE and result.advice != ON_BACK_FIRST),
        None,
    )
    advice = unseen_any.advice if unseen_any is not None else ON_BACK_FIRST
    return f"Can't tell from here: {advice}."


def _as_view(view: str) -> View:
    for known in VIEWS:
        if view == known:
            return known
    raise ValueError(f"unknown view {view!r}")
