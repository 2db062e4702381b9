"""Colour frames with their capture times in, breath out: the pose model finds the body now and then, the
tracker reads every frame. One reader serves a video (`read_video`) and a live stream whose frames carry the
time they were taken (the browser's rest).

The pose only frames the trunk and tells the camera's view, and a body lies still for seconds at a time, so the
model runs twice a second, not on every frame: reading the breath then costs little more than decoding.
Frames are looked at once and never kept.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

from crest.breath.motion import to_gray
from crest.breath.result import BreathResult
from crest.breath.tracker import BreathTracker
from crest.posture.landmarks import Pose

if TYPE_CHECKING:
    from crest.posture.media import ProgressCallback, RgbImage, VideoSource

# The tracker needs at least 5 frames a second; 8 leave room for dropped frames and uneven timing.
BREATH_SAMPLE_FPS = 8.0
# How often the pose model looks for the body (the tracker bridges the frames between).
POSE_EVERY_S = 0.5


class BodyFinder(Protocol):
    """The pose model in tracking mode (the MediaPipe adapter, or a fake in tests)."""

    def track(self, frame_rgb: RgbImage) -> Pose | None: ...

    def reset_tracking(self) -> None: ...


class BreathReader:
    """Reads the breath of one stream of frames; starts the pose model's tracking afresh."""

    def __init__(self, finder: BodyFinder, reset: bool = True) -> None:
        """`reset=False` leaves the tracking to whoever lends the model (a shared pool resets it per stream)."""
        self._finder = finder
        self._tracker = BreathTracker()
        self._pose: Pose | None = None
        self._posed_at_s = -math.inf
        if reset:
            finder.reset_tracking()

    def frame(self, image_rgb: RgbImage, time_s: float) -> str:
        """Read one frame taken at `time_s` (seconds on the stream's own time line); the tracker's state."""
        if time_s - self._posed_at_s >= POSE_EVERY_S:
            self._pose, self._posed_at_s = self._finder.track(image_rgb), time_s
        self._tracker.add_frame(time_s, to_gray(image_rgb), self._pose)
        return self._tracker.state

    @property
    def state(self) -> str:
        """ "reading", "starting", "moving", or what keeps the breath from view (a `FrameProblem`)."""
        return self._tracker.state

    def result(self) -> BreathResult:
        return self._tracker.result()


def read_video(video: VideoSource, finder: BodyFinder, progress: ProgressCallback | None = None) -> BreathResult:
    """The breath over a whole video, read `BREATH_SAMPLE_FPS` times a second of video time."""
    reader = BreathReader(finder)
    for frame in video.frames(BREATH_SAMPLE_FPS, progress=progress):
        reader.frame(frame.image_rgb, frame.time_s)
    return reader.result()
