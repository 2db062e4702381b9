"""The estimator's frame turning, without MediaPipe: turned pixels map back onto the original ones."""

import numpy as np
import pytest

from crest.posture.estimator import map_back, rotate_quarter_turns


@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
def test_a_pixel_found_in_a_turned_image_maps_back_to_where_it_was(quarter_turns: int) -> None:
    height, width = 6, 10
    image = np.zeros((height, width, 3), dtype=np.uint8)
    image[1, 7] = 255  # row 1, column 7: pixel centre (7.5, 1.5)
    turned = rotate_quarter_turns(image, quarter_turns)
    rows, columns = np.nonzero(turned[:, :, 0])
    x, y = map_back(columns[0] + 0.5, rows[0] + 0.5, quarter_turns, width, height)
    assert (x, y) == pytest.approx((7.5, 1.5))
    assert turned.flags["C_CONTIGUOUS"]


def test_a_quarter_turn_swaps_the_image_sides() -> None:
    image = np.zeros((6, 10, 3), dtype=np.uint8)
    assert rotate_quarter_turns(image, 1).shape == (10, 6, 3)
    assert rotate_quarter_turns(image, 2).shape == (6, 10, 3)
