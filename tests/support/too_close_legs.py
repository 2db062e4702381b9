"""The bodies the tracking model found in a live camera's frames taken too close at the feet: only the legs show.

From the browser's own frames of the left 45% of tests/fixtures/photos/one_knee_to_chest_0.jpg (shins, knees, thighs,
the mat), as Chromium's fake camera gives it: the model makes up a trunk at the picture's right edge (shoulders and
hips 0.99-1.0 sure), sees no arm, and the real knees and feet plainly. Taken whole (430 x 480 px), it stands the trunk
on the thighs, "sitting"; with the top and bottom eighth cut off first (572 x 480 px), it lays the trunk along them,
the head lowest, "face down".
"""

from crest.posture.landmarks import Landmark, Pose

# (x px, y px, visibility), in the order of crest.posture.landmarks.LANDMARK_NAMES.
SITTING_POINTS: tuple[tuple[float, float, float], ...] = (
    (369.5, 190.8, 0.78),  # nose
    (372.0, 184.1, 0.73),  # left_eye_inner
    (372.7, 182.2, 0.75),  # left_eye
    (373.4, 180.5, 0.75),  # left_eye_outer
    (370.6, 186.6, 0.83),  # right_eye_inner
    (370.4, 186.4, 0.85),  # right_eye
    (370.3, 186.1, 0.84),  # right_eye_outer
    (379.4, 169.6, 0.68),  # left_ear
    (371.7, 176.9, 0.86),  # right_ear
    (371.4, 188.5, 0.88),  # mouth_left
    (369.5, 190.9, 0.92),  # mouth_right
    (399.1, 170.8, 0.99),  # left_shoulder
    (360.1, 189.7, 0.99),  # right_shoulder
    (377.8, 229.2, 0.05),  # left_elbow
    (318.8, 264.0, 0.01),  # right_elbow
    (357.2, 246.5, 0.01),  # left_wrist
    (301.5, 291.2, 0.01),  # right_wrist
    (350.6, 259.7, 0.01),  # left_pinky
    (297.0, 304.8, 0.02),  # right_pinky
    (347.3, 253.6, 0.01),  # left_index
    (295.8, 301.5, 0.02),  # right_index
    (350.7, 247.7, 0.02),  # left_thumb
    (298.5, 295.0, 0.03),  # right_thumb
    (393.9, 303.6, 1.00),  # left_hip
    (374.4, 317.3, 1.00),  # right_hip
    (297.9, 182.8, 0.97),  # left_knee
    (257.3, 199.2, 0.54),  # right_knee
    (210.3, 340.3, 0.93),  # left_ankle
    (181.8, 350.5, 0.50),  # right_ankle
    (216.4, 369.3, 0.90),  # left_heel
    (186.5, 377.7, 0.64),  # right_heel
    (143.9, 363.2, 0.82),  # left_foot_index
    (116.6, 375.1, 0.43),  # right_foot_index
)
FACE_DOWN_POINTS: tuple[tuple[float, float, float], ...] = (
    (497.6, 329.9, 0.77),  # nose
    (501.9, 327.7, 0.85),  # left_eye_inner
    (504.5, 326.8, 0.85),  # left_eye
    (507.2, 325.8, 0.86),  # left_eye_outer
    (495.3, 328.1, 0.87),  # right_eye_inner
    (493.7, 327.4, 0.87),  # right_eye
    (492.2, 326.8, 0.89),  # right_eye_outer
    (514.1, 311.6, 0.87),  # left_ear
    (491.5, 313.7, 0.91),  # right_ear
    (501.5, 321.2, 0.95),  # mouth_left
    (495.8, 321.5, 0.96),  # mouth_right
    (529.7, 266.5, 1.00),  # left_shoulder
    (461.7, 285.9, 1.00),  # right_shoulder
    (483.9, 260.3, 0.05),  # left_elbow
    (393.1, 306.0, 0.12),  # right_elbow
    (468.1, 262.7, 0.05),  # left_wrist
    (400.5, 320.5, 0.05),  # right_wrist
    (465.8, 254.2, 0.05),  # left_pinky
    (395.4, 321.7, 0.07),  # right_pinky
    (464.2, 262.0, 0.05),  # left_index
    (406.4, 316.8, 0.07),  # right_index
    (463.6, 264.6, 0.05),  # left_thumb
    (409.8, 316.1, 0.07),  # right_thumb
    (385.4, 185.9, 1.00),  # left_hip
    (363.7, 191.3, 1.00),  # right_hip
    (316.4, 292.2, 0.69),  # left_knee
    (301.5, 307.6, 0.77),  # right_knee
    (243.9, 357.3, 0.71),  # left_ankle
    (221.5, 368.6, 0.79),  # right_ankle
    (233.0, 359.0, 0.67),  # left_heel
    (209.7, 365.5, 0.65),  # right_heel
    (225.9, 393.7, 0.69),  # left_foot_index
    (198.9, 420.9, 0.73),  # right_foot_index
)


def _pose(points: tuple[tuple[float, float, float], ...], width: int, height: int) -> Pose:
    return Pose(tuple(Landmark(x, y, visibility) for x, y, visibility in points), width, height)


LEGS_READ_AS_A_BODY = _pose(SITTING_POINTS, 430, 480)
LEGS_READ_AS_A_BODY_FACE_DOWN = _pose(FACE_DOWN_POINTS, 572, 480)
