"""The picture: the whole body, head to feet, inside the frame."""

from __future__ import annotations

from crest.posture.body import Body
from crest.posture.landmarks import Landmark, Pose
from crest.posture.result import CriterionResult, View
from crest.posture.rules.verdicts import CAMERA_WHOLE, adjust, ok, unseen
from crest.posture.views import beyond_the_edge, feet_unseen
from crest.posture.vocabulary import Criterion

# A landmark this far outside the picture (share of its size) is cut off.
FRAME_MARGIN = 0.02
# The parts named when cut off, with the landmarks that show them.
BODY_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("head", ("nose", "left_ear", "right_ear")),
    ("shoulders", ("left_shoulder", "right_shoulder")),
    ("hips", ("left_hip", "right_hip")),
    ("knees", ("left_knee", "right_knee")),
    ("feet", ("left_heel", "right_heel", "left_foot_index", "right_foot_index")),
)


def whole_body_visible(body: Body, view: View, height_cm: float | None) -> CriterionResult:
    name = Criterion.WHOLE_BODY_VISIBLE
    pose = body.pose
    cut = [part for part, names in BODY_PARTS if any(not _in_frame(pose, pose[n]) for n in names)]
    if cut:
        return adjust(name, f"{', '.join(cut)} cut off", "head to feet in the picture", CAMERA_WHOLE)
    # Feet placed in the picture but not seen there are most likely not in it (a camera too close at the feet);
    # from the head end the body hides them.
    if view != "head_end" and feet_unseen(pose):
        return adjust(name, "feet not seen", "head to feet in the picture", CAMERA_WHOLE)
    # Every point placed inside the picture, yet most of the body most likely beyond its edge (legs read as a whole
    # body): the check cannot say whether it is cut off.
    if beyond_the_edge(body):
        return unseen(name, CAMERA_WHOLE)
    return ok(name, None, "head to feet in the picture")


def _in_frame(pose: Pose, point: Landmark) -> bool:
    margin_x = FRAME_MARGIN * pose.image_width
    margin_y = FRAME_MARGIN * pose.image_height
    return -margin_x <= point.x <= pose.image_width + margin_x and -margin_y <= point.y <= pose.image_height + margin_y
