"""A practice whose database fails tells a visitor to try again later, never where the database is (ASVS 5.0
16.5.1: no internal detail in an error): the server's log keeps the detail for whoever runs it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi import FastAPI

from support.practice_web import World, browser, practice_app


@pytest.fixture
def broken(world: World, tmp_path: Path) -> tuple[FastAPI, str, str]:
    """A practice signed into, whose database file then stops being a database (as a disk fault would leave it)."""
    url = world.copy_to(tmp_path)
    app = practice_app(url, world.clock)
    token = world.tokens["linked_practitioner"]
    assert token is not None
    database = next(tmp_path.glob("*.db"))
    database.write_bytes(b"this is not a database " * 4096)
    return app, token, str(database)


def test_a_visitor_is_told_to_try_again_not_where_the_database_is(
    broken: tuple[FastAPI, str, str], caplog: pytest.LogCaptureFixture
) -> None:
    app, token, database = broken
    with caplog.at_level(logging.WARNING), browser(app) as visitor, browser(app, token) as pat:
        answers = [
            visitor.post("/api/auth/login", json={"email": "ann@example.org", "password": "wrong password 1"}),
            pat.get("/api/practice/clients"),
            pat.get("/practice"),
        ]
    for answer in answers:
        assert answer.status_code == 503, answer.text
        assert database not in answer.text and "not a database" not in answer.text
        assert "records cannot be reached just now; try again in a few minutes" in answer.text
    assert database in caplog.text  # the server's log says which database, for whoever runs it
