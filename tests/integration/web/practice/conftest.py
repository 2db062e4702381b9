"""The practice app over a world built once per module over HTTP (support.practice_web), copied for each test."""

from pathlib import Path

import pytest
from fastapi import FastAPI

from support.practice_web import World, build_world, practice_app


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("world"))


@pytest.fixture
def app(world: World, tmp_path: Path) -> FastAPI:
    return practice_app(world.copy_to(tmp_path), world.clock)
