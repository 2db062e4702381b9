from io import StringIO

from rich.console import Console

from crest.cli.session_view import big_clock, clock_text, render_session
from crest.protocol import load_protocol
from crest.session.runner import SessionRunner
from crest.session.timeline import build_timeline


class StillClock:
    def monotonic(self) -> float:
        return 0.0


def test_clock_text_rounds_to_whole_seconds() -> None:
    assert clock_text(0) == "00:00"
    assert clock_text(899.6) == "15:00"
    assert clock_text(-3) == "00:00"


def test_big_clock_has_five_rows() -> None:
    rows = big_clock(754).splitlines()
    assert len(rows) == 5
    assert len({len(row) for row in rows}) == 1


def test_view_shows_phase_remaining_cue_and_keys() -> None:
    runner = SessionRunner(build_timeline(load_protocol(), "standard", 15), StillClock())
    runner.start()
    console = Console(file=StringIO(), width=80)
    console.print(render_session(runner, voice_on=False))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Settling in" in text
    assert "let the floor hold you" in text
    assert "space pause" in text
    runner.pause()
    console.print(render_session(runner, voice_on=True))
    assert "Paused" in console.file.getvalue()  # type: ignore[attr-defined]
