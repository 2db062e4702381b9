"""The `crest` command: one Typer app; each command group lives in its own module."""

import sys

import typer

from crest.errors import CrestError

app = typer.Typer(
    name="crest",
    help="crest: a calm coach for the constructive rest position (lying on your back, knees bent, feet flat).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich-formatted help would double the start-up time of every command.
    rich_markup_mode=None,
)


@app.callback()
def _root() -> None:
    """crest: a calm coach for the constructive rest position. crest is not medical advice."""


def _register_commands() -> None:
    from crest.cli import check_cmd, journal_cmd, protocol_cmd, safety_cmd, serve_cmd, session_cmd

    for module in (protocol_cmd, session_cmd, safety_cmd, journal_cmd, check_cmd, serve_cmd):
        module.register(app)


_register_commands()


def main() -> None:
    try:
        app()
    except CrestError as error:
        print(f"crest: {error}", file=sys.stderr)
        raise SystemExit(error.exit_code) from None
