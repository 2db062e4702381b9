"""A new journal whose only change is Settings restores a full backup as an empty one: the file's settings replace
those saved, the others stay. Before, one saved Settings form made it "not empty (11 settings)" and the way offered
(merge) kept the new computer's settings; a refusal now counts what a person calls records."""

from __future__ import annotations

from html import unescape
from typing import Any

from fastapi.testclient import TestClient

SETTINGS_FORM = {"default_minutes": "20", "default_variant": "supported", "theme": "dark", "height_cm": "172"}


def _backup(client: TestClient, clock: Any) -> bytes:
    """A journal with a goal of 3 a week, a check-in and answers, exported, then deleted: the old computer's."""
    client.post("/settings", data={"default_minutes": "10", "default_variant": "standard", "weekly_goal_sessions": "3"})
    client.post("/api/checkins", json={"note": "stiff morning"})
    backup = client.get("/api/export", params={"format": "json"}).content
    client.post("/settings/delete-everything", data={"confirmation": "delete"})
    clock.advance(60)
    return backup


def test_a_journal_with_only_settings_saved_restores_as_an_empty_one(client: TestClient, clock: Any) -> None:
    backup = _backup(client, clock)
    assert client.post("/settings", data=SETTINGS_FORM).status_code == 200  # the new computer: one form saved

    restored = client.post("/settings/restore", files={"file": ("journal.json", backup, "application/json")})
    assert restored.status_code == 200 and "Restored: 1 check-in" in unescape(restored.text)
    assert len(client.get("/api/checkins").json()) == 1
    settings = client.get("/api/settings").json()
    assert settings["weekly_goal_sessions"] == 3 and settings["default_minutes"] == 10  # the file's
    assert settings["default_variant"] == "standard"


def test_a_journal_with_records_is_refused_counting_records_not_settings(client: TestClient, clock: Any) -> None:
    backup = _backup(client, clock)
    client.post("/settings", data=SETTINGS_FORM)
    client.post("/safety", data={"confirmed": "no"})  # nothing saved: the answers are incomplete
    client.post("/api/checkins", json={"note": "new computer"})

    refused = client.post("/settings/restore", files={"file": ("journal.json", backup, "application/json")})
    assert refused.status_code == 409
    assert "this journal is not empty (1 check-in)." in unescape(refused.text)  # no "settings" counted
    assert client.get("/api/settings").json()["theme"] == "dark"  # nothing changed
