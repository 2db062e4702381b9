"""`crest progress`: is it helping? Pain per place, practice, before/after and daily life, with the numbers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from crest.insights.progress import Line, ProgressSummary

_VERDICT_STYLE = {"better": "green", "worse": "yellow", "no_clear_change": "", "not_enough_data": "dim"}


def progress(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of sentences.")] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="A chosen start (2026-05-01): the 7 days before it are the baseline week.",
        ),
    ] = None,
) -> None:
    """Is it helping? Pain per place (first week against the latest), practice, before/after, daily activities.

    With --json: an object with `advice` (while a warning sign stands, what it asks and why; else null), `places`
    (each with region, side, baseline, latest, change and verdict: better, worse, no_clear_change or
    not_enough_data), `adherence`, `before_after` and `psfs`.
    """
    from rich.text import Text

    from crest.cli.consoles import console
    from crest.cli.journal_access import open_services
    from crest.cli.safety_cmd import show_standing_concern
    from crest.insights.progress import person_fields, worse_again
    from crest.journal.records import parse_day

    start = parse_day(since, "--since") if since is not None else None
    with open_services() as services:
        summary = services.reports.summary(since=start)
        # "Is it helping?" is no answer while a warning sign says to get care first: the sign comes first (on
        # stderr beside the JSON, which stays JSON), as `crest report` puts it.
        standing = show_standing_concern(console(stderr=as_json, highlight=False), services)
        nothing_yet = since is None and _nothing_recorded(summary, services.reports.today().last_session is None)
    if as_json:
        advice = standing.explanation() if standing.concern_stands else None
        typer.echo(json.dumps(person_fields(summary, advice), indent=2, ensure_ascii=False))
        return
    if nothing_yet:  # thresholds and rules with nothing to judge read as if something had been judged (walk s52 L6)
        console(highlight=False).print(NOTHING_YET)
    else:
        print_summary(console(), summary)
    worse = worse_again(summary)
    if worse is not None:
        console(highlight=False).print(Text(worse, style="bold"))
    if standing.concern_stands and standing.advice is not None:
        # The summary is longer than a terminal: it scrolls the warning away, so its advice is said again last.
        first_sentence = standing.advice.split(". ", 1)[0].rstrip(".")
        console(highlight=False).print(Text(f"{first_sentence} (the warning signs are above).", style="bold"))


NOTHING_YET = (
    "Nothing recorded yet: no rest, pain rating or daily activity to compare. Rest with `crest session`, rate your "
    "pain with `crest log` (or in the check-ins around a rest) and your daily activities with `crest psfs`; after a "
    "week of ratings, this says how they changed."
)


def _nothing_recorded(summary: ProgressSummary, no_session: bool) -> bool:
    """No session ever, no pain rating, no daily-activity round, no check-in in the last 30 days, and no weekly goal
    of the person's own choosing or prescription to hold sessions against (crest's default goal is no choice)."""
    from crest.insights.practice import TargetSource

    return (
        no_session
        and (summary.adherence.target is None or summary.adherence.target.source is TargetSource.DEFAULT_GOAL)
        and not summary.trends
        and summary.psfs.latest is None
        and summary.adherence.days_with_data_30 == 0
        and not summary.demo_kept
    )


def print_summary(console: Console, summary: ProgressSummary) -> None:
    from rich.padding import Padding
    from rich.text import Text

    from crest.insights import progress
    from crest.insights.practice import SET_YOUR_OWN_GOAL_IN_TERMINAL
    from crest.insights.progress import adherence_line, before_after_line, no_before_after, psfs_line, trend_line
    from crest.insights.reader import sentence
    from crest.insights.verdicts import CHANGE_NOT_CAUSE, DAY_COUNTS_ONCE, PAIN_RULE, PSFS_RULE

    def indented(text: str, style: str = "") -> None:
        console.print(Padding(Text(text[:1].upper() + text[1:] + ".", style=style), (0, 0, 0, 2), expand=False))

    def say(line: Line, style: str = "") -> None:
        indented(line.text, style)

    compared = (
        "the first week" if summary.start is None else f"the 7 days before {summary.start.day} {summary.start:%b %Y}"
    )
    console.print(f"[bold]Pain per place[/bold] (0-10, weekly medians: {compared} against the latest week)")
    for trend in summary.trends:
        say(trend_line(trend), _VERDICT_STYLE[trend.verdict.value])
        basis = Text(sentence(progress.trend_basis(trend)) + ".", style="dim")  # what the verdict rests on
        console.print(Padding(basis, (0, 0, 0, 4), expand=False))
        if worse_week := progress.worse_week_line(trend):  # a flare the verdict's two weeks leave out
            console.print(Padding(Text(sentence(worse_week) + "."), (0, 0, 0, 4), expand=False))
    if not summary.trends:
        indented("No pain ratings yet. Rate your pain with `crest log` or in a check-in after a session")
    indented(DAY_COUNTS_ONCE, "dim")
    indented(PAIN_RULE, "dim")
    indented(CHANGE_NOT_CAUSE, "dim")
    console.print("[bold]Practice[/bold]")
    say(adherence_line(summary.adherence, set_goal=SET_YOUR_OWN_GOAL_IN_TERMINAL))
    console.print("[bold]Before and after a session[/bold]")
    for change in summary.before_after:
        say(before_after_line(change))
    if not summary.before_after:
        indented(sentence(no_before_after(summary.demo_kept)))
    console.print("[bold]Daily activities[/bold]")
    say(psfs_line(summary.psfs), _VERDICT_STYLE[summary.psfs.verdict.value])
    indented(PSFS_RULE, "dim")


def register(app: typer.Typer) -> None:
    app.command("progress")(progress)
