"""The annotated picture: skeleton, measurements and a coloured badge per criterion."""

import numpy as np
import pytest

from crest.posture.overlay import (
    PANEL_WIDTH_PX,
    PICTURE_HEIGHT_PX,
    STATUS_COLOURS,
    annotate,
    criterion_lines,
    plain_text,
    position_badge,
    wrap,
)
from crest.posture.result import CheckResult, CriterionResult
from crest.posture.service import CheckService, PhotoCheck
from support.media import IN_POSITION_PHOTO


@pytest.fixture(scope="module")
def checked() -> PhotoCheck:
    with CheckService() as service:
        result = service.check_path(IN_POSITION_PHOTO)
    assert isinstance(result, PhotoCheck)
    return result


def _panel(picture: np.ndarray) -> np.ndarray:
    return picture[:, -PANEL_WIDTH_PX:]


def _has_colour(image: np.ndarray, colour: tuple[int, int, int]) -> bool:
    return bool(np.any(np.all(np.abs(image.astype(int) - colour) <= 3, axis=2)))


def test_the_picture_is_enlarged_and_gets_a_panel(checked: PhotoCheck) -> None:
    picture = annotate(checked.image_rgb, checked.result)
    height, width = checked.image_rgb.shape[:2]
    scaled_width = round(width * PICTURE_HEIGHT_PX / height)
    assert picture.shape[1] == scaled_width + PANEL_WIDTH_PX
    assert picture.shape[0] >= PICTURE_HEIGHT_PX
    assert picture.dtype == np.uint8


def test_each_status_gets_its_colour_in_the_panel(checked: PhotoCheck) -> None:
    panel = _panel(annotate(checked.image_rgb, checked.result))
    for status in {criterion.status for criterion in checked.result.criteria}:
        assert _has_colour(panel, STATUS_COLOURS[status]), status


def test_the_skeleton_is_drawn_over_the_photo(checked: PhotoCheck) -> None:
    with_body = annotate(checked.image_rgb, checked.result)
    without_body = annotate(checked.image_rgb, None)
    picture_width = with_body.shape[1] - PANEL_WIDTH_PX
    rows = PICTURE_HEIGHT_PX
    changed = np.any(with_body[:rows, :picture_width] != without_body[:rows, :picture_width], axis=2)
    assert 0.005 < changed.mean() < 0.5


def test_settling_verdicts_show_no_status_colour(checked: PhotoCheck) -> None:
    panel = _panel(annotate(checked.image_rgb, checked.result, statuses={}))
    assert not _has_colour(panel[60:], STATUS_COLOURS["adjust"])  # below the headline block


def test_texts_are_plain_ascii_and_wrapped() -> None:
    assert plain_text("knees 95\u00b0, 30\u201340 cm") == "knees 95 deg, 30-40 cm"
    assert wrap("slide your heels about 8 cm closer to your buttocks", 20) == [
        "slide your heels",
        "about 8 cm closer to",
        "your buttocks",
    ]
    lines = criterion_lines(
        CriterionResult("heel_distance", "adjust", "48 cm", "30-40 cm", "slide your heels about 8 cm closer"),
        "adjust",
    )
    assert lines == [
        "Heel distance: ADJUST",
        "measured 48 cm, target 30-40 cm",
        "slide your heels about 8 cm closer",
    ]
    assert criterion_lines(CriterionResult("feet_flat", "ok"), None) == ["Feet flat: SETTLING"]


def test_a_criterion_that_cannot_tell_shows_its_measure_as_too_near_the_limit() -> None:
    unsure = CriterionResult("head_level", "not_visible", "chin tipped back 23 deg", None, "put a towel", 0.0)
    assert criterion_lines(unsure, "not_visible") == [
        "Head level: CAN'T TELL",
        "chin tipped back 23 deg: too near the limit to tell from this angle",
        "can't tell from here: put a towel",
    ]


def test_the_badge_over_the_summary_says_yes_nearly_not_yet_or_cant_tell() -> None:
    """The badge never says "not yet" where the summary says it cannot tell (nothing seen is wrong)."""
    seen_ok = CriterionResult("lying_on_back", "ok", "trunk 3 deg", "at most 45 deg")
    unseen = CriterionResult("knees_bent", "not_visible", None, "bent", "place the camera at your side")
    bent_wrong = CriterionResult("knees_bent", "adjust", "knees 170 deg", "bent", "bend your knees")
    cant_tell = CheckResult(False, "above", (seen_ok, unseen), "Can't tell from here: place the camera at your side.")
    not_yet = CheckResult(False, "side", (seen_ok, bent_wrong), "Not quite the constructive rest position yet.")
    unsure_yes = CheckResult(True, "side", (seen_ok,), "You are in the constructive rest position.", confidence=0.6)
    assert position_badge(cant_tell) == (STATUS_COLOURS["not_visible"], "Rest position: CAN'T TELL")
    assert position_badge(not_yet) == (STATUS_COLOURS["adjust"], "Rest position: NOT YET")
    assert position_badge(unsure_yes) == (STATUS_COLOURS["ok"], "Rest position: YES (not sure)")
    assert position_badge(CheckResult(True, "side", (seen_ok,), "You are in it.")) == (
        STATUS_COLOURS["ok"],
        "Rest position: YES",
    )
    # In the position with the arms overhead: the summary under the badge says "nearly", and so does the badge.
    arms_up = CriterionResult("arms_below_shoulders", "adjust", "elbow above the head", "below", "bring your arms down")
    nearly = CheckResult(True, "side", (seen_ok, arms_up), "Constructive rest position, nearly: bring your arms down.")
    assert position_badge(nearly) == (STATUS_COLOURS["ok"], "Rest position: NEARLY")
