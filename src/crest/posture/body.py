"""Body measurements from landmarks: midpoints, segment lengths and angles in a frame tied to the body.

Everything here is invariant to moving, scaling or mirroring the picture: lengths are in trunk lengths
(shoulder midpoint to hip midpoint) and horizontal positions are signed along the head-to-feet direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from crest.posture.landmarks import Landmark, Pose

# A landmark the model rates below this is treated as a guess, not a sighting.
SEEN = 0.5
SIDES: tuple[str, str] = ("left", "right")


def midpoint(a: Landmark, b: Landmark) -> Landmark:
    return Landmark((a.x + b.x) / 2, (a.y + b.y) / 2, min(a.visibility, b.visibility))


def angle_at_deg(a: Landmark, vertex: Landmark, b: Landmark) -> float:
    """The angle a-vertex-b in degrees (180 = a straight line)."""
    ax, ay = a.x - vertex.x, a.y - vertex.y
    bx, by = b.x - vertex.x, b.y - vertex.y
    norm = math.hypot(ax, ay) * math.hypot(bx, by)
    if norm == 0:
        return 180.0
    cosine = max(-1.0, min(1.0, (ax * bx + ay * by) / norm))
    return math.degrees(math.acos(cosine))


@dataclass(frozen=True)
class Body:
    """A pose seen through its trunk: the yardstick for every rule."""

    pose: Pose
    shoulders: Landmark
    hips: Landmark
    trunk_px: float
    # +1 when the feet lie to the right of the head in the picture, -1 when to the left.
    feet_sign: float

    @classmethod
    def of(cls, pose: Pose) -> Body:
        shoulders = midpoint(pose["left_shoulder"], pose["right_shoulder"])
        hips = midpoint(pose["left_hip"], pose["right_hip"])
        trunk_px = max(shoulders.distance_to(hips), 1e-6)
        feet_sign = 1.0 if hips.x >= shoulders.x else -1.0
        return cls(pose, shoulders, hips, trunk_px, feet_sign)

    def __getitem__(self, name: str) -> Landmark:
        return self.pose[name]

    def floor_xy(self, point: Landmark) -> tuple[float, float]:
        """(towards the feet, up) from the hip midpoint in trunk lengths, with the picture's up as up."""
        return (
            (point.x - self.hips.x) * self.feet_sign / self.trunk_px,
            (self.hips.y - point.y) / self.trunk_px,
        )

    def height_above_line(self, start: Landmark, end: Landmark, point: Landmark) -> float:
        """How far `point` lies from the line through `start` and `end`, at right angles to it, in trunk lengths:
        positive on the side of the picture's up."""
        dx, dy = end.x - start.x, end.y - start.y
        norm = max(math.hypot(dx, dy), 1e-6)
        # The unit normal that points up the picture (y grows downwards).
        nx, ny = (dy / norm, -dx / norm) if dx >= 0 else (-dy / norm, dx / norm)
        return ((point.x - end.x) * nx + (point.y - end.y) * ny) / self.trunk_px

    def length(self, a: str, b: str) -> float:
        """Distance between two landmarks in trunk lengths."""
        return self.pose[a].distance_to(self.pose[b]) / self.trunk_px

    def seen(self, *names: str) -> bool:
        return all(self.pose[name].visibility >= SEEN for name in names)

    def visibility(self, *names: str) -> float:
        return min(self.pose[name].visibility for name in names)

    @property
    def trunk_tilt_deg(self) -> float:
        """How far the trunk leans from the picture's horizontal, 0-90 degrees."""
        dx = abs(self.hips.x - self.shoulders.x)
        dy = abs(self.hips.y - self.shoulders.y)
        return math.degrees(math.atan2(dy, dx))

    @property
    def shoulders_raised_deg(self) -> float:
        """Signed trunk slope: positive when the shoulders are higher in the picture than the hips."""
        dx = abs(self.hips.x - self.shoulders.x)
        return math.degrees(math.atan2(self.hips.y - self.shoulders.y, dx))

    @property
    def shoulder_width(self) -> float:
        return self.length("left_shoulder", "right_shoulder")

    @property
    def hip_width(self) -> float:
        return self.length("left_hip", "right_hip")

    def face_turn_deg(self) -> float | None:
        """How far the ear-to-nose direction turns from the way the chest faces (positive: to the head end).

        The chest faces the picture's up, tilted with the trunk: a lifted upper body turns it to the feet.
        None when the model does not see the nose and an ear.
        """
        ear = self.pose[f"{self.best_side('ear')}_ear"]
        nose = self.pose["nose"]
        if min(ear.visibility, nose.visibility) < SEEN:
            return None
        ear_x, ear_y = self.floor_xy(ear)
        nose_x, nose_y = self.floor_xy(nose)
        from_up_deg = math.degrees(math.atan2(ear_x - nose_x, nose_y - ear_y))
        return (from_up_deg + self.shoulders_raised_deg + 180.0) % 360.0 - 180.0

    def best_side(self, *parts: str) -> str:
        """The side ("left"/"right") whose listed parts the model sees better (left wins a tie)."""
        scores = {side: self.visibility(*(f"{side}_{part}" for part in parts)) for side in SIDES}
        return "left" if scores["left"] >= scores["right"] else "right"
