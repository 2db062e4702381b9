"""Why a window of time gave no breathing reading: each reason by name, with its words for the person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

# What a single frame can lack (the tracker decides these per frame) ...
FrameProblem = Literal["trunk_not_visible", "camera_not_at_side", "too_dark"]
# ... and every reason a window can give, in the order in which they are decided.
Reason = Literal[
    "trunk_not_visible",
    "camera_not_at_side",
    "too_dark",
    "moving",
    "too_few_frames",
    "weak_motion",
    "irregular",
    "disagree",
]
REASONS: tuple[Reason, ...] = get_args(Reason)
FRAME_PROBLEMS: tuple[FrameProblem, ...] = get_args(FrameProblem)

REASON_LABELS: Mapping[Reason, str] = {
    "trunk_not_visible": "your chest and belly were not in view",
    "camera_not_at_side": "the camera was not at your side",
    "too_dark": "it was too dark to see your breathing",
    "moving": "you were moving",
    "too_few_frames": "the camera sent too few pictures",
    "weak_motion": "no breathing movement could be seen",
    "irregular": "there was no steady breathing rhythm to read",
    "disagree": "the rhythm and the count of breaths did not agree",
}
