from dataclasses import replace

from crest.posture.landmarks import LANDMARK_INDEX, Landmark
from crest.posture.plausibility import body_plausibility, most_plausible
from support.figures import Figure, photograph


def test_a_body_with_mismatched_limbs_is_less_plausible() -> None:
    good = photograph(Figure(), "above")
    points = list(good.landmarks)
    knee = points[LANDMARK_INDEX["left_knee"]]
    points[LANDMARK_INDEX["left_knee"]] = Landmark(knee.x + 300, knee.y - 200, knee.visibility)
    broken = replace(good, landmarks=tuple(points))
    assert body_plausibility(broken) < body_plausibility(good)
    assert most_plausible([(1, broken), (3, good)]) == (3, good)


def test_a_body_the_model_barely_sees_is_less_plausible() -> None:
    sure = photograph(Figure(), "above")
    unsure = replace(sure, landmarks=tuple(replace(p, visibility=0.2) for p in sure.landmarks))
    assert body_plausibility(unsure) < body_plausibility(sure)


def test_nothing_to_choose_from() -> None:
    assert most_plausible([]) is None
