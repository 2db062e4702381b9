"""The journal's closed vocabularies, each name defined once with the words a person reads beside it.

Records, API schemas, the CLI, the templates and the JavaScript (through each page's config) all use these, so a
region or a status means the same thing at every door. Pure: no I/O.
"""

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Protocol


class SessionStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    INTERRUPTED = "interrupted"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def finished(self) -> bool:
        return self is not SessionStatus.RUNNING


_STATUS_LABELS: Mapping[SessionStatus, str] = {
    SessionStatus.RUNNING: "in progress",
    SessionStatus.COMPLETED: "completed",
    SessionStatus.ENDED_EARLY: "ended early",
    SessionStatus.INTERRUPTED: "interrupted",
}


class CheckInTiming(StrEnum):
    BEFORE = "before"
    AFTER = "after"
    STANDALONE = "standalone"

    @property
    def label(self) -> str:
        return _TIMING_LABELS[self]


_TIMING_LABELS: Mapping[CheckInTiming, str] = {
    CheckInTiming.BEFORE: "before a session",
    CheckInTiming.AFTER: "after a session",
    CheckInTiming.STANDALONE: "on its own",
}


class Comparison(StrEnum):
    """The answer to "compared with before the session"."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"

    @property
    def label(self) -> str:
        return _COMPARISON_LABELS[self]


_COMPARISON_LABELS: Mapping[Comparison, str] = {
    Comparison.BETTER: "better",
    Comparison.SAME: "about the same",
    Comparison.WORSE: "worse",
}


class Sensation(StrEnum):
    YAWNING = "yawning"
    BREATH_CHANGED = "breath_changed"
    SPINE_SHIFTING = "spine_shifting"
    WARMTH = "warmth"
    EMOTIONS = "emotions"
    SLEEPY = "sleepy"
    RESTLESS = "restless"
    NONE = "none"

    @property
    def label(self) -> str:
        return _SENSATION_LABELS[self]


_SENSATION_LABELS: Mapping[Sensation, str] = {
    Sensation.YAWNING: "yawning",
    Sensation.BREATH_CHANGED: "breath changed",
    Sensation.SPINE_SHIFTING: "spine shifting",
    Sensation.WARMTH: "warmth",
    Sensation.EMOTIONS: "emotions came up",
    Sensation.SLEEPY: "sleepy",
    Sensation.RESTLESS: "restless",
    Sensation.NONE: "none",
}


class Region(StrEnum):
    """Where people who practise CRP report pain (crp-facts.md section 6), and the back, neck and lower leg, where
    readers also feel it (leg pain below the knee is how sciatica shows)."""

    LOWER_BACK = "lower_back"
    BUTTOCK = "buttock"
    SACROILIAC_JOINT = "sacroiliac_joint"
    GROIN = "groin"
    FRONT_OF_THIGH = "front_of_thigh"
    HIP = "hip"
    KNEE = "knee"
    PELVIS = "pelvis"
    ABDOMEN = "abdomen"
    UPPER_BACK = "upper_back"
    NECK = "neck"
    CALF_AND_SHIN = "calf_and_shin"
    FOOT = "foot"

    @property
    def label(self) -> str:
        return _REGION_LABELS[self]

    @property
    def has_sides(self) -> bool:
        """Whether the place comes in pairs (a hip, a foot), so that a rating of it says which: left, right or both."""
        return self not in _MIDLINE_REGIONS

    @property
    def usual_side(self) -> "Side":
        """The side of the whole place: `centre` on the midline of the body, `both` for places that come in pairs."""
        return Side.BOTH if self.has_sides else Side.CENTRE


_REGION_LABELS: Mapping[Region, str] = {
    Region.LOWER_BACK: "lower back",
    Region.BUTTOCK: "buttock",
    Region.SACROILIAC_JOINT: "sacroiliac joint",
    Region.GROIN: "groin",
    Region.FRONT_OF_THIGH: "front of thigh",
    Region.HIP: "hip",
    Region.KNEE: "knee",
    Region.PELVIS: "pelvis",
    Region.ABDOMEN: "abdomen",
    Region.UPPER_BACK: "upper back",
    Region.NECK: "neck",
    Region.CALF_AND_SHIN: "calf and shin",
    Region.FOOT: "foot",
}
_MIDLINE_REGIONS = frozenset((Region.LOWER_BACK, Region.PELVIS, Region.ABDOMEN, Region.UPPER_BACK, Region.NECK))


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    CENTRE = "centre"

    @property
    def label(self) -> str:
        return _SIDE_LABELS[self]


_SIDE_LABELS: Mapping[Side, str] = {
    Side.LEFT: "left",
    Side.RIGHT: "right",
    Side.BOTH: "both sides",
    Side.CENTRE: "centre",
}


class Labelled(Protocol):
    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...


class PainQuality(StrEnum):
    """What the pain feels like; tingling and numbness matter for the warning signs."""

    ACHING = "aching"
    SHARP = "sharp"
    BURNING = "burning"
    TINGLING = "tingling"
    NUMB = "numb"

    @property
    def label(self) -> str:
        return self.value


def labels(vocabulary: Iterable[Labelled]) -> dict[str, str]:
    """Name -> label, in the vocabulary's order: what a page hands to its JavaScript."""
    return {member.value: member.label for member in vocabulary}


REGIONS: Mapping[str, str] = labels(Region)
SIDES: Mapping[str, str] = labels(Side)
SENSATIONS: Mapping[str, str] = labels(Sensation)
COMPARISONS: Mapping[str, str] = labels(Comparison)
PAIN_QUALITIES: Mapping[str, str] = labels(PainQuality)
SESSION_STATUSES: tuple[str, ...] = tuple(SessionStatus)
FINISHED_STATUSES: tuple[str, ...] = tuple(status for status in SessionStatus if status.finished)
CHECK_IN_TIMINGS: tuple[str, ...] = tuple(CheckInTiming)
