"""The breath in words for every door: the quiet indicator while the camera reads, and the trend as text.

The indicator says that a reading is being taken, or what is in the way right now; never a number (a live
rate is shown only where a person asks for it).
"""

from __future__ import annotations

from collections.abc import Mapping

from crest.breath.reasons import FRAME_PROBLEMS, REASON_LABELS
from crest.breath.result import BreathResult

NO_READING_MARK = "\N{EN DASH}"  # a minute of the trend without a reading

_STATE_LABELS: Mapping[str, str] = {
    "reading": "Reading your breathing.",
    "starting": "Getting ready to read your breathing.",
    # Said too while the person already lies still: a reading needs most of the last half-minute still.
    "moving": "Waiting for you to lie still to read your breathing.",
    # The browser's camera ended (unplugged, switched off): the reading so far is kept with the rest.
    "camera_stopped": "The camera stopped (unplugged or switched off), so your breathing is no longer read; what was "
    "read until then is kept.",
    # Said when the page comes back to the front: in the background a browser lets it send a picture a second or fewer.
    "page_hidden": "Your breathing was not read while this page was in the background; keep it in front during the "
    "rest.",
    # What the picture lacks now.
    **{state: f"No breathing reading just now: {REASON_LABELS[state]}." for state in FRAME_PROBLEMS},
}


def state_labels() -> dict[str, str]:
    """Each state of the tracker (`BreathTracker.state`) with its words, for the pages' config."""
    return dict(_STATE_LABELS)


def state_label(state: str) -> str:
    return _STATE_LABELS.get(state, _STATE_LABELS["starting"])


def trend_text(result: BreathResult) -> str:
    """The per-minute trend in a line, like "14 13 - 9" (breaths a minute; a dash where there was no reading)."""
    return " ".join(
        NO_READING_MARK if minute.rate_bpm is None else f"{minute.rate_bpm:.0f}" for minute in result.trend()
    )
