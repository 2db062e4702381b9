"""A whole video in a few numbers: time in position, when the position drifted, a timeline per criterion.

Pure: it is fed one `CheckResult` (or None when nobody was seen) per sampled frame with the frame's time, and
knows nothing of decoding or MediaPipe. Verdicts pass through `VerdictHysteresis`, so a verdict that flickers
for a frame or two neither starts a timeline segment nor reports a drift; a segment starts at the first frame
that showed its verdict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from crest.counting import counted
from crest.posture.result import CRITERION_NAMES, CheckResult, CriterionResult, Status, View
from crest.posture.rules import HEADLINE_ORDER, IN_POSITION_SUMMARY, recognition, summarize
from crest.posture.smoothing import VERDICT_HOLD_S, StableValue, VerdictHysteresis
from crest.posture.vocabulary import Criterion, criterion_label, status_label

# The pseudo-criterion for the whole position, and its values.
POSITION = "position"
IN_POSITION = "in"
# In the position with something to adjust (arms overhead): what a photo of that moment calls "nearly"
# (CheckResult.nearly), so the stretch is neither a plain "yes" nor counted in the time in the position.
NEARLY = "nearly"
OUT_OF_POSITION = "out"
# A moment whose picture shows nothing off but not enough to say "in the position" (a video on its side, the legs
# out of the picture): neither in nor out, as a photo of it says "can't tell from here".
CANT_TELL = Status.NOT_VISIBLE.value
NOBODY = "nobody"
# More than this share of the video is "most of the time".
MOSTLY = 0.5
# A criterion's value in a frame where nobody was seen.
NO_PERSON = "no_person"

# What happened, in a few words, when a criterion went from ok to adjust and its verdict's reason is a figure
# ("knees 165 deg": the legs straightened); a reason in words ("left foot off the floor") is said itself ...
DRIFT_PHRASES: Mapping[str, str] = {
    "whole_body_visible": "part of the body left the picture",
    "lying_on_back": "turned off the back",
    "knees_bent": "legs straightened",
    "feet_flat": "feet came off the floor",
    "hips_down": "hips lifted",
    "heel_distance": "heels moved out of range",
    "knee_width": "knees moved out of hip width",
    "arms_below_shoulders": "arms went overhead",
    "head_resting": "head lifted",
    "head_level": "head tipped back",
}
# ... and when it came back to ok from a reason that was a figure: what came back, in the words of the criteria
# list ("Knees bent up": "knees bent up again"), but where those name a rule rather than the body's move.
RECOVERY_PHRASES: Mapping[str, str] = {
    "heel_distance": "heels back in range",
    "knee_width": "knees back to hip width",
    "arms_below_shoulders": "arms back down",
}
# A way out said in words comes back as that part of the body back where it belongs: "left foot off the floor",
# then "left foot back on the floor", not "knees bent again" for knees that stayed bent. The endings of the rules'
# reasons in words, each with the words of its way back.
WAYS_BACK: Mapping[str, str] = {
    "off the floor": "back on the floor",
    "fallen out to the sides": "back up",
    "fallen out to the side": "back up",
    "drawn towards the chest": "back down",
    "down near the floor": "back up",
    "along the floor": "bent up again",
    "above your head": "back down",
    "raised": "back down",
    "cut off": "back in the picture",
    "turned to the floor": "up again",
}


def clock_text(time_s: float) -> str:
    """06:40 for 400 s; 1:02:03 beyond an hour."""
    whole_s = int(max(0.0, time_s))
    hours, rest = divmod(whole_s, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes:02d}:{seconds:02d}"


@dataclass(frozen=True)
class Segment:
    """A stretch of the video during which one criterion kept one verdict."""

    start_s: float
    end_s: float
    status: str

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def to_json_dict(self) -> dict[str, Any]:
        return {"start_s": round(self.start_s, 2), "end_s": round(self.end_s, 2), "status": self.status}


@dataclass(frozen=True)
class DriftEvent:
    """A lasting change: "arms went overhead at 06:40"."""

    time_s: float
    criterion: str
    status: str
    what: str  # "arms went overhead"

    @property
    def message(self) -> str:
        return f"{self.what} {'from' if self.status == NOBODY else 'at'} {clock_text(self.time_s)}"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "time_s": round(self.time_s, 2),
            "time": clock_text(self.time_s),
            "criterion": self.criterion,
            "status": self.status,
            "what": self.what,
            "message": self.message,
        }


@dataclass(frozen=True)
class VideoReview:
    """The review of one video. `result` is the overall verdict: each criterion's most lasting status."""

    duration_s: float
    frames_checked: int
    frames_with_person: int
    share_in_position: float  # the stretches that say "yes"
    share_nearly: float  # those that say "nearly"
    share_cant_tell: float  # those that could not be judged ("can't tell")
    events: tuple[DriftEvent, ...]
    timelines: Mapping[str, tuple[Segment, ...]]
    result: CheckResult

    @property
    def mostly_cant_tell(self) -> bool:
        """More than half the video could not be judged: no "in" or "out of the position most of the time"."""
        return self.share_cant_tell > MOSTLY

    def to_json_dict(self) -> dict[str, Any]:
        overall = self.result.to_json_dict()
        overall["video"] = {
            "duration_s": round(self.duration_s, 2),
            "frames_checked": self.frames_checked,
            "frames_with_person": self.frames_with_person,
            "share_in_position": round(self.share_in_position, 3),
            "share_nearly": round(self.share_nearly, 3),
            "share_cant_tell": round(self.share_cant_tell, 3),
            "events": [event.to_json_dict() for event in self.events],
            # Each stretch with its word, as the terminal's timeline says it: a page shows the same words.
            "timeline": {
                name: [{**segment.to_json_dict(), "word": segment_word(segment.status)} for segment in segments]
                for name, segments in self.timelines.items()
            },
        }
        return overall


def _drift_phrase(criterion: str, previous: str, status: str, adjusted: CriterionResult | None) -> str | None:
    """The words of a change; `adjusted` is the latest look's `adjust` verdict of the criterion: the one a change to
    adjust says the reason of (a fixed word per criterion called feet lifted with the knees bent "legs
    straightened"), and the one a change back to ok says the way back from."""
    if criterion == POSITION:
        phrases = {
            OUT_OF_POSITION: "left the position",
            NOBODY: "nobody in view",
            NEARLY: "nearly in position",
            CANT_TELL: "can't tell from here",
        }
        return phrases.get(status, "back in position")
    reason = adjusted.measured if adjusted is not None else None
    worded = reason if reason and not any(character.isdigit() for character in reason) else None
    if previous == "ok" and status == "adjust":
        return worded or DRIFT_PHRASES.get(criterion, criterion)
    if previous == "adjust" and status == "ok":
        way_back = next((away for away in WAYS_BACK if worded and worded.endswith(away)), None)
        if worded and way_back:
            return worded.removesuffix(way_back) + WAYS_BACK[way_back]
        return RECOVERY_PHRASES.get(criterion) or f"{criterion_label(criterion).lower()} again"
    return None  # changes of visibility are in the timeline, not worth a sentence


def event_lines(events: tuple[DriftEvent, ...]) -> list[str]:
    """One line per moment: "00:30 left the position: legs straightened, feet came off the floor"."""
    moments: dict[str, list[DriftEvent]] = {}
    for event in events:
        moments.setdefault(clock_text(event.time_s), []).append(event)
    lines = []
    for at, together in moments.items():
        position = [event.what for event in together if event.criterion == POSITION]
        details = [event.what for event in together if event.criterion != POSITION]
        if position and details:
            lines.append(f"{at} {position[0]}: {', '.join(details)}")
        else:
            lines.append(f"{at} {', '.join(position + details)}")
    return lines


def timeline_lines(review: VideoReview) -> list[str]:
    """One line for the position, then one per criterion: "Knees bent up: OK 00:00-00:20, Adjust 00:20-00:35"."""
    lines = []
    for name in (POSITION, *CRITERION_NAMES):
        segments = review.timelines.get(name, ())
        if not segments:
            continue
        spans = ", ".join(
            f"{segment_word(segment.status)} {clock_text(segment.start_s)}-{clock_text(segment.end_s)}"
            for segment in segments
        )
        lines.append(f"{'In position' if name == POSITION else criterion_label(name)}: {spans}")
    return lines


SEGMENT_WORDS: Mapping[str, str] = {
    NO_PERSON: "nobody",
    NOBODY: "nobody",
    IN_POSITION: "yes",
    NEARLY: "nearly",
    OUT_OF_POSITION: "no",
}


def segment_word(status: str) -> str:
    """A stretch's verdict in a timeline: "nearly" for a stretch whose frames a photo check calls nearly in the
    position (CheckResult.nearly, the summary's own rule), never a plain "yes" beside that criterion's "Adjust"."""
    return SEGMENT_WORDS.get(status) or status_label(status)


def share_words(share_in: float, share_nearly: float, share_cant_tell: float = 0.0) -> str:
    """The time in the position as the timeline's words count it: "In the constructive rest position 54% of the
    time and nearly in it 23%"; "Nearly in ..." when no stretch said "yes"; "could not be judged" when the
    moments that could not be judged are most of the video, rather than "0% of the time" as if seen out of it."""
    percent_in, percent_nearly = round(share_in * 100), round(share_nearly * 100)
    if share_cant_tell > MOSTLY:
        return f"The position could not be judged {round(share_cant_tell * 100)}% of the time"
    if percent_nearly and not percent_in:
        return f"Nearly in the constructive rest position {percent_nearly}% of the time"
    text = f"In the constructive rest position {percent_in}% of the time"
    return f"{text} and nearly in it {percent_nearly}%" if percent_nearly else text


# The verdicts a margin holds: each is the other side of one threshold.
_JUDGED = frozenset({Status.OK, Status.ADJUST})


class MarginHold:
    """Each criterion's verdict over time (a video's looks, the live camera's frames) goes from ok to adjust, or
    back, only when the new one is sure (CriterionResult.sure): its measure past the threshold by half the rule's
    margin (every rule's confidence is 0.5 at its threshold and 1 one margin beyond it); a change seen only faintly
    (low visibility also makes it unsure) is held as well. Less is the tracker's jitter, not a move: on 60 s of one
    photo (d016, 1920x1080 H.264) the heels read 52-54 cm from the hip joint on a 52 cm limit, a confidence of
    0.47-0.65 from look to look (up to 0.045 thigh lengths, 2 cm, past the limit), and the review said "hips lifted
    at 00:28" and, on the walk's copy, "heels moved out of range at 00:12" though nothing moved; half the heels'
    margin is 0.075 thigh lengths (3 cm). The first reading stands until a sure change, as a photo of that moment
    says it: the tracker's first frames are not a verdict of their own ("no 00:00-00:02").
    """

    def __init__(self) -> None:
        self._held: dict[str, CriterionResult] = {}

    def reset(self) -> None:
        """Another picture (a cut, the camera moved): its first readings stand afresh."""
        self._held.clear()

    def __call__(self, result: CheckResult) -> CheckResult:
        """The frame's result with each unsure change across a threshold replaced by the verdict held, and the
        position judged again from those verdicts (rules.recognition)."""
        criteria = []
        for criterion in result.criteria:
            held = self._held.get(criterion.name)
            if held is not None and {held.status, criterion.status} == _JUDGED and not criterion.sure:
                criterion = held
            self._held[criterion.name] = criterion
            criteria.append(criterion)
        if criteria == list(result.criteria):
            return result
        recognized, confidence = recognition({Criterion(c.name): c for c in criteria}, result.view)
        held_criteria = tuple(criteria)
        return replace(
            result,
            pose_recognized=recognized,
            criteria=held_criteria,
            summary=summarize(recognized, held_criteria),
            confidence=confidence,
        )


@dataclass
class _Track:
    """The stable segments of one criterion so far."""

    segments: list[Segment] = field(default_factory=list)
    open_status: str | None = None
    open_since_s: float = 0.0


class VideoReviewBuilder:
    """Feed `add` once per sampled frame in time order, then call `finish` once."""

    def __init__(self, hold_s: float = VERDICT_HOLD_S) -> None:
        self._hysteresis: VerdictHysteresis[str, str] = VerdictHysteresis(hold_s)
        self._margins = MarginHold()
        self._tracks: dict[str, _Track] = {name: _Track() for name in (POSITION, *CRITERION_NAMES)}
        self._events: list[DriftEvent] = []
        self._latest: dict[tuple[str, str], CriterionResult] = {}
        # The same, from looks that found the person on their back (see _overall_result).
        self._latest_on_back: dict[tuple[str, str], CriterionResult] = {}
        self._views: Counter[View] = Counter()
        self._last_result: CheckResult | None = None
        self._last_values: dict[str, str] = {}
        self._frames_checked = 0
        self._frames_with_person = 0
        self._last_time_s = 0.0

    def add(self, time_s: float, result: CheckResult | None) -> None:
        """One look's result (None: nobody seen), its verdicts held across their thresholds (MarginHold)."""
        if result is not None:
            result = self._margins(result)
        self._frames_checked += 1
        self._last_time_s = time_s
        values = self._values_of(result)
        self._last_values = values
        for name, stable in self._hysteresis.update(values, time_s).items():
            self._close_and_open(name, stable)

    def another_picture(self) -> None:
        """The picture jumped (a cut, the camera moved): the next look's verdicts stand as they are."""
        self._margins.reset()

    @property
    def settled(self) -> bool:
        """Every verdict has held and none is changing: the caller may look less often."""
        return self._hysteresis.settled

    def _values_of(self, result: CheckResult | None) -> dict[str, str]:
        if result is None:
            return {POSITION: NOBODY, **dict.fromkeys(CRITERION_NAMES, NO_PERSON)}
        self._frames_with_person += 1
        self._views[result.view] += 1
        self._last_result = result
        position = (NEARLY if result.nearly else IN_POSITION) if result.pose_recognized else OUT_OF_POSITION
        if result.position_status == Status.NOT_VISIBLE:
            position = CANT_TELL
        values = {POSITION: position}
        on_back = result.criterion(Criterion.LYING_ON_BACK).status == Status.OK
        for criterion in result.criteria:
            values[criterion.name] = criterion.status
            self._latest[(criterion.name, criterion.status)] = criterion
            if on_back:
                self._latest_on_back[(criterion.name, criterion.status)] = criterion
        return values

    def _close_and_open(self, name: str, stable: StableValue[str]) -> None:
        track = self._tracks.setdefault(name, _Track())
        previous = track.open_status
        if previous is not None:
            track.segments.append(Segment(track.open_since_s, stable.since_s, previous))
            what = _drift_phrase(name, previous, stable.value, self._latest.get((name, Status.ADJUST)))
            if what is not None:
                self._events.append(DriftEvent(stable.since_s, name, stable.value, what))
        track.open_status = stable.value
        track.open_since_s = stable.since_s

    def finish(self, duration_s: float | None = None) -> VideoReview:
        """The review; `duration_s` is the video's length when known (else the last frame's time)."""
        end_s = max(duration_s or 0.0, self._last_time_s)
        # A verdict still on its way when the video ends has held until the end: it counts if that is long enough.
        for name, stable in self._hysteresis.held_until(end_s).items():
            self._close_and_open(name, stable)
        self._events.sort(key=_moment_and_importance)
        # A short video may end before any verdict has held long enough: its last verdicts stand.
        for name, value in self._last_values.items():
            track = self._tracks[name]
            if track.open_status is None:
                track.open_status = value
                track.open_since_s = 0.0
        timelines: dict[str, tuple[Segment, ...]] = {}
        for name, track in self._tracks.items():
            segments = list(track.segments)
            if track.open_status is not None:
                segments.append(Segment(track.open_since_s, end_s, track.open_status))
            if segments and segments[0].start_s > 0:
                # A verdict that flickered from the start held only later: until then the check could not tell
                # (and did not see the position steadily), rather than leave the row's first seconds out.
                unsettled = OUT_OF_POSITION if name == POSITION else Status.NOT_VISIBLE
                if segments[0].status == unsettled:  # one stretch, not "can't tell 00:00-00:03, can't tell 00:03-"
                    segments[0] = Segment(0.0, segments[0].end_s, unsettled)
                else:
                    segments.insert(0, Segment(0.0, segments[0].start_s, unsettled))
            timelines[name] = tuple(segments)
        shares = {
            status: sum(s.duration_s for s in timelines[POSITION] if s.status == status) / end_s
            if end_s > 0
            else float(self._last_values.get(POSITION) == status)
            for status in (IN_POSITION, NEARLY, CANT_TELL)
        }
        return VideoReview(
            duration_s=end_s,
            frames_checked=self._frames_checked,
            frames_with_person=self._frames_with_person,
            share_in_position=shares[IN_POSITION],
            share_nearly=shares[NEARLY],
            share_cant_tell=shares[CANT_TELL],
            events=tuple(self._events),
            timelines=timelines,
            result=self._overall_result(timelines, shares[IN_POSITION], shares[NEARLY], shares[CANT_TELL]),
        )

    def _overall_result(
        self, timelines: Mapping[str, tuple[Segment, ...]], share_in: float, share_nearly: float, share_cant_tell: float
    ) -> CheckResult:
        """Each criterion's most lasting verdict. When that of lying on the back is "on the back", the others are
        taken from the time spent on the back: a stretch face down or sitting up, where they are not judged,
        would otherwise put "checked once you are lying on your back" beside "lying on the back: OK"."""
        lying = timelines.get(Criterion.LYING_ON_BACK, ())
        on_back = _most_lasting(lying) == Status.OK
        on_back_spans = [(segment.start_s, segment.end_s) for segment in lying if segment.status == Status.OK]
        criteria: list[CriterionResult] = []
        for name in CRITERION_NAMES:
            segments = timelines.get(name, ())
            if on_back and name != Criterion.WHOLE_BODY_VISIBLE:
                segments = _within(segments, on_back_spans) or segments
            status = _most_lasting(segments)
            latest = self._latest_on_back if on_back else self._latest
            example = None if status is None else latest.get((name, status)) or self._latest.get((name, status))
            if example is None:
                example = CriterionResult(
                    name, Status.NOT_VISIBLE, advice="nobody was seen long enough to tell", confidence=0.0
                )
            criteria.append(example)
        view: View = self._views.most_common(1)[0][0] if self._views else "unknown"
        recognized = share_in + share_nearly >= 0.5  # in the position, as a photo check says it, nearly or not
        result = CheckResult(
            pose_recognized=recognized,
            view=view,
            criteria=tuple(criteria),
            summary=summarize(recognized, tuple(criteria)),
            landmarks=None if self._last_result is None else self._last_result.landmarks,
        )
        share = share_words(share_in, share_nearly, share_cant_tell)
        return replace(result, summary=self._summary(share, result.summary))

    def _summary(self, share: str, as_a_photo: str) -> str:
        """The share of the time in the position and the drifts, then what the photo check says of the most
        lasting verdicts ("nearly: bring your arms down", "can't tell from here: ...") unless that is only that
        the person is in the position."""
        if self._frames_with_person == 0:
            return "Nobody was seen in this video."
        drifts = [event for event in self._events if event.criterion != POSITION and event.status == "adjust"]
        # Each stretch's time under its own word, "yes" or "nearly", as the timeline says it.
        text = share
        if drifts:
            # Counted by moment, as the list of what changed shows them: legs and feet going at once are one.
            moments = [clock_text(event.time_s) for event in drifts]
            first = ", ".join(event.what for event, at in zip(drifts, moments, strict=True) if at == moments[0])
            count = len(set(moments))
            text += f"; {counted(count, 'drift')}{', first' if count > 1 else ''}: {first} at {moments[0]}"
        return f"{text}." if as_a_photo == IN_POSITION_SUMMARY else f"{text}. {as_a_photo}"


def _moment_and_importance(event: DriftEvent) -> tuple[int, int]:
    """Events sort by this into time order, those of one moment (the second a list shows them at) in the order of
    importance the photo check's summary names them in (HEADLINE_ORDER), the position's own change first. A verdict
    comes once it has held, so one that began a few tenths of a second sooner came first: a knee width was said
    before the straight leg that widened it."""
    return int(event.time_s), -1 if event.criterion == POSITION else HEADLINE_ORDER.index(Criterion(event.criterion))


def _within(segments: tuple[Segment, ...], spans: list[tuple[float, float]]) -> tuple[Segment, ...]:
    """The parts of `segments` that fall inside `spans`."""
    parts = []
    for segment in segments:
        for start_s, end_s in spans:
            start, end = max(segment.start_s, start_s), min(segment.end_s, end_s)
            if end > start:
                parts.append(Segment(start, end, segment.status))
    return tuple(parts)


# Verdicts that lasted as long as each other to within this are a tie: a change is found to within a look (a
# quarter of a second), which moves the line between two equal halves of a clip by as much (4.1 s and 3.9 s seen),
# one half's length up and the other's down.
TIE_S = 0.5


def _most_lasting(segments: tuple[Segment, ...]) -> str | None:
    """The status that lasted longest; of two that lasted as long, the later one: the way the video ended,
    which its picture (the last moment) shows. Half a clip with arms overhead, half with them down, put
    "bring your arms down" under a picture of arms down."""
    totals: dict[str, float] = {}
    ends_s: dict[str, float] = {}
    for segment in segments:
        if segment.status != NO_PERSON:
            totals[segment.status] = totals.get(segment.status, 0.0) + segment.duration_s
            ends_s[segment.status] = segment.end_s
    if not totals:
        return None
    longest_s = max(totals.values())
    return max((status for status in totals if totals[status] >= longest_s - TIE_S), key=ends_s.__getitem__)
