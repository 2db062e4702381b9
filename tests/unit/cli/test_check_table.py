"""The criteria as `crest check` prints them: a criterion that can't tell shows no measure as if judged."""

import io

import pytest
from rich.console import Console

from crest.cli.check_cmd import _print_criteria
from crest.posture.result import CheckResult, CriterionResult

UNSURE = CriterionResult("head_level", "not_visible", "chin tipped back 23 deg", None, "put a towel", 0.0)
JUDGED = CriterionResult("heel_distance", "ok", "heels 38 cm from the hip joint", "31-46 cm from the hip joint")


@pytest.mark.parametrize("width", [80, 160])  # stacked lines, the table
def test_a_criterion_that_cannot_tell_says_its_measure_is_too_near_the_limit(width: int) -> None:
    out = io.StringIO()
    _print_criteria(Console(file=out, width=width, color_system=None), CheckResult(False, "side", (UNSURE, JUDGED), ""))
    text = " ".join(out.getvalue().split())
    assert "chin tipped back 23 deg: too near the limit to tell from this angle" in text
    assert "heels 38 cm from the hip joint" in text
