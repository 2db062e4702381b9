from io import StringIO

from rich.console import Console

from crest.cli.session_view import big_clock, clock_text, left_in_words, render_session
from crest.protocol import load_protocol
from crest.session.runner import SessionRunner
from crest.session.timeline import build_timeline


class StillClock:
    def monotonic(self) -> float:
        return 0.0


class MovableClock:
    def __init__(self) -> None:
        self.now_s = 0.0

    def monotonic(self) -> float:
        return self.now_s


def test_clock_text_rounds_to_whole_seconds() -> None:
    assert clock_text(0) == "00:00"
    assert clock_text(899.6) == "15:00"
    assert clock_text(-3) == "00:00"


def test_the_time_left_in_words_is_whole_minutes_and_seconds() -> None:
    assert left_in_words(750.4) == "12 min 30 s left"
    assert left_in_words(900) == "15 min left"
    assert left_in_words(-1) == "0 s left"


def test_the_big_clock_is_given_in_words_too() -> None:
    """A screen reader reads the block digits as "full block, full block": the panel says the time left in words.
    The smaller layouts of a shorter terminal say it in the same words (they said "12:30 left")."""
    clock = MovableClock()
    runner = SessionRunner(build_timeline(load_protocol(), "standard", 15), clock)
    runner.start()
    clock.now_s = 149.6
    runner.poll()
    for width, rows, layout in ((40, 24, "full"), (80, 24, "full"), (30, 12, "compact"), (60, 5, "bare")):
        console = Console(file=StringIO(), width=width, height=rows)
        console.print(render_session(runner, voice_on=False))
        text = console.file.getvalue()  # type: ignore[attr-defined]
        assert ("█" in text) == (layout == "full") and ("╭" in text) == (layout != "bare"), layout
        assert "12 min 30 s left" in " ".join(text.replace("│", " ").split()) and "12:30" not in text, layout


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


def test_the_last_frame_at_00_00_says_time_is_up_not_the_closing_cue() -> None:
    clock = MovableClock()
    runner = SessionRunner(build_timeline(load_protocol(), "standard", 5), clock)
    runner.start()
    clock.now_s = 5 * 60 - 50.0
    runner.poll()
    console = Console(file=StringIO(), width=80)
    console.print(render_session(runner, voice_on=False))
    assert "About a minute left" in console.file.getvalue()  # type: ignore[attr-defined]
    clock.now_s = 5 * 60 + 1.0
    runner.poll()
    assert runner.state == "done"
    console = Console(file=StringIO(), width=80)
    console.print(render_session(runner, voice_on=False))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Time is up." in text and "About a minute left" not in text


def test_once_time_is_up_the_panel_offers_no_keys_that_no_longer_work() -> None:
    """Space and q act while the closing minute runs; the last frame stays on screen after, when they do nothing."""
    clock = MovableClock()
    runner = SessionRunner(build_timeline(load_protocol(), "standard", 5), clock)
    runner.start()
    clock.now_s = 5 * 60 - 30.0
    runner.poll()
    closing = Console(file=StringIO(), width=80)
    closing.print(render_session(runner, voice_on=True))
    assert "Closing" in closing.file.getvalue() and "space pause · q end" in closing.file.getvalue()  # type: ignore[attr-defined]
    clock.now_s = 5 * 60 + 1.0
    runner.poll()
    ended = Console(file=StringIO(), width=80)
    ended.print(render_session(runner, voice_on=True))
    text = ended.file.getvalue()  # type: ignore[attr-defined]
    assert "space" not in text and "q end" not in text
    assert "voice on" in text


def test_the_panel_names_the_variant_as_every_door_shows_it() -> None:
    runner = SessionRunner(build_timeline(load_protocol(), "side_lying", 5), StillClock())
    runner.start()
    console = Console(file=StringIO(), width=80)
    console.print(render_session(runner, voice_on=False))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "5 min On your side" in text and "side_lying" not in text


def _drawn(rows: int, runner: SessionRunner) -> list[str]:
    console = Console(file=StringIO(), width=60, height=rows)
    console.print(render_session(runner, voice_on=False))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_a_short_terminal_gets_a_smaller_clock_and_still_the_cue_and_the_keys() -> None:
    """Live cuts what does not fit off the bottom: under 15 rows the cue and the keys were never seen."""
    runner = SessionRunner(build_timeline(load_protocol(), "standard", 15), StillClock())
    runner.start()
    tall = _drawn(40, runner)
    assert "█" in "".join(tall)
    for rows in (12, 7):
        lines = _drawn(rows, runner)
        text = " ".join(" ".join(line.strip("│ ") for line in lines).split())
        assert len(lines) <= rows
        assert "let the floor hold you" in text and "space pause · q end" in text and "15 min left" in text
        assert "█" not in text and "15:00" not in text  # in words, as the full layout says it under its digits
    lowest = _drawn(3, runner)
    assert len(lowest) <= 3 and "let the floor hold you" in " ".join(" ".join(lowest).split())


def test_the_big_clock_is_drawn_as_one_block_each_row_under_the_one_above() -> None:
    """Each row of the digits was centred on its own, without its trailing blanks: a row ending in a blank (the
    middle of a 5, a 6 or a 2) stood one column to the right of the others, and the digits looked broken (seen in
    tmux at 80x24 and 40x20 at 04:56)."""
    clock = MovableClock()
    runner = SessionRunner(build_timeline(load_protocol(), "standard", 5), clock)
    runner.start()
    clock.now_s = 4.0
    runner.poll()
    expected = big_clock(296).splitlines()
    for width in (40, 80):
        console = Console(file=StringIO(), width=width, height=24)
        console.print(render_session(runner, voice_on=False))
        drawn = [line.strip("│") for line in console.file.getvalue().splitlines() if "█" in line]  # type: ignore[attr-defined]
        column = drawn[0].index(expected[0])
        assert [row[column : column + len(expected[0])] for row in drawn] == expected, width
