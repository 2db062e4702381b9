"""A pose finder without a model, for tests of what surrounds the pose model (the web app's pool, streams)."""

import cv2
import numpy as np

from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose

# A plain grey camera frame: the finder below finds its body in any picture.
JPEG: bytes = cv2.imencode(".jpg", np.full((240, 320, 3), 90, np.uint8))[1].tobytes()


class CountingFinder:
    """A pose finder that finds the same body everywhere and writes down what it was asked."""

    picture_jumped = False  # the same body everywhere: nothing to start afresh

    def __init__(self) -> None:
        self.calls: list[str] = []

    def _body(self) -> Pose:
        return Pose(tuple(Landmark(100.0 + 5 * i, 100.0 + 3 * i, 0.9) for i in range(len(LANDMARK_NAMES))), 320, 240)

    def detect(self, image_rgb: object) -> Pose | None:
        self.calls.append("detect")
        return self._body()

    def detect_turned(self, image_rgb: object, quarter_turns: int) -> Pose | None:
        self.calls.append("detect_turned")
        return self._body()

    def track(self, frame_rgb: object) -> Pose | None:
        self.calls.append("track")
        return self._body()

    def reset_tracking(self) -> None:
        self.calls.append("reset")

    def close(self) -> None:
        self.calls.append("close")


JPEG = cv2.imencode(".jpg", np.full((240, 320, 3), 90, np.uint8))[1].tobytes()
