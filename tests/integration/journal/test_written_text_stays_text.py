"""What a person wrote is shown as they wrote it, never read as Rich markup or emoji codes (issue 9.2)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from crest.cli import journal_cmd
from crest.journal.store import Journal

WRITTEN = ["[/]", "[red]sore[/red]", "[link=https://example.invalid]here[/link]", ":thumbs_up: [bold"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREST_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CREST_DATABASE_URL", raising=False)
    return tmp_path / "home"


def _crest(*args: str) -> str:
    app = typer.Typer()
    journal_cmd.register(app)
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("note", WRITTEN)
def test_a_note_with_brackets_is_logged_and_shown_verbatim_by_history(home: Path, note: str) -> None:
    assert note in _crest("log", "--note", note)
    assert note in _crest("history")
    assert note in _crest("history")  # and on every later run


def test_a_position_check_summary_with_brackets_is_shown_verbatim(home: Path) -> None:
    with Journal.open() as journal:
        journal.start_session(datetime(2026, 5, 2, 8, 0, tzinfo=UTC), 15, "standard", "1@host", "[/] [red]x")
    assert "[/] [red]x" in _crest("history")
