"""`crest session`: a guided constructive rest session in the terminal."""

from typing import Annotated

import typer

from crest.cli.command_help import examples
from crest.cli.numbers import finite_number
from crest.cli.protocol_cmd import VARIANT_HELP

EXAMPLES = examples(
    "crest session                     a 15-minute rest, guided",
    "crest session --minutes 10        a shorter one",
    "crest session --variant supported calves resting on a chair",
    "crest session --plain             for a screen reader",
)


def register(app: typer.Typer) -> None:
    app.command("session", epilog=EXAMPLES)(session)


def session(
    minutes: Annotated[
        int | None, typer.Option(metavar="MINUTES", help="Length of the rest, 5-30 minutes (default 15).")
    ] = None,
    variant: Annotated[
        str | None,
        typer.Option(
            metavar="VARIANT",
            help=VARIANT_HELP,
        ),
    ] = None,
    voice: Annotated[
        bool | None,
        typer.Option(
            "--voice/--no-voice",
            help="Speak the cues aloud (offline, espeak-ng); on by default for the somatic variant's timed movements.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Answer every prompt for scripted use.")] = False,
    no_checkin: Annotated[bool, typer.Option("--no-checkin", help="Skip the questions afterwards.")] = False,
    speed: Annotated[
        float,
        typer.Option(
            metavar="FACTOR",
            parser=finite_number,
            help="Run the clock faster, for demos and tests (60: 15 min in 15 s).",
        ),
    ] = 1.0,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            envvar="CREST_PLAIN",
            help="Tell the rest in lines, not in a panel drawn in place: the time left each minute, each cue, a "
            "pause; for a screen reader (CREST_PLAIN=1 makes it the default; TERM=dumb always gets lines).",
        ),
    ] = False,
) -> None:
    """Rest in the constructive rest position, guided: setup, timed rest with gentle cues, chime, check-in."""
    from crest.cli.consoles import console
    from crest.cli.guided_session import SessionOptions, run_guided_session

    options = SessionOptions(
        minutes=minutes,
        variant=variant,
        voice=voice,
        assume_yes=yes,
        check_in=not no_checkin,
        speed=speed,
        plain=plain,
    )
    run_guided_session(options, console(highlight=False))
