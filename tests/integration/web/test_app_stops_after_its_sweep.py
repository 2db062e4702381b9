"""The app stops only once a sweep for abandoned sessions that was under way has ended, so the journal it closes
has no connection left open: SQLite then writes the WAL back into the database file, and a copy of that one file
(a backup taken after `crest serve` stopped) holds every write. Found as a flaky practice test (CI of b53ff01e):
a world's database copied while a sweep's thread still read it lacked its last invitations."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.practice import PracticeSessions


def test_a_sweep_under_way_ends_before_the_journal_closes(
    app: FastAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sweeping, may_end = threading.Event(), threading.Event()

    def a_slow_sweep(sessions: PracticeSessions) -> None:
        with sessions._journal.reading():  # a read under way holds a connection, as a real sweep does
            sweeping.set()
            may_end.wait(timeout=30)

    monkeypatch.setattr(PracticeSessions, "recover_abandoned", a_slow_sweep)
    with TestClient(app, base_url="http://127.0.0.1:8765") as browser:
        assert sweeping.wait(timeout=30)
        saved = browser.put("/api/settings", json={"voice": False})
        assert saved.status_code == 200, saved.text
        threading.Timer(0.5, may_end.set).start()  # the sweep ends while the app is stopping
    assert not (tmp_path / "crest.db-wal").exists()
