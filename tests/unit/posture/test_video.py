"""Reviewing a stream of per-frame verdicts: share in position, drift events, timelines."""

from dataclasses import replace

import numpy as np

from crest.posture.landmarks import Pose
from crest.posture.result import CRITERION_NAMES, CheckResult, CriterionResult, Status, View
from crest.posture.rules import recognition, summarize
from crest.posture.service import CheckService
from crest.posture.video import NO_PERSON, POSITION, VideoReviewBuilder, clock_text, event_lines, timeline_lines
from crest.posture.vocabulary import Criterion
from support.pose_finder import CountingFinder

SAMPLE_S = 0.25


def _result(recognized: bool = True, **statuses: Status) -> CheckResult:
    criteria = tuple(
        CriterionResult(name, status, advice="" if status == "ok" else "fix it")
        for name, status in ((name, statuses.get(name, "ok")) for name in CRITERION_NAMES)
    )
    return CheckResult(pose_recognized=recognized, view="side", criteria=criteria, summary="")


def _feed(builder: VideoReviewBuilder, start_s: float, end_s: float, result: CheckResult | None) -> None:
    steps = round((end_s - start_s) / SAMPLE_S)
    for step in range(steps):
        builder.add(start_s + step * SAMPLE_S, result)


def test_clock_text() -> None:
    assert clock_text(400) == "06:40"
    assert clock_text(3723.5) == "1:02:03"
    assert clock_text(0) == "00:00"


def test_steady_position_is_in_position_all_the_time_without_events() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 60, _result())
    review = builder.finish(60.0)
    assert review.share_in_position == 1.0
    assert review.events == ()
    assert [s.status for s in review.timelines["arms_below_shoulders"]] == ["ok"]
    assert review.result.pose_recognized
    assert review.frames_checked == 240


def test_arms_going_overhead_is_a_drift_event_at_the_time_it_started() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 400, _result())
    _feed(builder, 400, 460, _result(arms_below_shoulders="adjust"))
    _feed(builder, 460, 600, _result())
    review = builder.finish(600.0)
    messages = [event.message for event in review.events]
    assert messages == [
        "nearly in position at 06:40",
        "arms went overhead at 06:40",
        "back in position at 07:40",
        "arms back down at 07:40",
    ]
    timeline = review.timelines["arms_below_shoulders"]
    assert [(s.start_s, s.end_s, s.status) for s in timeline] == [
        (0.0, 400.0, "ok"),
        (400.0, 460.0, "adjust"),
        (460.0, 600.0, "ok"),
    ]
    assert review.result.criterion("arms_below_shoulders").status == "ok"
    assert (review.share_in_position, review.share_nearly) == (0.9, 0.1)  # the minute with the arms overhead
    assert "arms went overhead at 06:40" in review.result.summary


def test_a_flicker_shorter_than_the_hold_is_not_an_event() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 10, _result())
    _feed(builder, 10, 10.5, _result(knees_bent="adjust"))
    _feed(builder, 10.5, 20, _result())
    review = builder.finish(20.0)
    assert review.events == ()
    assert len(review.timelines["knees_bent"]) == 1


def test_share_in_position_counts_time_out_of_position_and_out_of_view() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 60, _result())
    _feed(builder, 60, 90, _result(recognized=False, knees_bent="adjust"))
    _feed(builder, 90, 120, None)
    review = builder.finish(120.0)
    assert review.share_in_position == 0.5
    assert [e.message for e in review.events if e.criterion == POSITION] == [
        "left the position at 01:00",
        "nobody in view from 01:30",
    ]
    assert review.timelines["knees_bent"][-1].status == NO_PERSON
    assert review.frames_with_person == 360
    assert review.result.pose_recognized  # half the time counts as in position


def test_a_video_shorter_than_the_hold_keeps_its_last_verdicts() -> None:
    builder = VideoReviewBuilder(hold_s=1.5)
    builder.add(0.0, _result(head_level="adjust"))
    builder.add(0.25, _result(head_level="adjust"))
    review = builder.finish(0.5)
    assert review.result.criterion("head_level").status == "adjust"
    assert (review.share_in_position, review.share_nearly) == (0.0, 1.0)  # a head to adjust: nearly


def test_nobody_at_all() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 10, None)
    review = builder.finish(10.0)
    assert review.share_in_position == 0.0
    assert review.frames_with_person == 0
    assert not review.result.pose_recognized
    assert review.result.summary == "Nobody was seen in this video."
    assert {c.status for c in review.result.criteria} == {"not_visible"}


def test_json_has_the_check_fields_and_the_video_fields() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 5, _result())
    data = builder.finish(5.0).to_json_dict()
    assert {"pose_recognized", "view", "criteria", "summary", "landmarks", "video"} <= set(data)
    assert set(data["video"]) == {
        "duration_s",
        "frames_checked",
        "frames_with_person",
        "share_in_position",
        "share_nearly",
        "share_cant_tell",
        "events",
        "timeline",
    }
    assert data["video"]["timeline"]["position"] == [{"start_s": 0.0, "end_s": 5.0, "status": "in", "word": "yes"}]
    assert data["video"]["timeline"]["knees_bent"] == [{"start_s": 0.0, "end_s": 5.0, "status": "ok", "word": "OK"}]


def test_events_of_one_moment_share_a_line() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 30, _result())
    _feed(builder, 30, 40, _result(recognized=False, knees_bent="adjust", feet_flat="adjust"))
    _feed(builder, 40, 50, _result())
    _feed(builder, 50, 60, _result(arms_below_shoulders="adjust"))
    review = builder.finish(60.0)
    assert event_lines(review.events) == [
        "00:30 left the position: legs straightened, feet came off the floor",
        "00:40 back in position: knees bent up again, feet flat again",
        "00:50 nearly in position: arms went overhead",
    ]
    # The summary counts the moments the list shows, not the criteria that changed in them.
    assert review.result.summary == (
        "In the constructive rest position 67% of the time and nearly in it 17%; "
        "2 drifts, first: legs straightened, feet came off the floor at 00:30."
    )


def test_each_moment_says_its_time_once_and_each_criterion_has_a_timeline_line() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 6, _result())
    _feed(builder, 6, 20, _result(recognized=False, knees_bent="adjust"))
    review = builder.finish(20.0)
    lines = event_lines(review.events)
    assert lines == ["00:06 left the position: legs straightened"]
    for event in review.to_json_dict()["video"]["events"]:
        # The page shows "time what": the JSON carries both apart, so the time is never repeated.
        assert event["time"] not in event["what"]
    timeline = timeline_lines(review)
    assert timeline[0] == "In position: yes 00:00-00:06, no 00:06-00:20"
    assert "Knees bent up: OK 00:00-00:06, Adjust 00:06-00:20" in timeline
    assert len(timeline) == 1 + len(CRITERION_NAMES)


def test_the_summary_adds_what_the_photo_check_says_of_the_lasting_verdicts_unless_only_in_position() -> None:
    def summary(result: CheckResult) -> str:
        builder = VideoReviewBuilder(hold_s=1.0)
        _feed(builder, 0, 10, result)
        return builder.finish(10.0).result.summary

    assert summary(_result()) == "In the constructive rest position 100% of the time."
    arms = CriterionResult("arms_below_shoulders", Status.ADJUST, advice="bring your arms down", confidence=0.9)
    nearly = replace(_result(), criteria=tuple(arms if c.name == arms.name else c for c in _result().criteria))
    assert summary(nearly) == (
        "Nearly in the constructive rest position 100% of the time. "
        "Constructive rest position, nearly: bring your arms down."
    )
    turn = CriterionResult("lying_on_back", Status.NOT_VISIBLE, advice="turn it", confidence=0.0)
    unsure = replace(_result(False), criteria=tuple(turn if c.name == turn.name else c for c in _result().criteria))
    assert summary(unsure) == "The position could not be judged 100% of the time. Can't tell from here: turn it."


def test_a_change_in_the_last_seconds_counts_when_it_lasts_to_the_end() -> None:
    """Looks come up to 2 s apart: a return to the position 3 s before the end was seen by looks spanning 1 s, so
    it never held the 1.5 s and the review said 40% of the time, 'turned off the back', with the last picture on
    the back."""
    builder = VideoReviewBuilder(hold_s=1.5)
    _feed(builder, 0, 4, _result())
    _feed(builder, 4, 7, _result(recognized=False, lying_on_back="adjust"))
    _feed(builder, 7, 8.25, _result())  # the last look at 8.0 s, the video lasts 10 s
    review = builder.finish(10.0)
    assert [(s.start_s, s.end_s, s.status) for s in review.timelines[POSITION]] == [
        (0.0, 4.0, "in"),
        (4.0, 7.0, "out"),
        (7.0, 10.0, "in"),
    ]
    assert review.share_in_position == 0.7
    assert [e.message for e in review.events if e.criterion == "lying_on_back"] == [
        "turned off the back at 00:04",
        "lying on the back again at 00:07",
    ]


def test_a_change_at_the_very_end_shorter_than_the_hold_stays_a_flicker() -> None:
    builder = VideoReviewBuilder(hold_s=1.5)
    _feed(builder, 0, 9, _result())
    _feed(builder, 9, 9.5, _result(recognized=False, knees_bent="adjust"))
    review = builder.finish(10.0)
    assert [s.status for s in review.timelines["knees_bent"]] == ["ok"]
    assert review.share_in_position == 1.0


def test_a_verdict_that_flickers_from_the_start_cannot_tell_until_it_holds() -> None:
    """The head level's row began at 00:04 while every other row began at 00:00: its first seconds went unsaid."""
    builder = VideoReviewBuilder(hold_s=1.5)
    for step in range(16):  # 4 s of a head level at its threshold: ok, can't tell, ok, ...
        builder.add(step * SAMPLE_S, _result(head_level="not_visible" if step % 2 else "ok"))
    _feed(builder, 4, 10, _result())
    review = builder.finish(10.0)
    assert [(s.start_s, s.end_s, s.status) for s in review.timelines["head_level"]] == [
        (0.0, 4.0, "not_visible"),
        (4.0, 10.0, "ok"),
    ]
    assert [(s.start_s, s.status) for s in review.timelines["knees_bent"]] == [(0.0, "ok")]
    assert "Head level: Can't tell 00:00-00:04, OK 00:04-00:10" in timeline_lines(review)


def test_a_verdict_that_flickers_from_the_start_then_holds_can_t_tell_is_one_stretch() -> None:
    """The clip of two photos said "Head level: Can't tell 00:00-00:03, Can't tell 00:03-00:08"."""
    builder = VideoReviewBuilder(hold_s=1.5)
    for step in range(12):  # 3 s of ok, can't tell, ok, ... then can't tell to the end
        builder.add(step * SAMPLE_S, _result(head_level="not_visible" if step % 2 else "ok"))
    _feed(builder, 3, 8, _result(head_level="not_visible"))
    review = builder.finish(8.0)
    assert [(s.start_s, s.end_s, s.status) for s in review.timelines["head_level"]] == [(0.0, 8.0, "not_visible")]
    assert "Head level: Can't tell 00:00-00:08" in timeline_lines(review)


def test_two_verdicts_that_lasted_as_long_give_the_one_the_video_ended_with() -> None:
    """Arms overhead 4 s then down 4 s said "bring your arms down" under the last picture, arms down."""
    builder = VideoReviewBuilder(hold_s=1.5)
    _feed(builder, 0, 4.25, _result(arms_below_shoulders="adjust"))  # the change found a look late
    _feed(builder, 4.25, 8, _result())
    review = builder.finish(8.0)
    assert review.result.criterion("arms_below_shoulders").status == "ok"
    builder = VideoReviewBuilder(hold_s=1.5)
    _feed(builder, 0, 4, _result())
    _feed(builder, 4, 8, _result(arms_below_shoulders="adjust"))
    assert builder.finish(8.0).result.criterion("arms_below_shoulders").status == "adjust"
    builder = VideoReviewBuilder(hold_s=1.5)
    _feed(builder, 0, 5, _result(arms_below_shoulders="adjust"))  # a second longer: no tie
    _feed(builder, 5, 8, _result())
    assert builder.finish(8.0).result.criterion("arms_below_shoulders").status == "adjust"


def _advised(result: CheckResult, advice: str, names: set[str]) -> CheckResult:
    criteria = tuple(replace(c, advice=advice) if c.name in names else c for c in result.criteria)
    return replace(result, criteria=criteria)


def test_on_the_back_most_of_the_time_the_other_verdicts_come_from_that_time() -> None:
    """Lying on the back is the most lasting verdict, yet face down and turned away together last longer: the
    arms are judged from the time on the back, and nothing says "checked once you are lying on your back"."""
    first = "checked once you are lying on your back"
    not_yet = {name: "not_visible" for name in CRITERION_NAMES if name not in ("lying_on_back", "whole_body_visible")}
    on_back = _advised(_result(knee_width="not_visible"), "place the camera beyond your feet", {"knee_width"})
    face_down = _advised(_result(False, lying_on_back="adjust", **not_yet), first, set(not_yet))
    turned = _result(False, lying_on_back="not_visible", **not_yet)
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 50, on_back)
    _feed(builder, 50, 80, face_down)
    _feed(builder, 80, 105, turned)
    _feed(builder, 105, 110, face_down)
    overall = builder.finish(110.0).result
    assert overall.criterion("lying_on_back").status == "ok"
    assert overall.criterion("arms_below_shoulders").status == "ok"  # 50 s on the back, against 60 s not judged
    assert overall.criterion("knee_width").advice == "place the camera beyond your feet"
    assert all(criterion.advice != first for criterion in overall.criteria)


def test_off_the_back_most_of_the_time_the_verdicts_are_of_the_whole_video() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 20, _result())
    _feed(builder, 20, 60, _result(False, lying_on_back="adjust", arms_below_shoulders="not_visible"))
    overall = builder.finish(60.0).result
    assert overall.criterion("lying_on_back").status == "adjust"
    assert overall.criterion("arms_below_shoulders").status == "not_visible"


def test_a_nearly_verdict_s_timeline_says_nearly_in_the_position_as_its_summary_does() -> None:
    """The timeline said "In position: yes" under "Nearly in the constructive rest position 100% of the time"."""
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 4, _result(recognized=False, knees_bent="adjust"))
    _feed(builder, 4, 20, _result(arms_below_shoulders="adjust"))
    review = builder.finish(20.0)
    assert review.result.summary.startswith("Nearly in the constructive rest position 80% of the time")
    assert timeline_lines(review)[0] == "In position: no 00:00-00:04, nearly 00:04-00:20"
    position = review.to_json_dict()["video"]["timeline"]["position"]
    assert [segment["word"] for segment in position] == ["no", "nearly"]  # what the page shows
    assert "Arms below shoulders: OK 00:00-00:04, Adjust 00:04-00:20" in timeline_lines(review)


def test_a_stretch_nearly_in_the_position_says_nearly_and_is_not_counted_as_in_it() -> None:
    """A clip in the position with the arms overhead for 6 s of 26 said "In position: yes 00:00-00:14" beside
    "Arms below shoulders: Adjust 00:08-00:14" and counted those seconds in "77% of the time", though a photo of
    that moment says "Constructive rest position, nearly: bring your arms down"."""
    arms = CriterionResult("arms_below_shoulders", Status.ADJUST, advice="bring your arms down", confidence=0.9)
    overhead = replace(_result(), criteria=tuple(arms if c.name == arms.name else c for c in _result().criteria))
    assert overhead.nearly  # the photo check's own rule for this moment
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 8, _result())
    _feed(builder, 8, 14, overhead)
    _feed(builder, 14, 20, _result(recognized=False, feet_flat="adjust"))
    _feed(builder, 20, 26, _result())
    review = builder.finish(26.0)
    timeline = timeline_lines(review)
    assert timeline[0] == "In position: yes 00:00-00:08, nearly 00:08-00:14, no 00:14-00:20, yes 00:20-00:26"
    assert "Arms below shoulders: OK 00:00-00:08, Adjust 00:08-00:14, OK 00:14-00:26" in timeline
    position = review.to_json_dict()["video"]["timeline"]["position"]
    assert [segment["word"] for segment in position] == ["yes", "nearly", "no", "yes"]  # what the page shows
    # The time in the position is the "yes" stretches' (14 s of 26), the "nearly" one's beside it (6 s).
    assert (round(review.share_in_position, 3), round(review.share_nearly, 3)) == (0.538, 0.231)
    assert review.result.summary.startswith(
        "In the constructive rest position 54% of the time and nearly in it 23%; 2 drifts, first: arms went "
        "overhead at 00:08."
    )
    assert event_lines(review.events)[0] == "00:08 nearly in position: arms went overhead"
    assert review.result.pose_recognized  # 20 s of 26 in the position, nearly or not


def test_a_change_is_said_in_its_verdict_s_own_reason() -> None:
    """Feet lifted with the knees bent (a table-top, a common way out of the position) read "legs straightened",
    one fixed word for the knees' criterion, though the photo check of that moment said "left foot off the floor"."""

    def knees(measured: str) -> CheckResult:
        lifted = CriterionResult("knees_bent", Status.ADJUST, measured, advice="lower your feet to the floor")
        return replace(
            _result(False), criteria=tuple(lifted if c.name == lifted.name else c for c in _result().criteria)
        )

    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 10, _result())
    _feed(builder, 10, 20, knees("left foot off the floor"))
    _feed(builder, 20, 30, _result())
    _feed(builder, 30, 40, knees("knees 165 deg / 170 deg"))  # a figure: the criterion's words say what it means
    _feed(builder, 40, 50, _result())
    review = builder.finish(50.0)
    # The way back names what came back: the foot, not knees that stayed bent ("knees bent again" before).
    assert event_lines(review.events) == [
        "00:10 left the position: left foot off the floor",
        "00:20 back in position: left foot back on the floor",
        "00:30 left the position: legs straightened",
        "00:40 back in position: knees bent up again",
    ]
    assert "2 drifts, first: left foot off the floor at 00:10." in review.result.summary


def test_the_changes_of_one_moment_are_named_in_order_of_importance() -> None:
    """Seen from the feet end, a leg straightening widens the knees too: the knees' width changed a few tenths of a
    second sooner, so it held first and was named before the straight leg, which matters more."""
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 10, _result())
    _feed(builder, 10, 10.5, _result(knee_width="adjust"))
    _feed(builder, 10.5, 20, _result(recognized=False, knees_bent="adjust", knee_width="adjust"))
    review = builder.finish(20.0)
    assert event_lines(review.events) == ["00:10 left the position: legs straightened, knees moved out of hip width"]
    assert "1 drift: legs straightened, knees moved out of hip width at 00:10." in review.result.summary


def test_a_video_none_of_whose_moments_can_be_judged_is_not_called_out_of_the_position() -> None:
    """A phone video on its side, without the tag that says so: every moment "can't tell", and the review said
    "out of the rest position most of the time" and "In the constructive rest position 0% of the time"."""
    builder = VideoReviewBuilder(hold_s=1.0)
    unjudged = {name: Status.NOT_VISIBLE for name in CRITERION_NAMES if name != "whole_body_visible"}
    _feed(builder, 0, 20, _result(recognized=False, **unjudged))
    review = builder.finish(20.0)
    assert review.mostly_cant_tell
    assert review.share_cant_tell == 1.0
    assert review.result.summary.startswith("The position could not be judged 100% of the time.")
    assert timeline_lines(review)[0] == "In position: Can't tell 00:00-00:20"
    assert review.to_json_dict()["video"]["share_cant_tell"] == 1.0


def test_a_video_judged_out_of_the_position_is_still_said_so() -> None:
    builder = VideoReviewBuilder(hold_s=1.0)
    _feed(builder, 0, 20, _result(recognized=False, lying_on_back=Status.ADJUST))
    review = builder.finish(20.0)
    assert not review.mostly_cant_tell
    assert review.result.summary.startswith("In the constructive rest position 0% of the time.")
    assert timeline_lines(review)[0] == "In position: no 00:00-00:20"


def _heels(status: Status, confidence: float) -> CheckResult:
    """A look in the position with the heel distance `status`, as sure as `confidence` (0.5 at its limit), the
    position judged from it as the photo check judges it (rules.recognition)."""
    criteria = tuple(
        CriterionResult(name, "ok")
        if name != "heel_distance"
        else CriterionResult(name, status, "heels 52 cm from the hip joint", advice="" if status == "ok" else "fix")
        for name in CRITERION_NAMES
    )
    criteria = tuple(replace(c, confidence=confidence) if c.name == "heel_distance" else c for c in criteria)
    recognized, sure = recognition({Criterion(c.name): c for c in criteria}, "side")
    return CheckResult(recognized, "side", criteria, summarize(recognized, criteria), confidence=sure)


# A still video's heels on their limit, look after look 2 s apart: the tracker's jitter puts the measure a little
# out of range, then a little in (confidence 0.47-0.65 measured on 60 s of one photo, d016).
JITTER_ON_THE_LIMIT = [
    ("adjust", 0.65),
    ("adjust", 0.57),
    ("ok", 0.47),
    ("ok", 0.5),
    ("adjust", 0.54),
    ("ok", 0.52),
] * 5


def test_a_still_video_whose_measure_jitters_on_its_limit_does_not_drift() -> None:
    """60 s of one photo said '1 drift: heels moved out of range at 00:12 ... 00:25 back in position' and 'In
    position: no 00:00-00:02': nothing moved."""
    builder = VideoReviewBuilder()
    for look, (status, confidence) in enumerate(JITTER_ON_THE_LIMIT):
        builder.add(look * 2.0, _heels(status, confidence))
    review = builder.finish(60.0)
    assert review.events == ()
    assert [(s.start_s, s.end_s, s.status) for s in review.timelines["heel_distance"]] == [(0.0, 60.0, "adjust")]
    assert [(s.start_s, s.end_s, s.status) for s in review.timelines[POSITION]] == [(0.0, 60.0, "nearly")]
    assert "drift" not in review.result.summary


def test_a_move_past_the_margin_is_still_a_drift() -> None:
    builder = VideoReviewBuilder()
    for look, (status, confidence) in enumerate(JITTER_ON_THE_LIMIT[:10]):
        builder.add(look * 2.0, _heels(status, confidence))
    for look in range(10, 30):  # the heels slid well in: the measure half a margin and more inside the range
        builder.add(look * 2.0, _heels("ok", 0.8 if look < 20 else 0.52))
    review = builder.finish(60.0)
    assert [(s.start_s, s.end_s, s.status) for s in review.timelines["heel_distance"]] == [
        (0.0, 20.0, "adjust"),
        (20.0, 60.0, "ok"),
    ]
    assert [event.message for event in review.events] == ["back in position at 00:20", "heels back in range at 00:20"]


class ScriptedService(CheckService):
    """The check of the live camera with each frame's verdicts given in turn."""

    def __init__(self, results: list[CheckResult]) -> None:
        super().__init__(finder=CountingFinder())
        self._results = iter(results)

    def evaluate(self, pose: Pose, previous_view: View | None = None) -> CheckResult:
        return next(self._results)


def test_the_live_camera_holds_a_verdict_whose_measure_jitters_on_its_limit() -> None:
    results = [_heels(status, confidence) for status, confidence in JITTER_ON_THE_LIMIT]
    live = ScriptedService(results).live(hold_s=1.0)
    frame = np.zeros((8, 8, 3), np.uint8)
    updates = [live.frame(frame, look * 2.0) for look in range(len(results))]
    assert {update.stable.get("heel_distance") for update in updates[1:]} == {"adjust"}
    # The heels are said once, when the verdict has held, not again at each flicker back.
    said = [[c.name for c in update.new_corrections] for update in updates if update.new_corrections]
    assert said == [["heel_distance"]]
