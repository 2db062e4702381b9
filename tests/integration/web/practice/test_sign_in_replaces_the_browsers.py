"""Signing in on a browser already signed in (a shared computer) ends the browser's earlier sign-in: its cookie is
replaced, and its token stayed valid until the idle timeout (the s51 security walk, L1; ASVS 5.0 7.2.4)."""

from __future__ import annotations

from fastapi import FastAPI

from support.practice_web import PASSWORD, browser, sign_in

BEN = "ben@example.org"


def test_the_sign_in_page_ends_the_browsers_earlier_sign_in(app: FastAPI) -> None:
    earlier, elsewhere = sign_in(app, BEN), sign_in(app, BEN)
    with browser(app, earlier) as shared:
        again = shared.post("/login", data={"email": BEN, "password": PASSWORD}, follow_redirects=False)
        assert again.status_code == 303, again.text
        assert shared.get("/api/auth/me").status_code == 200
    with browser(app, earlier) as copied:
        assert copied.get("/api/auth/me").status_code == 401
    with browser(app, elsewhere) as other_browser:
        assert other_browser.get("/api/auth/me").status_code == 200  # another browser's sign-in stays


def test_the_api_sign_in_ends_the_browsers_earlier_sign_in(app: FastAPI) -> None:
    earlier = sign_in(app, BEN)
    with browser(app, earlier) as shared:
        assert shared.post("/api/auth/login", json={"email": BEN, "password": PASSWORD}).status_code == 200
        assert shared.get("/api/auth/me").status_code == 200
    with browser(app, earlier) as copied:
        assert copied.get("/api/auth/me").status_code == 401
