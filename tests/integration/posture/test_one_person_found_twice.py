"""A phone's screenshot of one person: the model's first find is a part of the body, the second look (with that part
covered) the whole body around it. crest said "Two people are in the picture: crest checked the one lying down"."""

from dataclasses import replace

import numpy as np

from crest.posture.landmarks import Pose
from crest.posture.people import Box, found_whole, is_another_person
from crest.posture.service import TWO_PEOPLE_NOTE, CheckOptions, CheckService
from support.figures import Figure, photograph
from support.pose_finder import CountingFinder

WHOLE = photograph(Figure(), "side")


def _shrunk(pose: Pose, share: float) -> Pose:
    """The body drawn `share` as large about its middle: what the model found of it first."""
    box = Box.around(pose)
    middle_x, middle_y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    points = tuple(
        replace(point, x=middle_x + (point.x - middle_x) * share, y=middle_y + (point.y - middle_y) * share)
        for point in pose.landmarks
    )
    return Pose(points, pose.image_width, pose.image_height)


def _moved(pose: Pose, dx: float) -> Pose:
    return Pose(tuple(replace(point, x=point.x + dx) for point in pose.landmarks), pose.image_width, pose.image_height)


PART = _shrunk(WHOLE, 0.5)


class TwoFinds(CountingFinder):
    """The first look finds `first`; the second look, with it covered, finds `second`."""

    def __init__(self, first: Pose, second: Pose) -> None:
        super().__init__()
        self._first, self._second = first, second

    def detect(self, image_rgb: object) -> Pose | None:
        return self._first

    def detect_turned(self, image_rgb: object, quarter_turns: int) -> Pose | None:
        return self._second


def _notes(first: Pose, second: Pose) -> tuple[str, ...]:
    service = CheckService(CheckOptions(height_cm=170.0), finder=TwoFinds(first, second))
    return service.check_image(np.zeros((800, 1400, 3), np.uint8)).notes


def test_the_whole_body_around_the_first_find_is_the_same_person_not_a_second() -> None:
    # As the screenshot: the two boxes overlap less than a second person's may, so the model's two finds passed as
    # two people; the second holds all of the first.
    assert is_another_person(PART, WHOLE) and found_whole(PART, WHOLE)
    assert TWO_PEOPLE_NOTE not in _notes(PART, WHOLE)


def test_a_second_person_beside_the_first_is_still_said() -> None:
    beside = _moved(WHOLE, 1400.0)
    assert is_another_person(WHOLE, beside) and not found_whole(WHOLE, beside)
    assert _notes(WHOLE, beside) == (TWO_PEOPLE_NOTE,)
