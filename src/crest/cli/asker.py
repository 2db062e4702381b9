"""Questions on the terminal that a script can answer: `--yes` takes the default, closed stdin skips."""

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from crest.errors import CrestError


def hanging(console: Console, said: str | Text) -> Text:
    """`said` (markup, or text as typed) wrapped at the console's width with every line indented as its first:
    at 40 columns the terminal's own wrapping indented only the first line of an indented question or error."""
    text = console.render_str(said) if isinstance(said, str) else said
    indent = len(text.plain) - len(text.plain.lstrip(" "))
    if not indent or console.width <= indent:
        return text
    lines = text[indent:].wrap(console, console.width - indent)
    return Text("\n").join(Text(" " * indent) + line for line in lines)


class StoppedAtPrompt(CrestError):
    """Ctrl-C at a question: the person wants out; a line of its own, so the shell's prompt starts on the next."""

    exit_code = 130  # the shell's own code for Ctrl-C

    def __init__(self) -> None:
        super().__init__("stopped at Ctrl-C; what was already saved is kept")


class Asker:
    def __init__(self, console: Console, assume_yes: bool = False, read_line: Callable[[], str] = input) -> None:
        self.console = console
        self.assume_yes = assume_yes
        self._read_line = read_line
        self.input_closed = False

    def ask(self, question: str) -> str | None:
        """The answer typed, stripped; None when skipped (--yes, Enter on nothing or on what shows nothing, or no
        input at all)."""
        from crest.journal.records import blank

        if self.assume_yes:
            return None
        try:  # a Ctrl-C while the question is still being written is a Ctrl-C at the question
            self.console.print(hanging(self.console, question), end=" ")
            answer = self._read_line().strip()
        except (EOFError, RuntimeError):  # RuntimeError: input() with stdin closed ("lost sys.stdin")
            self.console.print()
            self.input_closed = True
            return None
        except KeyboardInterrupt:
            self.console.print()
            raise StoppedAtPrompt() from None
        return None if blank(answer) else answer

    def confirm(self, question: str, default: bool) -> bool:
        hint = r"\[Y/n]" if default else r"\[y/N]"
        while True:
            answer = self.ask(f"{question} {hint}")
            if answer is None:
                return default
            if answer.lower() in ("y", "yes"):
                return True
            if answer.lower() in ("n", "no"):
                return False
            self.console.print("Please answer y or n.")

    def yes_or_no(self, question: str) -> bool:
        """A "y" or an "n" that must be typed: no default, for a question where Enter (which skips the questions
        around it) must not answer for the person. `--yes` answers yes; closed input answers no."""
        while True:
            answer = self.ask(rf"{question} \[y/n]")
            if self.assume_yes:
                return True
            if self.input_closed:
                return False
            if answer is not None and answer.lower() in ("y", "yes"):
                return True
            if answer is not None and answer.lower() in ("n", "no"):
                return False
            self.console.print("Please type y or n: Enter alone does not answer this one.")

    def pause(self, prompt: str = "[dim]Press Enter when ready[/dim]") -> None:
        self.ask(prompt)
