"""The guided session as a state machine: running, paused, done; it reads an injected clock and emits events.

The runner never sleeps and never touches a file: the entry point polls it, renders what it emits and writes
checkpoints to the journal. A fake clock makes a 15-minute session testable in microseconds.
"""

import math
from dataclasses import dataclass
from typing import Literal, Protocol

from crest.session.timeline import Cue, Phase, Timeline

RunnerState = Literal["ready", "running", "paused", "done"]
EndStatus = Literal["completed", "ended_early"]


class Clock(Protocol):
    def monotonic(self) -> float: ...


class ScaledClock:
    """A clock that runs `speed` times faster than the one it wraps (for demos and tests)."""

    def __init__(self, base: Clock, speed: float) -> None:
        if not (math.isfinite(speed) and speed > 0):
            raise ValueError("speed must be a positive finite number")
        self._base = base
        self._speed = speed
        self._origin = base.monotonic()

    def monotonic(self) -> float:
        return (self._base.monotonic() - self._origin) * self._speed


@dataclass(frozen=True)
class PhaseStarted:
    phase: Phase


@dataclass(frozen=True)
class CueDue:
    cue: Cue


@dataclass(frozen=True)
class CheckpointDue:
    elapsed_s: int


@dataclass(frozen=True)
class SessionEnded:
    status: EndStatus
    elapsed_s: int


Event = PhaseStarted | CueDue | CheckpointDue | SessionEnded


class SessionRunner:
    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self.timeline = timeline
        self._clock = clock
        self.state: RunnerState = "ready"
        self._started_at = 0.0
        self._paused_at = 0.0
        self._paused_total_s = 0.0
        self._next_cue = 0
        self._next_phase = 0
        self._last_checkpoint_s = 0
        self._final_elapsed_s = 0.0
        self.current_cue: Cue | None = None

    @property
    def elapsed_s(self) -> float:
        if self.state == "ready":
            return 0.0
        if self.state == "done":
            return self._final_elapsed_s
        now = self._paused_at if self.state == "paused" else self._clock.monotonic()
        return min(now - self._started_at - self._paused_total_s, float(self.timeline.total_s))

    @property
    def remaining_s(self) -> float:
        return self.timeline.total_s - self.elapsed_s

    @property
    def phase(self) -> Phase:
        return self.timeline.phase_at(self.elapsed_s)

    def start(self, done_s: float = 0.0) -> list[Event]:
        """Start the clock; `done_s`: a rest broken off and taken up again, already rested this long. What was due
        before it is not due again: its cue in force is shown (`current_cue`), never said a second time."""
        if self.state != "ready":
            raise RuntimeError("the session has already started")
        done_s = min(max(done_s, 0.0), float(self.timeline.total_s))
        self._started_at = self._clock.monotonic() - done_s
        self.state = "running"
        if done_s > 0:
            self._skip_what_was_due(done_s)
        return self.poll()

    def _skip_what_was_due(self, done_s: float) -> None:
        phases, cues = self.timeline.phases, self.timeline.cues
        while self._next_phase < len(phases) and phases[self._next_phase].start_s <= done_s:
            self._next_phase += 1
        while self._next_cue < len(cues) and cues[self._next_cue].at_s <= done_s:
            self.current_cue = cues[self._next_cue]
            self._next_cue += 1
        self._last_checkpoint_s = self.timeline.checkpoint_due(done_s)

    def poll(self) -> list[Event]:
        """Everything that became due since the last poll, in time order."""
        if self.state != "running":
            return []
        elapsed_s = self.elapsed_s
        events: list[Event] = []
        phases, cues = self.timeline.phases, self.timeline.cues
        while self._next_phase < len(phases) and phases[self._next_phase].start_s <= elapsed_s:
            events.append(PhaseStarted(phases[self._next_phase]))
            self._next_phase += 1
        while self._next_cue < len(cues) and cues[self._next_cue].at_s <= elapsed_s:
            self.current_cue = cues[self._next_cue]
            if self.current_cue.spoken:
                events.append(CueDue(self.current_cue))
            self._next_cue += 1
        if elapsed_s >= self.timeline.total_s:
            events.append(self._finish("completed", float(self.timeline.total_s)))
            return events
        due_checkpoint_s = self.timeline.checkpoint_due(elapsed_s)
        if due_checkpoint_s > self._last_checkpoint_s:
            self._last_checkpoint_s = due_checkpoint_s
            events.append(CheckpointDue(int(elapsed_s)))
        return events

    def pause(self) -> None:
        if self.state == "running":
            self._paused_at = self._clock.monotonic()
            self.state = "paused"

    def resume(self) -> None:
        if self.state == "paused":
            self._paused_total_s += self._clock.monotonic() - self._paused_at
            self.state = "running"

    def toggle_pause(self) -> None:
        if self.state == "paused":
            self.resume()
        else:
            self.pause()

    def end_early(self) -> SessionEnded:
        if self.state == "done":
            raise RuntimeError("the session has already ended")
        return self._finish("ended_early", self.elapsed_s)

    def _finish(self, status: EndStatus, elapsed_s: float) -> SessionEnded:
        self._final_elapsed_s = elapsed_s
        self.state = "done"
        return SessionEnded(status, int(elapsed_s))
