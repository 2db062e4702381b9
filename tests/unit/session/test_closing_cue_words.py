"""The last stretch's cue says "About a minute left." only while that holds, the same at every door (walk s56 L3:
still on screen at 0:30 left in the browser, at 0:20 and 0 s in the terminal)."""

import pytest

from crest.protocol import load_protocol
from crest.session.runner import CueDue, SessionRunner
from crest.session.timeline import build_timeline
from support.clock import FakeClock

PROTOCOL = load_protocol()
STAY = "Stay as you are and let your attention take in your whole body."


def _shown_and_said(left_s: float) -> tuple[str, list[str]]:
    """The cue in force with `left_s` seconds of a 5-minute rest left, and every cue said up to then."""
    clock = FakeClock()
    runner = SessionRunner(build_timeline(PROTOCOL, "standard", 5), clock)
    events = list(runner.start())
    while runner.elapsed_s < 300 - left_s:
        clock.advance(1.0)
        events += runner.poll()
    assert runner.current_cue is not None
    return runner.current_cue.text, [event.cue.text for event in events if isinstance(event, CueDue)]


@pytest.mark.parametrize("left_s", [60, 50, 46])
def test_about_a_minute_left_is_shown_while_about_a_minute_is_left(left_s: int) -> None:
    shown, said = _shown_and_said(left_s)
    assert shown == f"About a minute left. {STAY}"
    assert said[-1] == shown


@pytest.mark.parametrize("left_s", [45, 30, 20, 1])
def test_from_45_seconds_left_the_cue_is_shown_without_the_minute_and_not_said_again(left_s: int) -> None:
    shown, said = _shown_and_said(left_s)
    assert shown == STAY
    assert said.count(f"About a minute left. {STAY}") == 1 and STAY not in said


def test_the_browser_is_given_the_same_cues_to_show_and_told_which_to_say() -> None:
    timeline = build_timeline(PROTOCOL, "standard", 5)
    closing = [(cue.at_s, cue.text, cue.spoken) for cue in timeline.cues if cue.kind == "closing"]
    assert closing == [(240, f"About a minute left. {STAY}", True), (255, STAY, False)]
