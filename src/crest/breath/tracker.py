"""Frames in, breath and stillness out: the one entry point for a video review and for a live camera.

    tracker = BreathTracker()
    for each frame:  tracker.add_frame(capture_time_s, gray_frame, pose)   # pose: the latest body, or None
    tracker.state     # "reading", or why not right now (for a quiet indicator)
    tracker.result()  # a BreathResult, at any time

`capture_time_s` is when the frame was taken (a video's frame time, or the browser's capture timestamp), on
the time line the result should use; frames whose time does not increase are left out. The pose can be the
latest one the pose model gave (it frames the trunk and tells the view; it need not be run on every frame),
or None when nobody is seen (a missing pose is bridged by the last one for `POSE_HOLD_S`). Frames are looked
at once and never kept.
"""

from __future__ import annotations

from crest.breath.analysis import BreathAnalysis, FrameMeasure
from crest.breath.motion import DARK_LEVEL, BodyWatch, GrayImage, TrunkReference
from crest.breath.reasons import FrameProblem
from crest.breath.result import BreathResult
from crest.breath.trunk import TrunkBox, shows_the_front, trunk_box
from crest.posture.landmarks import Pose

# After a movement, wait this long without motion before taking a new reference.
SETTLE_S = 1.0
# The trunk box is framed again when the pose's trunk ends have been this far (in trunk lengths) from the
# box's for this long (a jumpy pose, which a caller may pass with several frames, does not move it).
REFRAME_DISTANCE = 0.12
REFRAME_AFTER_S = 1.0
# In the dark, look again for light this often (not on every frame).
LOOK_AGAIN_S = 1.0
# A frame without a pose uses the last one for this long (a pose model misses a frame now and then) ...
POSE_HOLD_S = 2.0
# ... and the reference outlives frames it cannot measure (a flicker of the view) for this long.
FORGET_AFTER_S = 2.0


class BreathTracker:
    """Reads breathing and movements from a stream of frames of one person lying on their back."""

    def __init__(self, *, brightness_term: bool = True) -> None:
        self._analysis = BreathAnalysis()
        self._brightness_term = brightness_term
        self._reference: TrunkReference | None = None
        self._watch: BodyWatch | None = None
        self._segment = 0
        self._offset_px = 0.0  # carried over when a reference is renewed without a movement
        self._last_time_s: float | None = None
        self._last_moving_s: float | None = None
        self._off_box_since_s: float | None = None
        self._dark_at_s: float | None = None
        self._last_pose: tuple[float, Pose] | None = None
        self._problem_since_s: float | None = None
        self._looked: tuple[Pose | None, TrunkBox | None, FrameProblem | None] | None = None

    @property
    def state(self) -> str:
        """ "reading" while the breath is being measured and the last moments can give a reading; else "moving"
        or what is in the way of the frames."""
        status = self._analysis.live_status
        return "reading" if status == "measured" else (status or "starting")

    def result(self) -> BreathResult:
        return self._analysis.result()

    def add_frame(self, time_s: float, gray: GrayImage, pose: Pose | None) -> None:
        """Measure one grey frame captured at `time_s`, with the body the pose model last found in it."""
        if self._last_time_s is not None and time_s <= self._last_time_s:
            return
        self._last_time_s = time_s
        pose = self._held(time_s, pose)
        box, problem = self._looked_at(gray, pose)
        if problem is not None or pose is None or box is None:
            # Nobody found in a picture this dark: the light is what is missing, as the position check says.
            nobody_in_the_dark = pose is None and float(gray.mean()) < DARK_LEVEL
            self._unmeasured(time_s, "too_dark" if nobody_in_the_dark else problem or "trunk_not_visible")
            return
        self._problem_since_s = None
        if self._watch is None:
            self._watch = BodyWatch(pose, box)
        moving = self._watch.moved(time_s, gray)
        if moving:
            self._last_moving_s = time_s
            self._reference = None
        elif self._settled(time_s) and (self._reference is None or self._off_box(time_s, box)):
            if self._dark_at_s is not None and time_s - self._dark_at_s < LOOK_AGAIN_S:
                self._analysis.add(FrameMeasure(time_s, problem="too_dark"))
                return
            self._start_segment(gray, pose, box)
        self._measure(time_s, gray, moving)

    def _held(self, time_s: float, pose: Pose | None) -> Pose | None:
        """This frame's pose, or the last one while it is recent."""
        if pose is not None:
            self._last_pose = (time_s, pose)
            return pose
        if self._last_pose is not None and time_s - self._last_pose[0] <= POSE_HOLD_S:
            return self._last_pose[1]
        return None

    def _unmeasured(self, time_s: float, problem: FrameProblem) -> None:
        if self._problem_since_s is None:
            self._problem_since_s = time_s
        elif time_s - self._problem_since_s >= FORGET_AFTER_S:
            self._forget()
        self._analysis.add(FrameMeasure(time_s, problem=problem))

    def _looked_at(self, gray: GrayImage, pose: Pose | None) -> tuple[TrunkBox | None, FrameProblem | None]:
        """The trunk box of this pose and what keeps it from showing the breath (the same pose: the same answer)."""
        if self._looked is not None and self._looked[0] is pose:
            return self._looked[1], self._looked[2]
        box = None if pose is None else trunk_box(pose)
        problem: FrameProblem | None = None
        if pose is None or box is None or not box.inside(gray.shape[1], gray.shape[0]):
            problem = "trunk_not_visible"
        elif not shows_the_front(pose):
            problem = "camera_not_at_side"
        self._looked = (pose, box, problem)
        return box, problem

    def _settled(self, time_s: float) -> bool:
        return self._last_moving_s is None or time_s - self._last_moving_s >= SETTLE_S

    def _off_box(self, time_s: float, box: TrunkBox) -> bool:
        """Whether the body has lain elsewhere than the reference's box for a while."""
        assert self._reference is not None
        if self._reference.box.distance_to(box) <= REFRAME_DISTANCE:
            self._off_box_since_s = None
            return False
        if self._off_box_since_s is None:
            self._off_box_since_s = time_s
        return time_s - self._off_box_since_s >= REFRAME_AFTER_S

    def _start_segment(self, gray: GrayImage, pose: Pose, box: TrunkBox) -> None:
        """A new reference (and a new framing of the body), after a movement or when the body lies elsewhere."""
        self._reference = TrunkReference(gray, box, brightness_term=self._brightness_term)
        self._watch = BodyWatch(pose, box)
        self._segment += 1
        self._offset_px = 0.0
        self._off_box_since_s = None

    def _measure(self, time_s: float, gray: GrayImage, moving: bool) -> None:
        reference = self._reference
        if reference is None:  # moving, or settling after a movement
            self._analysis.add(FrameMeasure(time_s, moving=moving))
            return
        if reference.too_dark:
            self._analysis.add(FrameMeasure(time_s, problem="too_dark"))
            self._reference = None  # look again in a moment: the light may come back
            self._dark_at_s = time_s
            return
        self._dark_at_s = None
        shift = reference.shift(gray)
        front_px = self._offset_px + shift.front_px
        if not shift.in_range:
            # The trunk drifted beyond what one linear step measures: same box, fresh reference, same segment.
            self._reference = TrunkReference(gray, reference.box, brightness_term=self._brightness_term)
            self._offset_px = front_px
        self._analysis.add(FrameMeasure(time_s, front_px, reference.box.length_px, shift.noise_px, self._segment))

    def _forget(self) -> None:
        self._reference = None
        self._watch = None
