"""The position check as one service for the CLI and the web app: decode -> landmarks -> rules -> result.

A `CheckService` holds one pose model for all the inputs of a call (photos, videos, a live stream); it is not
thread-safe, so a server keeps one per worker or per connection. Videos and live streams are tracked frame to
frame, smoothed, and their verdicts pass through hysteresis; a photo is checked on its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Protocol

from crest.errors import CrestError
from crest.posture import rules
from crest.posture.heights import SHORTEST_HEIGHT_CM, TALLEST_HEIGHT_CM
from crest.posture.landmarks import Pose
from crest.posture.media import (
    DEFAULT_SAMPLE_FPS,
    MediaKind,
    ProgressCallback,
    VideoSource,
    decode_photo,
    kind_of_file,
)
from crest.posture.people import cover_body, found_whole, is_another_person, person_to_check
from crest.posture.result import (
    SURE,
    TYPICAL_HEIGHT_NOTE,
    CheckResult,
    CriterionResult,
    for_a_typical_height,
    has_distances_in_cm,
)
from crest.posture.scenes import Thumbnail, jumped, thumbnail
from crest.posture.smoothing import VERDICT_HOLD_S, PoseSmoother, VerdictHysteresis
from crest.posture.video import POSITION, MarginHold, VideoReview, VideoReviewBuilder, clock_text
from crest.posture.views import held_view
from crest.posture.vocabulary import View

if TYPE_CHECKING:
    from crest.breath.result import BreathResult
    from crest.breath.tracker import BreathTracker
    from crest.posture.media import RgbImage

# The share of a review's progress bar for each of its first two passes (see `_review_passes`). On a 10-minute
# 720p H.264 video that changes every 3 s (every look disagrees with the next), the bar's 20 / 50 / 90% then
# came at 9 / 47 / 90% of the time, where halves had put 50% at 35% of the time; a still video needs only the
# first pass, and its bar jumps from 20% to the end.
KEYFRAME_PASS_SHARE = 0.2
STOPS_EARLY_NOTE = (
    "The video stops at {end}, though the file says it lasts {declared} (a copy cut short?): only the part "
    "that is there was checked."
)
TWO_PEOPLE_NOTE = "Two people are in the picture: crest checked the one lying down (if unclear, the larger one)."
# While nothing changes, a look every 2 seconds (a keyframe at most that often) is enough: a change only counts
# once it has held 1.5 s (VERDICT_HOLD_S), and the stretch before the first look that shows it is then decoded
# in full to find when it began.
CALM_LOOKS_PER_S = 0.5
# Keyframes further apart than this (screen recordings, videos sent through a messenger, some cameras) leave
# too much unseen between them: such a video is decoded throughout and looked at every 2 seconds. A look, due
# every 1 / CALM_LOOKS_PER_S seconds, waits for the next keyframe, so looks may lie up to that much further apart.
MAX_KEYFRAME_GAP_S = 3.0

# A review tells time in whole seconds ("reviewed 5 s of video", timelines 00:00-00:05, "in position 80% of the
# time"): a clip under a second (a single frame saved as a video) has no time to tell of, only one picture, and
# its review read "reviewed 0 s of video (1 frame); in position 100% of the time", 00:00-00:00.
MIN_REVIEW_S = 1.0

ViewChoice = Literal["auto", "side", "feet_end", "head_end", "above"]
VIEW_CHOICES: tuple[ViewChoice, ...] = ("auto", "side", "feet_end", "head_end", "above")


class NoPersonFound(CrestError):
    """Nobody could be found in the picture or video; a video's breath, when it was asked for, says why it has no
    reading (too dark, nobody in view) all the same."""

    def __init__(self, message: str, breath: BreathResult | None = None) -> None:
        super().__init__(message)
        self.breath = breath


class VideoTooShort(CrestError):
    """A video too short to review over time."""


class InvalidHeight(CrestError):
    """A body height outside what a person can be."""


class InvalidView(CrestError):
    """A camera view crest does not know."""


class PoseFinder(Protocol):
    """What the service needs from a pose estimator (the MediaPipe adapter, or a fake in tests)."""

    def detect(self, image_rgb: RgbImage) -> Pose | None: ...

    def detect_turned(self, image_rgb: RgbImage, quarter_turns: int) -> Pose | None: ...

    def track(self, frame_rgb: RgbImage) -> Pose | None: ...

    @property
    def picture_jumped(self) -> bool:
        """Whether the frame last tracked showed another picture than the one before (`crest.posture.scenes`: a cut,
        the camera knocked or moved), where the tracking started afresh."""
        ...

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
        if self.height_cm is not None and not SHORTEST_HEIGHT_CM <= self.height_cm <= TALLEST_HEIGHT_CM:
            raise InvalidHeight(
                f"a height of {self.height_cm:g} cm is unlikely; "
                f"give your height in cm, from {SHORTEST_HEIGHT_CM} to {TALLEST_HEIGHT_CM}"
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
    """The review of a video, with one frame (the last with a person), its time and its verdict, for a picture;
    and the breath over the whole video when it was asked for."""

    name: str
    review: VideoReview
    snapshot_rgb: RgbImage | None
    snapshot_result: CheckResult | None
    breath: BreathResult | None = None
    notes: tuple[str, ...] = ()
    snapshot_time_s: float | None = None

    @property
    def result(self) -> CheckResult:
        return self.review.result

    def to_json_dict(self) -> dict[str, Any]:
        data = {"file": self.name, **self.review.to_json_dict(), "notes": list(self.notes)}
        if self.breath is not None:
            data["breath"] = self.breath.to_json_dict()
        return data


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

    def evaluate(self, pose: Pose, previous_view: View | None = None) -> CheckResult:
        """The rules' verdict on one set of landmarks, with the landmarks attached; without a height, its
        distances in cm are said as about so many cm. `previous_view`, for a frame of a video or the live camera,
        is the view of the frame before, held across a boundary that the frame's measure wavers about."""
        view: str = self.options.view
        if view == "auto" and previous_view is not None:
            view = held_view(pose, previous_view)
        result = self._evaluate(pose, self.options.height_cm, view)
        if self.options.height_cm is None:
            result = for_a_typical_height(result)
        return result if result.landmarks is not None else replace(result, landmarks=pose)

    def _height_notes(self, *results: CheckResult | None) -> tuple[str, ...]:
        """The note that distances in cm are for a typical adult height, where one is shown and none was set."""
        typical = self.options.height_cm is None
        shown = any(result is not None and has_distances_in_cm(result) for result in results)
        return (TYPICAL_HEIGHT_NOTE,) if typical and shown else ()

    # --- photos ---

    def check_image(self, image_rgb: RgbImage, name: str = "picture") -> PhotoCheck:
        pose = self.finder.detect(image_rgb)
        if pose is None:
            raise NoPersonFound(
                f"{name}: nobody found in the picture; make sure your whole body is in view and well lit"
            )
        # One more look with this body covered: a second person means checking the one lying down, and saying so;
        # the whole body found around a part of it is the same person, checked alike but not said to be two.
        notes: tuple[str, ...] = ()
        other = self.finder.detect_turned(cover_body(image_rgb, pose), 0)
        if other is not None and is_another_person(pose, other):
            notes = () if found_whole(pose, other) else (TWO_PEOPLE_NOTE,)
            pose = person_to_check(pose, other)
        # The notes stay out of the summary: every door shows the notes under it (the terminal, the annotated
        # picture, the web page), and in both it was said twice.
        result = self.evaluate(pose)
        return PhotoCheck(name, result, image_rgb, notes + self._height_notes(result))

    def check_image_bytes(self, data: bytes, name: str = "upload") -> PhotoCheck:
        """An uploaded photo (JPEG, PNG or WebP bytes), decoded in memory."""
        return self.check_image(decode_photo(data, name), name)

    # --- videos ---

    def review_video(
        self,
        source: Path | bytes | BinaryIO,
        name: str | None = None,
        progress: ProgressCallback | None = None,
        *,
        breath: bool = False,
    ) -> VideoCheck:
        """Review a video file, video bytes or an uploaded file; `progress` gets (seconds done, total or None).

        Decoding dominates the cost, so the video is first looked at on its keyframes only (about one a second
        in a phone video; the frames between them are skipped without being decoded). Only where two
        neighbouring looks disagree on something the check is sure of are the keyframes between them looked at,
        and the part between the two that disagree decoded in full and checked `sample_fps` times a second, to
        find when the change happened. The looks are then replayed in time
        order through smoothing and verdict hysteresis. A video with keyframes too far apart is decoded
        throughout and looked at every 2 seconds instead of on its keyframes.

        With `breath`, the breath needs several frames a second over the whole video: one more pass decodes
        it densely for the breath tracker (`crest.breath.reader`), after the review, which stays as it is.
        """
        with VideoSource(source, name) as video:
            looks, breath_result = self._review_passes(video, progress, breath=breath)
        checked = self._replayed(video.name, video.info.duration_s, looks, breath_result)
        if video.stops_early and video.info.duration_s is not None and video.declared_duration_s is not None:
            note = STOPS_EARLY_NOTE.format(
                end=clock_text(video.info.duration_s), declared=clock_text(video.declared_duration_s)
            )
            checked = replace(checked, notes=(note, *checked.notes))
        return checked

    def _review_passes(
        self, video: VideoSource, progress: ProgressCallback | None, *, breath: bool
    ) -> tuple[_Looks, BreathResult | None]:
        """The looks of every pass (keyframes, the changing stretches) and the breath when asked for."""
        duration_s = video.info.duration_s
        looks = _Looks()
        # Each pass reports its share of the whole, roughly in proportion to its cost: the keyframes (about
        # one frame in 30, looked at every 2 s) a fifth; then either the keyframes inside changing stretches
        # (looked at 4 times a second) or, with keyframes far apart, calm looks on every decoded frame,
        # another fifth; the changing stretches decoded in full the rest. The breath's dense pass takes the
        # second half when it is asked for. A still video jumps ahead at the end rather than stalls.
        review_share = 0.5 if breath else 1.0
        pass_share = review_share * KEYFRAME_PASS_SHARE
        first = _part(progress, duration_s, 0.0, pass_share)
        keyframe_times = self._look(video, looks, first, keyframes_only=True)
        duration_s = video.info.duration_s  # shorter now if the frames stopped before the header's length
        if _too_far_apart(keyframe_times, duration_s):
            calm = _part(progress, duration_s, pass_share, pass_share)
            calm_times = self._look(video, looks, calm, looks_per_s=CALM_LOOKS_PER_S)
            stretches = self._disagreeing(sorted({*keyframe_times, *calm_times}), looks)
        else:
            changing = self._disagreeing(keyframe_times, looks)
            stretches = self._narrowed(video, looks, changing, _Stretches(progress, changing, pass_share, pass_share))
        dense_from = 2 * pass_share
        dense = _Stretches(progress, stretches, dense_from, review_share - dense_from)
        for start_s, end_s in stretches:
            self._look(video, looks, dense.part(start_s), start_s, end_s)
        breath_result = None
        if breath:
            from crest.breath.reader import read_video  # OpenCV's motion fit: only when the breath is asked for

            breath_result = read_video(video, self.finder, _part(progress, duration_s, review_share, review_share))
        if progress is not None and duration_s:
            progress(duration_s, duration_s)
        return looks, breath_result

    def _replayed(
        self, name: str, duration_s: float | None, looks: _Looks, breath_result: BreathResult | None
    ) -> VideoCheck:
        """The looks replayed in time order through smoothing and verdict hysteresis.

        Smoothing starts afresh at a look whose verdicts the check is sure of differ from the latest sure ones.
        It steadies landmarks that jitter while a person lies still; a change the check is sure of is a movement,
        and smoothing would only delay it by a look or two. That delay is not a look's 0.25 s where the look
        that first shows the change ends a stretch decoded in full: the next look comes with the next keyframe
        or calm look, up to 2 s later. Cuts that fall on a keyframe or on the calm looks' 2 s grid (an MP4 of
        stills cut together, which x264 gives a keyframe at each cut) put every change there. It starts afresh
        too where the picture jumped between two looks (a cut, the camera moved), though no verdict changed:
        it would otherwise glide the landmarks from the old body to the new one.
        """
        self.finder.reset_tracking()
        builder = VideoReviewBuilder()
        smoother = PoseSmoother()
        latest_sure: dict[str, str] = {}
        snapshot_result: CheckResult | None = None
        previous_picture: Thumbnail | None = None
        view: View | None = None  # the last look's, held (views.held_view)
        for time_s, pose, picture in looks.in_time_order():
            result = None
            another_picture = jumped(previous_picture, picture)
            if another_picture:
                view = None  # the camera's place may be another
                builder.another_picture()
            if pose is not None:
                sure = self._sure_verdicts(pose)
                changed = any(latest_sure.get(criterion, verdict) != verdict for criterion, verdict in sure.items())
                if changed or another_picture:
                    smoother.reset()
                latest_sure.update(sure)
                result = self.evaluate(smoother(pose, time_s), view)
                view = result.view
            previous_picture = picture
            builder.add(time_s, result)
            if result is not None:
                snapshot_result = result
        review = builder.finish(duration_s)
        if review.duration_s < MIN_REVIEW_S:
            raise VideoTooShort(
                f"{name}: the video lasts {review.duration_s:.2g} s, too short to review (a review needs at least "
                f"{MIN_REVIEW_S:g} s); check a photo instead, or record a longer video"
            )
        if review.frames_with_person == 0:
            raise NoPersonFound(
                f"{name}: nobody found in the video; make sure your whole body is in view and well lit", breath_result
            )
        notes = self._height_notes(review.result, snapshot_result)
        return VideoCheck(
            name, review, looks.last_image, snapshot_result, breath_result, notes, snapshot_time_s=looks.last_image_s
        )

    def _look(
        self,
        video: VideoSource,
        looks: _Looks,
        progress: ProgressCallback | None,
        start_s: float = 0.0,
        end_s: float | None = None,
        *,
        keyframes_only: bool = False,
        looks_per_s: float | None = None,
    ) -> list[float]:
        """Find the body in the frames of one pass (tracking it from frame to frame); their times.

        Looks are due `looks_per_s` times a second: by default every 2 seconds on keyframes, `sample_fps`
        times a second on every frame."""
        self.finder.reset_tracking()
        times = []
        sample_fps = looks_per_s or (CALM_LOOKS_PER_S if keyframes_only else self.options.sample_fps)
        frames = video.frames(
            sample_fps, progress=progress, start_s=start_s, end_s=end_s, keyframes_only=keyframes_only
        )
        for frame in frames:
            looks.add(frame.time_s, self.finder.track(frame.image_rgb), frame.image_rgb)
            times.append(frame.time_s)
        return times

    def _disagreeing(self, times: list[float], looks: _Looks) -> list[tuple[float, float]]:
        """The stretches between neighbouring looks whose verdicts differ, joined where they touch."""
        poses = [looks.pose_at(time_s) for time_s in times]
        signatures = [None if pose is None else self._sure_verdicts(pose) for pose in poses]
        stretches: list[tuple[float, float]] = []
        for index in range(1, len(times)):
            if signatures[index] != signatures[index - 1]:
                start_s, stop_s = times[index - 1], times[index]
                if stretches and stretches[-1][1] == start_s:
                    start_s = stretches.pop()[0]
                stretches.append((start_s, stop_s))
        return stretches

    def _narrowed(
        self, video: VideoSource, looks: _Looks, stretches: list[tuple[float, float]], progress: _Stretches
    ) -> list[tuple[float, float]]:
        """Each changing stretch cut down to where the keyframes inside it disagree.

        Where two looks 2 s apart disagree, the keyframes between them (one a second in a phone video; at most
        `sample_fps` of them a second) are looked at first: decoding in full then covers a second, not two.
        """
        narrowed: list[tuple[float, float]] = []
        for start_s, stop_s in stretches:
            # The look at start_s is already there: the pass starts just after it and stops before stop_s.
            between = self._look(
                video,
                looks,
                progress.part(start_s),
                start_s + 1e-3,
                stop_s,
                keyframes_only=True,
                looks_per_s=self.options.sample_fps,
            )
            narrowed.extend(self._disagreeing([start_s, *between, stop_s], looks))
        return narrowed

    def _sure_verdicts(self, pose: Pose) -> dict[str, str]:
        """The verdicts the check is sure of in this look, by criterion and for the whole position (POSITION):
        a verdict it is not sure of, or cannot see, may flicker from look to look without anything changing,
        so it is left out and does not count as a change."""
        result = self.evaluate(pose)
        verdicts = {criterion.name: str(criterion.status) for criterion in result.criteria if criterion.sure}
        if result.confidence >= SURE:
            verdicts[POSITION] = str(result.pose_recognized)
        return verdicts

    # --- any file ---

    def check_path(self, path: Path, progress: ProgressCallback | None = None) -> Checked:
        """A photo or a video, told apart by content."""
        if kind_of_file(path) is MediaKind.VIDEO:
            return self.review_video(path, path.name, progress)
        return self.check_image_bytes(path.read_bytes(), path.name)

    # --- live ---

    def live(self, hold_s: float = VERDICT_HOLD_S, *, breath: bool = False) -> LiveCheck:
        """A live stream of frames (camera, web socket); starts tracking afresh. With `breath`, every frame
        also feeds a breath tracker, with the body the check found in it."""
        self.finder.reset_tracking()
        return LiveCheck(self, hold_s, breath=breath)


class _Looks:
    """The body found at each looked-at moment of a video, and the picture of the latest one with a body."""

    def __init__(self) -> None:
        self._poses: dict[float, Pose | None] = {}
        # Each look's picture in brief, to tell where it jumped (a few hundred bytes a look).
        self._pictures: dict[float, Thumbnail] = {}
        self.last_image_s: float | None = None
        self.last_image: RgbImage | None = None

    def add(self, time_s: float, pose: Pose | None, image_rgb: RgbImage) -> None:
        key = round(time_s, 3)
        if key in self._poses and pose is None:
            return  # a second look that lost the body does not undo the first
        self._poses[key] = pose
        self._pictures[key] = thumbnail(image_rgb)
        if pose is not None and (self.last_image_s is None or time_s >= self.last_image_s):
            self.last_image_s = time_s
            self.last_image = image_rgb

    def pose_at(self, time_s: float) -> Pose | None:
        return self._poses.get(round(time_s, 3))

    def in_time_order(self) -> list[tuple[float, Pose | None, Thumbnail]]:
        return [(key, self._poses[key], self._pictures[key]) for key in sorted(self._poses)]


def _too_far_apart(keyframe_times: list[float], duration_s: float | None) -> bool:
    """Whether the keyframes leave a gap wider than a look on keyframes may (see MAX_KEYFRAME_GAP_S)."""
    end_s = duration_s if duration_s is not None else (keyframe_times[-1] if keyframe_times else 0.0)
    edges = [0.0, *keyframe_times, end_s]
    widest_s = max(later - earlier for earlier, later in itertools.pairwise(edges))
    return widest_s > MAX_KEYFRAME_GAP_S + 1.0 / CALM_LOOKS_PER_S


class _Stretches:
    """The progress of a pass over a few stretches of a video, which together make `part` of the review."""

    def __init__(
        self, progress: ProgressCallback | None, stretches: list[tuple[float, float]], offset: float, part: float
    ) -> None:
        self._progress = progress
        # How far into the pass each stretch starts: the seconds of the stretches before it.
        lengths_s = [end_s - start_s for start_s, end_s in stretches]
        self._before_s = {
            start_s: before_s
            for (start_s, _), before_s in zip(stretches, itertools.accumulate(lengths_s, initial=0.0), strict=False)
        }
        self._total_s = sum(lengths_s)
        self._offset = offset
        self._part = part

    def part(self, start_s: float) -> ProgressCallback | None:
        """The progress of the stretch that starts at `start_s`."""
        shift_s = self._before_s[start_s] - start_s
        return _part(self._progress, self._total_s, self._offset, self._part, shift_s)


def _part(
    progress: ProgressCallback | None, total_s: float | None, offset: float, part: float, shift_s: float = 0.0
) -> ProgressCallback | None:
    """Report one pass over `total_s` seconds as the share `part` of the whole review, starting at `offset`."""
    if progress is None:
        return None

    def report(done_s: float, video_total_s: float | None) -> None:
        whole = video_total_s or total_s
        if whole is None or not total_s:
            progress(done_s, video_total_s)
            return
        share = min(1.0, max(0.0, (done_s + shift_s) / total_s))
        progress(whole * (offset + share * part), whole)

    return report


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
    breath_state: str | None = None  # with the breath: "reading", or what is in the way right now
    nobody_advice: str | None = None  # when nobody is seen: what to change (the light, or the camera)
    # The summary once it has held, as the verdicts in `stable` have: a frame's own flickers with a shaky measure.
    held_summary: str | None = None

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"time_s": round(self.time_s, 3), "person_seen": self.result is not None}
        if self.result is not None:
            data.update(self.result.to_json_dict())
        if self.nobody_advice is not None:
            data["nobody_advice"] = self.nobody_advice
        if self.held_summary is not None:
            data["held_summary"] = self.held_summary
        data["stable"] = dict(self.stable)
        data["corrections"] = [item.to_json_dict() for item in self.corrections]
        data["new_corrections"] = [item.name for item in self.new_corrections]
        if self.breath_state is not None:
            data["breath_state"] = self.breath_state
        return data


NOBODY_STATUS = "nobody"
SUMMARY_KEY = "summary"  # the summary held beside the criteria's verdicts
# A frame darker than this mean grey level (0-255) in which nobody is found is too dark for the pose model: it reads
# an evening room at a mean of 49 as it reads a bright one, and finds nobody at 13 (the camera walk-through's clips).
TOO_DARK_LEVEL = 25.0
NOBODY_IN_VIEW = "Nobody in view yet: place the camera so that your whole body shows"
TOO_DARK_TO_SEE = "Too dark to see you: turn on a light or open the curtains"


def nobody_advice(image_rgb: RgbImage) -> str:
    """What to change when nobody is found in a frame: the light, if the frame is too dark, else the camera."""
    return TOO_DARK_TO_SEE if float(image_rgb.mean()) < TOO_DARK_LEVEL else NOBODY_IN_VIEW


class LiveCheck:
    """Frame-by-frame checking of one stream; keeps the tracking, smoothing and hysteresis state.

    Where the whole picture jumps (a cut, the camera knocked or moved), the smoothing starts afresh with the
    tracking, as in a video's review: the frame's verdict is on the new picture at once. The held verdicts still
    change only once the new ones have held, as after any movement."""

    def __init__(self, service: CheckService, hold_s: float = VERDICT_HOLD_S, *, breath: bool = False) -> None:
        self._service = service
        self._smoother = PoseSmoother()
        self._hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s)
        self._view: View | None = None  # the last frame's, held (views.held_view)
        self._margins = MarginHold()  # each verdict held across its threshold until a change is sure
        # The latest `adjust` verdict per criterion: its advice stays shown while the stable verdict is
        # `adjust`, even on a frame that flickered to `ok`.
        self._latest_adjust: dict[str, CriterionResult] = {}
        self._breath: BreathTracker | None = None
        if breath:
            from crest.breath.tracker import BreathTracker  # OpenCV's motion fit: only when the breath is asked for

            self._breath = BreathTracker()

    def breath_result(self) -> BreathResult | None:
        """The breath so far (None when it was not asked for)."""
        return None if self._breath is None else self._breath.result()

    def frame(self, image_rgb: RgbImage, time_s: float) -> LiveUpdate:
        """Check one frame taken at `time_s` (seconds on any steady clock)."""
        finder = self._service.finder
        pose = finder.track(image_rgb)
        if finder.picture_jumped:
            # The tracking found the body afresh in the new picture; smoothing would blend the old one into it
            # for a second or two, and the camera's place may be another.
            self._smoother.reset()
            self._view = None
            self._margins.reset()
        breath_state = None
        if self._breath is not None:
            from crest.breath.motion import to_gray

            self._breath.add_frame(time_s, to_gray(image_rgb), pose)
            breath_state = self._breath.state
        result = (
            None if pose is None else self._margins(self._service.evaluate(self._smoother(pose, time_s), self._view))
        )
        if result is None:
            values = {NOBODY_STATUS: "yes"}
        else:
            self._view = result.view
            values = {criterion.name: criterion.status for criterion in result.criteria}
            values[NOBODY_STATUS] = "no"
            values[SUMMARY_KEY] = result.summary
            self._latest_adjust.update((c.name, c) for c in result.criteria if c.status == "adjust")
        changed = self._hysteresis.update(values, time_s)
        stable = {name: value.value for name, value in self._hysteresis.stable_values.items()}
        nobody = stable.pop(NOBODY_STATUS, "no") == "yes"
        held_summary = stable.pop(SUMMARY_KEY, None)
        if result is None:
            return LiveUpdate(time_s, None, stable, breath_state=breath_state, nobody_advice=nobody_advice(image_rgb))
        if nobody:
            return LiveUpdate(time_s, result, stable, breath_state=breath_state)
        corrections = tuple(
            self._latest_adjust[criterion.name]
            for criterion in result.criteria
            if stable.get(criterion.name) == "adjust" and criterion.name in self._latest_adjust
        )
        new_corrections = tuple(c for c in corrections if c.name in changed)
        return LiveUpdate(time_s, result, stable, corrections, new_corrections, breath_state, held_summary=held_summary)

    def frame_jpeg(self, data: bytes, time_s: float) -> LiveUpdate:
        """A frame sent as JPEG (or PNG/WebP) bytes, as the web page's camera does."""
        from crest.posture.media import VIDEO_MAX_SIDE_PX

        return self.frame(decode_photo(data, "camera frame", VIDEO_MAX_SIDE_PX), time_s)
