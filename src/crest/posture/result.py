"""What a position check returns: one verdict per criterion with how sure it is, the camera view, a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from crest.posture.landmarks import Pose
from crest.posture.vocabulary import VIEWS, Criterion, Status, View

__all__ = [
    "AS_FAR_AS_SEEN",
    "CRITERION_NAMES",
    "ON_BACK_FIRST",
    "SURE",
    "VIEWS",
    "CheckResult",
    "CriterionResult",
    "Status",
    "View",
]

# The fixed criterion names, in the order a person would fix them (tools rely on these names).
CRITERION_NAMES: tuple[str, ...] = tuple(str(criterion) for criterion in Criterion)
# A verdict at least this sure is stated plainly; below it the check says it is not sure. Measured on the
# labelled photos (bench/eval_photos.py): verdicts under 0.75 agree with the labels about 3 times in 4, those
# above about 19 times in 20.
SURE = 0.75
# Criteria that assume the person lies on the back say this when they do not: the reason is the position, not
# the camera, so its line does not begin "can't tell from here" (which sends people to move the camera).
ON_BACK_FIRST = "checked once you are lying on your back"
# How a summary begins that says the position is there with parts the picture does not show: it names them, so
# it says the doubt itself, and no door adds a vaguer "not sure" to it.
AS_FAR_AS_SEEN = "You are in the constructive rest position as far as this picture shows."
# Said after the measure of a criterion that measured something yet cannot tell: why (by default, the measure lies
# where a few degrees of camera angle decide).
NEAR_THE_LIMIT = "too near the limit to tell from this angle"
# Said under a check whose distances in cm take a typical adult's height, none being set: the same photo gave
# heels 35 cm from the hip joint for 150 cm, 40 cm for none and 46 cm for 195 cm.
TYPICAL_HEIGHT_NOTE = "Distances in cm are for a typical adult height; set your height in Settings for your own."
# A distance in whole cm other than 0 (which is 0 at any height).
DISTANCE_CM = re.compile(r"\b([1-9][0-9]*) cm\b")


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's verdict.

    `measured` and `target` are short readable values with units ("52 cm", "165 deg"), rounded as shown and
    compared as shown; `advice` is one instruction for `adjust`, the camera placement that would tell for
    `not_visible`, and empty for `ok`. `confidence` (0-1) says how sure the verdict is, from how clearly the
    model saw the body parts it rests on and how far the measure is from its threshold; 0 for `not_visible`.
    `doubt` says why a criterion that measured something cannot tell (see `measured_line`).
    """

    name: str
    status: Status
    measured: str | None = None
    target: str | None = None
    advice: str = ""
    confidence: float = 1.0
    doubt: str = NEAR_THE_LIMIT

    @property
    def sure(self) -> bool:
        return self.status != Status.NOT_VISIBLE and self.confidence >= SURE

    @property
    def advice_line(self) -> str:
        """The advice as every door shows it: for a criterion not judged, why, then what would tell."""
        if self.status != Status.NOT_VISIBLE or not self.advice:
            return self.advice
        if self.advice == ON_BACK_FIRST:
            return f"not judged yet: {self.advice}"
        return f"can't tell from here: {self.advice}"

    @property
    def measured_line(self) -> str | None:
        """The measure as every door shows it. A criterion that can't tell though it measured something (the
        measure lies too near the limit, where the camera's angle decides, or the picture may be turned) says why,
        rather than show a measure as if it were judged beside "can't tell"."""
        if self.measured is None or self.status != Status.NOT_VISIBLE:
            return self.measured
        return f"{self.measured}: {self.doubt}"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": str(self.status),
            "measured": self.measured,
            "measured_line": self.measured_line,
            "target": self.target,
            "advice": self.advice,
            "advice_line": self.advice_line,
            "confidence": round(self.confidence, 2),
        }


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one picture (or one moment of a video)."""

    pose_recognized: bool
    view: View
    criteria: tuple[CriterionResult, ...]
    summary: str
    landmarks: Pose | None = None
    confidence: float = 1.0  # how sure `pose_recognized` is

    @property
    def position_status(self) -> Status:
        """The position as one criterion's status: ok, adjust (something seen is off), or not visible when
        nothing seen is off but the picture does not show enough to say "in the position"."""
        if self.pose_recognized:
            return Status.OK
        if any(result.status == Status.ADJUST for result in self.criteria):
            return Status.ADJUST
        return Status.NOT_VISIBLE

    @property
    def nearly(self) -> bool:
        """In the position, with something seen to change within it (arms overhead): "nearly", as the summary
        says it ("Constructive rest position, nearly: ..."), so no door says a plain "yes" beside it."""
        return self.pose_recognized and any(result.status == Status.ADJUST for result in self.criteria)

    @property
    def not_sure(self) -> bool:
        """In the position, less than sure, and the summary does not already say what it could not tell: every door
        then adds "not sure" to the verdict. A summary that names the parts the picture does not show is the
        doubt, said once (the confidence stays in the JSON)."""
        return self.pose_recognized and self.confidence < SURE and not self.summary.startswith(AS_FAR_AS_SEEN)

    def criterion(self, name: str) -> CriterionResult:
        for result in self.criteria:
            if result.name == name:
                return result
        raise KeyError(name)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "pose_recognized": self.pose_recognized,
            "confidence": round(self.confidence, 2),
            "not_sure": self.not_sure,
            "view": self.view,
            "criteria": [result.to_json_dict() for result in self.criteria],
            "summary": self.summary,
            "landmarks": None if self.landmarks is None else self.landmarks.to_json_list(),
        }


def for_a_typical_height(result: CheckResult) -> CheckResult:
    """The result with each distance it measured in cm said as about so many cm (see TYPICAL_HEIGHT_NOTE)."""
    criteria = tuple(
        replace(criterion, measured=DISTANCE_CM.sub(r"about \1 cm", criterion.measured))
        if criterion.measured
        else criterion
        for criterion in result.criteria
    )
    return replace(result, criteria=criteria)


def has_distances_in_cm(result: CheckResult) -> bool:
    """Whether the result shows a distance in cm other than 0."""
    return any(criterion.measured and DISTANCE_CM.search(criterion.measured) for criterion in result.criteria)


AS_ABOVE = "as above"


def advice_under(summary: str, advice_line: str) -> str:
    """A criterion's advice as shown under the summary: "as above" where the summary already says it (a body cut off
    by the picture's edge: "move the camera back" once, not again under each criterion it leaves unseen)."""
    if advice_line and advice_line.lower() == summary.rstrip(".").lower():
        return AS_ABOVE
    return advice_line
