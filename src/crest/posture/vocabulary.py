"""The words of the position check, defined once: criteria, verdict statuses and camera views, each with its label.

Rules, results, the annotated picture, the terminal and the web page (through its page config) all take their
names and labels from here, so a criterion is never spelt two ways.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Literal


class Criterion(StrEnum):
    """One thing the check judges; the order is the order a person would fix them."""

    WHOLE_BODY_VISIBLE = "whole_body_visible"
    LYING_ON_BACK = "lying_on_back"
    KNEES_BENT = "knees_bent"
    FEET_FLAT = "feet_flat"
    HIPS_DOWN = "hips_down"
    HEEL_DISTANCE = "heel_distance"
    KNEE_WIDTH = "knee_width"
    ARMS_BELOW_SHOULDERS = "arms_below_shoulders"
    HEAD_RESTING = "head_resting"
    HEAD_LEVEL = "head_level"


CRITERION_LABELS: Mapping[Criterion, str] = {
    Criterion.WHOLE_BODY_VISIBLE: "Whole body in view",
    Criterion.LYING_ON_BACK: "Lying on the back",
    Criterion.KNEES_BENT: "Knees bent up",
    Criterion.FEET_FLAT: "Feet flat",
    Criterion.HIPS_DOWN: "Hips down",
    Criterion.HEEL_DISTANCE: "Heel distance",
    Criterion.KNEE_WIDTH: "Knee width",
    Criterion.ARMS_BELOW_SHOULDERS: "Arms below shoulders",
    Criterion.HEAD_RESTING: "Head resting",
    Criterion.HEAD_LEVEL: "Head level",
}


class Status(StrEnum):
    """A criterion's verdict."""

    OK = "ok"
    ADJUST = "adjust"
    NOT_VISIBLE = "not_visible"


STATUS_LABELS: Mapping[Status, str] = {
    Status.OK: "OK",
    Status.ADJUST: "Adjust",
    Status.NOT_VISIBLE: "Can't tell",
}

View = Literal["side", "feet_end", "head_end", "above", "oblique", "unknown"]
VIEW_LABELS: Mapping[View, str] = {
    "side": "from the side",
    "feet_end": "from the feet end",
    "head_end": "from the head end",
    "above": "from above",
    "oblique": "from the side, at an angle",
    "unknown": "unclear",
}
VIEWS: tuple[View, ...] = tuple(VIEW_LABELS)


def criterion_label(name: str) -> str:
    """The label of a criterion by name; an unknown name is shown as it is."""
    try:
        return CRITERION_LABELS[Criterion(name)]
    except ValueError:
        return name


def status_label(status: str) -> str:
    try:
        return STATUS_LABELS[Status(status)]
    except ValueError:
        return status


def page_labels() -> dict[str, dict[str, str]]:
    """The labels a web page needs to show a result, for its page config (JSON)."""
    return {
        "criterion_labels": {str(name): label for name, label in CRITERION_LABELS.items()},
        "status_labels": {str(status): label for status, label in STATUS_LABELS.items()},
        "view_labels": {str(view): label for view, label in VIEW_LABELS.items()},
    }
