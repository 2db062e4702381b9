"""Semi-synthetic breathing videos built from a still photo, with the truth known (bench/breath.py, tests).

A photo of a person lying on their back, seen from the side, is cut into the body (MediaPipe's segmentation
mask) and the room behind it (the body painted out). Each frame then:
- raises the front of the trunk by a breathing waveform: body points in front of the shoulder-hip line move
  out of the chest, the front surface most, tapering to nothing at the line, the shoulders and the hips; the
  body covers the room as it rises (the photo is the end of a breath out);
- applies body shifts (the whole body moved and turned a little), local moves (an arm adjusted, a knee
  fidgeting, the head during a yawn or while talking) as smooth displacement fields on the body;
- lights the scene (dim light with the camera's gain hunting, a light flicker), adds sensor noise (read and
  shot noise, before the gain), quantises, and compresses to JPEG;
- is stamped with a capture time: a nominal frame rate with jitter, dropped frames and a few stalls.

The breathing waveform has a drifting rate (for example 15 to 7 breaths a minute), breath-to-breath variation
of period and depth, an inhale shorter than the exhale and a pause after it; sighs and yawns are breaths
about twice as long and three times as deep; talking turns the breath into quick inhales and long, uneven
exhales. The truth for any stretch of time is the number of breath cycles in it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from crest.breath.trunk import TrunkBox, trunk_box
from crest.posture.landmarks import Landmark, Pose
from crest.posture.media import VIDEO_MAX_SIDE_PX, fit_within, read_photo

Floats = npt.NDArray[np.float64]
Image32 = npt.NDArray[np.float32]

ROI_MARGIN_PX = 28  # the body's box grows by this much so that shifted and raised bodies stay inside it


@dataclass(frozen=True)
class Scene:
    """One photo, prepared once: grey picture, body mask, the room without the body, the body's landmarks."""

    name: str
    gray: Image32
    mask: Image32
    room: Image32
    pose: Pose
    box: TrunkBox
    front_depth_px: float  # from the shoulder-hip line to the front of the trunk, mid-trunk
    roi: tuple[int, int, int, int]  # left, top, right, bottom of the area bodies can reach
    color_rgb: npt.NDArray[np.uint8]

    def head_centre(self) -> tuple[float, float]:
        nose, ear = self.pose["nose"], self.pose["left_ear"]
        return (nose.x + ear.x) / 2, (nose.y + ear.y) / 2


def prepare_scene(photo: Path) -> Scene:
    """The photo at video size with its body, mask and room (runs MediaPipe once, with segmentation)."""
    from mediapipe.python.solutions import pose as mp_pose

    rgb = fit_within(read_photo(photo), VIDEO_MAX_SIDE_PX)
    with mp_pose.Pose(static_image_mode=True, model_complexity=1, enable_segmentation=True) as model:
        found = model.process(rgb)
    if found.pose_landmarks is None or found.segmentation_mask is None:
        raise SystemExit(f"{photo.name}: MediaPipe finds no body to animate")
    height, width = rgb.shape[:2]
    pose = Pose(
        tuple(
            Landmark(mark.x * width, mark.y * height, float(mark.visibility)) for mark in found.pose_landmarks.landmark
        ),
        width,
        height,
    )
    box = trunk_box(pose)
    if box is None:
        raise SystemExit(f"{photo.name}: the trunk is not seen well enough to animate")
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    mask = np.clip(np.asarray(found.segmentation_mask, dtype=np.float32), 0.0, 1.0)
    hard = (mask > 0.2).astype(np.uint8)
    painted_out = cv2.dilate(hard, np.ones((9, 9), np.uint8))
    room = cv2.inpaint(gray.astype(np.uint8), painted_out, 7, cv2.INPAINT_TELEA).astype(np.float32)
    ys, xs = np.nonzero(hard)
    roi = (
        max(0, int(xs.min()) - ROI_MARGIN_PX),
        max(0, int(ys.min()) - ROI_MARGIN_PX),
        min(width, int(xs.max()) + ROI_MARGIN_PX + 1),
        min(height, int(ys.max()) + ROI_MARGIN_PX + 1),
    )
    return Scene(photo.stem, gray, mask, room, pose, box, _front_depth(mask, box), roi, np.ascontiguousarray(rgb))


def _front_depth(mask: Image32, box: TrunkBox) -> float:
    """How far the body reaches in front of the shoulder-hip line at mid-trunk (median over the middle half)."""
    depths = []
    for along in np.linspace(0.25, 0.75, 11):
        for step in range(0, round(box.length_px)):
            x, y = box.point(float(along), step / box.length_px)
            inside = 0 <= round(y) < mask.shape[0] and 0 <= round(x) < mask.shape[1]
            if not inside or mask[round(y), round(x)] < 0.5:
                depths.append(float(step))
                break
    return max(4.0, float(np.median(depths)))


# --- what happens in a video ---


@dataclass(frozen=True)
class Breathing:
    """A breathing waveform: cycle start times, each cycle's depth (px at the front surface) and kind."""

    starts_s: Floats  # start of each cycle; cycle k spans starts_s[k] .. starts_s[k + 1]
    depths_px: Floats
    kinds: tuple[str, ...]  # "breath", "sigh" or "speech"
    wobble_hz: float = 4.3  # the syllable rhythm riding on speech exhales

    def cycles_at(self, time_s: Floats) -> Floats:
        """The breath cycles completed at each time (a continuous count)."""
        return np.interp(time_s, self.starts_s, np.arange(len(self.starts_s), dtype=np.float64))

    def cycles_between(self, start_s: float, end_s: float) -> float:
        counts = self.cycles_at(np.array([start_s, end_s]))
        return float(counts[1] - counts[0])

    def rate_bpm(self, start_s: float, end_s: float) -> float:
        """The true rate over a stretch: the rhythm of its ordinary breaths, per minute.

        Cycles (and parts of cycles) in the stretch per minute of the time they took, leaving out sighs and
        yawns: one breath twice as long should not drag the rate (a stretch without one: cycles per minute).
        """
        cycles, seconds = 0.0, 0.0
        for index, kind in enumerate(self.kinds):
            start, end = float(self.starts_s[index]), float(self.starts_s[index + 1])
            overlap = min(end, end_s) - max(start, start_s)
            if overlap > 0 and kind != "sigh":
                cycles += overlap / (end - start)
                seconds += overlap
        return cycles / seconds * 60.0

    def front_px(self, time_s: float) -> float:
        """How far the front of the trunk is raised at this time (0 at the end of a breath out)."""
        index = int(np.searchsorted(self.starts_s, time_s, side="right")) - 1
        if index < 0 or index >= len(self.depths_px):
            return 0.0
        start, end = self.starts_s[index], self.starts_s[index + 1]
        phase = (time_s - start) / (end - start)
        depth = float(self.depths_px[index])
        if self.kinds[index] == "speech":
            # A quick breath in, then a long uneven breath out while speaking.
            if phase < 0.15:
                return depth * 0.5 * (1 - math.cos(math.pi * phase / 0.15))
            rest = (phase - 0.15) / 0.85
            wobble = 0.12 * math.sin(2 * math.pi * self.wobble_hz * time_s) * math.sin(math.pi * rest)
            return depth * max(0.0, (1 - rest) + wobble)
        inhale, exhale = 0.38, 0.42  # then a pause
        if phase < inhale:
            return depth * 0.5 * (1 - math.cos(math.pi * phase / inhale))
        if phase < inhale + exhale:
            return depth * 0.5 * (1 + math.cos(math.pi * (phase - inhale) / exhale))
        return 0.0


def drifting_breathing(
    rng: np.random.Generator,
    duration_s: float,
    start_bpm: float,
    end_bpm: float,
    depth_px: float,
    *,
    sighs_at_s: tuple[float, ...] = (),
    talking: tuple[tuple[float, float], ...] = (),
) -> Breathing:
    """Breaths whose rate drifts linearly, with natural variation; sighs and talking spells where asked."""
    starts = [-float(rng.uniform(0, 60 / start_bpm))]
    depths: list[float] = []
    kinds: list[str] = []
    wander = 0.0
    pending_sighs = sorted(sighs_at_s)
    while starts[-1] < duration_s + 5:
        now = starts[-1]
        rate = start_bpm + (end_bpm - start_bpm) * min(max(now / duration_s, 0.0), 1.0)
        wander = 0.6 * wander + 0.8 * float(rng.normal(0, 0.06))  # breath-to-breath variation, ~7%
        period = 60 / rate * (1 + wander)
        depth = depth_px * math.sqrt(start_bpm / rate) * (1 + float(rng.normal(0, 0.12)))
        kind = "breath"
        if any(start <= now < end for start, end in talking):
            kind, period, depth = "speech", float(rng.uniform(3.0, 5.0)), depth * 1.3
        elif pending_sighs and now >= pending_sighs[0]:
            pending_sighs.pop(0)
            kind, period, depth = "sigh", period * float(rng.uniform(1.7, 2.2)), depth * float(rng.uniform(2.5, 3.2))
        starts.append(now + period)
        depths.append(max(depth, 0.0))
        kinds.append(kind)
    return Breathing(np.array(starts), np.array(depths), tuple(kinds))


@dataclass(frozen=True)
class BodyShift:
    """The whole body moves by (dx, dy) px and turns by `turn_deg` about the hips, over `duration_s`."""

    at_s: float
    duration_s: float
    dx_px: float
    dy_px: float
    turn_deg: float


@dataclass(frozen=True)
class LocalMove:
    """Part of the body (a disc of `radius_px` around a landmark) moves, then stays or comes back.

    `kind`: "settle" moves smoothly to the offset and stays; "oscillate" shakes by the offset at
    `frequency_hz` for the duration (fidgeting, a talking jaw); "there_and_back" goes and returns (a yawn).
    """

    at_s: float
    duration_s: float
    landmark: str
    radius_px: float
    dx_px: float
    dy_px: float
    kind: str
    frequency_hz: float = 1.0

    def offset_at(self, time_s: float) -> tuple[float, float]:
        progress = (time_s - self.at_s) / self.duration_s
        if progress <= 0:
            return 0.0, 0.0
        if self.kind == "settle":
            share = _smoothstep(min(progress, 1.0))
        elif progress >= 1:
            share = 0.0
        elif self.kind == "oscillate":
            share = math.sin(2 * math.pi * self.frequency_hz * (time_s - self.at_s)) * math.sin(math.pi * progress)
        else:
            share = math.sin(math.pi * progress)
        return self.dx_px * share, self.dy_px * share


@dataclass(frozen=True)
class Light:
    """Light and camera: scene brightness, the camera's gain and its hunting, flicker, noise, compression."""

    level: float = 1.0  # share of normal light reaching the sensor
    gain: float = 1.0  # the camera's amplification after the sensor
    gain_hunting: float = 0.0  # slow wander of the gain (share)
    flicker: float = 0.0  # amplitude of light flicker (share), at `flicker_hz`
    flicker_hz: float = 0.25
    read_noise: float = 1.5  # grey levels, at the sensor
    shot_noise: float = 0.02  # variance per grey level of signal, at the sensor
    jpeg_quality: int = 80


@dataclass(frozen=True)
class Timing:
    """When frames are captured: nominal rate, jitter, dropped frames, stalls (seconds without frames)."""

    fps: float = 8.0
    jitter_s: float = 0.015
    dropped: float = 0.03
    stalls: int = 2
    stall_s: tuple[float, float] = (0.4, 1.2)


@dataclass(frozen=True)
class Script:
    """Everything that happens in one video."""

    duration_s: float
    breathing: Breathing | None
    light: Light = field(default_factory=Light)
    timing: Timing = field(default_factory=Timing)
    shifts: tuple[BodyShift, ...] = ()
    moves: tuple[LocalMove, ...] = ()
    landmark_jitter_px: float = 1.5

    def movement_times_s(self) -> tuple[float, ...]:
        """When the body movements (shifts, arm moves, fidgets) start: the stillness truth."""
        moves = [move.at_s for move in self.moves if move.landmark != "nose"]
        return tuple(sorted([shift.at_s for shift in self.shifts] + moves))


@dataclass(frozen=True)
class Frame:
    time_s: float
    gray: npt.NDArray[np.uint8]
    pose: Pose


def _smoothstep(x: float) -> float:
    x = min(max(x, 0.0), 1.0)
    return x * x * (3 - 2 * x)


def capture_times(timing: Timing, duration_s: float, rng: np.random.Generator) -> Floats:
    """Capture times: nominal frames, jittered, some dropped, a few stalls; strictly increasing."""
    nominal = np.arange(0.0, duration_s, 1.0 / timing.fps)
    times = nominal + rng.normal(0, timing.jitter_s, size=nominal.size)
    keep = rng.random(nominal.size) >= timing.dropped
    for _ in range(timing.stalls):
        start = float(rng.uniform(0.1, 0.9)) * duration_s
        keep &= ~((nominal >= start) & (nominal < start + float(rng.uniform(*timing.stall_s))))
    times = np.sort(np.clip(times[keep], 0.0, duration_s))
    return times[np.concatenate([[True], np.diff(times) > 1e-3])]


class Renderer:
    """Draws the frames of one script on one scene."""

    def __init__(self, scene: Scene, script: Script, rng: np.random.Generator) -> None:
        self.scene = scene
        self.script = script
        self._rng = rng
        left, top, right, bottom = scene.roi
        grid_y, grid_x = np.mgrid[top:bottom, left:right].astype(np.float32)
        self._grid_x, self._grid_y = grid_x, grid_y
        self._layers = np.dstack([scene.gray, scene.mask])  # remapped together
        self._hips = scene.box.point(1.0, 0.0)
        # Only this part of the body's area can rise with the breath (rows and columns within the ROI).
        corners = np.array([scene.box.point(a, f) for a in (-0.2, 1.2) for f in (-0.1, 0.9)])
        self._trunk = (
            slice(
                max(0, int(corners[:, 1].min()) - ROI_MARGIN_PX - top),
                max(0, int(corners[:, 1].max()) + ROI_MARGIN_PX - top),
            ),
            slice(
                max(0, int(corners[:, 0].min()) - ROI_MARGIN_PX - left),
                max(0, int(corners[:, 0].max()) + ROI_MARGIN_PX - left),
            ),
        )
        height, width = scene.gray.shape
        self._noise_bank = rng.standard_normal((4, height + 64, width + 64)).astype(np.float32)
        light = script.light
        # Noise deviation per pixel (read and shot noise at the sensor), from the still scene's brightness.
        self._noise_sd = np.sqrt(light.read_noise**2 + light.shot_noise * scene.room * light.level).astype(np.float32)
        self._noise_sd[top:bottom, left:right] = np.sqrt(
            light.read_noise**2 + light.shot_noise * scene.gray[top:bottom, left:right] * light.level
        )
        self._gain_phase = float(rng.uniform(0, 2 * math.pi))
        self._flicker_phase = float(rng.uniform(0, 2 * math.pi))

    def frames(self) -> Iterator[Frame]:
        for time_s in capture_times(self.script.timing, self.script.duration_s, self._rng):
            yield self.frame(float(time_s))

    def _shift_matrix(self, time_s: float) -> npt.NDArray[np.float64]:
        """The body's accumulated shift at this time, as a 2x3 affine map of original to current."""
        matrix = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
        for shift in self.script.shifts:
            share = _smoothstep((time_s - shift.at_s) / shift.duration_s)
            if share <= 0:
                continue
            turn = cv2.getRotationMatrix2D(self._hips, shift.turn_deg * share, 1.0)
            step = np.vstack([turn, [0.0, 0.0, 1.0]])
            step[0, 2] += shift.dx_px * share
            step[1, 2] += shift.dy_px * share
            matrix = step @ matrix
        return matrix[:2]

    def frame(self, time_s: float) -> Frame:
        scene, script = self.scene, self.script
        shift = self._shift_matrix(time_s)
        inverse = cv2.invertAffineTransform(shift)
        # Output pixel -> before the shift -> before the breath -> before the local moves.
        x = inverse[0, 0] * self._grid_x + inverse[0, 1] * self._grid_y + inverse[0, 2]
        y = inverse[1, 0] * self._grid_x + inverse[1, 1] * self._grid_y + inverse[1, 2]
        rise = 0.0 if script.breathing is None else script.breathing.front_px(time_s)
        if rise > 0:
            rows, cols = self._trunk
            x[rows, cols], y[rows, cols] = self._undo_breath(x[rows, cols], y[rows, cols], rise)
        for move in script.moves:
            dx, dy = move.offset_at(time_s)
            if dx or dy:
                centre = scene.pose[move.landmark]
                weight = np.exp(-((x - centre.x) ** 2 + (y - centre.y) ** 2) / (2 * move.radius_px**2))
                x, y = x - dx * weight, y - dy * weight
        map_x, map_y = x.astype(np.float32), y.astype(np.float32)
        layers = cv2.remap(self._layers, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        body, cover = layers[:, :, 0], layers[:, :, 1]
        picture = scene.room.copy()
        left, top, right, bottom = scene.roi
        room = picture[top:bottom, left:right]
        picture[top:bottom, left:right] = cover * body + (1 - cover) * room
        return Frame(time_s, self._photograph(picture, time_s), self._pose_at(time_s, shift))

    def _undo_breath(self, x: Image32, y: Image32, rise_px: float) -> tuple[Image32, Image32]:
        """Where a point of the raised body came from: points in front of the line rose by up to `rise_px`."""
        box, depth = self.scene.box, self.scene.front_depth_px
        rel_x, rel_y = x - box.origin_x, y - box.origin_y
        along = (rel_x * box.along_x + rel_y * box.along_y) / box.length_px
        front = rel_x * box.front_x + rel_y * box.front_y
        taper = np.sin(np.pi * np.clip((along + 0.15) / 1.3, 0.0, 1.0))
        lift = rise_px * taper * (0.7 + 0.3 * np.clip(along, 0.0, 1.0))  # the belly rises most
        stretched = front / (1 + lift / depth)
        moved = np.where(front <= depth + lift, stretched, front - lift)
        source_front = np.where(front > 0, moved, front)
        back = source_front - front
        return x + back * box.front_x, y + back * box.front_y

    def _photograph(self, picture: Image32, time_s: float) -> npt.NDArray[np.uint8]:
        light = self.script.light
        flicker = light.flicker * math.sin(2 * math.pi * light.flicker_hz * time_s + self._flicker_phase)
        sensor = picture * (light.level * (1 + flicker))
        index = int(self._rng.integers(len(self._noise_bank)))
        dy, dx = (int(v) for v in self._rng.integers(0, 64, size=2))
        height, width = picture.shape
        noise = self._noise_bank[index, dy : dy + height, dx : dx + width]
        sensor = sensor + noise * self._noise_sd
        sensor = np.clip(np.round(sensor), 0, 255)
        gain = light.gain * (1 + light.gain_hunting * math.sin(2 * math.pi * time_s / 37 + self._gain_phase))
        out = np.clip(np.round(sensor * gain), 0, 255).astype(np.uint8)
        ok, encoded = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, light.jpeg_quality])
        assert ok
        return np.asarray(cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE), dtype=np.uint8)

    def _pose_at(self, time_s: float, shift: npt.NDArray[np.float64]) -> Pose:
        """The landmarks a pose model would give: moved with the body, with the model's jitter."""
        jitter = self.script.landmark_jitter_px
        points = []
        for _, point in self.scene.pose:
            x, y = point.x, point.y
            for move in self.script.moves:
                centre = self.scene.pose[move.landmark]
                dx, dy = move.offset_at(time_s)
                weight = math.exp(-((x - centre.x) ** 2 + (y - centre.y) ** 2) / (2 * move.radius_px**2))
                x, y = x + dx * weight, y + dy * weight
            moved_x = shift[0, 0] * x + shift[0, 1] * y + shift[0, 2]
            moved_y = shift[1, 0] * x + shift[1, 1] * y + shift[1, 2]
            noise_x, noise_y = self._rng.normal(0, jitter, size=2)
            points.append(Landmark(moved_x + float(noise_x), moved_y + float(noise_y), point.visibility))
        return Pose(tuple(points), self.scene.pose.image_width, self.scene.pose.image_height)
