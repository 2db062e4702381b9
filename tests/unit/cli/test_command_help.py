"""Each command's --help names what to give in words, never a Python type of Typer's (`<list[str]>`, `<int>`)."""

import re

import pytest
import typer
from typer.testing import CliRunner

from crest.cli.app import build_app
from crest.cli.commands import COMMAND_SUMMARIES

# A word in angle brackets is a type; a choice list (`<auto|side>`) names the words to give.
PYTHON_TYPE = re.compile(r"<[^>|\s]*>")


def command_help(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(build_app(), [command, "--help"], prog_name="crest")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", list(COMMAND_SUMMARIES))
def test_help_shows_no_python_type(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert PYTHON_TYPE.findall(command_help(command, monkeypatch)) == []


@pytest.mark.parametrize(
    ("command", "usage", "argument"),
    [
        ("ask", "crest ask [OPTIONS] [QUESTION]...", "  QUESTION...  "),
        ("check", "crest check [OPTIONS] [PATH]...", "  PATH...  "),
        ("import", "crest import [OPTIONS] {PATH}", "  PATH  "),
        ("link", "crest link [OPTIONS] {URL} [CODE]", "  URL  "),
    ],
)
def test_arguments_are_named_alike_in_usage_and_list(
    command: str, usage: str, argument: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several words (`crest ask can I do it in bed`) end in `...` in both places, as Click writes them."""
    text = command_help(command, monkeypatch)
    assert usage in text
    assert f"\n{argument}" in text


@pytest.mark.parametrize("command", list(COMMAND_SUMMARIES))
def test_h_is_short_for_help(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`crest -h` answered, but `crest session -h` said "No such option: -h"."""
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(build_app(), [command, "-h"], prog_name="crest")
    assert result.exit_code == 0, result.output
    assert result.output == command_help(command, monkeypatch)


@pytest.mark.parametrize("command", list(COMMAND_SUMMARIES))
def test_each_help_line_is_written_alike(command: str) -> None:
    """Most commands describe an option in a sentence ("How long you rested, 5-30 minutes."); session, protocol
    and ask wrote theirs in lower case without a full stop ("length of the rest, 5-30 minutes (default 15)").
    A line may open with the values it lists (`standard, supported ...`) or the action it is for (`init: ...`)."""
    click_command = typer.main.get_command(build_app()).commands[command]
    for param in click_command.params:
        text = getattr(param, "help", None) or ""
        if not text:
            continue
        first_word = text.split()[0]
        assert text[0].isupper() or first_word.endswith((",", ":")), (param.name, text)
        assert text.endswith("."), (param.name, text)
