"""The two-step sign-in's code page opens with the focus in the code field (practitioner walk s54, L3, keyboard
pass): it opened on the page itself, so typing the app's code went nowhere until Tab had passed the skip link, the
logo and Sign in. A wrong code's page opens on its refusal instead (a screen reader says it), as every form does."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from support.practice_web import ORIGIN, PASSWORD, World


def _code_field(page: str) -> str:
    field = re.search(r'<input id="code"[^>]*>', page)
    assert field is not None, page
    return field[0]


def test_the_code_page_opens_in_the_code_field(app: FastAPI, world: World) -> None:
    with TestClient(app, headers={"Origin": ORIGIN}) as admin:  # the admin has two-step sign-in
        page = admin.post("/login", data={"email": "admin@clinic.example", "password": PASSWORD})
        assert page.url.path == "/login/code"
        assert "data-focus-on-load" in _code_field(page.text)
        assert page.text.count("data-focus-on-load") == 1
        wrong = admin.post("/login/code", data={"code": "not it"})
    assert wrong.status_code == 401 and "data-focus-on-load" not in _code_field(wrong.text)
    assert wrong.text.count("data-focus-on-load") == 1  # the refusal's
