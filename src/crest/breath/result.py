"""The breath of one session or video: readings per window, movements, and how to say it plainly.

`to_json_dict` is the `breath` object of `crest check --json` and of the saved session (numbers and reason
names only, never pictures); `from_json_dict` reads it back for the journal and the report, which show the
per-minute trend (gaps where there was no reading), the movements on the same time line, one plain line,
and `RELAXATION_NOTE` beside it.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from crest.breath.reasons import REASONS, Reason, reason_label
from crest.insights.reader import Reader, sentence, spoken_of
from crest.posture.video import clock_text


def relaxation_note(reader: Reader = Reader.PERSON, client_name: str | None = None) -> str:
    """What goes beside every breath reading, to the person or, naming them, to their clinician."""
    person = spoken_of(reader, client_name)
    return f"This is feedback on how {person.name} relaxed, not a measurement of {person.their} health."


RELAXATION_NOTE = relaxation_note()
# The readings within the first and the last minute give the "from ... to ..." of the summary line, which speaks
# of a change only with a few readings and rates at least this many breaths a minute apart.
ENDS_S = 60.0
MIN_READINGS_FOR_CHANGE = 3
CHANGE_BPM = 2.0
# A window speaks for a minute of the trend when it covers at least this much of it.
MINUTE_COVER_S = 20.0
# Movements are watched only while the camera sees the trunk from the side, in light enough to see it: a window
# that gave no reading for one of these reasons watched none (in the dark the body is mostly not found at all, and
# where it is, the light too poor to read a breath hides a small movement too). Stillness is claimed "throughout"
# only when the rest of the windows cover this share of the time; below it, the line says how much the camera saw.
UNWATCHED: frozenset[Reason] = frozenset({"trunk_not_visible", "camera_not_at_side", "too_dark", "too_few_frames"})
WATCHED_SHARE_FOR_THROUGHOUT = 0.8
# The breath is said of the whole rest ("stayed at", "over the rest") only when its readings cover at least this
# share of the time the camera watched; below it, the line says how much was read.
READ_SHARE_FOR_THE_REST = 0.5


@dataclass(frozen=True)
class BreathWindow:
    """One stretch of time: its rate, or no reading and why."""

    start_s: float
    end_s: float
    rate_bpm: float | None
    reason: Reason | None = None

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start_s": round(self.start_s, 1),
            "end_s": round(self.end_s, 1),
            "rate_bpm": None if self.rate_bpm is None else round(self.rate_bpm, 1),
        }
        if self.reason is not None:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class Movement:
    """A body movement (a shift, an arm adjusted, fidgeting) starting at `at_s`."""

    at_s: float

    def to_json_dict(self) -> dict[str, Any]:
        return {"at_s": round(self.at_s, 1)}


@dataclass(frozen=True)
class MinuteRate:
    """The rate during minute `minute` (0 is the first minute), or None: a gap in the trend."""

    minute: int
    rate_bpm: float | None


@dataclass(frozen=True)
class BreathResult:
    windows: tuple[BreathWindow, ...]
    movements: tuple[Movement, ...]

    @property
    def readings(self) -> tuple[BreathWindow, ...]:
        return tuple(window for window in self.windows if window.rate_bpm is not None)

    @property
    def rate_bpm(self) -> float | None:
        """The median over the windows with a reading; None when none had one."""
        rates = [window.rate_bpm for window in self.readings if window.rate_bpm is not None]
        return statistics.median(rates) if rates else None

    def trend(self) -> tuple[MinuteRate, ...]:
        """One rate per minute the windows cover (the median of their readings); None where none had one."""
        minutes = range(
            int(min((window.start_s for window in self.windows), default=0.0) // 60),
            int(max((window.end_s for window in self.windows), default=0.0) // 60) + 1,
        )
        covered = [minute for minute in minutes if any(_covers(window, minute) for window in self.windows)]
        if not covered:
            return ()
        trend = []
        for minute in range(covered[0], covered[-1] + 1):
            rates = [
                window.rate_bpm for window in self.readings if window.rate_bpm is not None and _covers(window, minute)
            ]
            trend.append(MinuteRate(minute, statistics.median(rates) if rates else None))
        return tuple(trend)

    def summary(self, reader: Reader = Reader.PERSON, client_name: str | None = None) -> str:
        """One plain line: how the breathing went, or why there was no reading; for a clinician, naming the person."""
        readings = [(w.start_s, w.end_s, w.rate_bpm) for w in self.readings if w.rate_bpm is not None]
        if not readings:
            reasons = Counter(window.reason for window in self.windows if window.reason is not None)
            if not reasons:
                return "No breathing reading: the camera watched for too short a time."
            reason = reasons.most_common(1)[0][0]
            return f"No breathing reading this time: {reason_label(reason, reader, client_name)}."
        first_start, last_end = readings[0][0], readings[-1][1]
        start = round(statistics.median(r for _, e, r in readings if e <= first_start + ENDS_S))
        end = round(statistics.median(r for s, _, r in readings if s >= last_end - ENDS_S))
        breathing = sentence(f"{spoken_of(reader, client_name).name_s} breathing")
        read_s = sum(end_s - start_s for start_s, end_s, _ in readings)
        total_s = sum(window.end_s - window.start_s for window in self.windows)
        # One half-minute read of a rest crest could not follow (a tab in the background, a camera unplugged) is no
        # reading of the rest: the line says how much it rests on.
        partly = read_s < READ_SHARE_FOR_THE_REST * total_s
        while_read = f" while crest could read it ({_share_text(read_s, total_s)})" if partly else ""
        if len(readings) >= MIN_READINGS_FOR_CHANGE and abs(start - end) >= CHANGE_BPM:
            way = "slowed" if end < start else "quickened"
            return (
                f"{breathing} {way} from about {start} to about {end} breaths a minute{while_read or ' over the rest'}."
            )
        rate = round(statistics.median(r for _, _, r in readings))
        if partly:
            return f"{breathing} was about {rate} breaths a minute{while_read}."
        return f"{breathing} stayed at about {rate} breaths a minute."

    def stillness_line(self, reader: Reader = Reader.PERSON, client_name: str | None = None) -> str:
        """One plain line about movements: "You moved twice: at 03:10 and 07:45." ("Ann moved ..." to a clinician).
        Stillness is claimed only for time the camera saw the body: with nobody in view, no movement means nothing."""
        name = spoken_of(reader, client_name).name
        total_s = sum(window.end_s - window.start_s for window in self.windows)
        seen_s = sum(window.end_s - window.start_s for window in self.windows if window.reason not in UNWATCHED)
        times = [clock_text(movement.at_s) for movement in self.movements]
        # Movements found are said even so: a watch too short for a window, or mostly unseen, still saw them.
        if not times and total_s <= 0:
            return f"The camera watched too briefly to tell whether {name} moved."
        if not times and seen_s <= 0:
            return f"The camera did not see {name}, so crest cannot tell whether {name} moved."
        seen = f"the camera saw {name} for {_share_text(seen_s, total_s)}"
        partly = total_s > 0 and seen_s < WATCHED_SHARE_FOR_THROUGHOUT * total_s
        who = sentence(name)
        if not times:
            return f"{sentence(seen)}; {name} lay still while it did." if partly else f"{who} lay still throughout."
        if len(times) == 1:
            moved = f"{who} moved once, at {times[0]}"
        else:
            count = "twice" if len(times) == 2 else f"{len(times)} times"
            moved = f"{who} moved {count}: at {', '.join(times[:-1])} and {times[-1]}"
        return f"{moved} ({seen})." if partly else f"{moved}."

    def to_json_dict(self) -> dict[str, Any]:
        rate = self.rate_bpm
        return {
            "rate_bpm": None if rate is None else round(rate, 1),
            "windows": [window.to_json_dict() for window in self.windows],
            "movements": [movement.to_json_dict() for movement in self.movements],
        }

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> BreathResult:
        """The result saved by `to_json_dict` (a session's record); a reason crest does not know is refused."""
        windows = []
        for item in data["windows"]:
            reason = item.get("reason")
            if reason is not None and reason not in REASONS:
                raise ValueError(f"unknown breath reason {reason!r}")
            rate = item["rate_bpm"]
            windows.append(
                BreathWindow(
                    float(item["start_s"]),
                    float(item["end_s"]),
                    None if rate is None else float(rate),
                    cast(Reason | None, reason),
                )
            )
        movements = tuple(Movement(float(item["at_s"])) for item in data["movements"])
        return cls(tuple(windows), movements)


def _share_text(part_s: float, whole_s: float) -> str:
    """ "only 40 s of 85" for a short watch, "only about 2 min of 10" for a longer one ("moments", "under a
    minute" for what rounds to none)."""
    if whole_s < 120:
        return f"only {round(part_s)} s of {round(whole_s)}" if round(part_s) else f"moments of {round(whole_s)} s"
    part_min, whole_min = round(part_s / 60), round(whole_s / 60)
    return f"only about {part_min} min of {whole_min}" if part_min else f"under a minute of {whole_min} min"


def _covers(window: BreathWindow, minute: int) -> bool:
    """Whether the window covers enough of the minute to speak for it."""
    overlap_s = min(window.end_s, 60.0 * (minute + 1)) - max(window.start_s, 60.0 * minute)
    return overlap_s >= MINUTE_COVER_S
