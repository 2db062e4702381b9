"""What the terminal shows while resting: phase, a large time remaining (and in words), a progress bar and the cue."""

from rich.align import Align
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.text import Text

from crest.durations import rested_text
from crest.session.runner import SessionRunner
from crest.session.timeline import TIME_UP

# A 5-row block font for the countdown, so it can be read from the floor.
_DIGITS = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" ██", "  █", "  █", "  █", "  █"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": ("   ", " ▪ ", "   ", " ▪ ", "   "),
}

PHASE_LABELS = {
    "settle": "Settling in",
    "movement": "Slow movement",
    "rest": "Resting",
    "closing": "Closing",
}


def clock_text(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def left_in_words(seconds: float) -> str:
    """'12 min 30 s left', in the words the journal gives time rested in."""
    return f"{rested_text(max(0, round(seconds)))} left"


def big_clock(seconds: float) -> str:
    characters = [_DIGITS[character] for character in clock_text(seconds)]
    return "\n".join(" ".join(glyph[row] for glyph in characters) for row in range(5))


class FittedFrame:
    """The first of its layouts that the terminal has the rows for, else the last.

    Live cuts what does not fit off the bottom, where the cue and the keys are: in a terminal under 15 rows the
    person saw the clock and not what to do.
    """

    def __init__(self, *layouts: RenderableType) -> None:
        self.layouts = layouts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for layout in self.layouts[:-1]:
            if len(console.render_lines(layout, options.update(height=None), pad=False)) <= options.max_height:
                yield layout
                return
        yield self.layouts[-1]


def render_session(runner: SessionRunner, voice_on: bool) -> RenderableType:
    timeline = runner.timeline
    paused = runner.state == "paused"
    title = "Paused" if paused else PHASE_LABELS[runner.phase.name]
    # The last frame shows 00:00: the closing cue ("about a minute left") would contradict it.
    if runner.state == "done" and runner.remaining_s <= 0:
        cue = TIME_UP
    else:
        cue = runner.current_cue.text if runner.current_cue else ""
    voice = f"voice {'on' if voice_on else 'off'}"
    # Once done, the last frame stays on screen while no key acts on the rest any more: it offers none.
    keys = "" if runner.state == "done" else f"{'space resume' if paused else 'space pause'} · q end · "
    clock_style = "dim" if paused else "bold cyan"
    # Whole seconds, as the clock shows them: the bar moves with the clock, so the panel changes once a second.
    remaining_s = max(0, round(runner.remaining_s))
    panel_title = f"{title} · {timeline.minutes} min {timeline.variant_title}"
    # On a line of its own: a bare progress bar ends without one, and the next text would join it.
    bar = Padding(ProgressBar(total=timeline.total_s, completed=timeline.total_s - remaining_s), 0)
    full = Panel(
        Group(
            # Centred as one block: a row centred on its own loses its trailing blanks and stands a column aside.
            Align.center(Text(big_clock(remaining_s), style=clock_style)),
            # In words too: a screen reader reads the digits above as "full block, full block".
            Text(left_in_words(remaining_s), justify="center"),
            bar,
            Text(""),
            Text(cue, justify="center"),
            Text(""),
            Text(keys + voice, style="dim"),
        ),
        title=panel_title,
        padding=(1, 2),
    )
    # The smaller layouts give the time as the full one says it under its digits: "4 min 20 s left", not "04:20 left".
    small_clock = Text(left_in_words(remaining_s), style=clock_style, justify="center")
    compact = Panel(
        Group(small_clock, bar, Text(cue, justify="center"), Text(keys + voice, style="dim")),
        title=panel_title,
        padding=(0, 1),
    )
    # The fewest rows: the cue first, then the time and the keys on one line.
    bare = Group(Text(cue), Text(f"{title} · {left_in_words(remaining_s)} · {keys}{voice}", style="dim"))
    return FittedFrame(full, compact, bare)
