"""The `crest` command: one Typer app; each command group lives in its own module."""

import importlib
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from crest import installed_version
from crest.cli.commands import (
    COMMAND_MODULES,
    COMMAND_SUMMARIES,
    HELP_OPTIONS,
    ROOT_SUMMARY,
    VERSION_HELP,
    VERSION_OPTIONS,
    root_help,
)
from crest.cli.consoles import error_console
from crest.errors import CrestError, one_line

if TYPE_CHECKING:
    import typer


def build_app(command: str | None = None) -> "typer.Typer":
    """The app with `command` alone registered, when crest knows that name: only its module is imported, as the
    others' imports (the journal, the help search, the camera) took most of every command's start-up. Without
    one, or with a name crest does not know, every command (the root's help, Click's error naming the commands)."""
    import typer

    from crest.cli.command_help import CrestCommand

    app = typer.Typer(
        name="crest",
        help=ROOT_SUMMARY,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        # Plain help: rich-formatted help would double the start-up time of every command.
        rich_markup_mode=None,
        context_settings={"help_option_names": list(HELP_OPTIONS)},  # -h too, as `crest -h` answers below
    )

    def _show_version(wanted: bool) -> None:
        if wanted:
            print(version_line())
            raise typer.Exit()

    @app.callback()
    def _root(
        version: bool = typer.Option(False, *VERSION_OPTIONS, callback=_show_version, is_eager=True, help=VERSION_HELP),
    ) -> None:
        """Keeps `crest` a group of commands even if only one were registered; holds the root's own options."""

    names = [command] if command in COMMAND_MODULES else list(COMMAND_MODULES)
    for module in dict.fromkeys(COMMAND_MODULES[name] for name in names):  # each module once, in the list's order
        importlib.import_module(f"crest.cli.{module}").register(app)
    for registered in app.registered_commands:
        registered.short_help = COMMAND_SUMMARIES[registered.name or ""]
        if registered.cls is None or not issubclass(registered.cls, CrestCommand):  # ask's own kind of it is kept
            registered.cls = CrestCommand
    return app


def version_line() -> str:
    return f"crest {installed_version()}"


def main() -> None:
    # Whatever this process writes stays its owner's alone, the libraries' files too (importing MediaPipe has
    # matplotlib write a font cache under ~/.cache): a umask narrows every file and folder it creates.
    os.umask(0o077)
    _write_what_the_output_can_take()
    arguments = sys.argv[1:]
    if arguments in ([], ["--help"], ["-h"]):
        # The command list needs no Typer: answer without loading it (see crest.cli.commands).
        print(root_help(), end="")
        return
    if len(arguments) == 1 and arguments[0] in VERSION_OPTIONS:  # no Typer either, like the help above
        print(version_line())
        return
    from pydantic import ValidationError
    from typer import Abort  # loaded with Typer below anyway; --help above needs neither

    from crest.input_problems import input_problems

    try:
        # Not standalone: Click's usage errors come here, to be said in one line like every other error.
        # The first word alone names a command: a root option before it (`crest --help protocol`) needs them all.
        outcome = build_app(arguments[0])(standalone_mode=False)
    except CrestError as error:
        _fail(str(error), error.exit_code)
    except Abort:  # Ctrl-C or end of input at one of Click's own prompts
        _fail("stopped before anything was changed", 1)
    except Exception as error:
        describe = getattr(error, "format_message", None)  # Click's usage errors (bad option, unknown command)
        if describe is None:
            raise
        if isinstance(error.__cause__, ValidationError):  # an option's value, checked by pydantic: say it plainly
            option = "/".join(getattr(getattr(error, "param", None), "opts", ()) or ("the value",))
            problem = input_problems(error.__cause__.errors())[0]
            _fail(f"{option}: {problem.message} (see --help)", getattr(error, "exit_code", 2))
        _fail(f"{describe()} (see --help)", getattr(error, "exit_code", 2))
    if isinstance(outcome, int) and outcome != 0:
        raise SystemExit(outcome)


def _write_what_the_output_can_take() -> None:
    """Into a terminal or a file in a legacy encoding (ASCII, Latin-1, a Windows code page), "·", "→" and the
    clock's "█" raised UnicodeEncodeError: a traceback in place of the progress, a session stopped at its first
    step. Such a character is written as "?" there; errors already escape it (stderr's own rule)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and getattr(sys.stdout, "errors", None) == "strict":
        reconfigure(errors="replace")


def _fail(message: str, exit_code: int) -> NoReturn:
    error_console().print(f"crest: {one_line(message)}", markup=False)
    raise SystemExit(exit_code) from None
