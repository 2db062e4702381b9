"""Two tabs renewing one sign-in at the same moment (the password changed, or everywhere else signed out, from
both): the later answer set a cookie with a token that was never stored, and whichever answer came last left the
browser signed out (security walk s51 L3, L4). The later one now leaves the cookie alone: the browser keeps the
earlier tab's new token, and stays signed in."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import Response

from crest.journal.practice_store import PracticeStore
from crest.web.practice_door import COOKIE_NAME
from support.practice_web import PASSWORD, World, browser

# (the address, what both tabs send, the store's write the later tab waits on)
RENEWING = {
    "password": (
        "/api/account/password",
        {"current_password": PASSWORD, "new_password": "a fresh passphrase of mine"},
        "change_password",
    ),
    "sign out elsewhere": ("/api/account/sessions/end-others", {"password": PASSWORD}, "end_other_access"),
}


@pytest.mark.parametrize("case", RENEWING)
def test_the_later_of_two_tabs_leaves_the_earlier_tabs_cookie_and_the_browser_signed_in(
    app: FastAPI, world: World, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    path, body, write = RENEWING[case]
    token = world.tokens["client_a"]
    original = getattr(PracticeStore, write)
    earlier: list[Response] = []

    def later_write(store: PracticeStore, *args: Any) -> Any:
        """The later tab's write waits while the earlier tab's whole request runs, on another thread."""
        monkeypatch.setattr(PracticeStore, write, original)
        other_tab = threading.Thread(target=lambda: earlier.append(browser(app, token).post(path, json=body)))
        other_tab.start()
        other_tab.join()
        return original(store, *args)

    monkeypatch.setattr(PracticeStore, write, later_write)
    with browser(app, token) as later_tab:
        later = later_tab.post(path, json=body)

    assert later.is_success and len(earlier) == 1 and earlier[0].is_success
    assert COOKIE_NAME not in later.cookies  # the browser's cookie is the earlier answer's
    with browser(app, earlier[0].cookies[COOKIE_NAME]) as browser_after:
        assert browser_after.get("/api/auth/me").status_code == 200
    with browser(app, token) as old:
        assert old.get("/api/auth/me").status_code == 401
