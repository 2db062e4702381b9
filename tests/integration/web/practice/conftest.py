"""The practice app over a world of each module's own (a copy of the one built for the test session, see
support.practice_web), copied for each test."""

from pathlib import Path

import pytest
from fastapi import FastAPI

from support.practice_web import World, practice_app


@pytest.fixture(scope="module")
def world(built_practice: World, tmp_path_factory: pytest.TempPathFactory) -> World:
    return built_practice.copied_to(tmp_path_factory.mktemp("world"))


@pytest.fixture
def app(world: World, tmp_path: Path) -> FastAPI:
    return practice_app(world.copy_to(tmp_path), world.clock)
