"""The one console maker of the `crest` command: into a pipe no line is wrapped; a width asked for is kept."""

import pytest

from crest.cli.consoles import console, error_console

LONG_LINE = " ".join(["rest"] * 60)  # 299 characters, far past any terminal's 80 columns


def test_into_a_pipe_no_line_is_wrapped(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    console().print(LONG_LINE)
    console(stderr=True).print(LONG_LINE)
    said = capsys.readouterr()  # captured: neither stream is a terminal
    assert (said.out, said.err) == (LONG_LINE + "\n", LONG_LINE + "\n")


def test_a_width_asked_for_is_kept(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    console().print(LONG_LINE)
    said = capsys.readouterr().out
    assert max(map(len, said.splitlines())) <= 60
    assert said.split() == LONG_LINE.split()


def test_an_error_is_one_line_off_a_terminal_even_with_a_width_asked_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # a script's log reads an error whole, as the terminal-less tests do
    error_console().print(LONG_LINE)
    assert capsys.readouterr().err == LONG_LINE + "\n"


def test_a_width_of_zero_writes_everything(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """COLUMNS=0, set by tools that know no width, made every answer, table and error print nothing, exit 0."""
    monkeypatch.setenv("COLUMNS", "0")
    console().print(LONG_LINE)
    error_console().print(LONG_LINE)
    said = capsys.readouterr()
    assert (said.out, said.err) == (LONG_LINE + "\n", LONG_LINE + "\n")  # into a pipe: whole lines, as unset
    monkeypatch.setattr("rich.console.Console.is_terminal", property(lambda _console: True))
    for made in (console(), error_console()):  # on a terminal: its own width
        assert made.width > 0
