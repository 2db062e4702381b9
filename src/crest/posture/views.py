"""Which way the camera looks at the body: from the side, the feet end, the head end, above, or obliquely.

Decided from landmark geometry alone: how wide the shoulders and hips look against the trunk length (a side
view sees them edge-on, a view from above sees them at full width) and where the trunk points in the picture.
"""

from __future__ import annotations

from crest.posture.body import Body
from crest.posture.landmarks import Pose
from crest.posture.vocabulary import View

# Shoulder or hip width seen against trunk length. Real shoulders are about 0.9 trunk lengths wide (0.26 vs
# 0.29 of body height), so the ratio is about 0.9 x sin(angle off the side): under 0.3 the camera is within
# about 20 degrees of square to the side; past 0.65 (45 degrees) it looks at the front of the body.
SIDE_MAX_WIDTH = 0.3
OBLIQUE_MAX_WIDTH = 0.65
# A trunk leaning less than this from the picture's horizontal lies across the frame.
ACROSS_FRAME_DEG = 45.0
# A trunk shorter than this share of the body's extent in the picture is a degenerate detection.
MIN_TRUNK_SHARE = 0.05
# From an end the trunk is seen end-on, shorter than the shoulders are wide (true width: about 0.9 trunk
# lengths). Facing a camera upright, a sitting or standing trunk shows at full length, so it stays below this.
END_ON_MIN_WIDTH = 0.95
# The feet's points. Under this visibility at every one of them, though the model places them all inside the
# picture, it only guesses where the feet are: in a picture of the legs alone (a camera too close at the feet) it
# rates them 0.1-0.2 and reads the thighs as a trunk, sure of it (0.9-1.0), "sitting up". Measured on the
# development photos (bench/eval_photos.py): with 0.3 no set's in-position accuracy is worse, and the pooled
# criteria agree more often (0.898 to 0.901 as taken).
FEET_POINTS: tuple[str, ...] = tuple(
    f"{side}_{part}" for side in ("left", "right") for part in ("ankle", "heel", "foot_index")
)
FEET_GUESSED_BELOW = 0.3
# A camera too close at the feet shows only the legs, and the tracking model may still find a whole body there:
# a trunk stood on the thighs (0.99-1.0 sure) "sitting up", or laid along them "face down", and crest said "lie
# down on your back". What it cannot place is the arms, and the trunk it makes up lies at the picture's edge,
# beyond which the real one is. No arm seen (every elbow and wrist under the guess line) with the shoulders, hips or
# nose within half a trunk length of an edge: most of the body is most likely beyond that edge. Measured on the
# development photos (bench/eval_photos.py): no set's figures lower; in the browser's frames of the camera
# walk-through the trunk lay 0.24-0.45 trunk lengths from the edge, the arms at 0.04-0.15.
ARM_POINTS: tuple[str, ...] = tuple(f"{side}_{part}" for side in ("left", "right") for part in ("elbow", "wrist"))
TRUNK_POINTS: tuple[str, ...] = ("nose", "left_shoulder", "right_shoulder", "left_hip", "right_hip")
ARMS_GUESSED_BELOW = 0.3
AT_THE_EDGE_TRUNKS = 0.5
# A video or the live camera sees one body from one place, whose width wavers by a few hundredths from look to look:
# at the side view's edge (SIDE_MAX_WIDTH) the view flipped between side and oblique, and head level (read up to
# 0.33, rules.upper.HEAD_LEVEL_MAX_WIDTH) between a verdict and "can't tell". Across frames the view is held: from
# the side it turns oblique only past 0.36, and from oblique it turns to the side under 0.33, where head level is
# read in either view, so a width wavering by less than 0.03 about any of these changes nothing that is said.
HELD_SIDE_MAX_WIDTH = 0.36
HELD_OBLIQUE_MIN_WIDTH = 0.33


def detect_view(pose: Pose) -> View:
    """The camera placement that best explains this body's picture."""
    body = Body.of(pose)
    if not _trunk_in_frame(pose, body):
        return "unknown"
    view = _view_of_trunk(body)
    # From the head end the body hides the feet; from anywhere else, feet in the picture that the model does not
    # see make the body it found one that no view explains, as does a trunk at the edge without arms.
    if view != "head_end" and feet_unseen(pose):
        return "unknown"
    return "unknown" if beyond_the_edge(body) else view


def held_view(pose: Pose, previous: View | None) -> View:
    """The view of a frame of a video or the live camera, the last frame's view being `previous` (None for the
    first): as detect_view, with the side and oblique views held across their boundary (HELD_SIDE_MAX_WIDTH)."""
    view = detect_view(pose)
    if previous not in ("side", "oblique") or view not in ("side", "oblique"):
        return view
    body = Body.of(pose)
    width = max(body.shoulder_width, body.hip_width)
    if previous == "side":
        return "side" if width <= HELD_SIDE_MAX_WIDTH else view
    return "side" if width < HELD_OBLIQUE_MIN_WIDTH else "oblique"


def feet_unseen(pose: Pose) -> bool:
    """Whether the model places the feet inside the picture but sees no point of them (a guess, not a sighting)."""
    points = [pose[name] for name in FEET_POINTS]
    inside = all(0 <= point.x <= pose.image_width and 0 <= point.y <= pose.image_height for point in points)
    return inside and max(point.visibility for point in points) < FEET_GUESSED_BELOW


def beyond_the_edge(body: Body) -> bool:
    """Whether most of the body most likely lies beyond the picture's edge: no arm seen, the trunk at the edge."""
    pose = body.pose
    if max(pose[name].visibility for name in ARM_POINTS) >= ARMS_GUESSED_BELOW:
        return False
    trunk = [pose[name] for name in TRUNK_POINTS]
    from_edge_px = min(
        *(point.x for point in trunk),
        *(pose.image_width - point.x for point in trunk),
        *(point.y for point in trunk),
        *(pose.image_height - point.y for point in trunk),
    )
    return from_edge_px < AT_THE_EDGE_TRUNKS * body.trunk_px


def _view_of_trunk(body: Body) -> View:
    width = max(body.shoulder_width, body.hip_width)
    if body.trunk_tilt_deg < ACROSS_FRAME_DEG:
        if width < SIDE_MAX_WIDTH:
            return "side"
        return "oblique" if width < OBLIQUE_MAX_WIDTH else "above"
    # The trunk runs up and down the picture: the camera is at one end, above, or sees an upright person.
    if width >= END_ON_MIN_WIDTH:
        return "feet_end" if body.shoulders.y < body.hips.y else "head_end"
    if width >= OBLIQUE_MAX_WIDTH and body.shoulders.y > body.hips.y:
        # Shoulders below the hips, the trunk seen near its full length: a camera held high beyond the head,
        # looking down along the body (past 50 degrees up the trunk is no longer seen end-on). Nobody sitting
        # or standing shows the shoulders below the hips.
        return "head_end"
    if width < SIDE_MAX_WIDTH:
        return "side"
    return "oblique" if width < OBLIQUE_MAX_WIDTH else "above"


def _trunk_in_frame(pose: Pose, body: Body) -> bool:
    """Shoulders and hips inside the picture and apart: without them no view can be told."""
    for name in ("left_shoulder", "right_shoulder", "left_hip", "right_hip"):
        point = pose[name]
        if not (0 <= point.x <= pose.image_width and 0 <= point.y <= pose.image_height):
            return False
    xs = [point.x for _, point in pose]
    ys = [point.y for _, point in pose]
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    return extent > 0 and body.trunk_px > MIN_TRUNK_SHARE * extent
