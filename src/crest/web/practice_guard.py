"""Practice mode's rule for every change, applied before any route runs (`Cache-Control: no-store`, on every answer
of both apps but the static files, is crest.web.headers'):

- A request that changes data (any method but GET, HEAD, OPTIONS) and carries the sign-in cookie (or the one of
  a sign-in half done, between the password and the code) must carry an `Origin` header naming this server
  itself; else 403, nothing read. A browser always sends Origin with such a request, and no other site can make
  it name this one. A linked crest signs with a device token in the
  Authorization header instead, which no other site can make a browser send.
- A change that crest.web.guard refuses for where it comes from (another site, by Sec-Fetch-Site, Origin or
  Referer) is refused here first, to be logged, one with the sign-in cookie and this server's Origin too (a forged
  Sec-Fetch-Site beside it): a sign-in from another site (login CSRF) leaves its entry as other refused sign-ins do
  (ASVS 5.0 16.3.1, 16.3.3). Nothing of the body is read, so no password or code reaches the log.
- So is a WebSocket (the live camera check) that crest.web.guard refuses for where it comes from, which it judges
  as a change: another site's page opening it with the client's cookie (cross-site WebSocket hijacking) is logged
  `denied` like any change from elsewhere, the address's query and the cookie left out.
"""

from __future__ import annotations

import re

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from crest.services.audit import Audited
from crest.web.guard import NOT_FROM_OWN_PAGES, from_elsewhere, refuse
from crest.web.practice_door import (
    CODE_STEP_COOKIE_NAME,
    COOKIE_NAME,
    SECURE_CODE_STEP_COOKIE_NAME,
    SECURE_COOKIE_NAME,
    PracticeDoor,
    address_of,
    home_for,
    logged_path,
    nav_for,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The sign-in cookie, and the half-signed-in one that the code page takes.
SIGNING_COOKIES = (COOKIE_NAME, SECURE_COOKIE_NAME, CODE_STEP_COOKIE_NAME, SECURE_CODE_STEP_COOKIE_NAME)
# Where a password or a code is given to sign in, on the pages and in the API
SIGN_IN_DOORS = re.compile(
    r"^/(login|login/code|invite/[^/]+|reset/[^/]+|api/auth/(login|accept-invite|invites/[^/]+/accept|password-reset))$"
)


def from_own_pages(connection: HTTPConnection, door: PracticeDoor) -> bool:
    origin = connection.headers.get("origin")
    return origin is not None and origin.strip().lower().rstrip("/") == door.own_origin(connection)


def needs_own_origin(scope: Scope, connection: HTTPConnection) -> bool:
    if scope.get("method", "GET") in SAFE_METHODS:
        return False
    signed_by_cookie = any(name in connection.cookies for name in SIGNING_COOKIES)
    return signed_by_cookie and not connection.headers.get("authorization", "").lower().startswith("bearer ")


class PracticeGuard:
    """Plain ASGI middleware: no cost per request beyond reading two headers."""

    def __init__(self, app: ASGIApp, door: PracticeDoor) -> None:
        self.app = app
        self.door = door

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        why = self._refused_for(scope, connection)
        if why is not None:
            from starlette.concurrency import run_in_threadpool

            path = scope.get("path", "")
            http = scope["type"] == "http"
            await run_in_threadpool(
                self.door.audit.record,
                None,
                Audited.SIGN_IN if http and SIGN_IN_DOORS.match(path) else Audited.DENIED,
                "403",
                address=address_of(connection),
                detail=f"{scope.get('method') if http else 'WS'} {logged_path(path)}: {why}",
            )
            if http and not path.startswith("/api/"):  # a page: with the navigation of whoever is signed in
                await run_in_threadpool(self._navigation_of_the_signed_in, connection)
            await refuse(scope, receive, send, 403, NOT_FROM_OWN_PAGES)
            return
        await self.app(scope, receive, send)

    def _refused_for(self, scope: Scope, connection: HTTPConnection) -> str | None:
        """Why a change is refused, in the log's words; None when it may go on."""
        if needs_own_origin(scope, connection) and not from_own_pages(connection, self.door):
            return "no Origin of this server"
        # this server's Origin too: crest.web.guard refuses a Sec-Fetch-Site of another site beside it (forged)
        changes = scope["type"] == "websocket" or scope.get("method", "GET") not in SAFE_METHODS
        return "from another site" if changes and from_elsewhere(connection.headers, scope["scheme"]) else None

    def _navigation_of_the_signed_in(self, connection: HTTPConnection) -> None:
        """Read only: the refused request may be another site's, and must not keep the sign-in alive."""
        actor, _ = self.door.accounts.actor_for_session(
            connection.cookies.get(self.door.cookie_name(connection)), False
        )
        connection.state.nav_items = nav_for(actor)
        connection.state.home = home_for(actor)
