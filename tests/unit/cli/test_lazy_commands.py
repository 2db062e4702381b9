"""A run imports only the module of the command it runs: the same commands, help and errors as with them all."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crest.cli.app import build_app, main
from crest.cli.commands import COMMAND_MODULES, COMMAND_SUMMARIES

SRC = Path(__file__).resolve().parents[3] / "src"

# Another command's module that one imports on purpose: session's --variant has protocol's help text.
SHARED = {"session_cmd": ["protocol_cmd"]}

# After main() has run the command given in argv: the modules this process imported.
IMPORTED_MODULES = """
import sys
from crest.cli.app import main
sys.argv = ["crest", *sys.argv[1:]]
try:
    main()
finally:
    print(" ".join(sorted(sys.modules)))
"""


def help_text(command: str, registered: str | None, option: str = "--help") -> str:
    result = CliRunner().invoke(build_app(registered), [command, option], prog_name="crest")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", list(COMMAND_SUMMARIES))
def test_a_command_alone_has_the_help_it_has_among_all(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    among_all = help_text(command, None)
    assert help_text(command, command) == among_all
    assert help_text(command, command, "-h") == among_all


@pytest.mark.parametrize("command", list(COMMAND_SUMMARIES))
def test_a_command_brings_the_commands_of_its_module_only(command: str) -> None:
    module = COMMAND_MODULES[command]
    expected = [name for name, owner in COMMAND_MODULES.items() if owner == module]
    assert [registered.name for registered in build_app(command).registered_commands] == expected


def test_every_command_has_a_module_and_a_summary() -> None:
    assert list(COMMAND_MODULES) == list(COMMAND_SUMMARIES)


def imported_by(home: Path, *arguments: str) -> list[str]:
    """The modules a crest run with these arguments has imported by its end, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "CREST_HOME": str(home), "COLUMNS": "100"}
    run = subprocess.run(
        [sys.executable, "-c", IMPORTED_MODULES, *arguments], capture_output=True, text=True, env=env, check=True
    )
    return run.stdout.splitlines()[-1].split()


@pytest.mark.parametrize("module", sorted(set(COMMAND_MODULES.values())))
def test_running_a_command_imports_no_other_commands_module(module: str, tmp_path: Path) -> None:
    """Importing every command's module (the journal, the help search with numpy, the camera's) took most of the
    start-up of each command, `crest protocol` included."""
    command = next(name for name, owner in COMMAND_MODULES.items() if owner == module)
    imported = [name for name in imported_by(tmp_path / "home", command, "--help") if name.endswith("_cmd")]
    assert imported == sorted(f"crest.cli.{name}" for name in [module, *SHARED.get(module, [])])


def test_crest_protocol_imports_only_what_it_uses(tmp_path: Path) -> None:
    """`crest protocol` opens the journal for the safety answers: with it came the help search (numpy, the red-flag
    rules, a third of a second to compile), the practice's accounts and the report's charts, which it never uses,
    and the guided session's module, for one sentence said only where the safety answers advise the side."""
    imported = imported_by(tmp_path / "home", "protocol")
    heavy = [
        "numpy",
        "crest.knowledge.red_flags",
        "crest.knowledge.search",
        "crest.services.accounts",
        "crest.report.render",
        "crest.cli.guided_session",
    ]
    assert [name for name in heavy if name in imported] == []
    assert "crest.journal.store" in imported  # it did open the journal


@pytest.mark.parametrize("arguments", [["--help", "protocol"], ["-h", "nonsense"]])
def test_the_roots_help_before_a_command_still_lists_every_command(
    arguments: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["crest", *arguments])
    monkeypatch.setattr(os, "umask", lambda mask: mask)  # main() narrows the umask: not this test process's
    monkeypatch.setenv("COLUMNS", "100")
    main()  # Typer's help, not the fast path's: it returns, as after any command that succeeded
    commands = capsys.readouterr().out.split("\nCommands:\n")[1]
    assert [line.split()[0] for line in commands.splitlines() if line[2] != " "] == list(COMMAND_SUMMARIES)


def test_an_unknown_command_is_still_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["crest", "protocl"])
    monkeypatch.setattr(os, "umask", lambda mask: mask)
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip().startswith("crest: No such command 'protocl'.")
