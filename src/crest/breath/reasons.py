"""Why a window of time gave no breathing reading: each reason by name, with its words for the person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, get_args

from crest.insights.reader import Reader, spoken_of

# What a single frame can lack (the tracker decides these per frame) ...
FrameProblem = Literal["trunk_not_visible", "camera_not_at_side", "too_dark"]
# ... and every reason a window can give, in the order in which they are decided.
Reason = Literal[
    "trunk_not_visible",
    "camera_not_at_side",
    "too_dark",
    "moving",
    "too_few_frames",
    "weak_motion",
    "irregular",
    "disagree",
]
REASONS: tuple[Reason, ...] = get_args(Reason)
FRAME_PROBLEMS: tuple[FrameProblem, ...] = get_args(FrameProblem)

# Each reason in words, naming the person as the reader calls them (see `reason_label`).
_REASON_WORDS: Mapping[Reason, str] = {
    "trunk_not_visible": "{name_s} chest and belly were not in view",
    "camera_not_at_side": "the camera was not at {name_s} side",
    "too_dark": "it was too dark to see {name_s} breathing",
    "moving": "{name} {was} moving",
    # A browser slows a page in the background to a picture a second or fewer: the camera is not to blame then.
    "too_few_frames": "too few pictures reached crest (the camera stalled, or the page was in the background)",
    "weak_motion": "no breathing movement could be seen",
    "irregular": "there was no steady breathing rhythm to read",
    "disagree": "the rhythm and the count of breaths did not agree",
}


def reason_label(reason: Reason, reader: Reader = Reader.PERSON, client_name: str | None = None) -> str:
    """Why there was no reading, to the person ("you were moving") or to a clinician ("Ann was moving")."""
    person = spoken_of(reader, client_name)
    return _REASON_WORDS[reason].format(name=person.name, name_s=person.name_s, was=person.was)


REASON_LABELS: Mapping[Reason, str] = {reason: reason_label(reason) for reason in REASONS}
