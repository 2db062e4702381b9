"""Telling a second person from a weak echo of the first, and which of two people to check."""

import numpy as np

from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose
from crest.posture.people import Box, cover_body, is_another_person, larger, person_to_check
from support.figures import Figure, photograph


def _body(left: float, top: float, width: float, height: float, visibility: float = 0.9) -> Pose:
    count = len(LANDMARK_NAMES)
    points = tuple(
        Landmark(left + width * i / (count - 1), top + height * ((i * 7) % count) / (count - 1), visibility)
        for i in range(count)
    )
    return Pose(points, 1000, 800)


def test_box_area_and_overlap() -> None:
    box = Box.around(_body(100, 100, 200, 50))
    assert box == Box(100, 100, 300, 150)
    assert box.area == 10_000
    assert box.overlap(box) == 1.0
    assert box.overlap(Box(300, 100, 500, 150)) == 0.0
    assert box.overlap(Box(200, 100, 400, 150)) == 1 / 3


def test_a_separate_sure_body_is_another_person() -> None:
    first = _body(100, 100, 400, 150)
    assert is_another_person(first, _body(100, 500, 300, 120))


def test_weak_tiny_or_overlapping_finds_are_not() -> None:
    first = _body(100, 100, 400, 150)
    assert not is_another_person(first, _body(100, 500, 300, 120, visibility=0.6))
    assert not is_another_person(first, _body(600, 500, 40, 40))
    assert not is_another_person(first, _body(120, 110, 380, 140))


def test_the_larger_body_wins() -> None:
    small, big = _body(0, 0, 100, 50), _body(0, 300, 400, 150)
    assert larger(small, big) is big
    assert larger(big, small) is big


def test_covering_fills_the_body_box_with_the_mean_colour() -> None:
    image = np.zeros((800, 1000, 3), np.uint8)
    image[:, 500:] = 200
    covered = cover_body(image, _body(100, 100, 200, 100))
    assert (covered[150, 200] == 100).all()  # mean of half black, half 200
    assert (covered[700, 900] == 200).all()  # outside the box: untouched
    assert (image[150, 200] == 0).all()  # the original is left as it was


def test_the_person_lying_down_is_checked_though_a_partner_at_the_feet_looks_larger() -> None:
    lying = photograph(Figure(), "side", px_per_cm=2.5, origin=(500.0, 700.0))
    kneeling_partner = photograph(Figure(body="sitting"), "side", px_per_cm=5.0, origin=(300.0, 600.0))
    assert Box.around(kneeling_partner).area > Box.around(lying).area
    assert person_to_check(lying, kneeling_partner) is lying
    assert person_to_check(kneeling_partner, lying) is lying


def test_when_both_or_neither_are_seen_lying_the_larger_is_checked() -> None:
    small, big = (photograph(Figure(), "side", px_per_cm=scale) for scale in (2.0, 4.0))
    assert person_to_check(small, big) is big
    sitting = photograph(Figure(body="sitting"), "side", px_per_cm=2.0)
    seen_from_above = photograph(Figure(), "above", px_per_cm=1.0)  # lying, but on the back cannot be told
    assert person_to_check(sitting, seen_from_above) is sitting
