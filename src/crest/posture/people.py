"""More than one person in a photo: find out, and keep the one lying down (else the larger body).

The pose model reports one body per picture. To see whether there is a second, the found body is covered
with the picture's mean colour and the model looks again. A second body counts only if the model is fairly
sure of it, it is not a sliver of the first one, and it is not tiny. On the 58 real photos of eval-public,
none of which shows two people, this search finds two weak "bodies" (mean visibility 0.49 and 0.62);
a real second person, full or two-thirds size, scores about 0.8.

Of two people the one lying down is checked: the other, often larger in the picture, kneels at the feet to
hold them or sits by. Only a body the rules see lying on its back wins over one they see upright; the weak
"bodies" found on the photos above are never seen lying (furniture, a fire extinguisher: upright or unclear).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crest.posture.body import Body
from crest.posture.landmarks import Pose
from crest.posture.rules.trunk import lying_on_back
from crest.posture.views import detect_view
from crest.posture.vocabulary import Status

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# A second body must be at least this sure (mean landmark visibility) ...
SECOND_BODY_MIN_VISIBILITY = 0.65
# ... at least this big compared with the first body's box ...
SECOND_BODY_MIN_AREA_RATIO = 0.05
# ... and overlap the first body's box less than this (intersection over union).
SECOND_BODY_MAX_OVERLAP = 0.3
# The covered box reaches this share of the body's size beyond its outermost landmarks.
COVER_MARGIN = 0.1
# A second find whose box holds half or more of the first's is the same person found whole, not a second one: in a
# phone's screenshot (bars above and below, a photo of one person in the middle) the model's first find is a part
# of the body, and with it covered the second is the whole body around it (overlap 0.28, under
# SECOND_BODY_MAX_OVERLAP), and crest said "Two people are in the picture". Who is checked does not change (judging
# the whole body, or the first find, lowered the criteria's agreement on 3 development set-variants each).
SAME_PERSON_MIN_SHARE = 0.5


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def around(cls, pose: Pose) -> Box:
        xs = [point.x for point in pose.landmarks]
        ys = [point.y for point in pose.landmarks]
        return cls(min(xs), min(ys), max(xs), max(ys))

    @property
    def area(self) -> float:
        return max(0.0, self.right - self.left) * max(0.0, self.bottom - self.top)

    def overlap(self, other: Box) -> float:
        """Intersection over union, 0 (apart) to 1 (the same box)."""
        common = self.share_within(other) * self.area
        union = self.area + other.area - common
        return common / union if union > 0 else 0.0

    def share_within(self, other: Box) -> float:
        """How much of this box lies inside `other`, 0 to 1."""
        inside = Box(
            max(self.left, other.left),
            max(self.top, other.top),
            min(self.right, other.right),
            min(self.bottom, other.bottom),
        ).area
        return inside / self.area if self.area > 0 else 0.0

    def grown(self, share: float) -> Box:
        dx = (self.right - self.left) * share
        dy = (self.bottom - self.top) * share
        return Box(self.left - dx, self.top - dy, self.right + dx, self.bottom + dy)


def cover_body(image_rgb: npt.NDArray[np.uint8], pose: Pose) -> npt.NDArray[np.uint8]:
    """A copy of the picture with the body's box (plus a margin) filled with the picture's mean colour."""
    import numpy as np

    box = Box.around(pose).grown(COVER_MARGIN)
    height, width = image_rgb.shape[:2]
    left, right = max(0, int(box.left)), min(width, int(box.right) + 1)
    top, bottom = max(0, int(box.top)), min(height, int(box.bottom) + 1)
    covered = np.array(image_rgb, copy=True)
    covered[top:bottom, left:right] = image_rgb.reshape(-1, 3).mean(axis=0).astype(np.uint8)
    return covered


def is_another_person(first: Pose, second: Pose) -> bool:
    """Whether `second`, found with `first` covered, is a real second body."""
    first_box, second_box = Box.around(first), Box.around(second)
    return (
        second.mean_visibility >= SECOND_BODY_MIN_VISIBILITY
        and first_box.area > 0
        and second_box.area >= SECOND_BODY_MIN_AREA_RATIO * first_box.area
        and first_box.overlap(second_box) < SECOND_BODY_MAX_OVERLAP
    )


def found_whole(first: Pose, second: Pose) -> bool:
    """Whether `second`, found with `first` covered, is the same person found whole (see SAME_PERSON_MIN_SHARE)."""
    return Box.around(first).share_within(Box.around(second)) >= SAME_PERSON_MIN_SHARE


def larger(first: Pose, second: Pose) -> Pose:
    """The body that takes up more of the picture (the first on a tie)."""
    return second if Box.around(second).area > Box.around(first).area else first


def person_to_check(first: Pose, second: Pose) -> Pose:
    """Of two people, the one seen lying on the back when the other is not; else the larger body."""
    first_lies, second_lies = _seen_lying(first), _seen_lying(second)
    if first_lies != second_lies:
        return first if first_lies else second
    return larger(first, second)


def _seen_lying(pose: Pose) -> bool:
    return lying_on_back(Body.of(pose), detect_view(pose), None).status == Status.OK
