"""What a page confirms after a change that sent the browser back to it (post, redirect, get).

The change hands the page a one-shot cookie (HttpOnly, two minutes, cleared by the answer that shows it) holding
a fixed key and the numbers its sentence needs (a practitioner's membership, how many sign-ins ended); the page
says it in words kept here, with names it looks up itself. Nothing comes from the address: anyone can make a link
to crest, and crest's page must neither say that something happened when it did not (a false "sharing stopped"
or "signed out everywhere" leaves a person exposed) nor say its maker's words. A key crest never sends, or
another page's, says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from fastapi import Request, Response
from fastapi.responses import RedirectResponse

from crest.counting import counted
from crest.web.practice_door import NOTICE, PracticeDoor

# A key, then up to three whole numbers (record ids and counts), as `back_with` writes it.
_HANDED_ON = re.compile(r"^(?P<key>[a-z-]{1,40})(?P<numbers>(?::[0-9]{1,12}){0,3})$")


class Done(StrEnum):
    PASSWORD_CHANGED = "password-changed"
    PASSWORD_SET = "password-set"  # with a password link
    SIGNED_OUT_ELSEWHERE = "signed-out-elsewhere"
    TWO_FACTOR_OFF = "two-factor-off"
    SHARING_SAVED = "sharing-saved"
    SHARING_STOPPED = "sharing-stopped"
    PRACTITIONER_SIGNED_OUT = "practitioner-signed-out"
    PRACTITIONER_TWO_FACTOR_RESET = "practitioner-two-factor-reset"
    CLIENT_INVITE_WITHDRAWN = "client-invite-withdrawn"
    PRACTITIONER_INVITE_WITHDRAWN = "practitioner-invite-withdrawn"
    PROGRAMME_ENDED = "programme-ended"
    PRACTITIONER_REMOVED = "practitioner-removed"
    SIGNED_OUT = "signed-out"
    ALERT_ACKNOWLEDGED = "alert-acknowledged"

    @property
    def page(self) -> str:
        """The route whose page says it (on any other page the key says nothing)."""
        return _PAGES[self]


_PAGES: dict[Done, str] = {
    Done.PASSWORD_CHANGED: "account_page",
    Done.PASSWORD_SET: "account_page",
    Done.SIGNED_OUT_ELSEWHERE: "account_page",
    Done.TWO_FACTOR_OFF: "account_two_factor",
    Done.SHARING_SAVED: "sharing_page",
    Done.SHARING_STOPPED: "sharing_page",
    Done.PRACTITIONER_SIGNED_OUT: "practice_admin",
    Done.PRACTITIONER_TWO_FACTOR_RESET: "practice_admin",
    Done.CLIENT_INVITE_WITHDRAWN: "practice_dashboard",
    Done.PRACTITIONER_INVITE_WITHDRAWN: "practice_admin",
    Done.PROGRAMME_ENDED: "practice_dashboard",
    Done.PRACTITIONER_REMOVED: "practice_admin",
    Done.SIGNED_OUT: "login_page",
    Done.ALERT_ACKNOWLEDGED: "practice_client",
}
# What a change that names nobody says, on its page
SAID: dict[Done, str] = {
    Done.CLIENT_INVITE_WITHDRAWN: "The invitation is withdrawn: its link no longer works.",
    Done.PRACTITIONER_INVITE_WITHDRAWN: "The invitation is withdrawn: its link no longer works.",
    Done.PROGRAMME_ENDED: "The programme is ended: you no longer follow that client, and every record stays theirs.",
    Done.SIGNED_OUT: "You are signed out.",
}


@dataclass(frozen=True)
class Notice:
    """A change just made, handed on to the page that confirms it."""

    done: Done
    numbers: tuple[int, ...]

    def number(self, index: int) -> int | None:
        return self.numbers[index] if index < len(self.numbers) else None


# Where on its page a notice stands, when that is below the first screen of a phone.
_PLACES: dict[Done, str] = {
    Done.PASSWORD_CHANGED: "#password",
    Done.PASSWORD_SET: "#password",
    Done.SIGNED_OUT_ELSEWHERE: "#sign-ins-heading",
}


def back_with(request: Request, door: PracticeDoor, done: Done, *numbers: int, **path_params: int) -> RedirectResponse:
    """To the page that says `done` (`path_params`: its address's, like a client's id), at the notice (303: a
    reload asks that page again, never the change)."""
    page = request.url_for(done.page, **path_params).path
    response = RedirectResponse(page + _PLACES.get(done, ""), status_code=303)
    door.hand_on(response, request, NOTICE, ":".join([done.value, *(str(number) for number in numbers)]))
    return response


def handed_on(request: Request, door: PracticeDoor, page: str) -> Notice | None:
    """What the page `page` confirms: None for no cookie, one crest never writes, or another page's."""
    found = _HANDED_ON.match(door.handed_on(request, NOTICE) or "")
    if found is None:
        return None
    done = next((done for done in Done if done.value == found["key"] and done.page == page), None)
    if done is None:
        return None
    return Notice(done, tuple(int(number) for number in found["numbers"].split(":")[1:]))


def shown_once(request: Request, door: PracticeDoor, response: Response) -> Response:
    """The answer that showed a notice ends its cookie: a reload or a later visit says nothing."""
    door.end_handed_on(response, request, NOTICE)
    return response


def signed_out_elsewhere(notice: Notice) -> str:
    ended, unlinked = notice.number(0) or 0, notice.number(1) or 0
    if not ended and not unlinked:
        return "Signed out everywhere else: no other sign-in was open."
    computers = f"; {counted(unlinked, 'linked computer')} unlinked (crest link links one again)" if unlinked else ""
    return f"Signed out everywhere else: {counted(ended, 'other sign-in')} ended{computers}."


def practitioner_notice(notice: Notice, name: str) -> str:
    """What the Practice page says of a change to the practitioner `name` (the page escapes it)."""
    if notice.done == Done.PRACTITIONER_REMOVED:
        return (
            f"{name} is removed: they are signed out everywhere, the invitations they sent no longer work, and "
            "their clients keep every record."
        )
    if notice.done == Done.PRACTITIONER_TWO_FACTOR_RESET:
        return (
            f"{name}'s two-step sign-in is reset and they are signed out everywhere: they set up a new "
            "authenticator app at their next sign-in."
        )
    ended = notice.number(1) or 0
    if not ended:
        return f"{name} is signed out everywhere: no sign-in of theirs was open."
    return f"{name} is signed out everywhere: {counted(ended, 'sign-in')} ended."


def alert_acknowledged(client: str, alert: str) -> str:
    """What a client's page says of the alert `alert` (its words) just acknowledged (the page escapes both)."""
    return f"Alert for {client} acknowledged: {alert}."


def sharing_stopped(practitioner: str) -> str:
    return f"Sharing stopped: {practitioner} sees nothing of yours from now on."
