"""A drawn person lying on their back, seen from the side, whose belly rises by a chosen amount.

The picture is a textured room with a dark trunk lying across it; the trunk's top edge (the front of the
chest and belly) is drawn with sub-pixel precision, raised by `rise_px` in the middle and not at the ends.
The pose has its shoulders and hips on the line through the trunk, the face pointing up, and a head and
legs beyond them, as a pose model would give from the side.
"""

from __future__ import annotations

import cv2
import numpy as np

from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose

WIDTH, HEIGHT = 320, 240
SHOULDER = (220.0, 150.0)
HIP = (120.0, 150.0)
TRUNK_TOP_Y = 125.0  # the front of the trunk at rest
TRUNK_BOTTOM_Y = 170.0


def room(seed: int = 0) -> np.ndarray:
    """A smooth random texture: walls and floor with detail for the fit to hold on to."""
    rng = np.random.default_rng(seed)
    coarse = rng.uniform(60, 200, size=(HEIGHT // 8, WIDTH // 8)).astype(np.float32)
    return cv2.blur(cv2.resize(coarse, (WIDTH, HEIGHT), interpolation=cv2.INTER_NEAREST), (9, 9))


# Only this part of the picture holds the body (with room for shifts and the rise).
_ROWS = slice(int(TRUNK_TOP_Y) - 20, int(TRUNK_BOTTOM_Y) + 20)
_COLS = slice(int(HIP[0]) - 40, int(SHOULDER[0]) + 40)
_YS, _XS = np.mgrid[_ROWS, _COLS].astype(np.float32)


def frame(
    background: np.ndarray,
    rise_px: float,
    *,
    noise: float = 1.0,
    light: float = 1.0,
    rng: np.random.Generator | None = None,
    shift_px: tuple[float, float] = (0.0, 0.0),
    blob_at: tuple[float, float] | None = None,
) -> np.ndarray:
    """One grey frame: the trunk raised by `rise_px` mid-trunk, the body shifted by `shift_px`, and a dark
    blob (an arm or a hand) drawn at `blob_at` when given."""
    rng = rng or np.random.default_rng()
    dx, dy = shift_px
    xs, ys = _XS, _YS
    left, right = HIP[0] - 15 + dx, SHOULDER[0] + 15 + dx
    along = np.clip((xs - left) / (right - left), 0.0, 1.0)
    top = TRUNK_TOP_Y + dy - rise_px * np.sin(np.pi * along)
    inside_x = np.clip(xs - left + 0.5, 0, 1) * np.clip(right - xs + 0.5, 0, 1)
    cover = inside_x * np.clip(ys - top + 0.5, 0, 1) * np.clip(TRUNK_BOTTOM_Y + dy - ys + 0.5, 0, 1)
    picture = background.astype(np.float32)
    picture[_ROWS, _COLS] = picture[_ROWS, _COLS] * (1 - cover) + 40.0 * cover
    if blob_at is not None:
        bx, by = blob_at
        all_ys, all_xs = np.ogrid[0:HEIGHT, 0:WIDTH]
        blob = np.clip(12 - np.hypot(all_xs - bx, all_ys - by), 0, 1).astype(np.float32)
        picture = picture * (1 - blob) + 20.0 * blob
    picture = picture * light + noise * rng.standard_normal(picture.shape, dtype=np.float32)
    return np.clip(np.round(picture), 0, 255).astype(np.uint8)


def side_pose(shift_px: tuple[float, float] = (0.0, 0.0), *, visibility: float = 0.95) -> Pose:
    """Landmarks of the drawn person: trunk across the picture, face up, head to the right, legs to the left."""
    dx, dy = shift_px
    sx, sy = SHOULDER[0] + dx, SHOULDER[1] + dy
    hx, hy = HIP[0] + dx, HIP[1] + dy
    points = {name: Landmark(sx + 40, sy - 10, visibility) for name in LANDMARK_NAMES}  # the head
    points["nose"] = Landmark(sx + 45, sy - 25, visibility)
    for side, depth in (("left", 2.0), ("right", -2.0)):
        points[f"{side}_ear"] = Landmark(sx + 40, sy - 8, visibility)
        points[f"{side}_shoulder"] = Landmark(sx, sy + depth, visibility)
        points[f"{side}_hip"] = Landmark(hx, hy + depth, visibility)
        points[f"{side}_elbow"] = Landmark(sx - 30, sy + 5, visibility)
        points[f"{side}_wrist"] = Landmark(sx - 60, sy, visibility)
        points[f"{side}_knee"] = Landmark(hx - 50, hy - 45, visibility)
        for part in ("ankle", "heel", "foot_index"):
            points[f"{side}_{part}"] = Landmark(hx - 95, hy + 20, visibility)
    for part in ("pinky", "index", "thumb"):
        for side in ("left", "right"):
            points[f"{side}_{part}"] = points[f"{side}_wrist"]
    return Pose.from_mapping(points, WIDTH, HEIGHT)


def above_pose() -> Pose:
    """The same body seen from above: shoulders and hips at their full width."""
    pose = side_pose()
    points = dict(pose)
    sx, sy = SHOULDER
    hx, hy = HIP
    points["left_shoulder"] = Landmark(sx, sy - 45, 0.95)
    points["right_shoulder"] = Landmark(sx, sy + 45, 0.95)
    points["left_hip"] = Landmark(hx, hy - 25, 0.95)
    points["right_hip"] = Landmark(hx, hy + 25, 0.95)
    return Pose.from_mapping(points, WIDTH, HEIGHT)


def breathing_rise(time_s: float, rate_bpm: float, depth_px: float) -> float:
    """A breath: smooth rise and fall between 0 and `depth_px`."""
    return depth_px * 0.5 * (1 - np.cos(2 * np.pi * rate_bpm / 60 * time_s))


class SideFinder:
    """A pose model that always sees the drawn person from the side (for the check service and the breath)."""

    picture_jumped = False  # the drawn room never jumps

    def track(self, frame_rgb: np.ndarray) -> Pose | None:
        return side_pose()

    def detect(self, image_rgb: np.ndarray) -> Pose | None:
        return side_pose()

    def detect_turned(self, image_rgb: np.ndarray, quarter_turns: int) -> Pose | None:
        return side_pose()

    def reset_tracking(self) -> None:
        pass

    def close(self) -> None:
        pass
