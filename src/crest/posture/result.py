"""What a position check returns: one verdict per criterion with how sure it is, the camera view, a summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crest.posture.landmarks import Pose
from crest.posture.vocabulary import VIEWS, Criterion, Status, View

__all__ = ["CRITERION_NAMES", "ON_BACK_FIRST", "SURE", "VIEWS", "CheckResult", "CriterionResult", "Status", "View"]

# The fixed criterion names, in the order a person would fix them (tools rely on these names).
CRITERION_NAMES: tuple[str, ...] = tuple(str(criterion) for criterion in Criterion)
# A verdict at least this sure is stated plainly; below it the check says it is not sure. Measured on the
# labelled photos (bench/eval_photos.py): verdicts under 0.75 agree with the labels about 3 times in 4, those
# above about 19 times in 20.
SURE = 0.75
# Criteria that assume the person lies on the back say this when they do not: the reason is the position, not
# the camera, so its line does not begin "can't tell from here" (which sends people to move the camera).
ON_BACK_FIRST = "checked once you are lying on your back"


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's verdict.

    `measured` and `target` are short readable values with units ("52 cm", "165 deg"), rounded as shown and
    compared as shown; `advice` is one instruction for `adjust`, the camera placement that would tell for
    `not_visible`, and empty for `ok`. `confidence` (0-1) says how sure the verdict is, from how clearly the
    model saw the body parts it rests on and how far the measure is from its threshold; 0 for `not_visible`.
    """

    name: str
    status: Status
    measured: str | None = None
    target: str | None = None
    advice: str = ""
    confidence: float = 1.0

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

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": str(self.status),
            "measured": self.measured,
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

    def criterion(self, name: str) -> CriterionResult:
        for result in self.criteria:
            if result.name == name:
                return result
        raise KeyError(name)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "pose_recognized": self.pose_recognized,
            "confidence": round(self.confidence, 2),
            "view": self.view,
            "criteria": [result.to_json_dict() for result in self.criteria],
            "summary": self.summary,
            "landmarks": None if self.landmarks is None else self.landmarks.to_json_list(),
        }
