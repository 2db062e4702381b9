"""Body movements as events in time: a shift, an arm adjusted, a bout of fidgeting.

Fed, frame by frame, whether the body moved more than breathing can (the frame part decides that from the
picture, not from landmark jitter). A movement starts at its first moving frame once a second moving frame
confirms it; moving frames less than `STILL_AGAIN_S` apart belong to the same movement.
"""

from __future__ import annotations

# A movement is confirmed by a second moving frame within this time of the first ...
CONFIRM_S = 1.0
# ... and is over after this long without motion; what moves later is a new movement.
STILL_AGAIN_S = 2.0


class MovementLog:
    """The start times of the body movements seen so far."""

    def __init__(self) -> None:
        self.starts_s: list[float] = []
        self._candidate_s: float | None = None
        self._last_moving_s: float | None = None

    def update(self, time_s: float, moving: bool) -> None:
        if not moving:
            return
        continuing = self._last_moving_s is not None and time_s - self._last_moving_s <= STILL_AGAIN_S
        if not continuing:
            self._candidate_s = time_s
        elif self._candidate_s is not None:
            if time_s - self._candidate_s <= CONFIRM_S:
                self.starts_s.append(self._candidate_s)
                self._candidate_s = None
            else:  # the first moving frame stood alone: this one may start the movement
                self._candidate_s = time_s
        self._last_moving_s = time_s
