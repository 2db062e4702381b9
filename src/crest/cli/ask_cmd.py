"""`crest ask`: answers to questions about constructive rest, each naming its sources; warning signs first."""

import json
import re
from difflib import get_close_matches
from itertools import takewhile
from typing import TYPE_CHECKING, Annotated

import typer
from typer._click import Context  # Typer's own copy of Click, which its commands are built on
from typer._click.exceptions import NoSuchOption

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from crest.services.help import HelpAnswer, HelpReply, TopicGroup, UrgentAnswer

from crest.cli.command_help import CrestCommand, examples
from crest.cli.consoles import is_unwrapped

LEVEL_STYLES = {"urgent_care": "bold red", "see_clinician": "bold yellow"}
SHELL_PROMPT_LINES = 1  # the line the shell's prompt takes after the answer


# A word named as a long option is: two dashes, then a letter ("--5" and "---" are words).
OPTION_NAME = re.compile(r"--[A-Za-z][A-Za-z0-9_-]*")


class AskCommand(CrestCommand):
    """Quotes are optional: a word that looks like an option (`at -5 degrees`) is part of the question. But a near
    miss of ask's own options (`--jsno`) is a typo, not a word: it is refused as any command refuses an unknown
    option, naming the one meant, where it would silently have become part of the question. So is a question that
    opens with an option's name (`--bogus x`): an option ask lacks, as other commands refuse it. A question that
    opens so is asked after `--` (`crest ask -- --bogus x`), or quoted with its other words."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        own = [name for param in self.get_params(ctx) for name in param.opts if name.startswith("--")]
        words = list(takewhile(lambda word: word != "--", args))  # after `--` every word is the question's
        for word in words:
            name = word.partition("=")[0]
            meant = get_close_matches(name, own) if name.startswith("--") and name not in own else []
            if meant:
                raise NoSuchOption(name, possibilities=meant, ctx=ctx)
        first = next((word.partition("=")[0] for word in words if word.partition("=")[0] not in own), "")
        if OPTION_NAME.fullmatch(first):
            said = NoSuchOption(first).message  # "No such option: NAME", its control characters escaped
            options = ", ".join(sorted(own))
            raise NoSuchOption(
                first, f"{said} (crest ask's options: {options}; a question starting with it goes after --)", ctx=ctx
            )
        return super().parse_args(ctx, args)


# The quotes keep a shell from reading the question mark as a file pattern.
EXAMPLES = examples(
    'crest ask "can I do it in bed?"',
    'crest ask "why do I yawn?"',
    "crest ask                         every topic crest can answer",
)


def register(app: typer.Typer) -> None:
    app.command("ask", cls=AskCommand, epilog=EXAMPLES, context_settings={"ignore_unknown_options": True})(ask)


def ask(
    question: Annotated[
        list[str] | None,
        typer.Argument(metavar="QUESTION", help="Your question, in your own words; quotes are optional."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Ask a question about constructive rest; without one, list the topics. Answers name their sources."""
    from crest.cli.consoles import console as make_console
    from crest.cli.consoles import error_console
    from crest.cli.journal_access import open_services
    from crest.cli.safety_cmd import show_standing_concern
    from crest.errors import CrestError
    from crest.services import help as help_service

    console = make_console(highlight=False)
    # A warning sign that stands comes before any answer, as at `crest progress` and on the Help page: the person who
    # asks after a frightening day must not meet "next time try a small change" alone (on stderr beside the JSON).
    try:
        with open_services() as services:
            show_standing_concern(make_console(stderr=as_json, highlight=False), services)
    except CrestError as error:
        # Help reads no journal otherwise: a damaged or busy one must not keep the answer from someone asking (about
        # a warning sign, perhaps); it says what could not be checked, and the answer follows.
        error_console().print(f"crest: {error}; a warning sign saved there cannot be shown here", markup=False)
    # A blank question (`crest ask ""`) is no question, as on the web page; --json keeps answering as the API does.
    if not question or (not as_json and not " ".join(question).strip()):
        groups = help_service.topics()
        if as_json:
            _print_json({"topics": [group.model_dump() for group in groups]})
        else:
            # The example on a line of its own: a narrow terminal would break the command in two.
            console.print('Ask in your own words, for example:\n   crest ask "can I do it in bed?"\n')
            _print_topics(console, groups)
        return
    reply = help_service.ask(" ".join(question))
    if as_json:
        _print_json(reply.model_dump())
    else:
        _print_reply(console, reply)


def _print_json(document: object) -> None:
    print(json.dumps(document, indent=2, ensure_ascii=False))


def _print_reply(console: "Console", reply: "HelpReply") -> None:
    from rich.markup import escape

    from crest.knowledge.model import WARNING_HEADINGS

    lines = sum(_print_urgent(console, warning) for warning in reply.warnings)
    if reply.language_note:  # under the warnings, which come first whatever the language
        lines += _print_lines(console, f"[bold]{escape(reply.language_note)}[/bold]\n")
    urgent = [warning for warning in reply.warnings if warning.level == "urgent_care"]
    if urgent:
        # The most urgent sign comes first, so on a short terminal the signs under it (a "see a clinician" box)
        # scroll its heading away, and "see a clinician" is the advice left in view: its heading is said again last.
        if not is_unwrapped(console) and lines + SHELL_PROMPT_LINES > console.height:
            heading, style = WARNING_HEADINGS["urgent_care"], LEVEL_STYLES["urgent_care"]
            console.print(f"[{style}]{heading}[/{style}]: {escape(urgent[0].title)} (above)")
        return  # urgent care stands alone: nothing under it that invites practice
    for answer in reply.answers:
        _print_answer(console, answer)
    if reply.topics is not None:
        console.print(f"{escape(reply.message or '')}\n")
        _print_topics(console, reply.topics)
    console.print(f"[dim]{escape(reply.footer)}[/dim]")


def _print_urgent(console: "Console", urgent: "UrgentAnswer") -> int:
    """Print one warning sign; returns how many lines it took."""
    from rich.markup import escape
    from rich.panel import Panel

    from crest.knowledge.model import WARNING_HEADINGS

    heading, style = WARNING_HEADINGS[urgent.level], LEVEL_STYLES[urgent.level]
    body = f"[bold]{escape(urgent.title)}[/bold]\n{escape(urgent.text)}\n[dim]Sources: {_sources(urgent)}[/dim]"
    if is_unwrapped(console):
        return _print_lines(console, f"[{style}]{heading}[/{style}]\n{body}\n")
    # The box around the text, not across the console.
    box = Panel(body, title=f"[{style}]{heading}[/{style}]", border_style=style.split()[-1], expand=False)
    return _print_lines(console, box) + _print_lines(console, "")


def _print_lines(console: "Console", renderable: "RenderableType") -> int:
    """Print `renderable`; returns how many lines of the terminal it took."""
    console.print(renderable)
    return len(console.render_lines(renderable, console.options, pad=False))


def _print_answer(console: "Console", answer: "HelpAnswer") -> None:
    from rich.markup import escape
    from rich.padding import Padding

    console.print(f"[bold]{escape(answer.title)}[/bold]")
    lines = [escape(answer.text), f"[dim]Sources: {_sources(answer)}[/dim]"]
    if answer.related:
        lines.append(f"[dim]See also: {escape('; '.join(link.title for link in answer.related))}[/dim]")
    if is_unwrapped(console):
        console.print("".join(f"   {line}\n" for line in lines))
        return
    console.print(Padding("\n".join(lines), (0, 0, 1, 3), expand=False))


def _print_topics(console: "Console", groups: "list[TopicGroup]") -> None:
    from rich.markup import escape
    from rich.padding import Padding

    for group in groups:
        console.print(f"[bold]{escape(group.title)}[/bold]")
        for link in group.entries:
            if is_unwrapped(console):
                console.print(f"   {escape(link.title)}")
            else:  # a topic too long for the line goes on under itself, not among the group titles
                console.print(Padding(escape(link.title), (0, 0, 0, 3), expand=False))
    console.print()


def _sources(answer: "HelpAnswer") -> str:
    from rich.markup import escape

    return escape("; ".join(answer.sources))
