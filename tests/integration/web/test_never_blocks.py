"""The event loop never waits for the journal: while a write waits on SQLite's lock, other requests answer."""

import sqlite3
import threading
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

HOLD_LOCK_S = 3.0


def test_static_files_and_the_schema_answer_while_a_write_waits_for_the_lock(
    app: FastAPI, client: TestClient, tmp_path: Path
) -> None:
    client.get("/openapi.json")  # built once up front, like any server that has answered before
    other_program = sqlite3.connect(tmp_path / "crest.db", isolation_level=None, check_same_thread=False)
    other_program.execute("BEGIN IMMEDIATE")  # another process holds the write lock...
    release = threading.Timer(HOLD_LOCK_S, other_program.rollback)
    release.start()
    write_status: list[int] = []
    writer = threading.Thread(
        target=lambda: write_status.append(client.post("/api/sessions", json={"planned_minutes": 10}).status_code)
    )
    try:
        writer.start()  # ...and this session write waits for it
        writer.join(timeout=0.5)
        assert writer.is_alive(), "the write should be waiting for the lock"

        assert client.get("/static/crest.css").status_code == 200
        assert client.get("/openapi.json").status_code == 200
        assert writer.is_alive(), "both answered while the write was still waiting"
    finally:
        writer.join(timeout=HOLD_LOCK_S + 10)
        release.join()
        other_program.close()
    assert write_status == [201]  # and the write went through once the lock was free
