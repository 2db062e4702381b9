"""MediaPipe BlazePose adapter: pictures in, `Pose` landmarks in image pixels out.

BlazePose expects an upright person and can lose a body lying down (mediapipe issues #5276, #4868). Measured
on eval-public (58 real photos, bench/eval_photos.py --compare-turns): the detector's own rotation alignment
already finds every body as taken, and quarter-turned copies change the criteria agreement by less than one
photo. So a photo is run as taken, and only when nobody is found there the quarter-turned copies are tried
and the most plausible body wins (landmarks mapped back to the original frame). Video frames settle that
orientation once, then use MediaPipe's tracking mode: one model call per frame. A frame whose whole picture
jumped from the one before (a cut, the camera moved: `scenes`) starts the tracking afresh there, or the
tracker would go on fitting the old body's place to the new picture.
MediaPipe is imported lazily, inside the adapter, so commands that never check a body never load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any

import numpy as np
import numpy.typing as npt

from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose
from crest.posture.plausibility import most_plausible
from crest.posture.scenes import Thumbnail, jumped, thumbnail

Image = npt.NDArray[np.uint8]

# Quarter turns counter-clockwise tried on a photo: as taken first; the two sideways turns that make a body
# lying across the frame upright only when nobody is found as taken.
PHOTO_QUARTER_TURNS: tuple[int, ...] = (0, 1, 3)
# A tracked body lost for this many frames in a row makes the next frame settle the orientation again.
FRAMES_BEFORE_RESETTLE = 5


def rotate_quarter_turns(image: Image, quarter_turns: int) -> Image:
    """The image turned counter-clockwise by `quarter_turns` x 90 degrees (contiguous, as MediaPipe needs)."""
    return np.ascontiguousarray(np.rot90(image, quarter_turns % 4))


def map_back(x: float, y: float, quarter_turns: int, width: int, height: int) -> tuple[float, float]:
    """A pixel position in the turned image, mapped back to the original `width` x `height` image."""
    turns = quarter_turns % 4
    if turns == 1:
        return width - y, x
    if turns == 2:
        return width - x, height - y
    if turns == 3:
        return y, height - x
    return x, y


class PoseEstimator:
    """The bundled BlazePose `pose_landmark_full` model, owned by this instance; not thread-safe.

    MediaPipe runs a model either per picture or tracking a stream, so the instance opens each way lazily:
    a photo graph on the first `detect`, a tracking graph on the first `track`.

    `detect` is for independent photos; `track` is for consecutive frames of one video or camera stream
    (call `reset_tracking` before a new stream). Use as a context manager or call `close`.
    """

    def __init__(
        self,
        *,
        quarter_turns: Sequence[int] = PHOTO_QUARTER_TURNS,
        min_detection_confidence: float = 0.5,
    ) -> None:
        self._quarter_turns = tuple(quarter_turns)
        self._min_detection_confidence = min_detection_confidence
        self._photo_model: Any = None
        self._tracking_model: Any = None
        self._tracking_turns: int | None = None
        self._frames_lost = 0
        # Whether the tracking graph found a body in the last frame it was given: it looks there in the next one.
        self._tracking_has_body = False
        self._last_picture: Thumbnail | None = None
        # Whether the frame last tracked showed another picture than the one before (`scenes`): a stream's own
        # smoothing starts afresh there too.
        self.picture_jumped = False

    def detect(self, image_rgb: Image) -> Pose | None:
        """The body in a photo, or None when nobody is found."""
        chosen = self._find(image_rgb)
        return None if chosen is None else chosen[1]

    def detect_turned(self, image_rgb: Image, quarter_turns: int) -> Pose | None:
        """The body found in the photo turned by `quarter_turns`, in the original photo's pixels."""
        return self._run(self._photo(), image_rgb, quarter_turns)

    def track(self, frame_rgb: Image) -> Pose | None:
        """The body in the next frame of a stream, or None when nobody is seen in it."""
        picture = thumbnail(frame_rgb)
        self.picture_jumped = jumped(self._last_picture, picture)
        if self.picture_jumped:
            self._restart_tracking()
        self._last_picture = picture
        if self._tracking_turns is None:
            pose = self._find_tracked(frame_rgb)
            if self._tracking_turns is None:  # nobody, whichever way turned
                return None
        else:
            pose = self._tracked(frame_rgb, self._tracking_turns)
        if pose is None:
            self._frames_lost += 1
            if self._frames_lost >= FRAMES_BEFORE_RESETTLE:
                self._restart_tracking()
        else:
            self._frames_lost = 0
        return pose

    def _find_tracked(self, frame_rgb: Image) -> Pose | None:
        """The first frame of a stream, or the first after a restart: the tracking graph finds the body afresh.

        As taken first, by the tracking graph itself: a graph that tracks no body finds the very body the photo
        graph finds (the same landmarks on every eval-public photo and fixture, each way turned), so one model call
        settles the orientation where a photo-mode look first made two, at every cut of a stream. Nobody there, the
        photo graph tries the turned copies and the most plausible one is tracked from a restarted graph.
        """
        first, *others = self._quarter_turns
        self._forget_tracked_body(frame_rgb, first)
        pose = self._tracked(frame_rgb, first)
        if pose is not None:
            self._tracking_turns, self._frames_lost = first, 0
            return pose
        chosen = self._most_plausible_turned(frame_rgb, others)
        if chosen is None:
            return None
        self._tracking_turns, self._frames_lost = chosen[0], 0
        self._tracking().reset()  # a turned frame has other sides: the graph starts on it as on a new stream's
        return self._tracked(frame_rgb, chosen[0])

    def _forget_tracked_body(self, frame_rgb: Image, quarter_turns: int) -> None:
        """Make the tracking graph look for a body afresh in the next frame, not where it last found one.

        A black frame of the same size loses the body: the graph then detects afresh, as a restarted one does, with
        the same landmarks frame after frame (checked on cuts between every pair of eval-public photos). A restart
        cost four times as much, the graph setting itself up again on its next frame (62 against 29 ms of CPU, the
        black frame and the next one together): at every cut of a stream, and at each pass of a video's review.
        """
        if self._tracking_has_body and self._tracked(np.zeros_like(frame_rgb), quarter_turns) is not None:
            self._tracking().reset()  # something in the black frame after all: start the graph again
            self._tracking_has_body = False

    def _tracked(self, frame_rgb: Image, quarter_turns: int) -> Pose | None:
        pose = self._run(self._tracking(), frame_rgb, quarter_turns)
        self._tracking_has_body = pose is not None
        return pose

    def _find(self, image_rgb: Image) -> tuple[int, Pose] | None:
        """(quarter turns, body): as taken if a body is there, else the most plausible turned copy."""
        first, *others = self._quarter_turns
        pose = self.detect_turned(image_rgb, first)
        if pose is not None:
            return first, pose
        return self._most_plausible_turned(image_rgb, others)

    def _most_plausible_turned(self, image_rgb: Image, quarter_turns: Sequence[int]) -> tuple[int, Pose] | None:
        found = [(turns, self.detect_turned(image_rgb, turns)) for turns in quarter_turns]
        return most_plausible([(turns, pose) for turns, pose in found if pose is not None])

    def reset_tracking(self) -> None:
        """Forget the stream's orientation and tracked body (call between videos)."""
        self._restart_tracking()
        self._last_picture = None

    def _restart_tracking(self) -> None:
        """Settle the orientation and find the body afresh on the next frame (see `_forget_tracked_body`)."""
        self._tracking_turns = None
        self._frames_lost = 0

    def close(self) -> None:
        for model in (self._photo_model, self._tracking_model):
            if model is not None:
                model.close()
        self._photo_model = None
        self._tracking_model = None

    def __enter__(self) -> PoseEstimator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _photo(self) -> Any:
        if self._photo_model is None:
            self._photo_model = self._new_model(static_image_mode=True)
        return self._photo_model

    def _tracking(self) -> Any:
        if self._tracking_model is None:
            self._tracking_model = self._new_model(static_image_mode=False)
        return self._tracking_model

    def _new_model(self, *, static_image_mode: bool) -> Any:
        from mediapipe.python.solutions import pose as mp_pose

        # model_complexity=1 is pose_landmark_full, bundled in the mediapipe 0.10.21 wheel (0 and 2 would
        # be downloaded). Landmark smoothing stays off: the video pipeline smooths with its own filter.
        return mp_pose.Pose(
            static_image_mode=static_image_mode,
            model_complexity=1,
            smooth_landmarks=False,
            enable_segmentation=False,
            min_detection_confidence=self._min_detection_confidence,
            min_tracking_confidence=0.5,
        )

    @staticmethod
    def _run(model: Any, image_rgb: Image, quarter_turns: int) -> Pose | None:
        height, width = image_rgb.shape[:2]
        turned = rotate_quarter_turns(image_rgb, quarter_turns)
        turned_height, turned_width = turned.shape[:2]
        result = model.process(turned)
        if result.pose_landmarks is None:
            return None
        points = []
        for mark in result.pose_landmarks.landmark:
            x, y = map_back(mark.x * turned_width, mark.y * turned_height, quarter_turns, width, height)
            points.append(Landmark(x, y, float(mark.visibility)))
        if len(points) != len(LANDMARK_NAMES):
            return None
        return Pose(tuple(points), width, height)
