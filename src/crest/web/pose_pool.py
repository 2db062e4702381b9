"""A few pose models shared by every position check of the web app: uploads and live camera streams alike.

A pose model holds about 200 MB, so the app loads at most `size` of them (on first use) however many checks come
in. A check waits its turn for a model on the event loop, holding no thread; a live stream meanwhile keeps only
its newest frame (crest.web.live), so waiting drops frames instead of queueing them.

A model tracks one stream at a time. A stream that gets a model last used by another starts tracking afresh on
it (the first frame looks for the body again); its own smoothing and steady verdicts stay with the stream, and so
does the picture its next frame is compared with to see a cut.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING, Any

from crest.posture.scenes import Thumbnail, jumped, thumbnail

if TYPE_CHECKING:
    from crest.breath.result import BreathResult
    from crest.posture.landmarks import Pose
    from crest.posture.media import RgbImage
    from crest.posture.service import CheckService, LiveCheck, PoseFinder


class PoolSlot:
    """One pose model of the pool, loaded the first time a check needs it (call from a worker thread)."""

    def __init__(self, factory: Callable[[], CheckService]) -> None:
        self._factory = factory
        self._service: CheckService | None = None
        self.tracking: int | None = None  # the live stream whose body the model tracks now, if any

    def service(self) -> CheckService:
        if self._service is None:
            self._service = self._factory()
        return self._service

    def close(self) -> None:
        if self._service is not None:
            self._service.close()


class PosePool:
    def __init__(self, factory: Callable[[], CheckService], size: int) -> None:
        self._slots = [PoolSlot(factory) for _ in range(size)]
        self._idle = list(self._slots)
        self._waiting: deque[asyncio.Future[PoolSlot]] = deque()
        self._guard = threading.Lock()  # apps under test may run on more than one event loop over their life

    @property
    def size(self) -> int:
        return len(self._slots)

    @asynccontextmanager
    async def borrow(self, stream: int | None = None) -> AsyncIterator[PoolSlot]:
        """A model to use (from a worker thread) until the block ends; waits its turn when all are busy.

        A live `stream` gets the model that tracks it when that one is free, so that it goes on tracking.
        """
        slot = await self._take(stream)
        try:
            yield slot
        finally:
            self._give_back(slot)

    async def _take(self, stream: int | None) -> PoolSlot:
        with self._guard:
            if self._idle:
                own = [slot for slot in self._idle if slot.tracking == stream and stream is not None]
                untouched = [slot for slot in self._idle if slot.tracking is None]
                chosen = (own or untouched or self._idle)[0]  # else the model idle the longest
                self._idle.remove(chosen)
                return chosen
            turn: asyncio.Future[PoolSlot] = asyncio.get_running_loop().create_future()
            self._waiting.append(turn)
        try:
            return await turn
        except asyncio.CancelledError:
            with self._guard:
                if turn in self._waiting:
                    self._waiting.remove(turn)
            raise

    def _give_back(self, slot: PoolSlot) -> None:
        with self._guard:
            while self._waiting:
                turn = self._waiting.popleft()
                if not turn.done():
                    turn.get_loop().call_soon_threadsafe(self._hand_over, turn, slot)
                    return
            self._idle.append(slot)

    def _hand_over(self, turn: asyncio.Future[PoolSlot], slot: PoolSlot) -> None:
        if turn.done():  # cancelled while the slot was on its way: the next in line gets it
            self._give_back(slot)
        else:
            turn.set_result(slot)

    def close(self) -> None:
        for slot in self._slots:
            slot.close()


_stream_numbers = itertools.count(1)


class PooledLiveStream:
    """One camera stream checked on whichever model of the pool is free: the stream keeps its smoothing and
    steady verdicts, the model only its tracking (restarted when the model last tracked another stream)."""

    def __init__(self, height_cm: float | None) -> None:
        from crest.posture.service import CheckOptions, CheckService

        self.number = next(_stream_numbers)
        self._finder = _BorrowedFinder()
        self._service = CheckService(CheckOptions(height_cm=height_cm), finder=self._finder)
        self._live: LiveCheck | None = None
        self._started = time.monotonic()

    def check_jpeg(self, slot: PoolSlot, frame: bytes) -> dict[str, Any]:
        """Check one frame on `slot`'s model; call from a worker thread while the slot is borrowed."""
        with self._finder.borrowing(slot, self.number):
            if self._live is None:
                self._live = self._service.live()
            update: dict[str, Any] = self._live.frame_jpeg(frame, time.monotonic() - self._started).to_json_dict()
            return update


class PooledBreathStream:
    """One camera stream whose breath is read during a rest, on whichever model of the pool is free; the reading
    (the breath's trace) stays with the stream, the model only finds the body now and then."""

    def __init__(self) -> None:
        from crest.breath.reader import BreathReader  # OpenCV: loaded with the first breath stream, not the app

        self.number = next(_stream_numbers)
        self._finder = _BorrowedFinder()
        self._reader = BreathReader(self._finder, reset=False)  # tracking is reset when a model is first lent

    def read_frame(self, slot: PoolSlot, image_rgb: RgbImage, time_s: float) -> str:
        """Read one frame on `slot`'s model; call from a worker thread while the slot is borrowed."""
        with self._finder.borrowing(slot, self.number):
            return self._reader.frame(image_rgb, time_s)

    def result(self) -> BreathResult:
        return self._reader.result()


class _BorrowedFinder:
    """The `PoseFinder` of a stream: the pool's model lent for one frame at a time. The pool owns the models.

    Whether the picture jumped is the stream's, as its smoothing is: a model lent afresh starts with no picture
    before (or another stream's, or this one's of frames ago), so a cut while the stream changed models went unseen
    and the smoothing glided from the old body into the new picture."""

    def __init__(self) -> None:
        self._lent: PoseFinder | None = None
        self._last_picture: Thumbnail | None = None
        self.picture_jumped = False

    @contextmanager
    def borrowing(self, slot: PoolSlot, stream_number: int) -> Iterator[None]:
        """Hold `slot`'s model for one frame of stream `stream_number`; its tracking starts afresh when another
        stream (or a video) used the model last."""
        model = slot.service().finder
        self._lent = model
        try:
            if slot.tracking != stream_number:
                model.reset_tracking()
                slot.tracking = stream_number
            yield
        finally:
            self._lent = None

    @property
    def _model(self) -> PoseFinder:
        assert self._lent is not None, "a stream checks frames only while it holds a model of the pool"
        return self._lent

    def detect(self, image_rgb: RgbImage) -> Pose | None:
        return self._model.detect(image_rgb)

    def detect_turned(self, image_rgb: RgbImage, quarter_turns: int) -> Pose | None:
        return self._model.detect_turned(image_rgb, quarter_turns)

    def track(self, frame_rgb: RgbImage) -> Pose | None:
        picture = thumbnail(frame_rgb)  # by the rule the model restarts its own tracking on
        self.picture_jumped = jumped(self._last_picture, picture)
        self._last_picture = picture
        return self._model.track(frame_rgb)

    def reset_tracking(self) -> None:
        self._model.reset_tracking()
        self._last_picture = None

    def close(self) -> None:
        """Nothing: the model goes back to the pool."""
