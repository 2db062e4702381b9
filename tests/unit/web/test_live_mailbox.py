"""The live check's one-frame mailbox: the newest frame wins, and a closed socket ends the wait."""

import asyncio

from crest.web.live import LatestFrame


def test_a_new_frame_replaces_the_waiting_one() -> None:
    async def scenario() -> tuple[bytes | None, int, int]:
        mailbox = LatestFrame()
        for frame in (b"1", b"2", b"3"):
            mailbox.put(frame)
        return await mailbox.take(), mailbox.received, mailbox.dropped

    assert asyncio.run(scenario()) == (b"3", 3, 2)


def test_take_waits_for_a_frame_and_returns_none_once_closed() -> None:
    async def scenario() -> list[bytes | None]:
        mailbox = LatestFrame()
        taken: list[bytes | None] = []

        async def consumer() -> None:
            while (frame := await mailbox.take()) is not None:
                taken.append(frame)
            taken.append(None)

        task = asyncio.create_task(consumer())
        await asyncio.sleep(0)
        mailbox.put(b"a")
        await asyncio.sleep(0)
        mailbox.put(b"b")
        await asyncio.sleep(0)
        mailbox.close()
        await task
        return taken

    assert asyncio.run(scenario()) == [b"a", b"b", None]
