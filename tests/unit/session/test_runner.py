import pytest

from crest.protocol import load_protocol
from crest.session.runner import CheckpointDue, CueDue, PhaseStarted, ScaledClock, SessionEnded, SessionRunner
from crest.session.timeline import build_timeline
from support.clock import MONOTONIC_START_S, FakeClock

PROTOCOL = load_protocol()


def run_through(runner: SessionRunner, clock: FakeClock, step_s: float) -> list[object]:
    events: list[object] = list(runner.start())
    while runner.state != "done":
        clock.advance(step_s)
        events += runner.poll()
    return events


def test_fifteen_minute_session_runs_to_completion_with_every_cue_once() -> None:
    clock = FakeClock()
    timeline = build_timeline(PROTOCOL, "standard", 15)
    runner = SessionRunner(timeline, clock)
    events = run_through(runner, clock, 1.0)
    cues = [event.cue for event in events if isinstance(event, CueDue)]
    assert cues == [cue for cue in timeline.cues if cue.spoken]
    phases = [event.phase.name for event in events if isinstance(event, PhaseStarted)]
    assert phases == ["settle", "rest", "closing"]
    assert events[-1] == SessionEnded("completed", 900)
    assert runner.remaining_s == 0


def test_checkpoints_5_seconds_in_then_every_30_session_seconds() -> None:
    clock = FakeClock()
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 5), clock)
    events = run_through(runner, clock, 1.0)
    checkpoints = [event.elapsed_s for event in events if isinstance(event, CheckpointDue)]
    assert checkpoints == [5, *range(30, 300, 30)]


def test_a_rest_killed_5_seconds_in_has_saved_its_5_seconds() -> None:
    """Walk L7: a crest killed 5 s into the rest was offered back as "broken off after 0 s"."""
    clock = FakeClock()
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 10), clock)
    events = list(runner.start())
    for _ in range(5):
        clock.advance(1.0)
        events += runner.poll()
    assert [event for event in events if isinstance(event, CheckpointDue)] == [CheckpointDue(5)]


def test_a_rest_taken_up_again_before_its_first_checkpoint_saves_it_then() -> None:
    clock = FakeClock()
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 10), clock)
    runner.start(done_s=3)
    clock.advance(2.0)
    assert [event for event in runner.poll() if isinstance(event, CheckpointDue)] == [CheckpointDue(5)]
    clock.advance(20.0)
    assert [event for event in runner.poll() if isinstance(event, CheckpointDue)] == []


def test_a_late_poll_emits_one_checkpoint_and_all_missed_cues_in_order() -> None:
    clock = FakeClock()
    timeline = build_timeline(PROTOCOL, "standard", 15)
    runner = SessionRunner(timeline, clock)
    runner.start()
    clock.advance(500)
    events = runner.poll()
    assert [event for event in events if isinstance(event, CheckpointDue)] == [CheckpointDue(500)]
    due = [event.cue.at_s for event in events if isinstance(event, CueDue)]
    assert due == [cue.at_s for cue in timeline.cues if 0 < cue.at_s <= 500]


def test_pause_stops_the_session_clock() -> None:
    clock = FakeClock()
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 10), clock)
    runner.start()
    clock.advance(100)
    runner.pause()
    clock.advance(3600)
    assert runner.poll() == []
    assert runner.elapsed_s == 100
    runner.resume()
    clock.advance(20)
    runner.poll()
    assert runner.elapsed_s == 120
    assert runner.phase.name == "rest"


def test_toggle_pause_twice_resumes() -> None:
    clock = FakeClock()
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 10), clock)
    runner.start()
    runner.toggle_pause()
    assert runner.state == "paused"
    runner.toggle_pause()
    assert runner.state == "running"


def test_ending_early_keeps_the_elapsed_time() -> None:
    clock = FakeClock()
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 15), clock)
    runner.start()
    clock.advance(123.7)
    assert runner.end_early() == SessionEnded("ended_early", 123)
    assert runner.state == "done"
    clock.advance(100)
    assert runner.poll() == []
    with pytest.raises(RuntimeError):
        runner.end_early()


def test_scaled_clock_runs_fifteen_minutes_in_fifteen_seconds() -> None:
    base = FakeClock()
    scaled = ScaledClock(base, 60)
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 15), scaled)
    events = run_through(runner, base, 0.25)
    assert base.monotonic() - MONOTONIC_START_S == pytest.approx(15.0, abs=0.3)
    assert isinstance(events[-1], SessionEnded)


@pytest.mark.parametrize("speed", [0, -1, float("inf"), float("nan")])
def test_scaled_clock_refuses_a_speed_that_is_not_a_positive_number(speed: float) -> None:
    with pytest.raises(ValueError):
        ScaledClock(FakeClock(), speed)


def test_a_rest_taken_up_again_goes_on_from_its_time_without_saying_its_cues_again() -> None:
    """A rest broken off (the terminal closed) at 8 minutes of 15 and taken up again runs its last 7 minutes: the cue
    in force is shown, and only the cues still to come are said."""
    timeline = build_timeline(load_protocol(), "standard", 15)
    clock = FakeClock()
    runner = SessionRunner(timeline, clock)
    events = runner.start(done_s=480)
    assert runner.elapsed_s == 480
    assert not [event for event in events if isinstance(event, CueDue)]
    assert runner.current_cue == [cue for cue in timeline.cues if cue.at_s <= 480][-1]
    clock.advance(timeline.total_s)
    said = [event.cue for event in runner.poll() if isinstance(event, CueDue)]
    assert said == [cue for cue in timeline.cues if cue.at_s > 480 and cue.spoken]
