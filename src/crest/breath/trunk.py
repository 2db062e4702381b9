"""Where the breath shows: the box over the front of the trunk, and whether the trunk can be seen well enough.

Lying on the back, the shoulders and hips rest on the floor and their landmarks hardly move with the breath
(and jitter by more than the breath moves them); what rises and falls is the front of the chest and belly. So
the box runs along the trunk, from just beyond the shoulders to just beyond the hips, and reaches from a little
behind the shoulder-hip line to well past the front surface, so that the moving contour and the still
background above it are both inside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from crest.posture.body import SEEN, midpoint
from crest.posture.landmarks import Pose
from crest.posture.views import detect_view

# The box in trunk lengths (shoulder midpoint to hip midpoint): along the trunk from the shoulders, and
# across it towards the front. The chest is about half a trunk length deep and the joints lie near its middle,
# so the front surface is about a quarter to a third of a trunk length in front of the shoulder-hip line.
BOX_ALONG = (-0.1, 1.1)
BOX_FRONT = (-0.15, 0.6)
# A trunk shorter than this many pixels is too small in the picture to show the breath.
MIN_TRUNK_PX = 40.0
# Views in which the front of the trunk is seen against what lies beyond it.
VIEWS_SHOWING_THE_FRONT = frozenset({"side", "oblique"})


@dataclass(frozen=True)
class TrunkBox:
    """A box tied to the trunk: `along` runs from the shoulders to the hips, `front` points out of the chest."""

    origin_x: float
    origin_y: float
    along_x: float
    along_y: float
    front_x: float
    front_y: float
    length_px: float

    def point(self, along: float, front: float) -> tuple[float, float]:
        """The picture position `along` and `front` trunk lengths from the shoulder midpoint."""
        return (
            self.origin_x + (along * self.along_x + front * self.front_x) * self.length_px,
            self.origin_y + (along * self.along_y + front * self.front_y) * self.length_px,
        )

    def corners(self) -> tuple[tuple[float, float], ...]:
        return tuple(self.point(a, f) for a in BOX_ALONG for f in BOX_FRONT)

    def inside(self, width: int, height: int) -> bool:
        """Whether the whole box lies in a `width` x `height` picture."""
        return all(0 <= x <= width - 1 and 0 <= y <= height - 1 for x, y in self.corners())

    def distance_to(self, other: TrunkBox) -> float:
        """How far the other box's shoulder and hip ends lie from this one's, in this trunk's lengths."""
        far_px = max(math.dist(self.point(end, 0.0), other.point(end, 0.0)) for end in (0.0, 1.0))
        return far_px / self.length_px


def trunk_seen(pose: Pose) -> bool:
    """Both shoulders' and both hips' positions known: on the near side at least, the model sees them."""
    return all(
        max(pose[f"left_{part}"].visibility, pose[f"right_{part}"].visibility) >= SEEN for part in ("shoulder", "hip")
    )


def shows_the_front(pose: Pose) -> bool:
    """The camera looks at the body from the side (or obliquely), as the breath needs."""
    return detect_view(pose) in VIEWS_SHOWING_THE_FRONT


def trunk_box(pose: Pose) -> TrunkBox | None:
    """The box over the front of this body's trunk; None when the trunk is not seen or is too small."""
    if not trunk_seen(pose):
        return None
    shoulders = midpoint(pose["left_shoulder"], pose["right_shoulder"])
    hips = midpoint(pose["left_hip"], pose["right_hip"])
    length = shoulders.distance_to(hips)
    if length < MIN_TRUNK_PX:
        return None
    along_x, along_y = (hips.x - shoulders.x) / length, (hips.y - shoulders.y) / length
    # Of the two directions square to the trunk, the front is the one the face looks along (ear to nose);
    # without a seen face, the picture's up (a person on their back seen by an upright camera).
    front_x, front_y = along_y, -along_x
    ear = pose[f"{_better_side(pose, 'ear')}_ear"]
    nose = pose["nose"]
    if min(ear.visibility, nose.visibility) >= SEEN:
        facing = (nose.x - ear.x) * front_x + (nose.y - ear.y) * front_y
    else:
        facing = -front_y
    if facing < 0:
        front_x, front_y = -front_x, -front_y
    return TrunkBox(shoulders.x, shoulders.y, along_x, along_y, front_x, front_y, length)


def _better_side(pose: Pose, part: str) -> str:
    return "left" if pose[f"left_{part}"].visibility >= pose[f"right_{part}"].visibility else "right"
