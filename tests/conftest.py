"""Fixtures for every test."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.new_journals import create_journal


@pytest.fixture(autouse=True)
def umask_restored() -> Iterator[None]:
    """crest's `main()` narrows the process's umask (what it writes stays its owner's); a test that runs it in
    this process must not change the files of the tests after it."""
    before = os.umask(0o022)
    os.umask(before)
    yield
    os.umask(before)


@pytest.fixture(scope="session")
def created_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty journal crest created once for this test session, for tests to copy (support.new_journals)."""
    return create_journal(tmp_path_factory.mktemp("created-journal"))
