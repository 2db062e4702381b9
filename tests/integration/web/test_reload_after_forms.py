"""The pages shown after a restore, a clinician's all-clear and "Delete all my data" can be reloaded or reopened: a
success is redirected to a page (its message carried across), and the form's own address, opened again, is the
page it belongs to; before, each answered 405 "That did not work". A file that is no export is explained in the
browser's words (its Export buttons), the terminal keeping its own (`crest export`)."""

from __future__ import annotations

from html import unescape
from pathlib import Path

from fastapi.testclient import TestClient

from crest.safety.screen import QUESTIONS
from support.refusals import refused_line

NO_TO_ALL = {question.id: "no" for question in QUESTIONS}
BROWSER_WAY = "choose a file made with Export JSON or Export CSV (or “crest export”)"


def test_a_restore_is_redirected_and_its_page_reloads_with_what_was_restored(client: TestClient) -> None:
    client.post("/api/checkins", json={"note": "stiff morning"})
    backup = client.get("/api/export", params={"format": "json"}).content
    client.post("/settings/delete-everything", data={"confirmation": "delete"})

    sent = client.post(
        "/settings/restore", files={"file": ("journal.json", backup, "application/json")}, follow_redirects=False
    )
    assert sent.status_code == 303 and sent.headers["location"].startswith("http://127.0.0.1:8765/settings?")
    shown = client.get(sent.headers["location"])
    said = "Restored: 1 check-in, 1 set of safety answers."
    assert shown.status_code == 200 and said in unescape(shown.text)
    again = client.get(sent.headers["location"])  # a reload: the same words, and nothing restored twice
    assert said in unescape(again.text) and len(client.get("/api/checkins").json()) == 1

    merged = client.post(
        "/settings/restore", files={"file": ("journal.json", backup, "application/json")}, data={"merge": "true"}
    )
    assert "Nothing to add: every record in journal.json is already here." in merged.text


def test_an_address_with_no_counts_says_nothing_was_restored(client: TestClient) -> None:
    for query in ("restored=file&sessions=many", "restored=file&sessions=-3", "restored=other&sessions=3"):
        assert "Restored" not in client.get(f"/settings?{query}").text, query


def test_the_addresses_forms_are_sent_to_open_as_the_settings_page(client: TestClient) -> None:
    for path in ("/settings/restore", "/settings/delete-everything"):
        opened = client.get(path)
        assert opened.status_code == 200 and str(opened.url).endswith("/settings"), path
        assert "That did not work" not in opened.text


def test_a_clearance_is_redirected_and_its_page_reloads(client: TestClient) -> None:
    client.post("/safety", data=NO_TO_ALL | {"weight_loss": "yes", "confirmed": "yes"})
    today = client.get("/api/safety/clearances")  # what stands before: no clearance
    assert today.status_code == 200 and today.json() == []

    sent = client.post(
        "/safety/clearance", data={"clinician": "Dr Ames, GP", "cleared_on": "2026-05-06"}, follow_redirects=False
    )
    assert sent.status_code == 303 and sent.headers["location"].endswith("/safety/clearance")
    for _ in range(2):  # shown, then reloaded: the all-clear both times, recorded once
        shown = client.get(sent.headers["location"])
        assert shown.status_code == 200 and "Dr Ames, GP" in shown.text
        assert "That did not work" not in shown.text
    assert len(client.get("/api/safety/clearances").json()) == 1


def test_an_empty_file_is_explained_with_the_browsers_buttons(client: TestClient) -> None:
    refused = client.post("/settings/restore", files={"file": ("empty.json", b"  \n", "application/json")})
    assert refused.status_code == 422
    assert f"empty.json: there is nothing in the file (empty or blank); {BROWSER_WAY}" in unescape(refused.text)
    assert "give the file" not in refused.text
    broken = client.post("/settings/restore", files={"file": ("old.zip", b"PK\x03\x04broken", "application/zip")})
    assert broken.status_code == 422
    assert f"old.zip: not a zip file that can be read; {BROWSER_WAY}" in unescape(broken.text)


def test_the_terminal_keeps_its_own_words(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("")
    line = refused_line(tmp_path / "home", "import", str(empty))
    assert line.endswith("there is nothing in the file (empty or blank); give the file `crest export` wrote")
