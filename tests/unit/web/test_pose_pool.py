"""The shared pose-model pool: a fixed number of models, turns taken in order, a cancelled wait loses nothing,
and a model moving to another stream starts its tracking afresh."""

from __future__ import annotations

import asyncio
from typing import Any

import cv2
import numpy as np
import pytest

from crest.posture.landmarks import LANDMARK_NAMES, Landmark, Pose
from crest.posture.scenes import Thumbnail, jumped, thumbnail
from crest.posture.service import CheckService
from crest.web.pose_pool import PooledLiveStream, PoolSlot, PosePool
from support.pose_finder import JPEG, CountingFinder


def test_no_more_models_than_the_pool_size_and_turns_in_order() -> None:
    made: list[CountingFinder] = []

    def factory() -> CheckService:
        made.append(CountingFinder())
        return CheckService(finder=made[-1])

    async def scenario() -> list[int]:
        pool = PosePool(factory, size=2)
        order: list[int] = []

        async def check(number: int) -> None:
            async with pool.borrow() as slot:
                slot.service()
                order.append(number)
                await asyncio.sleep(0.01)

        await asyncio.gather(*(check(number) for number in range(10)))
        return order

    assert sorted(asyncio.run(scenario())) == list(range(10))
    assert len(made) == 2


def test_a_cancelled_wait_does_not_lose_the_model() -> None:
    async def scenario() -> bool:
        pool = PosePool(lambda: CheckService(finder=CountingFinder()), size=1)
        async with pool.borrow():
            waiting = asyncio.create_task(_borrow_once(pool))
            await asyncio.sleep(0)
            waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        return await asyncio.wait_for(_borrow_once(pool), timeout=1)

    assert asyncio.run(scenario())


async def _borrow_once(pool: PosePool) -> bool:
    async with pool.borrow():
        return True


def test_a_model_moving_to_another_stream_starts_tracking_afresh() -> None:
    finder = CountingFinder()
    slot = PoolSlot(lambda: CheckService(finder=finder))
    first, second = PooledLiveStream(None), PooledLiveStream(None)
    for stream in (first, first, second, first):
        assert stream.check_jpeg(slot, JPEG)["person_seen"] is True
        finder.calls.append("|")
    per_frame = "".join(call[0] for call in finder.calls).split("|")[:-1]
    assert ["r" in frame for frame in per_frame] == [True, False, True, True]
    assert "close" not in finder.calls  # the pool owns its models; a stream never closes one


def test_a_stream_gets_back_the_model_that_tracks_it() -> None:
    async def scenario() -> list[int]:
        pool = PosePool(lambda: CheckService(finder=CountingFinder()), size=2)
        slots: list[PoolSlot] = []
        for stream in (1, 2, 1, 2, None, 1):
            async with pool.borrow(stream) as slot:
                if stream is not None:
                    slot.tracking = stream
                slots.append(slot)
        return [slots.index(slot) for slot in slots]

    assert asyncio.run(scenario()) == [0, 1, 0, 1, 0, 0]


class _WristsFinder(CountingFinder):
    """A model that reads the body off the picture (the red level is the wrists' height) and sees a cut by the
    estimator's rule, its picture forgotten when it is reset, as the real model's is."""

    def __init__(self) -> None:
        super().__init__()
        self.picture_jumped = False
        self._last_picture: Thumbnail | None = None

    def track(self, frame_rgb: object) -> Pose | None:
        assert isinstance(frame_rgb, np.ndarray)
        picture = thumbnail(frame_rgb)
        self.picture_jumped = jumped(self._last_picture, picture)
        self._last_picture = picture
        body = list(self._body().landmarks)
        body[LANDMARK_NAMES.index("left_wrist")] = Landmark(50.0, float(frame_rgb[0, 0, 0]), 0.9)
        return Pose(tuple(body), 320, 240)

    def reset_tracking(self) -> None:
        super().reset_tracking()
        self._last_picture = None


def _wrists_at(y: int) -> bytes:
    frame = np.full((240, 320, 3), 40, np.uint8)
    frame[:, :, 0] = y
    return cv2.imencode(".png", cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))[1].tobytes()


def _left_wrist_y(update: dict[str, Any]) -> float:
    return float(update["landmarks"][LANDMARK_NAMES.index("left_wrist")]["y"])


@pytest.mark.parametrize(("after", "afresh"), [(95, True), (33, False)])
def test_a_cut_as_the_stream_changes_models_starts_its_smoothing_afresh(after: int, afresh: bool) -> None:
    """A cut (the camera knocked) on the very frame a stream moved to another model of the pool showed the old body
    gliding into the new picture: that model had no picture of the stream's to compare with. A small move at a
    change of models is still smoothed: the smoothing is the stream's, whichever model finds the body."""
    here, there = (
        PoolSlot(lambda: CheckService(finder=_WristsFinder())),
        PoolSlot(lambda: CheckService(finder=_WristsFinder())),
    )
    stream = PooledLiveStream(None)
    for _ in range(10):
        assert _left_wrist_y(stream.check_jpeg(here, _wrists_at(30))) == pytest.approx(30)
    moved = _left_wrist_y(stream.check_jpeg(there, _wrists_at(after)))
    assert moved == pytest.approx(after) if afresh else 30 <= moved < after - 1
