"""Practice mode's door: who is asking (a sign-in cookie, or a linked crest's device token), the cookie itself,
and the context each request runs in. A client gets the local app's own pages and API over their own journal; no
request ever reaches the server's person 1.

Cookies: HttpOnly, SameSite=Lax, `Path=/`; behind HTTPS also `Secure` with the `__Host-` prefix (no domain: no
other host can set or read it), and then only that cookie is read.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from crest.accounts.model import Actor, Admin, Anonymous, Client, Enrolling, NoPractice, Practitioner
from crest.accounts.records import Account
from crest.errors import CrestError
from crest.services.accounts import (
    CODE_STEP_LIFETIME,
    SESSION_ABSOLUTE_TIMEOUT,
    SET_UP_FIRST,
    Accounts,
    SecondFactorNeeded,
)
from crest.services.audit import Audited, AuditLog
from crest.services.bundle import Services
from crest.services.practice_mode import PracticeMode
from crest.web.context import WebContext
from crest.web.templating import NAV_ITEMS

COOKIE_NAME = "crest_session"
SECURE_COOKIE_NAME = "__Host-crest_session"
# Half signed in (the password right, the code to come): a cookie of its own, which only the code page reads.
CODE_STEP_COOKIE_NAME = "crest_code_step"
SECURE_CODE_STEP_COOKIE_NAME = "__Host-crest_code_step"


@dataclass(frozen=True)
class HandedOn:
    """What a form's answer hands the page the browser is sent back to (post, redirect, get), in a cookie of its
    own that the page ends once it has shown it: a reload of that page repeats nothing, and nothing stands in an
    address. Two minutes: the redirect is followed at once."""

    name: str
    secure_name: str
    lifetime: timedelta = timedelta(minutes=2)


# An invitation just made: the page shows its link once (a link not shown in time is listed, without it).
NEW_INVITE = HandedOn("crest_new_invite", "__Host-crest_new_invite")
# A change just made, for the page to confirm (crest.web.notices).
NOTICE = HandedOn("crest_notice", "__Host-crest_notice")
# Last in every signed-in navigation, on every page: a button (base.html), since signing out is a change (POST).
SIGN_OUT = ("sign_out", "Sign out")
CLIENT_NAV = (*NAV_ITEMS, ("sharing_page", "My practitioner"), ("account_page", "Account"), SIGN_OUT)
PRACTITIONER_NAV = (("practice_dashboard", "Clients"), ("account_page", "Account"), SIGN_OUT)
ADMIN_NAV = (("practice_admin", "Practice"), ("account_page", "Account"), SIGN_OUT)
SIGNED_OUT_NAV = (("login_page", "Sign in"),)
ENROLLING_NAV = (("account_two_factor", "Two-step sign-in"), SIGN_OUT)
NO_PRACTICE_NAV = (("account_page", "Account"), SIGN_OUT)


class SignInNeeded(CrestError):
    """Nobody is signed in: the API answers 401, a page sends the browser to the sign-in page."""

    http_status = 401


class ForClientsOnly(CrestError):
    """A practitioner's or admin's account asking for a client's own pages."""

    http_status = 403


class ForSyncOnly(CrestError):
    """A linked crest's device token asking for more than `crest sync` and `crest unlink` need."""

    http_status = 403


def device_may_ask(method: str, path: str) -> bool:
    """What a linked crest's token opens: syncing, and reading or stopping what is shared (crest unlink), never the
    account itself (its password, two-step sign-in, the journal's pages): a token copied off a computer must not
    become the whole account."""
    return path.startswith("/api/sync/") or (
        path.startswith("/api/account/sharing") and method in ("GET", "HEAD", "PUT")
    )


@dataclass(frozen=True)
class Asker:
    actor: Actor
    account: Account | None
    token: str | None  # the sign-in cookie's token
    device_id: int | None  # the linked crest that asked, if a device token did


@dataclass(frozen=True)
class PracticeDoor:
    accounts: Accounts
    practice: PracticeMode
    audit: AuditLog
    services_for: Callable[[int], Services]  # a client's own services, over their person
    # Seals what a form's answer hands on, so that a cookie planted by someone else (a sibling host over plain
    # HTTP, a shared computer) makes no page say a change was made. New at each start, the same in each of its
    # workers (PracticeOptions.hand_on_key): a notice pending across a restart is simply not shown.
    hand_on_key: bytes = field(repr=False)
    public_url: str | None = None  # where people reach the server, like https://practice.example
    served_url: str | None = None  # without a public address, what `crest serve --host --port` names

    def behind_https(self, connection: HTTPConnection) -> bool:
        return (self.public_url or "").startswith("https://") or connection.url.scheme in ("https", "wss")

    def cookie_name(self, connection: HTTPConnection) -> str:
        return SECURE_COOKIE_NAME if self.behind_https(connection) else COOKIE_NAME

    def code_step_cookie_name(self, connection: HTTPConnection) -> str:
        return SECURE_CODE_STEP_COOKIE_NAME if self.behind_https(connection) else CODE_STEP_COOKIE_NAME

    def code_step_token(self, connection: HTTPConnection) -> str | None:
        return connection.cookies.get(self.code_step_cookie_name(connection))

    def handed_on(self, connection: HTTPConnection, what: HandedOn) -> str | None:
        """What this server handed on, or None: no cookie, or one it did not seal."""
        value, _, seal = connection.cookies.get(self._handed_on_name(connection, what), "").rpartition(".")
        return value if value and hmac.compare_digest(seal, self._seal(what, value)) else None

    def _seal(self, what: HandedOn, value: str) -> str:
        return hmac.new(self.hand_on_key, f"{what.name}\n{value}".encode(), hashlib.sha256).hexdigest()

    def _handed_on_name(self, connection: HTTPConnection, what: HandedOn) -> str:
        return what.secure_name if self.behind_https(connection) else what.name

    def own_origin(self, connection: HTTPConnection) -> str:
        if self.public_url:
            scheme, _, rest = self.public_url.partition("://")
            return f"{scheme}://{rest.split('/', 1)[0]}".lower()
        scheme = {"ws": "http", "wss": "https"}.get(connection.url.scheme, connection.url.scheme)
        return f"{scheme}://{connection.headers.get('host', '')}".lower()

    def base_url(self, connection: HTTPConnection) -> str:
        """Where invitation links point: the public address, else the served one (a practitioner on the server
        itself may have come by 127.0.0.1, which a client elsewhere cannot reach), else the request's own, whose
        name the request guard has checked."""
        if self.public_url is None and self.served_url is not None:
            return self.served_url
        return self.own_origin(connection)

    def asker(self, connection: HTTPConnection) -> Asker:
        """Resolved once per request (every later call reads it from the request's state)."""
        cached: Asker | None = getattr(connection.state, "asker", None)
        if cached is not None:
            return cached
        authorization = connection.headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            if not device_may_ask(connection.scope.get("method", "GET"), connection.url.path):
                raise ForSyncOnly("this computer's link is for crest sync only; sign in on the practice's page instead")
            actor, account, device_id = self.accounts.actor_for_device(authorization[7:].strip())
            found = Asker(actor, account, None, device_id)
        else:
            token = connection.cookies.get(self.cookie_name(connection))
            actor, account = self.accounts.actor_for_session(token)
            found = Asker(actor, account, token if account is not None else None, None)
        connection.state.asker = found
        connection.state.nav_items = nav_for(found.actor)
        connection.state.home = home_for(found.actor)
        return found

    def client_context(self, base: WebContext, connection: HTTPConnection) -> WebContext:
        """The local app's context over the signed-in client's own journal; 401 or 403 for anyone else."""
        asker = self.asker(connection)
        if not isinstance(asker.actor, Client):
            refusal = _not_a_clients(asker.actor)
            if connection.scope["type"] == "websocket":
                # audited here: no exception handler sees a WebSocket's refusal (practice_app.refused logs the rest)
                self.audit.record(
                    asker.actor,
                    Audited.DENIED,
                    str(refusal.http_status),
                    address=address_of(connection),
                    detail=f"WS {logged_path(connection.url.path)}",
                )
            raise refusal
        context = replace(base, services=self.services_for(asker.actor.person_id), for_request=None)
        connection.state.crest_context = context
        return context

    def set_cookie(self, response: Response, connection: HTTPConnection, token: str) -> None:
        # A sign-in the browser held before ends with its cookie (a shared computer's earlier person): nobody
        # holds its token any more, so it must not stay valid until its idle timeout (ASVS 5.0 7.2.4).
        earlier = connection.cookies.get(self.cookie_name(connection))
        if earlier and earlier != token:
            self.accounts.sign_out(earlier, Anonymous(), None)
        self._set(response, connection, self.cookie_name(connection), token, SESSION_ABSOLUTE_TIMEOUT)

    def keep_signed_in(self, response: Response, connection: HTTPConnection, renewed: str | None) -> None:
        """After the password (and code) were confirmed again: the sign-in's new token in the cookie (the old one
        has ended: crest.services.accounts.Accounts._renewal), and this request's own later reads see it too. None
        stored (another tab renewed the same sign-in at the same moment, and the browser has that tab's token from
        its answer): the cookie is left alone, as a dead token in it would sign the person out."""
        if renewed is None or self.accounts.actor_for_session(renewed, False)[1] is None:
            return
        # `_set`, not `set_cookie`: the renewal ended the old token in its own write already
        self._set(response, connection, self.cookie_name(connection), renewed, SESSION_ABSOLUTE_TIMEOUT)
        asker: Asker | None = getattr(connection.state, "asker", None)
        if asker is not None:
            connection.state.asker = replace(asker, token=renewed)

    def clear_cookie(self, response: Response, connection: HTTPConnection) -> None:
        self._clear(response, connection, self.cookie_name(connection))

    def set_code_step_cookie(self, response: Response, connection: HTTPConnection, token: str) -> None:
        self._set(response, connection, self.code_step_cookie_name(connection), token, CODE_STEP_LIFETIME)

    def clear_code_step_cookie(self, response: Response, connection: HTTPConnection) -> None:
        self._clear(response, connection, self.code_step_cookie_name(connection))

    def hand_on(self, response: Response, connection: HTTPConnection, what: HandedOn, value: str) -> None:
        sealed = f"{value}.{self._seal(what, value)}"
        self._set(response, connection, self._handed_on_name(connection, what), sealed, what.lifetime)

    def end_handed_on(self, response: Response, connection: HTTPConnection, what: HandedOn) -> None:
        if connection.cookies.get(self._handed_on_name(connection, what)) is None:
            return
        self._clear(response, connection, self._handed_on_name(connection, what))

    def _set(self, response: Response, connection: HTTPConnection, name: str, token: str, lifetime: timedelta) -> None:
        response.set_cookie(
            name,
            token,
            max_age=int(lifetime.total_seconds()),
            path="/",
            secure=self.behind_https(connection),
            httponly=True,
            samesite="lax",
        )

    def _clear(self, response: Response, connection: HTTPConnection, name: str) -> None:
        response.delete_cookie(name, path="/", secure=self.behind_https(connection), httponly=True, samesite="lax")


def nav_for(actor: Actor) -> tuple[tuple[str, str], ...]:
    if isinstance(actor, Client):
        return CLIENT_NAV
    if isinstance(actor, Practitioner):
        return PRACTITIONER_NAV
    if isinstance(actor, Admin):
        return ADMIN_NAV
    if isinstance(actor, Enrolling):
        return ENROLLING_NAV
    return SIGNED_OUT_NAV if isinstance(actor, Anonymous) else NO_PRACTICE_NAV


def home_for(actor: Actor) -> tuple[str, str]:
    """The page each role lands on, and the words of a link back to it: the first page it may see."""
    if isinstance(actor, Client):
        return "today", "Back to today"
    if isinstance(actor, Practitioner):
        return "practice_dashboard", "Back to your clients"
    if isinstance(actor, Admin):
        return "practice_admin", "Back to your practice"
    if isinstance(actor, Enrolling):
        return "account_two_factor", "Set up two-step sign-in"
    return ("login_page", "Sign in") if isinstance(actor, Anonymous) else ("account_page", "Back to your account")


def address_of(connection: HTTPConnection) -> str | None:
    return connection.client.host if connection.client else None


# The routes whose address holds a secret: an invitation's link and a password link, pages and API.
LINK_CODE_IN_PATH = re.compile(r"^(/invite/|/reset/|/api/auth/invites/|/api/auth/password-resets/)[^/]+")


def _not_a_clients(actor: Actor) -> CrestError:
    """Why a client's own page or stream is refused to `actor`, who is not a client."""
    if isinstance(actor, Anonymous):
        return SignInNeeded("please sign in first")
    if isinstance(actor, Enrolling):
        return SecondFactorNeeded(SET_UP_FIRST)
    if isinstance(actor, NoPractice):  # a removed practitioner has no Clients page to be sent to
        return ForClientsOnly("these pages are a client's own, and this account belongs to no practice now")
    return ForClientsOnly("these pages are a client's own; practitioners follow clients under Clients")


def logged_path(path: str) -> str:
    """The path for the audit log, an invitation's or password link's code left out (`/reset/{code}`): refused, the
    link still works, and whoever reads the log (the operator, a syslog host, a backup) must not be able to use it
    (ASVS 5.0 16.2.5)."""
    return LINK_CODE_IN_PATH.sub(r"\1{code}", path)


def practice_door(request: Request) -> PracticeDoor:
    door: PracticeDoor = request.app.state.practice_door
    return door


async def asker_of(request: Request, door: Annotated[PracticeDoor, Depends(practice_door)]) -> Asker:
    return await run_in_threadpool(door.asker, request)


Door = Annotated[PracticeDoor, Depends(practice_door)]
Asked = Annotated[Asker, Depends(asker_of)]
