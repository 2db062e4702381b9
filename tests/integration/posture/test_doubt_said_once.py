"""A position recognised with parts the picture cannot show: its summary names them ("Can't tell from here: feet
flat, ..."), and that is the doubt, said once at every door; "not sure" stays where it is the only hedge."""

import io

import numpy as np
import pytest
from rich.console import Console

from crest.cli.check_cmd import _render
from crest.posture.overlay import position_badge
from crest.posture.result import SURE, CheckResult
from crest.posture.rules import evaluate
from crest.posture.service import PhotoCheck
from crest.web.pages.check import _as_shown
from support.figures import Figure, photograph

NOT_SURE_ON_THE_PAGE = "(The check is not sure of this.)"


def _from(view: str) -> PhotoCheck:
    return PhotoCheck("lying.jpg", evaluate(photograph(Figure(), view)), np.zeros((10, 10, 3), np.uint8))


@pytest.fixture
def from_the_feet() -> PhotoCheck:
    checked = _from("feet_end")
    assert checked.result.pose_recognized
    assert checked.result.confidence < SURE  # less sure, for the parts it cannot see
    assert checked.result.summary.startswith(
        "You are in the constructive rest position as far as this picture shows. Can't tell from here: feet flat"
    )
    return checked


@pytest.fixture
def nearly_not_sure() -> PhotoCheck:
    """In the position, seen whole, yet less than sure: "not sure" is its only hedge."""
    checked = _from("side")
    return PhotoCheck(
        checked.name, CheckResult(True, "side", checked.result.criteria, "In it.", confidence=0.6), checked.image_rgb
    )


def test_the_json_keeps_the_confidence_and_says_whether_a_door_adds_not_sure(
    from_the_feet: PhotoCheck, nearly_not_sure: PhotoCheck
) -> None:
    data = from_the_feet.to_json_dict()
    assert data["confidence"] < SURE
    assert data["not_sure"] is False
    assert nearly_not_sure.to_json_dict()["not_sure"] is True


def _terminal(checked: PhotoCheck, width: int) -> list[str]:
    out = Console(file=io.StringIO(), record=True, width=width, color_system=None)
    _render(out, checked, checked.name)
    return out.export_text().splitlines()


@pytest.mark.parametrize("width", [40, 80, 120])
def test_in_the_terminal_the_first_line_is_the_verdict_and_the_summary_says_the_doubt(
    from_the_feet: PhotoCheck, width: int
) -> None:
    lines = _terminal(from_the_feet, width)
    text = " ".join(" ".join(lines).split())
    assert text.startswith("lying.jpg: in the rest position (camera")
    assert "but not sure" not in text
    assert from_the_feet.result.summary in text


def test_in_the_terminal_not_sure_stays_where_it_is_the_only_hedge(nearly_not_sure: PhotoCheck) -> None:
    assert _terminal(nearly_not_sure, 120)[0].startswith("lying.jpg: in the rest position but not sure (camera")


def test_on_the_page_without_its_script_the_summary_is_said_once(
    from_the_feet: PhotoCheck, nearly_not_sure: PhotoCheck
) -> None:
    assert _as_shown(from_the_feet.to_json_dict())["summary"] == from_the_feet.result.summary
    assert _as_shown(nearly_not_sure.to_json_dict())["summary"] == f"In it. {NOT_SURE_ON_THE_PAGE}"


def test_on_the_annotated_picture_the_badge_leaves_the_doubt_to_the_summary(
    from_the_feet: PhotoCheck, nearly_not_sure: PhotoCheck
) -> None:
    assert position_badge(from_the_feet.result)[1] == "Rest position: YES"
    assert position_badge(nearly_not_sure.result)[1] == "Rest position: YES (not sure)"
