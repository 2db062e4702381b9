"""Turning two-step sign-in on is post, redirect, get: the practitioner's walk (s54, L4) found the recovery codes' page
at the form's own address, so a reload asked to send the form again and Back met "Confirm Form Resubmission". The
codes are shown once, by the page the form redirects to, and never stand in an address or a cache."""

from __future__ import annotations

import re

from fastapi import FastAPI

from crest.accounts.second_factor import code_at, step_at
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import PASSWORD, World, browser

CODE = re.compile(r"\d{4}-\d{4}-\d{4}")


def test_the_recovery_codes_are_shown_once_after_a_redirect(app: FastAPI, world: World) -> None:
    door = app.state.practice_door
    with browser(app, world.tokens["client_b"]) as ben:
        ben.follow_redirects = False
        ben.post("/account/two-factor/start")
        secret = door.accounts.second_factor_state(door.accounts.actor_for_session(world.tokens["client_b"])[0])
        code = code_at(secret.setting_up, step_at(world.clock()))
        confirmed = ben.post("/account/two-factor/confirm", data={"password": PASSWORD, "code": code})
        assert confirmed.status_code == 303 and confirmed.headers["location"] == "/account/two-factor"
        assert not CODE.search(confirmed.text) and not CODE.search(confirmed.headers["location"])
        handed = [one for one in confirmed.headers.get_list("set-cookie") if one.startswith("crest_recovery_codes=")]
        assert len(handed) == 1 and "httponly" in handed[0].lower() and "max-age=120" in handed[0].lower()

        shown = ben.get("/account/two-factor")
        codes = CODE.findall(shown.text)
        assert shown.status_code == 200 and len(set(codes)) == 10, shown.text
        assert "they are shown only now" in shown.text
        assert shown.headers["cache-control"] == "no-store"
        ended = [one for one in shown.headers.get_list("set-cookie") if one.startswith("crest_recovery_codes=")]
        assert len(ended) == 1 and "max-age=0" in ended[0].lower()  # the answer that shows them ends them

        reloaded = ben.get("/account/two-factor").text  # a reload, or Back: the page, without them
        assert not CODE.search(reloaded) and "10 of your 10 recovery codes are left" in reloaded
        handed_cookie = handed[0].split(";")[0].partition("=")[2]

    # the next person signed in on that browser, the codes' cookie still there: none shown
    with browser(app, world.tokens["client_a"]) as ann:
        ann.cookies.set("crest_recovery_codes", handed_cookie)
        assert not CODE.search(ann.get("/account/two-factor").text)
    with browser(app, str(confirmed.cookies[COOKIE_NAME])) as again:  # nor is one that was not this server's
        again.cookies.set("crest_recovery_codes", f"{handed_cookie.rpartition('.')[0]}.{'0' * 64}")
        assert not CODE.search(again.get("/account/two-factor").text)
