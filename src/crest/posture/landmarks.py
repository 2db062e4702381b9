"""The 33-point BlazePose body model, in image pixels (x right, y down).

Rules and views read bodies only through this type, so they never depend on MediaPipe.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Order matters: it is BlazePose's landmark index order.
LANDMARK_NAMES: tuple[str, ...] = (
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)
LANDMARK_INDEX: Mapping[str, int] = {name: index for index, name in enumerate(LANDMARK_NAMES)}


@dataclass(frozen=True)
class Landmark:
    """One body point: pixel position, and how sure the model is that it is visible (0-1)."""

    x: float
    y: float
    visibility: float = 1.0

    def distance_to(self, other: Landmark) -> float:
        return math.hypot(self.x - other.x, self.y - other.y)


@dataclass(frozen=True)
class Pose:
    """One person's 33 landmarks in the pixel frame of an image of the given size."""

    landmarks: tuple[Landmark, ...]
    image_width: int
    image_height: int

    def __post_init__(self) -> None:
        if len(self.landmarks) != len(LANDMARK_NAMES):
            raise ValueError(f"a pose has {len(LANDMARK_NAMES)} landmarks, got {len(self.landmarks)}")
        if self.image_width <= 0 or self.image_height <= 0:
            raise ValueError("image size must be positive")

    def __getitem__(self, name: str) -> Landmark:
        return self.landmarks[LANDMARK_INDEX[name]]

    def __iter__(self) -> Iterator[tuple[str, Landmark]]:
        return iter(zip(LANDMARK_NAMES, self.landmarks, strict=True))

    @classmethod
    def from_mapping(cls, points: Mapping[str, Landmark], image_width: int, image_height: int) -> Pose:
        """Build a pose from named points; every one of the 33 names must be present."""
        missing = [name for name in LANDMARK_NAMES if name not in points]
        if missing:
            raise ValueError(f"missing landmarks: {', '.join(missing)}")
        return cls(tuple(points[name] for name in LANDMARK_NAMES), image_width, image_height)

    @property
    def mean_visibility(self) -> float:
        return sum(point.visibility for point in self.landmarks) / len(self.landmarks)

    def to_json_list(self) -> list[dict[str, Any]]:
        return [
            {
                "name": name,
                "x": round(point.x, 1),
                "y": round(point.y, 1),
                "visibility": round(point.visibility, 3),
            }
            for name, point in self
        ]

    @classmethod
    def from_json_list(cls, items: list[dict[str, Any]], image_width: int, image_height: int) -> Pose:
        points = {
            str(item["name"]): Landmark(float(item["x"]), float(item["y"]), float(item["visibility"])) for item in items
        }
        return cls.from_mapping(points, image_width, image_height)
