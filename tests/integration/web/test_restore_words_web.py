"""Restore on Your data lists what the file held, in the person's words: no "0 clinicians' all-clears, 0 PSFS
rounds" (first-day walk-through L4), the Patient-Specific Functional Scale named in full, as the app names it."""

from html import unescape

from fastapi.testclient import TestClient

from support.clock import FakeClock


def test_a_restore_names_only_what_the_file_held(cleared: TestClient, clock: FakeClock) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(600)
    cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})
    activities = {"activities": [{"name": "putting on socks", "score": 4}]}
    assert cleared.post("/api/psfs", json=activities).status_code == 201
    backup = cleared.get("/api/export", params={"format": "json"}).content
    cleared.post("/settings/delete-everything", data={"confirmation": "delete"})

    restored = unescape(cleared.post("/settings/restore", files={"file": ("journal.json", backup)}).text)
    assert (
        "Restored: 1 session, 1 set of safety answers, "
        "1 rating of your daily activities (the Patient-Specific Functional Scale)."
    ) in restored
    assert "PSFS" not in restored and " 0 " not in restored

    # Added, the box ticked, to an empty journal: nothing was skipped, and "skipped: 0" is not said either
    cleared.post("/settings/delete-everything", data={"confirmation": "delete"})
    merged = unescape(
        cleared.post("/settings/restore", files={"file": ("a.json", backup)}, data={"merge": "true"}).text
    )
    assert "Restored. Added: 1 session, 1 set of safety answers, 1 rating of your daily activities" in merged
    assert "Already here, so skipped" not in merged
