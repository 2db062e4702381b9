"""The check service's plumbing with a fake pose finder and fake rules: photos, videos, the live loop."""

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from crest.errors import CrestError
from crest.posture.camera import CorrectionVoice, JsonLines, run_live, shown_result
from crest.posture.heights import SHORTEST_HEIGHT_CM, TALLEST_HEIGHT_CM
from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose
from crest.posture.result import CRITERION_NAMES, CheckResult, CriterionResult
from crest.posture.rules.verdicts import CAMERA_WHOLE
from crest.posture.scenes import Thumbnail, jumped, thumbnail
from crest.posture.service import (
    NOBODY_IN_VIEW,
    TOO_DARK_TO_SEE,
    CheckOptions,
    CheckService,
    InvalidHeight,
    LiveCheck,
    LiveUpdate,
    NoPersonFound,
    nobody_advice,
)
from crest.services.preferences import Preferences
from support.media import cut_short, write_h264
from support.pose_finder import CountingFinder
from support.too_close_legs import LEGS_READ_AS_A_BODY

# The fake finder reads the body from the picture: a dark frame holds nobody, and the red level of the
# top-left pixel is where the wrists are (high red: arms overhead).
NOBODY_BELOW = 10


def _pose_with_wrists_at(y: float) -> Pose:
    points = [Landmark(100.0 + i, 100.0, 0.9) for i in range(len(LANDMARK_NAMES))]
    points[LANDMARK_NAMES.index("left_wrist")] = Landmark(50.0, y, 0.9)
    return Pose(tuple(points), 320, 240)


class FakeFinder:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.closed = False
        self.picture_jumped = False
        self._last_picture: Thumbnail | None = None

    def _read(self, image: np.ndarray) -> Pose | None:
        if image.max() < NOBODY_BELOW:
            return None
        return _pose_with_wrists_at(float(image[0, 0, 0]))

    def detect(self, image_rgb: np.ndarray) -> Pose | None:
        self.calls.append("detect")
        return self._read(image_rgb)

    def detect_turned(self, image_rgb: np.ndarray, quarter_turns: int) -> Pose | None:
        self.calls.append("detect_turned")
        return self._read(image_rgb)

    def track(self, frame_rgb: np.ndarray) -> Pose | None:
        self.calls.append("track")
        picture = thumbnail(frame_rgb)  # the picture jumps as it does for the real model: by the same rule
        self.picture_jumped = jumped(self._last_picture, picture)
        self._last_picture = picture
        return self._read(frame_rgb)

    def reset_tracking(self) -> None:
        self.calls.append("reset")
        self._last_picture = None

    def close(self) -> None:
        self.closed = True


def fake_rules(pose: Pose, height_cm: float | None, view: str) -> CheckResult:
    arms_up = pose["left_wrist"].y > 100
    criteria = tuple(
        CriterionResult(
            name,
            "adjust" if name == "arms_below_shoulders" and arms_up else "ok",
            measured="left hand above your head" if arms_up and name == "arms_below_shoulders" else None,
            advice="Rest your arms by your sides." if arms_up and name == "arms_below_shoulders" else "",
        )
        for name in CRITERION_NAMES
    )
    return CheckResult(True, "side" if view == "auto" else view, criteria, "summary")  # type: ignore[arg-type]


def _frame(red: int) -> np.ndarray:
    """A frame holding a body with arms at height `red`; red 0 is an empty, dark frame."""
    frame = np.full((240, 320, 3), 40 if red else 0, np.uint8)
    frame[:, :, 0] = red
    return frame


def _service(**options: object) -> tuple[CheckService, FakeFinder]:
    finder = FakeFinder()
    return CheckService(CheckOptions(**options), finder=finder, evaluate=fake_rules), finder  # type: ignore[arg-type]


def test_a_photo_is_detected_and_judged_with_its_landmarks() -> None:
    service, finder = _service(view="side")
    checked = service.check_image_bytes(bytes(cv2.imencode(".png", _frame(50))[1]), "me.png")
    assert finder.calls == ["detect", "detect_turned"]  # the second look for another person
    assert checked.notes == ()
    assert checked.result.view == "side"
    assert checked.result.landmarks is not None
    data = checked.to_json_dict()
    assert data["file"] == "me.png"
    assert len(data["landmarks"]) == 33


def test_nobody_in_a_photo_is_a_clear_error() -> None:
    service, _ = _service()
    with pytest.raises(NoPersonFound, match="nobody found"):
        service.check_image(np.zeros((100, 100, 3), np.uint8), "empty.jpg")


def test_an_impossible_height_is_refused() -> None:
    with pytest.raises(InvalidHeight):
        CheckOptions(height_cm=20)


@pytest.mark.parametrize(
    "height_cm", [SHORTEST_HEIGHT_CM - 1, SHORTEST_HEIGHT_CM, TALLEST_HEIGHT_CM, TALLEST_HEIGHT_CM + 1]
)
def test_the_check_takes_exactly_the_heights_settings_take(height_cm: int) -> None:
    # `crest check --height-cm` once took 80-250 while Settings took 100-230: a height typed at the terminal was
    # refused on the page, and the other way round.
    def taken(make: Callable[..., object]) -> bool:
        try:
            make(height_cm=height_cm)
        except (CrestError, ValueError):  # pydantic's ValidationError is a ValueError
            return False
        return True

    inside = SHORTEST_HEIGHT_CM <= height_cm <= TALLEST_HEIGHT_CM
    assert taken(CheckOptions) is taken(Preferences) is inside


def _write_video(path: Path, reds: list[int], fps: float = 8.0) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (320, 240))
    for red in reds:
        writer.write(cv2.cvtColor(_frame(red), cv2.COLOR_RGB2BGR))
    writer.release()


def test_a_video_is_tracked_and_reviewed(tmp_path: Path) -> None:
    path = tmp_path / "session.avi"
    _write_video(path, [50] * 80 + [200] * 40 + [50] * 40)  # arms up from 10 s to 15 s
    service, finder = _service()
    progress: list[float] = []
    checked = service.review_video(path, progress=lambda done, total: progress.append(done))
    assert "detect" not in finder.calls
    assert finder.calls[0] == "reset" and finder.calls[-1] == "reset"
    # One look a second at keyframes; around each change, 4 looks a second between the keyframes that disagree.
    assert 20 < checked.review.frames_checked < 40
    # Each stretch starts again on the keyframe it follows: one look twice per stretch, the rest once.
    assert checked.review.frames_checked < finder.calls.count("track") <= checked.review.frames_checked + 4
    assert progress == sorted(progress) and progress[-1] == pytest.approx(20.0, abs=0.5)
    messages = [event.message for event in checked.review.events]
    # In the position throughout, with the arms up "nearly" in it, as a photo of that moment says
    assert messages == [
        "nearly in position at 00:10",
        "left hand above your head at 00:10",  # the verdict's own reason
        "back in position at 00:15",
        "left hand back down at 00:15",  # the way back from that reason
    ]
    assert checked.review.duration_s == pytest.approx(20.0)
    assert checked.snapshot_rgb is not None


def test_a_video_with_nobody_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "dark.avi"
    _write_video(path, [0] * 16)
    service, _ = _service()
    with pytest.raises(NoPersonFound, match="nobody found in the video"):
        service.review_video(path)


class ListSource:
    def __init__(self, frames: list[np.ndarray]) -> None:
        self._frames = frames
        self.closed = False

    def frames(self) -> Iterator[np.ndarray]:
        yield from self._frames

    def close(self) -> None:
        self.closed = True


class RecordingOutput:
    def __init__(self, stop_after: int | None = None) -> None:
        self.updates: list[LiveUpdate] = []
        self.stop_after = stop_after
        self.closed = False

    def show(self, image_rgb: np.ndarray, update: LiveUpdate) -> bool:
        self.updates.append(update)
        return self.stop_after is None or len(self.updates) < self.stop_after

    def close(self) -> None:
        self.closed = True


class RecordingSpeaker:
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


class StepClock:
    def __init__(self, step_s: float) -> None:
        self.now_s = -step_s
        self.step_s = step_s

    def __call__(self) -> float:
        self.now_s += self.step_s
        return self.now_s


def test_live_corrections_appear_and_are_spoken_only_once_the_verdict_holds() -> None:
    service, _ = _service()
    # 0-2 s arms down, 2-2.4 s a flicker up, 2.4-4 s down, 4-8 s up: 10 frames a second.
    reds = [50] * 20 + [200] * 4 + [50] * 16 + [200] * 40
    source, output, speaker = ListSource([_frame(r) for r in reds]), RecordingOutput(), RecordingSpeaker()
    checked = run_live(source, service.live(hold_s=1.0), output, StepClock(0.1), CorrectionVoice(speaker))
    assert checked == len(reds)
    assert source.closed and output.closed
    shown = [update for update in output.updates if update.corrections]
    assert shown, "a lasting correction is shown"
    assert shown[0].time_s == pytest.approx(5.0)  # 4 s + the 1 s hold; the flicker at 2 s showed nothing
    assert [u.time_s for u in output.updates if u.new_corrections] == [shown[0].time_s]
    assert speaker.said == ["Rest your arms by your sides."]
    assert output.updates[0].stable == {}  # nothing has held yet on the first frame
    assert output.updates[-1].stable["arms_below_shoulders"] == "adjust"


def test_the_window_shows_a_held_correction_even_on_a_frame_that_flickered_to_ok() -> None:
    service, _ = _service()
    live = service.live(hold_s=1.0)
    for step in range(12):
        live.frame(_frame(200), step * 0.1)
    flicker = live.frame(_frame(50), 1.2)
    assert flicker.result is not None
    assert flicker.result.criterion("arms_below_shoulders").status == "ok"
    assert flicker.stable["arms_below_shoulders"] == "adjust"
    shown = shown_result(flicker)
    assert shown is not None
    assert shown.criterion("arms_below_shoulders").advice == "Rest your arms by your sides."


def test_the_summary_shown_is_the_one_that_has_held_not_each_frame_s() -> None:
    """In a dim room the line above the held list changed every second or two ("nearly: bring your arms down",
    then "Can't tell from here: let your head rest ..."), though the list under it stayed."""

    def rules_saying_where_the_arms_are(pose: Pose, height_cm: float | None, view: str) -> CheckResult:
        result = fake_rules(pose, height_cm, view)
        return replace(result, summary="arms up" if pose["left_wrist"].y > 100 else "arms down")

    service = CheckService(CheckOptions(), finder=FakeFinder(), evaluate=rules_saying_where_the_arms_are)  # type: ignore[arg-type]
    live = service.live(hold_s=1.0)
    for step in range(12):
        live.frame(_frame(50), step * 0.1)
    flicker = live.frame(_frame(200), 1.2)
    assert flicker.result is not None and flicker.result.summary == "arms up"
    assert flicker.held_summary == "arms down"
    assert flicker.to_json_dict()["held_summary"] == "arms down"
    shown = shown_result(flicker)
    assert shown is not None and shown.summary == "arms down"  # the terminal's window says what the page does


def _live_wrists_at(y: int, seconds: float = 2.0) -> LiveCheck:
    """A live check that has seen a body with its wrists at `y` for `seconds`, 10 frames a second."""
    service, _ = _service()
    live = service.live(hold_s=1.0)
    for step in range(round(seconds * 10)):
        live.frame(_frame(y), step * 0.1)
    return live


def test_after_a_cut_the_live_verdict_is_on_the_new_picture_at_once() -> None:
    # A cut to a body with its wrists at 95 (the camera knocked): the first frame after it shows the new body
    # where it is, not the old one gliding towards it.
    after_cut = _live_wrists_at(30).frame(_frame(95), 2.0)
    assert after_cut.result is not None and after_cut.result.landmarks is not None
    assert after_cut.result.landmarks["left_wrist"].y == pytest.approx(95)


def test_a_small_change_of_the_live_picture_is_still_smoothed() -> None:
    # The wrists move a little in a picture that stays (no jump): the smoothing steadies the landmarks.
    moved = _live_wrists_at(30).frame(_frame(36), 2.0)
    assert moved.result is not None and moved.result.landmarks is not None
    assert 30 < moved.result.landmarks["left_wrist"].y < 36


def test_the_same_correction_is_not_spoken_again_soon() -> None:
    speaker = RecordingSpeaker()
    voice = CorrectionVoice(speaker, again_after_s=30.0)
    arms = CriterionResult("arms_below_shoulders", "adjust", advice="Rest your arms by your sides.")
    feet = CriterionResult("feet_flat", "adjust", advice="Set your feet flat.")
    for time_s, corrections in ((0.0, (arms,)), (10.0, (arms, feet)), (45.0, (arms,))):
        voice.hear(LiveUpdate(time_s, None, new_corrections=corrections))
    assert speaker.said == [
        "Rest your arms by your sides.",
        "Set your feet flat.",
        "Rest your arms by your sides.",
    ]


def test_the_live_loop_stops_when_asked_and_handles_nobody() -> None:
    service, _ = _service()
    source, output = ListSource([_frame(0)] * 5 + [_frame(50)] * 5), RecordingOutput(stop_after=3)
    assert run_live(source, service.live(), output, StepClock(0.1)) == 3
    assert all(update.result is None and not update.corrections for update in output.updates)
    assert source.closed


def test_a_dark_frame_with_nobody_in_it_says_to_turn_on_a_light_and_a_lit_one_where_to_put_the_camera() -> None:
    # In a dim evening room the pose model found nobody, and the page said only to move the camera.
    service, _ = _service()
    update = service.live().frame(_frame(0), 0.0)
    assert update.result is None
    assert update.to_json_dict()["nobody_advice"] == TOO_DARK_TO_SEE
    assert nobody_advice(np.full((240, 320, 3), 120, np.uint8)) == NOBODY_IN_VIEW
    assert "nobody_advice" not in service.live().frame(_frame(50), 0.0).to_json_dict()


class LegsFinder(CountingFinder):
    """Finds, in every picture, the body the tracking model found in a camera's frame too close at the feet."""

    def _body(self) -> Pose:
        return LEGS_READ_AS_A_BODY


def test_a_camera_too_close_at_the_feet_is_told_to_move_back_not_to_lie_down() -> None:
    # The live check said "Not quite the constructive rest position yet: lie down on your back" to a picture of
    # the legs alone, in which the model stood a trunk on the thighs at the picture's edge and saw no arm.
    move_back = "Can't tell from here: move the camera back until it sees you from head to feet."
    service = CheckService(finder=LegsFinder())
    live = service.live(hold_s=1.0)
    updates = [live.frame(_frame(50), step * 0.1) for step in range(20)]
    held = updates[-1]
    assert held.held_summary == move_back
    assert held.stable["lying_on_back"] == "not_visible" and held.stable["whole_body_visible"] == "not_visible"
    assert not any(update.corrections for update in updates)
    # One instruction: every criterion beneath it says the same, none "place the camera at your side".
    assert held.result is not None and {c.advice for c in held.result.criteria} == {CAMERA_WHOLE}
    photo = service.check_image(_frame(50)).result
    assert photo.summary == move_back  # a photo of it alike
    assert {criterion.advice for criterion in photo.criteria} == {CAMERA_WHOLE}


def test_json_lines_stream_one_object_per_frame(tmp_path: Path) -> None:
    import io
    import json

    service, _ = _service()
    stream = io.StringIO()
    run_live(ListSource([_frame(50)] * 3 + [_frame(0)]), service.live(1.0), JsonLines(stream), StepClock(0.5))
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 4
    assert lines[0]["person_seen"] is True and len(lines[0]["criteria"]) == len(CRITERION_NAMES)
    assert lines[-1]["person_seen"] is False
    assert lines[2]["stable"]["knees_bent"] == "ok"


def test_live_frames_can_come_as_jpeg_bytes() -> None:
    service, _ = _service()
    live = service.live()
    update = live.frame_jpeg(bytes(cv2.imencode(".jpg", _frame(50))[1]), 0.0)
    assert update.result is not None


def test_a_phone_like_video_is_looked_at_on_its_keyframes_every_two_seconds(tmp_path: Path) -> None:
    path = tmp_path / "phone.mp4"
    write_h264(path, seconds=20.0, keyframe_every=8)  # a keyframe a second, as phones record
    service, finder = _service()
    checked = service.review_video(path)
    # Nothing changes: one look every 2 seconds, on a keyframe, and nothing else decoded or checked.
    assert 9 <= checked.review.frames_checked <= 11
    assert finder.calls.count("track") == checked.review.frames_checked


def test_a_change_is_found_between_the_keyframes_that_disagree_and_only_there_decoded_in_full(
    tmp_path: Path,
) -> None:
    path = tmp_path / "arms-up.mp4"
    # Keyframes every second; the arms go up 5.5 s in. The looks every 2 s disagree between 4 and 6 s; the
    # keyframe at 5 s still shows the arms down, so only 5-6 s is decoded and checked 4 times a second.
    write_h264(path, seconds=12.0, keyframe_every=8, red_at=lambda time_s: 200 if time_s >= 5.5 else 50)
    service, finder = _service()
    review = service.review_video(path).review
    # The calm looks (0, 2, ... 10 s), the keyframe between (5 s), and the second decoded in full (5.25-5.75 s),
    # which starts again on the keyframe it follows: that one is looked at twice.
    assert review.frames_checked == 6 + 1 + 3
    assert finder.calls.count("track") == review.frames_checked + 1
    arms = review.timelines["arms_below_shoulders"]
    assert [segment.status for segment in arms] == ["ok", "adjust"]
    assert arms[1].start_s == pytest.approx(5.5, abs=0.26)


def test_where_the_picture_jumps_the_smoothing_starts_afresh_though_no_verdict_changed(tmp_path: Path) -> None:
    # A cut at 6 s to a picture whose body has its wrists lower (still by the sides: the same verdicts). The
    # smoothing would glide the first look after the cut from the old body towards the new one.
    path = tmp_path / "cut.mp4"
    write_h264(path, seconds=8.0, keyframe_every=8, red_at=lambda time_s: 95 if time_s >= 6.0 else 30)
    service, _ = _service()
    checked = service.review_video(path)
    assert checked.snapshot_time_s == pytest.approx(6.0)
    assert checked.snapshot_result is not None and checked.snapshot_result.landmarks is not None
    assert checked.snapshot_result.landmarks["left_wrist"].y == pytest.approx(95, abs=1.5)
    assert checked.review.events == ()


def test_a_verdict_the_check_is_not_sure_of_flickering_between_looks_is_not_a_change(tmp_path: Path) -> None:
    path = tmp_path / "flicker.mp4"
    # The wrists sit near a threshold: the rules say "adjust" at some looks and "ok" at others, never surely.
    write_h264(path, seconds=12.0, keyframe_every=8, red_at=lambda time_s: 200 if int(time_s) % 4 == 2 else 50)

    def unsure_arms(pose: Pose, height_cm: float | None, view: str) -> CheckResult:
        result = fake_rules(pose, height_cm, view)
        criteria = tuple(replace(c, confidence=0.6) if c.name == "arms_below_shoulders" else c for c in result.criteria)
        return replace(result, criteria=criteria)

    finder = FakeFinder()
    service = CheckService(finder=finder, evaluate=unsure_arms)  # type: ignore[arg-type]
    review = service.review_video(path).review
    # Only the calm looks: nothing the check is sure of changed, so nothing is decoded in full.
    assert review.frames_checked == 6
    assert finder.calls.count("track") == 6


def test_a_video_with_keyframes_far_apart_is_decoded_throughout_and_looked_at_every_two_seconds(
    tmp_path: Path,
) -> None:
    path = tmp_path / "one-keyframe.mp4"
    # One keyframe, as some screen recorders write; the arms go up 10.5 s in.
    write_h264(path, seconds=20.0, keyframe_every=1000, red_at=lambda time_s: 200 if time_s >= 10.5 else 50)
    service, _ = _service()
    progress: list[float] = []
    review = service.review_video(path, progress=lambda done_s, _total_s: progress.append(done_s)).review
    assert progress == sorted(progress) and progress[-1] == pytest.approx(20.0)
    # The keyframe, a calm look every 2 s on decoded frames (10), and the 2 s around the change 4 times a
    # second (7 more): not 4 looks a second throughout (80).
    assert 15 <= review.frames_checked <= 19
    arms = review.timelines["arms_below_shoulders"]
    assert [segment.status for segment in arms] == ["ok", "adjust"]
    assert arms[1].start_s == pytest.approx(10.5, abs=0.26)


def test_a_copy_cut_short_is_reviewed_as_far_as_its_frames_go_and_says_so(tmp_path: Path) -> None:
    whole = tmp_path / "rest.mp4"
    write_h264(
        whole, seconds=20.0, keyframe_every=8, red_at=lambda time_s: 200 if time_s >= 3.5 else 50, index_first=True
    )
    service, _ = _service()
    assert service.review_video(whole).notes == ()
    checked = service.review_video(cut_short(whole))
    review = checked.review
    # Its header still says 20 s; the frames stop about half-way, and so does every verdict.
    assert 6.0 < review.duration_s < 14.0
    for segments in review.timelines.values():
        assert segments[-1].end_s == pytest.approx(review.duration_s)
    assert checked.notes == (
        f"The video stops at 00:{int(review.duration_s):02d}, though the file says it lasts 00:20 (a copy cut short?): "
        "only the part that is there was checked.",
    )
    assert checked.to_json_dict()["notes"] == list(checked.notes)
    arms = review.timelines["arms_below_shoulders"]
    assert [segment.status for segment in arms] == ["ok", "adjust"]


def test_a_changing_video_reports_progress_through_every_pass_in_proportion(tmp_path: Path) -> None:
    path = tmp_path / "busy.mp4"
    # The arms go up and down every 3 s: every look every 2 s disagrees with the next, so each pass has work.
    write_h264(path, seconds=24.0, keyframe_every=8, red_at=lambda time_s: 200 if int(time_s / 3) % 2 else 50)
    service, finder = _service()
    reports: list[tuple[int, float]] = []  # (looks so far, share of the bar)
    service.review_video(
        path, progress=lambda done_s, total_s: reports.append((finder.calls.count("track"), done_s / (total_s or 1)))
    )
    shares = [share for _, share in reports]
    assert shares == sorted(shares) and shares[-1] == pytest.approx(1.0)
    # The first pass looks every 2 s (12 looks) and fills a fifth of the bar; the keyframes inside the
    # changing stretches fill the next fifth, the stretches decoded in full the rest: no pass stands still.
    assert 0.15 < max(share for looks, share in reports if looks <= 12) <= 0.2
    later = [share for looks, share in reports if looks > 12]
    assert any(0.21 < share < 0.39 for share in later)
    assert any(0.41 < share < 0.99 for share in later)
