"""What a position check returns: one verdict per criterion, the camera view and a one-line summary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from crest.posture.landmarks import Pose

Status = Literal["ok", "adjust", "not_visible"]
View = Literal["side", "feet_end", "head_end", "above", "oblique", "unknown"]

# The fixed criterion names, in the order a person would fix them (tools rely on these names).
CRITERION_NAMES: tuple[str, ...] = (
    "whole_body_visible",
    "lying_on_back",
    "knees_bent",
    "feet_flat",
    "hips_down",
    "heel_distance",
    "knee_width",
    "arms_below_shoulders",
    "head_resting",
    "head_level",
)
VIEWS: tuple[View, ...] = ("side", "feet_end", "head_end", "above", "oblique", "unknown")


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's verdict.

    `measured` and `target` are short readable values with units ("52 cm", "165 deg"); `advice` is one
    instruction for `adjust`, the camera placement that would tell for `not_visible`, and empty for `ok`.
    """

    name: str
    status: Status
    measured: str | None = None
    target: str | None = None
    advice: str = ""

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "measured": self.measured,
            "target": self.target,
            "advice": self.advice,
        }


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one picture (or one moment of a video)."""

    pose_recognized: bool
    view: View
    criteria: tuple[CriterionResult, ...]
    summary: str
    landmarks: Pose | None = None

    def criterion(self, name: str) -> CriterionResult:
        for result in self.criteria:
            if result.name == name:
                return result
        raise KeyError(name)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "pose_recognized": self.pose_recognized,
            "view": self.view,
            "criteria": [result.to_json_dict() for result in self.criteria],
            "summary": self.summary,
            "landmarks": None if self.landmarks is None else self.landmarks.to_json_list(),
        }
