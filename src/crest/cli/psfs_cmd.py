"""`crest psfs`: rate the activities your back or hip makes hard (the Patient-Specific Functional Scale)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crest.errors import CrestError
from crest.input_problems import quoted

if TYPE_CHECKING:
    from crest.cli.asker import Asker
    from crest.insights.psfs import ActiveActivity
    from crest.journal.records import PsfsActivity


class NothingRated(CrestError):
    """`crest psfs` without any activity rated."""


def psfs(
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate",
            metavar="ACTIVITY=N",
            help="An activity and how well you can do it now, 0 (unable) to 10 (as before the problem), e.g. "
            "--rate 'tying my shoes=4'. Up to five; without --rate you are asked.",
        ),
    ] = None,
    history: Annotated[bool, typer.Option("--history", help="Show past rounds instead of rating.")] = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", metavar="ISO-TIME", help="When it was rated, e.g. 2026-05-01T07:30 (local time); default now."
        ),
    ] = None,
) -> None:
    """Rate up to five activities your back or hip makes hard, 0 (unable) to 10 (as before); every 14 days."""
    from rich.markup import escape

    from crest.cli.asker import Asker
    from crest.cli.consoles import console as make_console
    from crest.cli.journal_access import open_services
    from crest.cli.journal_cmd import moment_at
    from crest.cli.safety_cmd import show_standing_concern
    from crest.clock import system_zone
    from crest.insights.progress import psfs_line
    from crest.journal.plausibility import ImpossibleRecord

    if history and (rate or at):  # one or the other: a rating given beside --history was dropped without a word
        raise CrestError("--history shows past rounds and saves nothing; rate with --rate, then run --history alone")
    # A round rated on paper at the clinic is entered for its own day, as `crest log --at` enters a check-in.
    when = moment_at(at, system_zone(), "the PSFS time") if at is not None else None
    console = make_console()
    with open_services() as services:
        show_standing_concern(console, services)  # a warning sign that stands comes first, as at `crest log`
        activities = services.daily_activities
        if history:
            rounds = activities.rounds()
            for one in rounds:
                scores = "; ".join(f"{a.name} {a.score}" for a in one.activities)
                console.print(f"{one.at.astimezone():%Y-%m-%d} [dim](#{one.id})[/dim] {escape(scores)}")
            if not rounds:
                console.print("No activities rated yet. Run `crest psfs` to rate them.")
            return
        rated = [_parse_rating(entry) for entry in rate] if rate else _ask(Asker(console), activities.active())
        if not rated:
            raise NothingRated("nothing rated; name an activity and give it a score from 0 to 10")
        try:
            saved = activities.record(rated, when)
        except ImpossibleRecord as error:
            raise error.named("--at") from None
        change = activities.change()
    console.print(f"Saved: {escape('; '.join(f'{a.name} {a.score}' for a in saved.activities))}.")
    console.print(escape(psfs_line(change).text[:1].upper() + psfs_line(change).text[1:]) + ".")
    if change.measured:  # until a change is measured, the line above already asks for the next round
        console.print("[dim]Rate the same activities again in 14 days.[/dim]")


def _parse_rating(entry: str) -> PsfsActivity:
    from crest.journal.records import InvalidPsfs, PsfsActivity, blank, read_psfs_score

    name, equals, written = entry.rpartition("=")
    score = read_psfs_score(written)
    if not equals or blank(name) or score is None:
        raise InvalidPsfs(f"cannot read {quoted(entry)}; write it as ACTIVITY=N, like “tying my shoes=4”")
    return PsfsActivity(name, score)


def _ask(asker: Asker, active: tuple[ActiveActivity, ...]) -> list[PsfsActivity]:
    """Ask again about every activity still followed, from any round (Enter skips one); or, the first time, for
    new ones (Enter on an empty name ends)."""
    from crest.journal.records import MAX_PSFS_ACTIVITIES, PsfsActivity

    if active:
        asker.console.print("Your activities: how well can you do each now? (Enter skips one.)")
    else:
        asker.console.print(
            "Name up to five activities your back or hip makes hard (like sitting through a film, tying your "
            "shoes, lifting a child). Enter on an empty name when you are done."
        )
    asker.console.print("[dim]0 means you cannot do it, 10 that you can do it as before the problem.[/dim]")
    rated: list[PsfsActivity] = []
    for one in active:
        score = _score(asker, one.name, one.last_score)
        if asker.input_closed:
            break
        if score is not None:
            rated.append(PsfsActivity(one.name, score))
    for number in range(0 if active else MAX_PSFS_ACTIVITIES):
        name = _new_activity(asker, number + 1, rated)
        score = None if name is None else _score(asker, name, None)
        if name is None or score is None:
            break
        rated.append(PsfsActivity(name, score))
    return rated


def _new_activity(asker: Asker, number: int, rated: list[PsfsActivity]) -> str | None:
    """A new activity's name, asked again until the round can take it (plain text, not named already), so that one
    slip does not refuse the whole round at the end; None when the person is done."""
    from rich.markup import escape

    from crest.journal.records import InvalidPsfs, activity_key, check_activity_name

    while True:
        name = asker.ask(f"Activity {number}:")
        if name is None:
            return None
        try:
            name = check_activity_name(name)
        except InvalidPsfs as error:
            asker.console.print(escape(error.message[:1].upper() + error.message[1:]) + ".")
            continue
        if activity_key(name) not in {activity_key(one.name) for one in rated}:
            return name
        asker.console.print(
            f"{escape(name)} is already in this round: name another activity, or press Enter when you are done."
        )


def _score(asker: Asker, name: str, last: int | None) -> int | None:
    from rich.markup import escape

    from crest.journal.records import MAX_PSFS_SCORE, MIN_PSFS_SCORE, read_psfs_score

    hint = "" if last is None else f" (last time {last})"
    while True:
        answer = asker.ask(f"{escape(name)}: 0-10{hint}?")
        if answer is None:
            return None
        score = read_psfs_score(answer)
        if score is not None and MIN_PSFS_SCORE <= score <= MAX_PSFS_SCORE:
            return score
        asker.console.print("Please give a whole number from 0 to 10.")


def register(app: typer.Typer) -> None:
    app.command("psfs")(psfs)
