"""A camera too close (only the legs in the picture): "move the camera back" is said once, in the summary, and each
criterion beneath it says "as above" at every door, not the same instruction ten times over."""

import io

import numpy as np
import pytest
from rich.console import Console

from crest.cli.check_cmd import _render
from crest.posture.result import AS_ABOVE, advice_under
from crest.posture.rules import evaluate
from crest.posture.service import PhotoCheck
from crest.web.pages.check import _as_shown
from support.figures import Figure, photograph
from support.too_close_legs import LEGS_READ_AS_A_BODY

MOVE_BACK = "move the camera back until it sees you from head to feet"


@pytest.fixture
def legs_only() -> PhotoCheck:
    checked = PhotoCheck("legs.jpg", evaluate(LEGS_READ_AS_A_BODY), np.zeros((10, 10, 3), np.uint8))
    assert checked.result.summary == f"Can't tell from here: {MOVE_BACK}."
    return checked


@pytest.mark.parametrize("width", [40, 80, 160])  # stacked lines, the table
def test_in_the_terminal_move_back_is_said_once(legs_only: PhotoCheck, width: int) -> None:
    out = Console(file=io.StringIO(), record=True, width=width, color_system=None)
    _render(out, legs_only, legs_only.name)
    text = " ".join(out.export_text().split())
    assert text.count(MOVE_BACK) == 1
    assert text.count(AS_ABOVE) == len(legs_only.result.criteria)


def test_on_the_page_without_its_script_move_back_is_said_once(legs_only: PhotoCheck) -> None:
    shown = _as_shown(legs_only.to_json_dict())
    assert [criterion["advice"] for criterion in shown["criteria"]] == ["As above"] * len(shown["criteria"])


def test_another_criterions_advice_is_its_own() -> None:
    side = evaluate(photograph(Figure(), "side"))
    knee_width = side.criterion("knee_width")
    assert advice_under(side.summary, knee_width.advice_line) == knee_width.advice_line
    assert advice_under("Can't tell from here: lie down on your back.", "") == ""
