"""What a page confirms after a change that sent the browser back to it (post, redirect, get): a fixed key in the
address (`?done=password-changed`), said in words kept here. Never words, names or numbers taken from the address:
anyone can make a link to crest with any query, and crest's own page must not say what its maker wrote (content
spoofing: "your account is locked, call ..."). A key crest never sends, or another page's, says nothing."""

from __future__ import annotations

from enum import StrEnum

from fastapi import Request
from fastapi.responses import RedirectResponse


class Done(StrEnum):
    PASSWORD_CHANGED = "password-changed"
    SIGNED_OUT_ELSEWHERE = "signed-out-elsewhere"
    TWO_FACTOR_OFF = "two-factor-off"
    SHARING_SAVED = "sharing-saved"
    SHARING_STOPPED = "sharing-stopped"
    PRACTITIONER_SIGNED_OUT = "practitioner-signed-out"
    PRACTITIONER_TWO_FACTOR_RESET = "practitioner-two-factor-reset"

    @property
    def page(self) -> str:
        """The route whose page says it (on any other page the key says nothing)."""
        return _SAID[self][0]

    @property
    def text(self) -> str:
        return _SAID[self][1]


_SAID: dict[Done, tuple[str, str]] = {
    Done.PASSWORD_CHANGED: ("account_page", "Your password is changed."),
    Done.SIGNED_OUT_ELSEWHERE: (
        "account_page",
        "Signed out everywhere else: every other sign-in has ended, and every computer linked with crest link is "
        "unlinked (crest link links one again).",
    ),
    Done.TWO_FACTOR_OFF: ("account_two_factor", "Two-step sign-in is off."),
    Done.SHARING_SAVED: ("sharing_page", "Saved."),
    Done.SHARING_STOPPED: ("sharing_page", "Sharing stopped: that practitioner sees nothing of yours from now on."),
    Done.PRACTITIONER_SIGNED_OUT: (
        "practice_admin",
        "The practitioner is signed out everywhere: every sign-in of theirs has ended.",
    ),
    Done.PRACTITIONER_TWO_FACTOR_RESET: (
        "practice_admin",
        "The practitioner's two-step sign-in is reset: they set up a new authenticator app at their next sign-in.",
    ),
}


def done_on(page: str, key: str | None) -> Done | None:
    """What the page `page` confirms for `key`; None for no key, one crest never sends, or another page's."""
    return next((done for done in Done if done.value == key and done.page == page), None)


def back_with(request: Request, done: Done) -> RedirectResponse:
    """To the page that says `done` (303: a reload asks that page again, never the change)."""
    return RedirectResponse(f"{request.url_for(done.page).path}?done={done.value}", status_code=303)
