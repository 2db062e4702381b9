"""One fake clock for every test: the time stands still until a test moves it.

It is both a wall clock (calling it gives an aware `datetime`, as the journal and the services take) and a
monotonic clock (`monotonic()`, as the session runner takes), and both move together.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

START = datetime(2026, 5, 6, 17, 30, tzinfo=UTC)  # a Wednesday, after work
MONOTONIC_START_S = 1000.0  # not zero, so that code assuming a monotonic clock starts at 0 is caught


@dataclass
class FakeClock:
    now: datetime = START
    _started: datetime = field(init=False)

    def __post_init__(self) -> None:
        self._started = self.now

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return MONOTONIC_START_S + (self.now - self._started).total_seconds()

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
