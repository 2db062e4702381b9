"""Fixtures for every test."""

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def umask_restored() -> Iterator[None]:
    """crest's `main()` narrows the process's umask (what it writes stays its owner's); a test that runs it in
    this process must not change the files of the tests after it."""
    before = os.umask(0o022)
    os.umask(before)
    yield
    os.umask(before)
