"""Where an account is signed in, and signing out everywhere else (ASVS 5.0 V7.5.2): the Account page and the API
list the open sign-ins with where each began, and end every other one once the password is given again."""

from __future__ import annotations

import re

from fastapi import FastAPI

from crest.counting import counted
from crest.services.audit import Audited
from support.practice_web import PASSWORD, World, browser, sign_in


def _listed(page: str) -> list[str]:
    section = page.split('id="sign-ins-heading"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", section, re.S)


def test_the_account_page_lists_each_sign_in_and_signs_out_everywhere_else(app: FastAPI) -> None:
    here, phone = sign_in(app, "ben@example.org"), sign_in(app, "ben@example.org")
    with browser(app, here) as ben:
        listed = _listed(ben.get("/account").text)
        assert len(listed) >= 2 and all("from testclient" in one for one in listed)
        assert sum("(this browser)" in one for one in listed) == 1
        wrong = ben.post("/account/sessions/end-others", data={"password": "not my password"})
        assert wrong.status_code == 401 and "That password is not this account&#39;s; nothing ended" in wrong.text
        with browser(app, phone) as still:
            assert still.get("/api/auth/me").status_code == 200  # a wrong password ends nothing
        done = ben.post("/account/sessions/end-others", data={"password": PASSWORD}, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == f"/account?ended={len(listed) - 1}"
        page = ben.get(done.headers["location"]).text
        assert f"Signed out everywhere else: {len(listed) - 1} other sign-in" in page
        assert [one for one in _listed(page) if "(this browser)" not in one] == []
        assert ben.get("/api/auth/me").status_code == 200  # this browser stays
    with browser(app, phone) as ended:
        assert ended.get("/api/auth/me").status_code == 401
    audit = app.state.practice_door.audit
    assert [entry.outcome for entry in audit.entries(Audited.DENIED) if entry.detail == "sign out everywhere else"]
    [entry] = audit.entries(Audited.END_SIGN_INS)
    assert entry.address == "testclient" and entry.detail == f"{counted(len(listed) - 1, 'other sign-in')} ended"


def test_the_api_lists_sign_ins_and_ends_the_others_with_the_password(app: FastAPI, world: World) -> None:
    other = sign_in(app, "pat@clinic.example")
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        listed = pat.get("/api/account/sessions").json()
        assert [one["this_browser"] for one in listed].count(True) == 1 and len(listed) >= 2
        assert set(listed[0]) == {"began_at", "last_used_at", "address", "this_browser"}
        assert pat.post("/api/account/sessions/end-others", json={"password": "nope"}).status_code == 401
        ended = pat.post("/api/account/sessions/end-others", json={"password": PASSWORD})
        assert ended.status_code == 200 and ended.json() == {"ended": len(listed) - 1}
        assert [one["this_browser"] for one in pat.get("/api/account/sessions").json()] == [True]
    with browser(app, other) as elsewhere:
        assert elsewhere.get("/api/auth/me").status_code == 401
