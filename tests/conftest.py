"""Fixtures for every test."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from support.new_journals import create_journal

if TYPE_CHECKING:
    from support.practice_web import World


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


@pytest.fixture(scope="session")
def built_practice(tmp_path_factory: pytest.TempPathFactory) -> "World":
    """The practice of support.practice_web, built over HTTP once for this test session (seconds of CPU, which every
    module using it spent again): each module takes a copy of its own (`World.copied_to`)."""
    from support.practice_web import build_world

    return build_world(tmp_path_factory.mktemp("built-practice"))
