"""`crest --help` is answered without Typer; it must say exactly what Typer would."""

import os
import sys
from importlib.metadata import version

import pytest

from crest.cli.app import build_app, main
from crest.cli.commands import COMMAND_SUMMARIES, root_help


def test_every_registered_command_has_a_summary_and_nothing_else_does() -> None:
    app = build_app()
    assert [command.name for command in app.registered_commands] == list(COMMAND_SUMMARIES)


@pytest.mark.parametrize("columns", ["200", "60", "40"])
def test_fast_root_help_is_the_same_text_as_typers(
    columns: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At any width: the fast help wrapped at 78 columns broke its lines mid-word in a 60-column terminal."""
    monkeypatch.setenv("COLUMNS", columns)  # Typer wraps at the terminal's width, from 50 to 78 columns
    with pytest.raises(SystemExit) as exit_info:
        build_app()(args=["--help"], prog_name="crest")
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == root_help()


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_is_the_installed_packages_from_the_fast_path_and_typer_alike(
    option: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = f"crest {version('crest')}\n"
    monkeypatch.setattr(sys, "argv", ["crest", option])
    monkeypatch.setattr(os, "umask", lambda mask: mask)  # main() narrows the umask: not this test process's
    main()  # the fast path: returns without Typer, as after --help
    assert capsys.readouterr().out == expected
    with pytest.raises(SystemExit) as exit_info:
        build_app()(args=[option], prog_name="crest")  # Typer's own, e.g. when another word follows
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == expected


def test_root_help_names_the_version_option() -> None:
    assert "-V, --version  Show the version and exit." in root_help()
