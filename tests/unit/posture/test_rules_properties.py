"""Verdicts belong to the body, not to the picture: mirroring, scaling, moving the picture or lying head-left
instead of head-right leaves every criterion's status, the view and pose_recognized unchanged. One exception:
the head's tilt, read off a line of a few pixels, cannot be read off a head too small in the picture."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from crest.posture.body import Body
from crest.posture.landmarks import LANDMARK_INDEX, LANDMARK_NAMES, Landmark, Pose
from crest.posture.result import CRITERION_NAMES, Status
from crest.posture.rules import evaluate
from crest.posture.rules.upper import HEAD_TILT_MIN_PX
from support.figures import Figure, photograph

figures = st.builds(
    Figure,
    heel_from_hip_cm=st.floats(15.0, 75.0),
    legs=st.sampled_from(["crp", "straight", "one_straight", "air", "chest", "tabletop", "butterfly"]),
    hips_lift_cm=st.sampled_from([0.0, 0.0, 12.0, 28.0]),
    arms=st.sampled_from(["sides", "belly", "overhead", "raised"]),
    head=st.sampled_from(["resting", "crunch", "tipped_back", "on_hands"]),
    body=st.sampled_from(["supine", "supine", "supine", "prone", "sitting", "propped", "kneeling"]),
    knee_half_gap_cm=st.floats(1.0, 30.0),
)
views = st.sampled_from(["side", "oblique", "above", "feet_end", "head_end"])


def verdicts(pose: Pose, height_cm: float | None = None) -> tuple[object, ...]:
    result = evaluate(pose, height_cm)
    return (result.pose_recognized, result.view, tuple(c.status for c in result.criteria))


def mirrored(pose: Pose) -> Pose:
    return Pose(
        tuple(replace(p, x=pose.image_width - p.x) for p in pose.landmarks),
        pose.image_width,
        pose.image_height,
    )


def sides_swapped(pose: Pose) -> Pose:
    """The same picture with the person's left and right exchanged, as when they lie the other way round."""

    def other(name: str) -> str:
        if "left" in name:
            return name.replace("left", "right")
        return name.replace("right", "left")

    return Pose(
        tuple(pose.landmarks[LANDMARK_INDEX[other(name)]] for name in LANDMARK_NAMES),
        pose.image_width,
        pose.image_height,
    )


@settings(max_examples=150, deadline=None)
@given(figure=figures, view=views)
def test_a_mirrored_picture_gets_the_same_verdicts(figure: Figure, view: str) -> None:
    pose = photograph(figure, view)
    assert verdicts(mirrored(pose)) == verdicts(pose)


@settings(max_examples=150, deadline=None)
@given(figure=figures, view=views)
def test_lying_head_left_instead_of_head_right_gets_the_same_verdicts(figure: Figure, view: str) -> None:
    pose = photograph(figure, view)
    # Turned round, the camera sees the person's other side: mirror the picture and swap left and right.
    assert verdicts(sides_swapped(mirrored(pose))) == verdicts(pose)


@settings(max_examples=150, deadline=None)
@given(figure=figures, view=views, factor=st.sampled_from([0.25, 0.5, 2.0, 4.0]))
def test_a_scaled_picture_gets_the_same_verdicts(figure: Figure, view: str, factor: float) -> None:
    pose = photograph(figure, view)
    scaled = Pose(
        tuple(replace(p, x=p.x * factor, y=p.y * factor) for p in pose.landmarks),
        round(pose.image_width * factor),
        round(pose.image_height * factor),
    )
    expected = verdicts(pose)
    body = Body.of(scaled)
    side = body.best_side("ear", "eye")
    if body[f"{side}_ear"].distance_to(body[f"{side}_eye"]) < HEAD_TILT_MIN_PX:
        recognized, view, statuses = expected
        tilt = CRITERION_NAMES.index("head_level")
        expected = (recognized, view, (*statuses[:tilt], Status.NOT_VISIBLE, *statuses[tilt + 1 :]))
    assert verdicts(scaled) == expected


@settings(max_examples=150, deadline=None)
@given(figure=figures, view=views, dx=st.integers(0, 2000), dy=st.integers(0, 2000))
def test_a_picture_with_the_body_moved_gets_the_same_verdicts(figure: Figure, view: str, dx: int, dy: int) -> None:
    # A large picture keeps every part inside the frame, so moving cannot bring a cut-off part into view.
    pose = photograph(figure, view, size=(4000, 3000), origin=(2000.0, 1500.0))
    moved = Pose(
        tuple(replace(p, x=p.x + dx, y=p.y + dy) for p in pose.landmarks),
        pose.image_width + dx,
        pose.image_height + dy,
    )
    assert verdicts(moved) == verdicts(pose)


@settings(max_examples=100, deadline=None)
@given(figure=figures, view=views, height_cm=st.floats(120.0, 210.0))
def test_the_height_changes_centimetres_never_other_verdicts(figure: Figure, view: str, height_cm: float) -> None:
    pose = photograph(figure, view)
    with_height = evaluate(pose, height_cm)
    without = evaluate(pose)
    for given_height, typical in zip(with_height.criteria, without.criteria, strict=True):
        # Heel distance, head height and a lifted pelvis are shown in centimetres, which the height scales.
        if given_height.name not in ("heel_distance", "knee_width", "head_resting", "hips_down"):
            assert given_height == typical
    # The pelvis is judged in trunk lengths: the height changes how it is shown, never the verdict.
    hips = with_height.criterion("hips_down"), without.criterion("hips_down")
    assert (hips[0].status, hips[0].confidence) == (hips[1].status, hips[1].confidence)


coordinates = st.floats(-500.0, 1500.0, allow_nan=False)
any_landmark = st.builds(Landmark, coordinates, coordinates, st.floats(0.0, 1.0))


@settings(max_examples=300, deadline=None)
@given(
    points=st.lists(any_landmark, min_size=33, max_size=33),
    collapse=st.booleans(),
    view=st.sampled_from(["auto", "side", "feet_end", "head_end", "above"]),
)
def test_any_landmarks_at_all_get_a_verdict_on_every_criterion(
    points: list[Landmark], collapse: bool, view: str
) -> None:
    # Model output can be wild: points anywhere, on top of each other, barely seen.
    if collapse:
        points = [points[0]] * 33
    result = evaluate(Pose(tuple(points), 1000, 800), 170.0, view)
    assert [c.name for c in result.criteria] == list(CRITERION_NAMES)
    for criterion in result.criteria:
        assert criterion.status in ("ok", "adjust", "not_visible")
        assert criterion.status == "ok" or criterion.advice
        assert 0.0 <= criterion.confidence <= 1.0
    assert 0.0 <= result.confidence <= 1.0
    assert result.summary
