"""The position check as one service for the CLI and the web app: decode -> landmarks -> rules -> result.

A `CheckService` holds one pose model for all the inputs of a call (photos, videos, a live stream); it is not
thread-safe, so a server keeps one per worker or per connection. Videos and live streams are tracked frame to
frame, smoothed, and their verdicts pass through hysteresis; a photo is checked on its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Protocol

from crest.errors import CrestError
from crest.posture import rules
from crest.posture.landmarks import Pose
from crest.posture.media import (
    DEFAULT_SAMPLE_FPS,
    MediaKind,
    ProgressCallback,
    VideoSource,
    decode_photo,
    kind_of_file,
)
from crest.posture.people import cover_body, is_another_person, larger
from crest.posture.result import CheckResult, CriterionResult
from crest.posture.smoothing import VERDICT_HOLD_S, PoseSmoother, VerdictHysteresis
from crest.posture.video import VideoReview, VideoReviewBuilder

if TYPE_CHECKING:
    from crest.posture.media import RgbImage

TWO_PEOPLE_NOTE = "Two people are in the picture: crest checked the larger one."
# While a video's verdicts hold steady, check one sampled frame per this many seconds.
CALM_CHECK_INTERVAL_S = 1.0

ViewChoice = Literal["auto", "side", "feet_end", "head_end", "above"]
VIEW_CHOICES: tuple[ViewChoice, ...] = ("auto", "side", "feet_end", "head_end", "above")


class NoPersonFound(CrestError):
    """Nobody could be found in the picture or video."""


class InvalidHeight(CrestError):
    """A body height outside what a person can be."""


class InvalidView(CrestError):
    """A camera view crest does not know."""


class PoseFinder(Protocol):
    """What the service needs from a pose estimator (the MediaPipe adapter, or a fake in tests)."""

    def detect(self, image_rgb: RgbImage) -> Pose | None: ...

    def detect_turned(self, image_rgb: RgbImage, quarter_turns: int) -> Pose | None: ...

    def track(self, frame_rgb: RgbImage) -> Pose | None: ...

    def reset_tracking(self) -> None: ...

    def close(self) -> None: ...


Evaluate = Callable[[Pose, float | None, str], CheckResult]


def _rules_evaluate(pose: Pose, height_cm: float | None, view: str) -> CheckResult:
    return rules.evaluate(pose, height_cm=height_cm, view=view)


@dataclass(frozen=True)
class CheckOptions:
    height_cm: float | None = None
    view: ViewChoice = "auto"
    sample_fps: float = DEFAULT_SAMPLE_FPS

    def __post_init__(self) -> None:
        if self.height_cm is not None and not 80 <= self.height_cm <= 250:
            raise InvalidHeight(
                f"a height of {self.height_cm:g} cm is unlikely; give your height in cm (80-250)"
            )
        if self.view not in VIEW_CHOICES:
            raise InvalidView(f"unknown view {self.view!r}; choose one of {', '.join(VIEW_CHOICES)}")


@dataclass(frozen=True)
class PhotoCheck:
    """The verdict on a photo, with the decoded (downscaled) picture the landmarks refer to."""

    name: str
    result: CheckResult
    image_rgb: RgbImage
    notes: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        return {"file": self.name, **self.result.to_json_dict(), "notes": list(self.notes)}


@dataclass(frozen=True)
class VideoCheck:
    """The review of a video, with one frame (the last with a person) and its verdict, for a picture."""

    name: str
    review: VideoReview
    snapshot_rgb: RgbImage | None
    snapshot_result: CheckResult | None

    @property
    def result(self) -> CheckResult:
        return self.review.result

    def to_json_dict(self) -> dict[str, Any]:
        return {"file": self.name, **self.review.to_json_dict(), "notes": []}


Checked = PhotoCheck | VideoCheck


class CheckService:
    """Check photos, videos and live frames with one shared pose model."""

    def __init__(
        self,
        options: CheckOptions | None = None,
        *,
        finder: PoseFinder | None = None,
        evaluate: Evaluate = _rules_evaluate,
    ) -> None:
        self.options = options or CheckOptions()
        self._finder = finder
        self._evaluate = evaluate

    @property
    def finder(self) -> PoseFinder:
        if self._finder is None:
            from crest.posture.estimator import PoseEstimator  # loads MediaPipe: only when a body is checked

            self._finder = PoseEstimator()
        return self._finder

    def close(self) -> None:
        if self._finder is not None:
            self._finder.close()

    def __enter__(self) -> CheckService:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def evaluate(self, pose: Pose) -> CheckResult:
        """The rules' verdict on one set of landmarks, with the landmarks attached."""
        result = self._evaluate(pose, self.options.height_cm, self.options.view)
        return result if result.landmarks is not None else replace(result, landmarks=pose)

    # --- photos ---

    def check_image(self, image_rgb: RgbImage, name: str = "picture") -> PhotoCheck:
        pose = self.finder.detect(image_rgb)
        if pose is None:
            raise NoPersonFound(
                f"{name}: nobody found in the picture; make sure your whole body is in view and well lit"
            )
        # One more look with this body covered: a second person means checking the larger one, and saying so.
        notes: tuple[str, ...] = ()
        other = self.finder.detect_turned(cover_body(image_rgb, pose), 0)
        if other is not None and is_another_person(pose, other):
            pose = larger(pose, other)
            notes = (TWO_PEOPLE_NOTE,)
        result = self.evaluate(pose)
        if notes:
            result = replace(result, summary=f"{result.summary} {TWO_PEOPLE_NOTE}")
        return PhotoCheck(name, result, image_rgb, notes)

    def check_image_bytes(self, data: bytes, name: str = "upload") -> PhotoCheck:
        """An uploaded photo (JPEG, PNG or WebP bytes), decoded in memory."""
        return self.check_image(decode_photo(data, name), name)

    # --- videos ---

    def review_video(
        self, source: Path | bytes, name: str | None = None, progress: ProgressCallback | None = None
    ) -> VideoCheck:
        """Review a video file or uploaded video bytes; `progress` gets (seconds done, total or None)."""
        video = VideoSource(source, name)
        builder = VideoReviewBuilder()
        smoother = PoseSmoother()
        self.finder.reset_tracking()
        snapshot: tuple[RgbImage, CheckResult] | None = None
        last_checked_s = -math.inf
        for frame in video.frames(self.options.sample_fps, progress=progress):
            # While the verdicts hold steady, one frame a second is enough; any change brings back every
            # sampled frame until the new verdicts have held.
            if builder.settled and frame.time_s - last_checked_s < CALM_CHECK_INTERVAL_S - 1e-6:
                continue
            last_checked_s = frame.time_s
            pose = self.finder.track(frame.image_rgb)
            result = None if pose is None else self.evaluate(smoother(pose, frame.time_s))
            builder.add(frame.time_s, result)
            if result is not None:
                snapshot = (frame.image_rgb, result)
        self.finder.reset_tracking()
        review = builder.finish(video.info.duration_s)
        if review.frames_with_person == 0:
            raise NoPersonFound(
                f"{video.name}: nobody found in the video; make sure your whole body is in view and well lit"
            )
        return VideoCheck(
            video.name,
            review,
            None if snapshot is None else snapshot[0],
            None if snapshot is None else snapshot[1],
        )

    # --- any file ---

    def check_path(self, path: Path, progress: ProgressCallback | None = None) -> Checked:
        """A photo or a video, told apart by content."""
        if kind_of_file(path) is MediaKind.VIDEO:
            return self.review_video(path, path.name, progress)
        return self.check_image_bytes(path.read_bytes(), path.name)

    # --- live ---

    def live(self, hold_s: float = VERDICT_HOLD_S) -> LiveCheck:
        """A live stream of frames (camera, web socket); starts tracking afresh."""
        self.finder.reset_tracking()
        return LiveCheck(self, hold_s)


@dataclass(frozen=True)
class LiveUpdate:
    """The state after one live frame.

    `result` is this frame's verdict on smoothed landmarks (None when nobody is seen); `stable` holds each
    criterion's verdict once it has held for a moment; `corrections` are the stable `adjust` verdicts to show,
    and `new_corrections` those that became stable on this very frame (to be spoken once).
    """

    time_s: float
    result: CheckResult | None
    stable: dict[str, str] = field(default_factory=dict)
    corrections: tuple[CriterionResult, ...] = ()
    new_corrections: tuple[CriterionResult, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"time_s": round(self.time_s, 3), "person_seen": self.result is not None}
        if self.result is not None:
            data.update(self.result.to_json_dict())
        data["stable"] = dict(self.stable)
        data["corrections"] = [item.to_json_dict() for item in self.corrections]
        data["new_corrections"] = [item.name for item in self.new_corrections]
        return data


NOBODY_STATUS = "nobody"


class LiveCheck:
    """Frame-by-frame checking of one stream; keeps the tracking, smoothing and hysteresis state."""

    def __init__(self, service: CheckService, hold_s: float = VERDICT_HOLD_S) -> None:
        self._service = service
        self._smoother = PoseSmoother()
        self._hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s)
        # The latest `adjust` verdict per criterion: its advice stays shown while the stable verdict is
        # `adjust`, even on a frame that flickered to `ok`.
        self._latest_adjust: dict[str, CriterionResult] = {}

    def frame(self, image_rgb: RgbImage, time_s: float) -> LiveUpdate:
        """Check one frame taken at `time_s` (seconds on any steady clock)."""
        pose = self._service.finder.track(image_rgb)
        result = None if pose is None else self._service.evaluate(self._smoother(pose, time_s))
        if result is None:
            values = {NOBODY_STATUS: "yes"}
        else:
            values = {criterion.name: criterion.status for criterion in result.criteria}
            values[NOBODY_STATUS] = "no"
            self._latest_adjust.update((c.name, c) for c in result.criteria if c.status == "adjust")
        changed = self._hysteresis.update(values, time_s)
        stable = {name: value.value for name, value in self._hysteresis.stable_values.items()}
        nobody = stable.pop(NOBODY_STATUS, "no") == "yes"
        if result is None or nobody:
            return LiveUpdate(time_s, result, stable)
        corrections = tuple(
            self._latest_adjust[criterion.name]
            for criterion in result.criteria
            if stable.get(criterion.name) == "adjust" and criterion.name in self._latest_adjust
        )
        new_corrections = tuple(c for c in corrections if c.name in changed)
        return LiveUpdate(time_s, result, stable, corrections, new_corrections)

    def frame_jpeg(self, data: bytes, time_s: float) -> LiveUpdate:
        """A frame sent as JPEG (or PNG/WebP) bytes, as the web page's camera does."""
        from crest.posture.media import VIDEO_MAX_SIDE_PX

        return self.frame(decode_photo(data, "camera frame", VIDEO_MAX_SIDE_PX), time_s)
