"""How believable a detected body is: used to pick among the bodies found in turned copies of a picture."""

from __future__ import annotations

from collections.abc import Sequence

from crest.posture.landmarks import Pose


def body_plausibility(pose: Pose) -> float:
    """A score in 0-1: higher for a body the model is sure of."""
    return pose.mean_visibility


def most_plausible(candidates: Sequence[tuple[int, Pose]]) -> tuple[int, Pose] | None:
    """The (quarter turns, pose) candidate with the most plausible body; the first wins a tie."""
    best: tuple[int, Pose] | None = None
    for candidate in candidates:
        if best is None or body_plausibility(candidate[1]) > body_plausibility(best[1]):
            best = candidate
    return best
