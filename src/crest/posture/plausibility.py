"""How believable a detected body is: used to pick among the bodies found in turned copies of a picture."""

from __future__ import annotations

import math
from collections.abc import Sequence

from crest.posture.landmarks import Pose

# The landmarks every criterion leans on.
KEY_LANDMARKS: tuple[str, ...] = tuple(
    f"{side}_{part}" for side in ("left", "right") for part in ("shoulder", "hip", "knee", "ankle")
)
# Left and right limb segments: a real body has them about equally long (foreshortening aside).
PAIRED_SEGMENTS: tuple[tuple[str, str], ...] = (
    ("hip", "knee"),
    ("knee", "ankle"),
    ("shoulder", "elbow"),
    ("elbow", "wrist"),
)


def body_plausibility(pose: Pose) -> float:
    """Higher for a body the model is sure of and whose left and right limbs match; at most 1."""
    visibility = sum(pose[name].visibility for name in KEY_LANDMARKS) / len(KEY_LANDMARKS)
    mismatch = 0.0
    for start, end in PAIRED_SEGMENTS:
        left = pose[f"left_{start}"].distance_to(pose[f"left_{end}"])
        right = pose[f"right_{start}"].distance_to(pose[f"right_{end}"])
        mismatch += abs(math.log((left + 1.0) / (right + 1.0)))
    return visibility - mismatch / len(PAIRED_SEGMENTS)


def most_plausible(candidates: Sequence[tuple[int, Pose]]) -> tuple[int, Pose] | None:
    """The (quarter turns, pose) candidate with the most plausible body; the first wins a tie."""
    best: tuple[int, Pose] | None = None
    for candidate in candidates:
        if best is None or body_plausibility(candidate[1]) > body_plausibility(best[1]):
            best = candidate
    return best
