"""`crest --help` is answered without Typer; it must say exactly what Typer would."""

import pytest

from crest.cli.app import build_app
from crest.cli.commands import COMMAND_SUMMARIES, root_help


def test_every_registered_command_has_a_summary_and_nothing_else_does() -> None:
    app = build_app()
    assert [command.name for command in app.registered_commands] == list(COMMAND_SUMMARIES)


def test_fast_root_help_is_the_same_text_as_typers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # Typer wraps at 78 columns at most, like the fast help
    with pytest.raises(SystemExit) as exit_info:
        build_app()(args=["--help"], prog_name="crest")
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == root_help()
