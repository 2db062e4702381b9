"""A newcomer reads README's opening lines, not its 600 others: they say where the journal is kept and how to take
it away or delete it, naming the folder crest really uses and the Settings button that really deletes it."""

from pathlib import Path

import pytest

from crest.config import crest_home

ROOT = Path(__file__).resolve().parents[2]


def _opening() -> str:
    """README up to its first section: what crest is, before the set-up."""
    return (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]


def test_the_opening_names_the_folder_the_journal_is_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CREST_HOME", raising=False)
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    folder = "~/" + str(crest_home().relative_to("/home/someone"))
    words = " ".join(_opening().split())
    assert f"`{folder}` on Linux" in words and "CREST_HOME" in words


def test_the_opening_says_how_to_take_the_data_away_or_delete_it() -> None:
    words = " ".join(_opening().split())
    settings = (ROOT / "src" / "crest" / "web" / "templates" / "_your_data.html").read_text(encoding="utf-8")
    assert "Delete all my data" in settings  # the button the opening names
    assert "Settings, Your data (export, restore, delete all my data)" in words
    assert "delete that folder" in words
