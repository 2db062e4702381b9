"""The frame part: how far the front of the trunk moved, and whether the body moved more than breathing can.

`TrunkReference` fits one global motion of the trunk box against a reference frame (Lucas-Kanade, one linear
step on blurred patches, no dense flow): two shifts, plus a gain and an offset of brightness so that light
flicker or a camera's automatic gain is explained by light, not read as motion. Measuring against a fixed
reference, not summing frame-to-frame motions, keeps the fit's noise from drifting. Its cost is a warp of a
patch of about 128 x 80 pixels and two small matrix products (well under a millisecond at 640 px frames).

`BodyWatch` looks at a small picture of the whole body for changes that a motion of more than a few pixels
must have made (a shift, an arm moved, a fidget), ignoring global brightness and the small motion of breath.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from crest.breath.trunk import BOX_ALONG, BOX_FRONT, TrunkBox
from crest.posture.landmarks import Pose

GrayImage = npt.NDArray[np.uint8]
FloatImage = npt.NDArray[np.float32]

# The trunk patch is at most this many pixels along the trunk: finer adds cost, not precision.
PATCH_ALONG_PX = 128
# Blurring widens the range over which one linear step measures a shift faithfully (about a blur width).
PATCH_BLUR_PX = 1.5
# Beyond this shift from the reference, in patch pixels, the linear step under-reads: take a new reference.
LINEAR_RANGE_PX = 1.2
# Pixels of the patch's edge left out of the fit (blur and gradients are unreliable there).
PATCH_MARGIN_PX = 3
# A trunk box darker than this mean grey level (0-255), or flatter than this spread, shows no usable motion.
DARK_LEVEL = 25.0
FLAT_SPREAD = 4.0
# Pixels this bright (or dark) may clip when the light flickers by a few percent; clipping bends an edge's
# profile, which reads as motion, so they and their neighbours within the blur are left out of the fit.
CLIPPING_HIGH = 240.0
CLIPPING_LOW = 3.0
# A fit needs at least this share of the patch's pixels.
MIN_FITTED_SHARE = 0.25

# The body picture: at most this many pixels wide, compared with the pictures taken `BODY_LAGS_S` before (a quick
# movement shows over half a second, a slower shift over two).
BODY_THUMB_WIDTH_PX = 128
BODY_LAGS_S = (0.5, 2.0)
BODY_MARGIN = 0.25  # around the landmarks, in trunk lengths
# The front of the trunk rises and falls with the breath (by several pixels in a sigh): it is left out, and
# anything else that moved by more than this share of a trunk length was the body moving, not breathing.
BEYOND_BREATH_TRUNK = 0.01
# A pixel has changed when it differs by more than this many noise deviations, beyond what such a motion
# explains; the body moved when this share of the pixels in some patch (of `LOCAL_PATCH_TRUNK` trunk lengths
# across) changed: a moving arm or head changes one area, noise changes scattered pixels.
CHANGE_NOISE_FACTOR = 4.0
CHANGE_FLOOR_LEVELS = 2.0
LOCAL_PATCH_TRUNK = 0.2
MOVED_LOCAL_SHARE = 0.25


def to_gray(image_rgb: npt.NDArray[np.uint8]) -> GrayImage:
    """The grey picture the breath is read from, of an RGB frame."""
    return np.asarray(cv2.cvtColor(image_rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)


@dataclass(frozen=True)
class TrunkShift:
    """The trunk box's motion since the reference, in picture pixels."""

    front_px: float  # towards the front of the trunk (the breath)
    noise_px: float  # the fit's standard error of `front_px`
    in_range: bool  # small enough for the linear fit to measure faithfully


class TrunkReference:
    """One reference frame of the trunk box, ready to measure later frames against it."""

    def __init__(self, gray: GrayImage, box: TrunkBox, *, brightness_term: bool = True) -> None:
        """`brightness_term=False` leaves light changes unmodelled (only to measure what the term buys)."""
        self.box = box
        along_span = (BOX_ALONG[1] - BOX_ALONG[0]) * box.length_px
        front_span = (BOX_FRONT[1] - BOX_FRONT[0]) * box.length_px
        self._step_px = max(1.0, along_span / PATCH_ALONG_PX)
        self._size = (max(8, round(along_span / self._step_px)), max(8, round(front_span / self._step_px)))
        # Patch x runs along the trunk; patch y runs from the front towards the back (the front is up).
        step = self._step_px
        corner_x, corner_y = box.point(BOX_ALONG[0], BOX_FRONT[1])
        self._to_frame = np.array(
            [
                [box.along_x * step, -box.front_x * step, corner_x],
                [box.along_y * step, -box.front_y * step, corner_y],
            ],
            dtype=np.float64,
        )
        raw = self._raw_patch(gray)
        self.level = float(raw.mean())
        self.spread = float(raw.std())
        template = self._blurred(raw)
        grad_y, grad_x = np.gradient(template)
        self._fitted = self._fitted_pixels(raw)
        self.fitted_share = float(self._fitted.size) / raw.size
        self._template = template.ravel()[self._fitted]
        columns = [-grad_x.ravel()[self._fitted], -grad_y.ravel()[self._fitted]]
        if brightness_term:
            columns += [self._template, np.ones_like(self._template)]
        jacobian = np.stack(columns, axis=0).astype(np.float64)  # one row per parameter
        # A pseudo-inverse: a patch with (almost) no usable pixels gives zero motion, not an error; the
        # tracker does not measure with it anyway (`too_dark`).
        self._covariance_unit = np.linalg.pinv(jacobian @ jacobian.T)
        self._jacobian_rows = np.ascontiguousarray(jacobian, dtype=np.float32)
        self._dof = max(1, jacobian.shape[1] - jacobian.shape[0])

    def _fitted_pixels(self, raw: FloatImage) -> npt.NDArray[np.intp]:
        """Flat indices of the patch's pixels the fit uses: inside its margin, away from clipping."""
        clipping = ((raw >= CLIPPING_HIGH) | (raw <= CLIPPING_LOW)).astype(np.uint8)
        reach = 2 * round(2 * PATCH_BLUR_PX) + 1
        near_clipping = cv2.dilate(clipping, np.ones((reach, reach), np.uint8)) > 0
        usable = ~near_clipping
        margin = PATCH_MARGIN_PX
        usable[:margin] = usable[-margin:] = False
        usable[:, :margin] = usable[:, -margin:] = False
        return np.flatnonzero(usable)

    def _raw_patch(self, gray: GrayImage) -> FloatImage:
        # Crop the box's bounding rectangle first, so that only its pixels are converted to float.
        corners = np.array(self.box.corners())
        height, width = gray.shape[:2]
        left = int(max(0, np.floor(corners[:, 0].min()) - 2))
        top = int(max(0, np.floor(corners[:, 1].min()) - 2))
        right = int(min(width, np.ceil(corners[:, 0].max()) + 3))
        bottom = int(min(height, np.ceil(corners[:, 1].max()) + 3))
        crop = gray[top:bottom, left:right].astype(np.float32)
        matrix = self._to_frame.copy()
        matrix[:, 2] -= (left, top)
        patch = cv2.warpAffine(
            crop,
            matrix,
            self._size,
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_REPLICATE,
        )
        return np.asarray(patch, dtype=np.float32)

    @staticmethod
    def _blurred(patch: FloatImage) -> FloatImage:
        return np.asarray(cv2.GaussianBlur(patch, (0, 0), PATCH_BLUR_PX), dtype=np.float32)

    def shift(self, gray: GrayImage) -> TrunkShift:
        """This frame's trunk motion since the reference."""
        patch = self._blurred(self._raw_patch(gray)).ravel()[self._fitted]
        difference = patch - self._template
        # Normal equations by einsum, not a BLAS product: on a busy machine BLAS threads cost more than the
        # whole fit. The residual's size follows from them too: |e|^2 - b.params for least squares.
        projected = np.einsum("kn,n->k", self._jacobian_rows, difference).astype(np.float64)
        params = self._covariance_unit @ projected
        residual_sq = float(np.einsum("n,n->", difference, difference)) - float(projected @ params)
        variance = max(0.0, residual_sq) / self._dof
        step = self._step_px
        along_patch, back_patch = float(params[0]), float(params[1])
        return TrunkShift(
            front_px=-back_patch * step,
            noise_px=float(np.sqrt(variance * self._covariance_unit[1, 1])) * step,
            in_range=max(abs(along_patch), abs(back_patch)) <= LINEAR_RANGE_PX,
        )

    @property
    def too_dark(self) -> bool:
        """Too dark (or too flat, or too blown out) for the fit to see the trunk move."""
        return self.level < DARK_LEVEL or self.spread < FLAT_SPREAD or self.fitted_share < MIN_FITTED_SHARE


class BodyWatch:
    """Spots body movements in a small picture of the whole body, framed once from one pose."""

    def __init__(self, pose: Pose, box: TrunkBox) -> None:
        margin = BODY_MARGIN * box.length_px
        xs = [point.x for _, point in pose]
        ys = [point.y for _, point in pose]
        self._left = int(max(0, min(xs) - margin))
        self._top = int(max(0, min(ys) - margin))
        self._right = int(min(pose.image_width, max(xs) + margin))
        self._bottom = int(min(pose.image_height, max(ys) + margin))
        # A whole number of pixels per body-picture pixel: OpenCV averages those several times faster.
        factor = max(1, math.ceil((self._right - self._left) / BODY_THUMB_WIDTH_PX))
        self._size = (max(4, (self._right - self._left) // factor), max(4, (self._bottom - self._top) // factor))
        self._right = min(pose.image_width, self._left + self._size[0] * factor)
        self._bottom = min(pose.image_height, self._top + self._size[1] * factor)
        self._scale = 1.0 / factor
        self._watched = self._outside_the_breath(box)
        self._beyond_breath = BEYOND_BREATH_TRUNK * box.length_px * self._scale
        self._patch = max(3, round(LOCAL_PATCH_TRUNK * box.length_px * self._scale))
        self._recent: deque[tuple[float, FloatImage, FloatImage]] = deque()

    def _outside_the_breath(self, box: TrunkBox) -> npt.NDArray[np.bool_]:
        """The body picture's pixels away from the front of the trunk (which the breath moves)."""
        rows, cols = np.mgrid[0 : self._size[1], 0 : self._size[0]].astype(np.float64)
        x = self._left + (cols + 0.5) / self._scale - box.origin_x
        y = self._top + (rows + 0.5) / self._scale - box.origin_y
        along = (x * box.along_x + y * box.along_y) / box.length_px
        front = (x * box.front_x + y * box.front_y) / box.length_px
        breathing = (along >= BOX_ALONG[0]) & (along <= BOX_ALONG[1]) & (front >= -0.05) & (front <= BOX_FRONT[1])
        return np.asarray(~breathing)

    def _thumb(self, gray: GrayImage) -> FloatImage:
        crop = gray[self._top : self._bottom, self._left : self._right]
        small = cv2.resize(crop, self._size, interpolation=cv2.INTER_AREA).astype(np.float32)
        return np.asarray(cv2.GaussianBlur(small, (0, 0), 0.7), dtype=np.float32)

    def moved(self, time_s: float, gray: GrayImage) -> bool:
        """Whether the body moved beyond breathing over the last half second, or the last two seconds."""
        thumb = self._thumb(gray)
        grad_y, grad_x = np.gradient(thumb)
        # What a breath-sized motion could change at each pixel: that motion times the local gradient.
        breath_change = (self._beyond_breath * np.hypot(grad_x, grad_y)).astype(np.float32)
        self._recent.append((time_s, thumb, breath_change))
        while time_s - self._recent[0][0] > 2 * max(BODY_LAGS_S):
            self._recent.popleft()
        for lag_s in BODY_LAGS_S:
            earlier = [(picture, change) for taken_s, picture, change in self._recent if time_s - taken_s >= lag_s]
            if earlier and self._moved_between(*earlier[-1], thumb):
                return True
        return False

    def _moved_between(self, before: FloatImage, breath_change: FloatImage, after: FloatImage) -> bool:
        """Whether some area of the body changed in a way no light change and no breath explains."""
        # Light: fit after = gain * before + offset over the whole picture first (least squares; einsum,
        # not BLAS, whose threads cost more than this on a busy machine).
        centred = before - before.mean()
        spread = float(np.einsum("ij,ij->", centred, centred))
        after_centred = after - after.mean()
        gain = float(np.einsum("ij,ij->", centred, after_centred)) / spread if spread > 0 else 1.0
        difference = np.abs(after_centred - gain * centred)
        sample = difference[::2, ::2].ravel()  # every other pixel tells the noise as well
        noise = 1.4826 * float(np.partition(sample, sample.size // 2)[sample.size // 2])  # the median
        allowed = CHANGE_NOISE_FACTOR * noise + CHANGE_FLOOR_LEVELS + breath_change
        changed = ((difference > allowed) & self._watched).astype(np.float32)
        local = cv2.blur(changed, (self._patch, self._patch))
        return float(local.max()) > MOVED_LOCAL_SHARE
