"""Every audit entry says where the request came from (ASVS 16.2.1), and an account reads its own activity with
those addresses on its Account page and at /api/account/activity."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.records import JournalContents
from crest.journal.transfer.json_format import export_json
from crest.services.audit import Audited
from support.practice_web import PASSWORD, World, ann_in_severe_pain, app_code, browser

TEST_CLIENT_ADDRESS = "testclient"  # what Starlette's TestClient gives as the client's host


def test_every_audit_entry_written_while_answering_a_request_names_its_address(app: FastAPI, world: World) -> None:
    """The world was built over HTTP (invites, acceptances with consent, a prescription, a removal); here every
    other audited change is made too. Not one entry may lack the address."""
    client_id, session_id = world.ids["client"], world.ids["session"]
    with browser(app, world.tokens["client_a"]) as ann:
        sharing = f"/api/account/sharing/{world.ids['link']}"
        assert ann.put(sharing, json={"shared": True, "share_notes": True}).status_code == 200
        assert ann.get("/api/practice/clients").status_code == 403  # refused, and audited
        assert ann.post("/api/auth/logout").status_code == 204
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.get(f"/api/practice/clients/{client_id}").status_code == 200
        notes = f"/api/practice/clients/{client_id}/sessions/{session_id}/notes"
        assert pat.post(notes, json={"text": "Well done."}).status_code == 201
        assert pat.post(f"/api/practice/clients/{client_id}/end").status_code == 204
    with browser(app, world.tokens["admin"]) as admin:
        reset = admin.post(f"/api/practice/practitioners/{world.ids['practitioner_membership']}/reset-link").json()
    with TestClient(app) as pat_again:
        code = app_code(app, "pat@clinic.example")
        body = {"code": reset["code"], "new_password": "a new passphrase of mine", "second_factor_code": code}
        assert pat_again.post("/api/auth/password-reset", json=body).status_code == 200
    with TestClient(app) as fresh:
        body = {
            "code": world.invite_codes["no_practice"],
            "email": "cleo@example.org",
            "password": PASSWORD,
            "name": "Cleo",
            "consent": True,
            "device_name": "laptop",
        }
        accepted = fresh.post("/api/auth/accept-invite", json=body)
        assert accepted.status_code == 201, accepted.text
    with TestClient(app) as computer:  # a linked crest: its device token, no cookie
        device = {"Authorization": f"Bearer {accepted.json()['device_token']}"}
        empty = {"journal": export_json(JournalContents()), "uids": {}}
        assert computer.post("/api/sync/push", json=empty, headers=device).status_code == 200
        assert computer.delete("/api/sync/device", headers=device).status_code == 204
    entries = app.state.practice_door.audit.entries()
    actions = {entry.action for entry in entries}
    assert {"invite", "consent", "prescribe", "remove_practitioner", "note_session", "end_programme"} <= actions
    assert {"link_device", "sync", "unlink_device", "denied", "sign_out", "read_client"} <= actions
    assert {"make_reset_link", "reset_password"} <= actions
    by_request = [entry for entry in entries if entry.actor_name != "the server's operator"]  # from the terminal
    assert len(by_request) < len(entries)
    assert [entry for entry in by_request if entry.address != TEST_CLIENT_ADDRESS] == []


def test_an_account_reads_its_own_activity_with_the_address_of_each_request(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        # The app itself never reads X-Forwarded-For: uvicorn replaces the address with it only for a proxy it
        # trusts (FORWARDED_ALLOW_IPS), so a client cannot pass off another address by sending the header.
        pat.get(f"/api/practice/clients/{world.ids['client']}", headers={"X-Forwarded-For": "203.0.113.9"})
        activity = pat.get("/api/account/activity").json()
        page = pat.get("/account").text
    assert activity[0]["what"] == "looked at a client's data" and activity[0]["outcome"] == "ok"
    assert {entry["address"] for entry in activity} == {TEST_CLIENT_ADDRESS}
    assert {"signed in", "accepted an invitation", "prescribed"} <= {entry["what"] for entry in activity}
    assert "Recent activity on this account" in page
    assert f"looked at a client&#39;s data, from {TEST_CLIENT_ADDRESS}" in page
    with browser(app, world.tokens["client_b"]) as ben:
        theirs = ben.get("/api/account/activity").json()
    assert "looked at a client's data" not in {entry["what"] for entry in theirs}  # only one's own


def test_nobody_signed_in_has_no_activity_to_read(app: FastAPI) -> None:
    with TestClient(app) as nobody:
        assert nobody.get("/api/account/activity").status_code == 401


def test_an_acknowledged_alert_and_each_export_say_which_in_the_audit_log(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    ann_in_severe_pain(app, world)
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.post(f"/api/practice/clients/{client_id}/alerts/severe_pain/acknowledge").status_code == 204
        assert pat.get(f"/api/practice/clients/{client_id}/report.pdf").status_code == 200
        assert pat.get(f"/api/practice/clients/{client_id}/fhir").status_code == 200
    audit = app.state.practice_door.audit
    [acknowledged] = audit.entries(Audited.ACKNOWLEDGE_ALERT)
    assert (acknowledged.detail, acknowledged.actor_name, acknowledged.address) == (
        "severe_pain",
        "Pat Physio",
        TEST_CLIENT_ADDRESS,
    )
    assert {entry.detail for entry in audit.entries(Audited.EXPORT_CLIENT)} == {"clinician report", "FHIR R5 bundle"}
