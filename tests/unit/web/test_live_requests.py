"""A live stream's requests (the breath reading at the end of a rest) wait for the frame sent before them."""

import asyncio
import struct
from typing import Any

import pytest

from crest.web.live import BadTimedFrame, LatestFrame, timed_frame


def test_a_request_is_taken_after_the_frame_that_came_before_it() -> None:
    async def scenario() -> list[bytes | dict[str, Any] | None]:
        mailbox = LatestFrame()
        mailbox.put(b"last frame")
        mailbox.put_request({"type": "breath_result"})
        mailbox.close()
        return [await mailbox.take(), await mailbox.take(), await mailbox.take()]

    assert asyncio.run(scenario()) == [b"last frame", {"type": "breath_result"}, None]


def test_a_timed_frame_is_its_capture_time_then_its_picture() -> None:
    assert timed_frame(struct.pack("<d", 12.5) + b"\xff\xd8jpeg", 3600.0) == (12.5, b"\xff\xd8jpeg")
    for bad in (b"\xff\xd8", struct.pack("<d", float("inf")) + b"x", struct.pack("<d", 4000.0) + b"x"):
        with pytest.raises(BadTimedFrame, match="capture time"):
            timed_frame(bad, 3600.0)
