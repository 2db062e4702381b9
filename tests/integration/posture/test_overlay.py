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
    wrap,
)
from crest.posture.result import CriterionResult
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
