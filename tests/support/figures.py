"""Synthetic bodies for the posture rules: a 3-D stick figure in centimetres, photographed from a chosen view.

Body frame: x runs along the floor from the hips towards the feet, y across the body (the person's left is
+y), z up from the floor. `photograph` projects the figure like a distant camera
and maps it into image pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose

Point3 = tuple[float, float, float]

THIGH_CM = 42.0
SHIN_CM = 42.0
TRUNK_CM = 50.0
HIP_HALF_WIDTH_CM = 9.0
SHOULDER_HALF_WIDTH_CM = 18.0
HIP_HEIGHT_CM = 10.0
ANKLE_HEIGHT_CM = 8.0


@dataclass(frozen=True)
class Figure:
    """How the person lies; the defaults are a textbook constructive rest position."""

    heel_from_hip_cm: float = 36.0
    legs: str = "crp"  # crp | straight | one_straight | air | chest | tabletop | butterfly
    hips_lift_cm: float = 0.0
    arms: str = "sides"  # sides | belly | overhead | raised
    head: str = "resting"  # resting | crunch | tipped_back | on_hands (raised 10 cm) | raised (by head_raise_cm)
    body: str = "supine"  # supine | prone | sitting | propped (trunk raised 35 deg on pillows) | kneeling
    sitting_deg: float = 80.0  # how far a sitting trunk rises from the floor
    head_raise_cm: float = 0.0
    knee_half_gap_cm: float = 10.0
    overrides: dict[str, Point3] = field(default_factory=dict)

    def points(self) -> dict[str, Point3]:
        points: dict[str, Point3] = {}
        lift = self.hips_lift_cm
        trunk_rise = 0.0
        if self.head == "crunch":
            trunk_rise = math.radians(25)
        if self.body == "propped":
            trunk_rise = math.radians(35)
        for side, sign in (("left", 1.0), ("right", -1.0)):
            hip = (0.0, sign * HIP_HALF_WIDTH_CM, HIP_HEIGHT_CM + lift)
            points[f"{side}_hip"] = hip
            shoulder = (
                -TRUNK_CM * math.cos(trunk_rise),
                sign * SHOULDER_HALF_WIDTH_CM,
                HIP_HEIGHT_CM + 2 + TRUNK_CM * math.sin(trunk_rise),
            )
            points[f"{side}_shoulder"] = shoulder
            # Face down the legs lie along the floor: bent up as in the position and turned over with the body, the
            # knees would hang through it (the picture of a body on its back turned upside down).
            legs = "straight" if self.body == "prone" else self.legs
            if legs == "one_straight":
                legs = "straight" if side == "right" else "crp"
            self._leg(points, side, sign, hip, legs)
            self._arm(points, side, sign, shoulder)
        self._head(points, trunk_rise)
        if self.body == "kneeling":
            points = _on_all_fours(points)
        if self.body == "sitting":
            sit_up = math.radians(-self.sitting_deg)
            points = {name: _rotate_about_hips(point, sit_up) for name, point in points.items()}
        if self.body == "prone":
            points = {name: (x, -y, 2 * HIP_HEIGHT_CM - z + 6) for name, (x, y, z) in points.items()}
        points.update(self.overrides)
        return points

    def _leg(self, points: dict[str, Point3], side: str, sign: float, hip: Point3, legs: str) -> None:
        half_gap = self.knee_half_gap_cm * sign
        if legs == "straight":
            knee = (THIGH_CM, half_gap, HIP_HEIGHT_CM)
            ankle = (THIGH_CM + SHIN_CM, half_gap, ANKLE_HEIGHT_CM)
            points.update(_foot(side, ankle, pointing_up=True))
        elif legs == "air":
            knee = (THIGH_CM * 0.2, half_gap, hip[2] + THIGH_CM * 0.98)
            ankle = (knee[0] + SHIN_CM, half_gap, knee[2] + 2)
            points.update(_foot(side, ankle, pointing_up=True))
        elif legs == "tabletop":
            # Thighs upright over the hips, shins level: the feet held up at knee height.
            knee = (3.0, half_gap, hip[2] + THIGH_CM)
            ankle = (3.0 + SHIN_CM, half_gap, knee[2] - 2)
            points.update(_foot(side, ankle, pointing_up=True))
        elif legs == "butterfly":
            # Soles together near the pelvis, knees fallen out to the sides.
            ankle = (30.0, sign * 4.0, ANKLE_HEIGHT_CM)
            knee = (22.0, sign * 38.0, 16.0)
            points.update(_foot(side, ankle, pointing_up=False))
        elif legs == "chest":
            knee = (-THIGH_CM * 0.5, half_gap, hip[2] + THIGH_CM * 0.85)
            ankle = (knee[0] + SHIN_CM * 0.6, half_gap, knee[2] - SHIN_CM * 0.8)
            points.update(_foot(side, ankle, pointing_up=True))
        else:
            ankle = (self.heel_from_hip_cm + 3, half_gap, ANKLE_HEIGHT_CM)
            knee = _knee_between(hip, ankle, half_gap)
            points.update(_foot(side, ankle, pointing_up=False))
        points[f"{side}_knee"] = knee
        points[f"{side}_ankle"] = ankle

    def _arm(self, points: dict[str, Point3], side: str, sign: float, shoulder: Point3) -> None:
        sx, sy, sz = shoulder
        if self.arms == "overhead":
            elbow, wrist = (sx - 28, sy, sz), (sx - 52, sy, sz)
        elif self.arms == "raised":
            elbow, wrist = (sx + 5, sy, sz + 28), (sx + 8, sy, sz + 52)
        elif self.arms == "belly":
            elbow, wrist = (sx + 26, sy + sign * 6, sz - 2), (sx + 35, sy - sign * 12, sz + 8)
        else:
            elbow, wrist = (sx + 28, sy + sign * 4, sz - 6), (sx + 52, sy + sign * 6, sz - 8)
        points[f"{side}_elbow"] = elbow
        points[f"{side}_wrist"] = wrist
        wx, wy, wz = wrist
        points[f"{side}_pinky"] = (wx + 8, wy + sign * 2, wz)
        points[f"{side}_index"] = (wx + 9, wy, wz)
        points[f"{side}_thumb"] = (wx + 6, wy - sign * 2, wz)

    def _head(self, points: dict[str, Point3], trunk_rise: float) -> None:
        # Head around an ear 20 cm beyond the shoulders; the face points up (tilt 0) or tips back.
        tilt = {"crunch": math.radians(-40), "tipped_back": math.radians(35)}.get(self.head, 0.0)
        neck = trunk_rise + (math.radians(25) if self.head == "crunch" else 0.0)
        shoulder_x = -TRUNK_CM * math.cos(trunk_rise)
        shoulder_z = HIP_HEIGHT_CM + 2 + TRUNK_CM * math.sin(trunk_rise)
        raise_cm = {"on_hands": 10.0, "raised": self.head_raise_cm}.get(self.head, 0.0)
        ear = (shoulder_x - 20 * math.cos(neck), 0.0, shoulder_z + 20 * math.sin(neck) + raise_cm)

        def face_point(up_cm: float, along_cm: float, across_cm: float) -> Point3:
            # `up_cm` along the face direction, `along_cm` towards the crown; rotated by the tilt.
            x = -along_cm * math.cos(tilt) - up_cm * math.sin(tilt)
            z = up_cm * math.cos(tilt) - along_cm * math.sin(tilt)
            return (ear[0] + x, across_cm, ear[2] + z)

        for side, sign in (("left", 1.0), ("right", -1.0)):
            points[f"{side}_ear"] = (ear[0], sign * 7.5, ear[2])
            points[f"{side}_eye"] = face_point(9.0, 1.5, sign * 3.2)
            points[f"{side}_eye_inner"] = face_point(9.5, 1.5, sign * 1.6)
            points[f"{side}_eye_outer"] = face_point(8.5, 1.5, sign * 4.8)
            points[f"mouth_{side}"] = face_point(9.0, -6.0, sign * 2.5)
        points["nose"] = face_point(11.5, -1.5, 0.0)


def _knee_between(hip: Point3, ankle: Point3, half_gap: float) -> Point3:
    """The knee above the line hip-ankle, with thigh and shin of their true lengths."""
    hx, hz = hip[0], hip[2]
    ax, az = ankle[0], ankle[2]
    span = math.hypot(ax - hx, az - hz)
    span = min(span, THIGH_CM + SHIN_CM - 1e-6)
    along = (THIGH_CM**2 - SHIN_CM**2 + span**2) / (2 * span)
    rise = math.sqrt(max(THIGH_CM**2 - along**2, 0.0))
    ux, uz = (ax - hx) / span, (az - hz) / span
    return (hx + along * ux - rise * uz, half_gap, hz + along * uz + rise * ux)


def _foot(side: str, ankle: Point3, *, pointing_up: bool) -> dict[str, Point3]:
    ax, ay, az = ankle
    if pointing_up:
        return {f"{side}_heel": (ax + 1, ay, az - 6), f"{side}_foot_index": (ax + 5, ay, az + 16)}
    return {f"{side}_heel": (ax - 3, ay, 1.0), f"{side}_foot_index": (ax + 16, ay, 1.0)}


def _on_all_fours(points: dict[str, Point3]) -> dict[str, Point3]:
    """Hands and knees on the floor, trunk level 55 cm up, face down: every landmark rebuilt."""
    out: dict[str, Point3] = {}
    for side, sign in (("left", 1.0), ("right", -1.0)):
        out[f"{side}_hip"] = (0.0, sign * HIP_HALF_WIDTH_CM, 60.0)
        out[f"{side}_shoulder"] = (-TRUNK_CM, sign * SHOULDER_HALF_WIDTH_CM, 58.0)
        out[f"{side}_knee"] = (0.0, sign * 10.0, 6.0)
        out[f"{side}_ankle"] = (SHIN_CM, sign * 10.0, 6.0)
        out[f"{side}_heel"] = (SHIN_CM + 2, sign * 10.0, 10.0)
        out[f"{side}_foot_index"] = (SHIN_CM + 4, sign * 10.0, 1.0)
        out[f"{side}_elbow"] = (-TRUNK_CM, sign * 20.0, 30.0)
        out[f"{side}_wrist"] = (-TRUNK_CM, sign * 20.0, 2.0)
        for finger in ("pinky", "index", "thumb"):
            out[f"{side}_{finger}"] = (-TRUNK_CM - 8, sign * 20.0, 1.0)
        out[f"{side}_ear"] = (-TRUNK_CM - 18, sign * 7.5, 60.0)
        for eye, across in (("eye_inner", 1.6), ("eye", 3.2), ("eye_outer", 4.8)):
            out[f"{side}_{eye}"] = (-TRUNK_CM - 24, sign * across, 56.0)
        out[f"mouth_{side}"] = (-TRUNK_CM - 22, sign * 2.5, 50.0)
    out["nose"] = (-TRUNK_CM - 27, 0.0, 52.0)
    return {name: out.get(name, point) for name, point in points.items()}


def _rotate_about_hips(point: Point3, angle: float) -> Point3:
    """Rotate the upper body about the hips in the x-z plane (negative angles sit the person up)."""
    x, y, z = point
    if x > 0:
        return point
    dz = z - HIP_HEIGHT_CM
    return (
        x * math.cos(angle) - dz * math.sin(angle),
        y,
        HIP_HEIGHT_CM + x * math.sin(angle) + dz * math.cos(angle),
    )


def project(
    point: Point3, view: str, end_elevation_deg: float = 25.0, side_elevation_deg: float = 0.0
) -> tuple[float, float]:
    """(right, up) on the picture for a camera placed as `view`, feet to the right in side views.

    From the ends the camera looks down along the body from `end_elevation_deg` above the floor; from the
    side it looks down by `side_elevation_deg` (0: level with the floor), so the far side shows higher.
    """
    x, y, z = point
    elevation = math.radians(end_elevation_deg)
    if view == "side":
        side_elevation = math.radians(side_elevation_deg)
        return x + 0.05 * y, z * math.cos(side_elevation) + y * math.sin(side_elevation)
    if view == "oblique":
        yaw = math.radians(30)
        return x * math.cos(yaw) + y * math.sin(yaw), z + 0.15 * (y * math.cos(yaw) - x * math.sin(yaw))
    if view == "above":
        return x, y
    if view == "feet_end":
        return -y, z * math.cos(elevation) - x * math.sin(elevation)
    if view == "head_end":
        return y, z * math.cos(elevation) + x * math.sin(elevation)
    raise ValueError(view)


def photograph(
    figure: Figure,
    view: str = "side",
    *,
    px_per_cm: float = 4.0,
    origin: tuple[float, float] = (300.0, 420.0),
    mirror: bool = False,
    size: tuple[int, int] = (1400, 800),
    visibility: dict[str, float] | None = None,
    far_side_visibility: float = 0.4,
    end_elevation_deg: float = 25.0,
    side_elevation_deg: float = 0.0,
) -> Pose:
    """The figure's landmarks as a camera at `view` would see them, in pixels of a `size` picture.

    From the side the person's left is the far side, which the model sees poorly: `far_side_visibility`.
    """
    width, height = size
    points = figure.points()
    seen = {name: 0.99 for name in LANDMARK_NAMES}
    if view in ("side", "oblique"):
        seen.update({name: far_side_visibility for name in LANDMARK_NAMES if "left" in name})
    seen.update(visibility or {})
    landmarks = []
    for name in LANDMARK_NAMES:
        right, up = project(points[name], view, end_elevation_deg, side_elevation_deg)
        x = origin[0] + right * px_per_cm
        y = origin[1] - up * px_per_cm
        if mirror:
            x = width - x
        landmarks.append(Landmark(x, y, seen[name]))
    return Pose(tuple(landmarks), width, height)


def with_figure(figure: Figure, **changes: object) -> Figure:
    return replace(figure, **changes)  # type: ignore[arg-type]
