"""The breath in the terminal, after a video or the camera: one plain line, the per-minute trend, the movements,
and the note that this is feedback on relaxation, not a measurement of health."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from crest.breath.result import BreathResult


def render_breath(out: Console, result: BreathResult) -> None:
    from rich.markup import escape

    from crest.breath.result import RELAXATION_NOTE
    from crest.breath.words import NO_READING_MARK, trend_text

    out.print(f"[bold]breathing[/bold]: {escape(result.summary())}")
    if result.readings:
        trend = trend_text(result)
        legend = f"  ({NO_READING_MARK} no reading)" if NO_READING_MARK in trend else ""
        out.print(f"  breaths a minute, minute by minute: {escape(trend)}{legend}")
    out.print(f"  {escape(result.stillness_line())}")
    out.print(f"  [dim]{escape(RELAXATION_NOTE)}[/dim]")
