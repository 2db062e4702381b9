"""The help of each `crest` command: Typer's, with arguments named in words only."""

from typer._click import Context, HelpFormatter  # Typer's own copy of Click, which its commands are built on
from typer.core import TyperArgument, TyperCommand


class CrestCommand(TyperCommand):
    """Typer writes each argument's Python type beside its name (`QUESTION <list[str]>`), which tells a user
    nothing; here an argument is its name alone, with `...` when it takes several words, as in the usage line.
    Options need no change: one with a metavar shows it instead of the type, and every option has one."""

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                several = "..." if param.nargs != 1 else ""
                arguments.append((f"{param.display_name_raw}{several}", record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def examples(*lines: str) -> str:
    """A command's help ends with lines to type as they are: a newcomer reads --help for how to start (walk s54).
    Click's "\b" keeps it from running the lines together into one paragraph."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
