"""Removing a practitioner, signing one out everywhere and ending a client's programme ask first, on a page that
names who is affected and what happens, with the button and Cancel; it works without JavaScript and the change
itself stays a POST behind the Origin rule. The JSON API stays one call: a program asks for what it means."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.services.audit import Audited
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import World, browser, sign_in


def _posting_forms(html: str) -> list[str]:
    # the navigation's Sign out, on every page, aside
    return [action for action in re.findall(r'<form method="post" action="([^"]+)"', html) if action != "/logout"]


def _practitioners(app: FastAPI, world: World) -> list[str]:
    with browser(app, world.tokens["admin"]) as admin:
        return [one["email"] for one in admin.get("/api/practice/practitioners").json()]


def test_removing_a_practitioner_asks_first_naming_them(app: FastAPI, world: World) -> None:
    membership = world.ids["practitioner_membership"]
    removal = f"/practice/admin/practitioners/{membership}/remove"
    with browser(app, world.tokens["admin"]) as admin:
        page = admin.get("/practice/admin").text
        assert removal not in _posting_forms(page), "one click on the admin page removed a colleague"
        assert f'href="{removal}"' in page
        asking = admin.get(removal)
        assert asking.status_code == 200
        assert "<h1>Remove Pat Physio?</h1>" in asking.text
        assert "Pat Physio (pat@clinic.example) leaves Clinic: they are signed out at once" in asking.text
        assert _posting_forms(asking.text) == [removal] and ">Remove Pat Physio</button>" in asking.text
        assert 'href="/practice/admin" class="button secondary">Cancel</a>' in asking.text
    assert "pat@clinic.example" in _practitioners(app, world)  # asking changed nothing

    with TestClient(app) as elsewhere:  # the button's POST still needs this server's own pages
        elsewhere.cookies.set(COOKIE_NAME, world.tokens["admin"] or "")
        assert elsewhere.post(removal, headers={"Origin": "https://evil.example"}).status_code == 403
    assert "pat@clinic.example" in _practitioners(app, world)
    with browser(app, world.tokens["admin"]) as admin:
        admin.follow_redirects = False
        removed = admin.post(removal)
        assert removed.status_code == 303 and removed.headers["location"] == "/practice/admin"
        assert admin.get(removal).status_code == 404  # nobody left to ask about
    assert "pat@clinic.example" not in _practitioners(app, world)


def test_signing_a_practitioner_out_everywhere_asks_first_naming_them_and_keeps_them(
    app: FastAPI, world: World
) -> None:
    membership = world.ids["practitioner_membership"]
    signing_out = f"/practice/admin/practitioners/{membership}/sign-out"
    elsewhere = sign_in(app, "pat@clinic.example")  # the stolen laptop
    with browser(app, world.tokens["admin"]) as admin:
        page = admin.get("/practice/admin").text
        assert signing_out not in _posting_forms(page) and f'href="{signing_out}"' in page
        assert 'aria-label="Sign out everywhere: Pat Physio">Sign out everywhere</a>' in page
        asking = admin.get(signing_out)
        assert asking.status_code == 200 and "<h1>Sign Pat Physio out everywhere?</h1>" in asking.text
        assert "Pat Physio (pat@clinic.example) is signed out at once on every computer and phone" in asking.text
        assert "They stay in Clinic with their clients" in asking.text
        assert _posting_forms(asking.text) == [signing_out]
        assert ">Sign Pat Physio out everywhere</button>" in asking.text
        assert 'href="/practice/admin" class="button secondary">Cancel</a>' in asking.text
    for token in (world.tokens["linked_practitioner"], elsewhere):
        with browser(app, token) as pat:
            assert pat.get("/api/auth/me").status_code == 200  # asking changed nothing

    with TestClient(app) as forged:  # the button's POST still needs this server's own pages
        forged.cookies.set(COOKIE_NAME, world.tokens["admin"] or "")
        assert forged.post(signing_out, headers={"Origin": "https://evil.example"}).status_code == 403
    with browser(app, elsewhere) as pat:
        assert pat.get("/api/auth/me").status_code == 200
    with browser(app, world.tokens["admin"]) as admin:
        admin.follow_redirects = False
        done = admin.post(signing_out)
        assert done.status_code == 303
        assert done.headers["location"] == "/practice/admin"
        assert "Pat Physio is signed out everywhere: 2 sign-ins ended." in admin.get(done.headers["location"]).text
        assert admin.get("/api/auth/me").status_code == 200  # the admin's own sign-in stays
    for token in (world.tokens["linked_practitioner"], elsewhere):
        with browser(app, token) as pat:
            assert pat.get("/api/auth/me").status_code == 401
    assert "pat@clinic.example" in _practitioners(app, world)  # still in the practice
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        assert [row["name"] for row in pat.get("/api/practice/clients").json()] == ["Ann"]  # with their clients
    [entry] = app.state.practice_door.audit.entries(Audited.END_PRACTITIONER_SIGN_INS)
    assert entry.address == "testclient" and entry.detail == f"membership {membership}: 2 sign-ins ended"


def test_ending_a_programme_asks_first_naming_the_client(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    ending = f"/practice/clients/{client_id}/end"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(f"/practice/clients/{client_id}").text
        assert ending not in _posting_forms(page), "one click on the client's page ended the programme"
        assert f'href="{ending}"' in page
        asking = pat.get(ending)
        assert asking.status_code == 200
        assert "<h1>End Ann&#39;s programme?</h1>" in asking.text
        assert "You stop following Ann now: they leave your list of clients" in asking.text
        assert _posting_forms(asking.text) == [ending] and ">End the programme</button>" in asking.text
        assert f'href="/practice/clients/{client_id}" class="button secondary">Cancel</a>' in asking.text
        report = f"/api/practice/clients/{client_id}/report.pdf"
        keep = f'<a href="{report}" download>Download the final report (PDF) first</a>'
        assert keep in asking.text and asking.text.index(keep) < asking.text.index(">End the programme</button>")
        pdf = pat.get(report)
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-")
        assert [row["name"] for row in pat.get("/api/practice/clients").json()] == ["Ann"]  # asking changed nothing
        pat.follow_redirects = False
        ended = pat.post(ending)
        assert ended.status_code == 303 and ended.headers["location"] == "/practice"
        assert pat.get("/api/practice/clients").json() == []
        assert pat.get(ending).status_code == 404


def test_the_json_api_signs_a_practitioner_out_everywhere_in_one_call(app: FastAPI, world: World) -> None:
    membership = world.ids["practitioner_membership"]
    with browser(app, world.tokens["admin"]) as admin:
        ended = admin.post(f"/api/practice/practitioners/{membership}/sessions/end")
        assert ended.status_code == 200 and ended.json() == {"ended": 1}
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.get("/api/auth/me").status_code == 401
    assert "pat@clinic.example" in _practitioners(app, world)


def test_the_json_api_removes_and_ends_in_one_call(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.post(f"/api/practice/clients/{world.ids['client']}/end").status_code == 204
    with browser(app, world.tokens["admin"]) as admin:
        membership = world.ids["practitioner_membership"]
        assert admin.delete(f"/api/practice/practitioners/{membership}").status_code == 204
    assert "pat@clinic.example" not in _practitioners(app, world)


def test_removing_a_practitioner_says_how_many_clients_and_waiting_alerts_it_leaves_unfollowed(
    app: FastAPI, world: World
) -> None:
    removal = f"/practice/admin/practitioners/{world.ids['practitioner_membership']}/remove"
    with browser(app, world.tokens["admin"]) as admin:
        calm = admin.get(removal).text
    assert (
        "Pat Physio follows 1 client, none with an alert waiting. Once removed, nobody here follows this client: a "
        "colleague can invite each client again to follow them."
    ) in calm
    assert "Ann" not in calm  # counts only: the admin reads no client's data

    with browser(app, world.tokens["client_a"]) as ann:  # severe pain: a critical alert nobody has acknowledged
        severe = {"timing": "standalone", "pain": [{"region": "lower_back", "side": "centre", "score": 9}]}
        assert ann.post("/api/checkins", json=severe).status_code == 201
    with browser(app, world.tokens["admin"]) as admin:
        waiting = admin.get(removal).text
    assert (
        "Pat Physio follows 1 client, who has an alert nobody has acknowledged (critical: severe pain, a red flag or "
        "a warning sign). Once removed, nobody here follows this client or sees those alerts: ask Pat Physio to hand "
        "them on first;"
    ) in waiting


def test_an_invitation_from_a_removed_practitioner_no_longer_works(app: FastAPI, world: World) -> None:
    code = world.invite_codes["anonymous"]  # sent by Pat
    with TestClient(app) as visitor:
        assert visitor.get(f"/api/auth/invites/{code}").status_code == 200
    with browser(app, world.tokens["admin"]) as admin:
        assert admin.post(f"/practice/admin/practitioners/{world.ids['practitioner_membership']}/remove").is_success
    with TestClient(app) as visitor:
        offer = visitor.get(f"/api/auth/invites/{code}")
        page = visitor.get(f"/invite/{code}")
        body = {"code": code, "email": "new@example.org", "password": "a long enough password", "name": "New"}
        accepted = visitor.post("/api/auth/accept-invite", json=body | {"consent": True})
    assert offer.status_code == 410 and "whoever sent it has left the practice" in offer.json()["detail"]
    assert page.status_code == 410 and "whoever sent it has left the practice" in page.text
    assert accepted.status_code == 410


def test_ending_a_programme_names_the_alerts_nobody_has_acknowledged(app: FastAPI, world: World) -> None:
    ending = f"/practice/clients/{world.ids['client']}/end"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert "nobody has acknowledged" not in pat.get(ending).text
    with browser(app, world.tokens["client_a"]) as ann:
        severe = {"timing": "standalone", "pain": [{"region": "hip", "side": "left", "score": 8}]}
        assert ann.post("/api/checkins", json=severe).status_code == 201
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        asking = pat.get(ending).text
    listed = '1 alert nobody has acknowledged:</p><ul class="alerts"><li><span class="alert-part">'
    assert f"{listed}pain 8/10 at the hip (left)<" in asking
    assert "Once the programme ends, nobody here sees them." in asking


def test_withdrawing_an_invitation_asks_first_and_each_link_names_whose(app: FastAPI, world: World) -> None:
    """Every button read "Withdraw" (a screen reader's list: "Withdraw, Withdraw") and withdrew at once: one
    keypress on the wrong row and a client's link stopped working (practice walk-through M4)."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        for email in ("ann.other@example.org", "ben.other@example.org"):
            assert pat.post("/api/practice/invites", json={"role": "client", "email": email}).status_code == 201
        ben = next(one for one in pat.get("/api/practice/invites").json() if one["email"] == "ben.other@example.org")
        withdrawal = f"/practice/invites/{ben['id']}/withdraw"
        page = pat.get("/practice").text
        assert withdrawal not in _posting_forms(page), "one click on the list withdrew an invitation"
        names = [
            re.sub(r"<[^>]+>", "", name)
            for name in re.findall(r'href="/practice/invites/\d+/withdraw">(.*?)</a>', page)
        ]
        assert all(name.startswith("Withdraw… the invitation for ") for name in names)
        for_someone = [name for name in names if "@" in name]
        assert len(for_someone) == len(set(for_someone)) >= 2
        made = re.search(r"made (\d+ \w+ \d{4})", page)
        assert made is not None and f"Withdraw… the invitation for ben.other@example.org, made {made[1]}" in names

        asking = pat.get(withdrawal)
        assert asking.status_code == 200
        assert "<h1>Withdraw the invitation for ben.other@example.org?</h1>" in asking.text
        assert _posting_forms(asking.text) == [withdrawal] and ">Withdraw the invitation</button>" in asking.text
        assert 'href="/practice" class="button secondary">Cancel</a>' in asking.text
        assert any(one["id"] == ben["id"] for one in pat.get("/api/practice/invites").json())  # asking changed nothing
        pat.follow_redirects = False
        assert pat.post(withdrawal).status_code == 303
        assert all(one["id"] != ben["id"] for one in pat.get("/api/practice/invites").json())
        assert pat.get(withdrawal).status_code == 404  # withdrawn: nothing left to ask about
