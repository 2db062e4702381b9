"""With the real pose model: a cut on the very frame a live stream moves to another model of the pool gives the
landmarks and verdicts of a fresh stream, as a cut on one model does (cdcc205): the old body is not smoothed into
the new picture."""

from collections.abc import Iterator

import cv2
import numpy as np
import pytest

from crest.posture.media import VIDEO_MAX_SIDE_PX, fit_within, read_photo
from crest.posture.service import CheckService
from crest.web.pose_pool import PooledLiveStream, PoolSlot
from support.media import PHOTOS


def _png(photo: str, shake_px: int = 0) -> bytes:
    """The photo as a camera frame (a PNG, so the frame the model sees is the very picture), with a pixel of shake."""
    rgb = np.roll(fit_within(read_photo(PHOTOS / photo), VIDEO_MAX_SIDE_PX), shake_px, axis=1)
    return cv2.imencode(".png", cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2BGR))[1].tobytes()


@pytest.fixture(scope="module")
def two_models() -> Iterator[tuple[PoolSlot, PoolSlot]]:
    slots = PoolSlot(CheckService), PoolSlot(CheckService)
    yield slots
    for slot in slots:
        slot.close()


def test_a_cut_as_a_stream_changes_models_is_judged_as_a_fresh_stream(two_models: tuple[PoolSlot, PoolSlot]) -> None:
    here, there = two_models
    stream = PooledLiveStream(None)
    for index in range(10):  # arms overhead, on the first model
        assert stream.check_jpeg(here, _png("crunch_hands_overhead_0.jpg", index % 3 - 1))["person_seen"]
    cut = _png("cross_body_crunch_0.jpg")  # the camera knocked onto another picture, as the pool lends the other
    after_cut = stream.check_jpeg(there, cut)
    fresh = PooledLiveStream(None).check_jpeg(there, cut)  # the same frame, first of a stream: nothing to smooth
    assert after_cut["person_seen"] and fresh["person_seen"]
    for key in ("landmarks", "criteria", "summary"):
        assert after_cut[key] == fresh[key], key
