"""Who may talk to crest's web door: requests under the names crest is served as, and changes from its own pages.

Three rules, checked before any route runs, for HTTP and WebSocket alike, without reading a body:

1. The Host (DNS rebinding). A page of `attacker.example` can make its name point at 127.0.0.1, and the browser
   then sends `Host: attacker.example:PORT` to crest as if it were that site, free to read the answers. Only the
   names crest is served as are accepted: 127.0.0.1, localhost and [::1], the name given to `crest serve --host`
   and, when that is every address (0.0.0.0 or ::), any address written as numbers (a rebinding always arrives
   under a name) and this computer's own name. With the port crest listens on. A practice (`--practice`) answers
   under the name of its `--public-url` on any port (behind a proxy), or without one under the names it is served
   as, like the local app: it builds invitation links from the address it is reached at, which a rebinding site
   would name. Anything else: 421, nothing read.

2. The key (another account of this computer). Any account of a computer may connect to 127.0.0.1. Run by
   `crest serve`, the app answers only requests that carry its key (crest.web.local_key): the cookie the browser
   got from the address `crest serve` gives (`/?key=KEY` sets the cookie and sends the browser on to the same
   address without the key: `key_traded`), or `Authorization: Bearer KEY` from a script of the person's own.
   Anything else, but crest's static files (the refusal's own style), gets 401, nothing read. The key is this
   computer's owner's alone (a file only they can read), and another site never has it; an app not run by crest
   serve (tests) has none and asks none.

3. Where a change comes from (cross-site requests). Every request that can change data (any method but GET, HEAD
   and OPTIONS) and every WebSocket is judged by `provenance`:
   - `Sec-Fetch-Site`, when the browser sends it (every current browser does, to 127.0.0.1 and localhost), is
     decisive: `same-origin` (a page of this crest) and `none` (the person's own action) pass; `same-site` (another
     program on this computer, any port) and `cross-site` are refused.
   - Else `Origin`, which every current browser sends with such a request: it must be this server's own origin,
     scheme, name and port as in the Host header; `null` (a sandboxed or privacy-stripped page) is refused.
   - Else `Referer`, which an older browser sends alone (Firefox before 70 sent no Origin with a form's POST):
     the page it names must be of this server's own origin, as for `Origin`.
   - None of them: not a web page but a script (curl, a crest command). Accepted while it carries no cookie: a
     request with a cookie comes from a browser holding credentials, and must say where it comes from.
   Refused: 403, nothing read. Practice mode (cookie sign-in, no key) reuses `provenance` and `own_origin`.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import socket
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from crest.web.errors import refused_before_routes
from crest.web.local_key import KEY_PARAMETER

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}
# Both apps' refusal of a change from another site (practice mode's guard says it too).
NOT_FROM_OWN_PAGES = "this change did not come from crest's own pages, so nothing was changed"
FAVICON = "/static/favicon.svg"  # a static file: answered with or without the key
NO_KEY = "this crest opens only with its key: open the whole address crest serve printed, key and all; nothing was read"
# The key's cookie lasts as long as a browser keeps one (400 days, Chromium's most): the key outlives restarts.
KEY_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60


class Provenance(Enum):
    OWN_PAGES = "own pages"  # crest's own page, or the person's own action in the browser
    OTHER_SITE = "other site"  # another site, or another program on this computer
    NO_BROWSER_HEADERS = "no browser headers"  # a script; a browser always says where a change comes from


def split_host(host_header: str) -> tuple[str, int | None]:
    """`[::1]:8765` -> ("::1", 8765); `Localhost` -> ("localhost", None); an unreadable port -> ("", None)."""
    host, port = host_header.strip().lower(), ""
    if host.startswith("["):
        host, _, rest = host[1:].partition("]")
        port = rest.removeprefix(":")
    elif host.count(":") == 1:
        host, _, port = host.partition(":")
    if port and not (port.isascii() and port.isdigit()):
        return "", None
    return host, int(port) if port else None


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class ServedAs:
    """The names (and port) under which crest is reached; `port` None accepts any (an app not run by crest serve)."""

    names: frozenset[str] = LOOPBACK_NAMES
    port: int | None = None
    any_address: bool = False  # listening on every address: any address written as numbers is this computer
    key: str | None = None  # crest serve's key (rule 2); None lets in whoever reaches the names above

    @property
    def key_cookie(self) -> str:
        """Its own name per port: a browser sends a cookie of 127.0.0.1 to every port of it."""
        return "crest_key" if self.port is None else f"crest_key_{self.port}"

    @classmethod
    def serving(cls, host: str, port: int, key: str | None = None) -> ServedAs:
        """What `crest serve --host HOST --port PORT` is reached as, and with which key."""
        name = host.strip().strip("[]").lower()
        every_address = _is_ip_address(name) and ipaddress.ip_address(name).is_unspecified
        names = LOOPBACK_NAMES | {name}
        if every_address:
            names |= {socket.gethostname().lower()}
        return cls(names=frozenset(names), port=port, any_address=every_address, key=key)

    @classmethod
    def practice(cls, public_url: str | None, served_at: tuple[str, int] | None = None) -> ServedAs:
        """A practice (`crest serve --practice`): the name in its public address, on any port (a proxy forwards it
        from its own). Without one, what `--host` and `--port` are reached as (`served_at`), or when not run by
        crest serve, this computer's loopback names."""
        if public_url is None:
            return cls() if served_at is None else cls.serving(*served_at)
        host, _ = split_host(urlsplit(public_url).netloc)
        return cls(names=LOOPBACK_NAMES | {host})

    def accepts(self, host_header: str, scheme: str) -> bool:
        host, port = split_host(host_header)
        if not host:
            return False
        if self.port is not None and (port or DEFAULT_PORTS.get(scheme, 80)) != self.port:
            return False
        return host in self.names or (self.any_address and _is_ip_address(host))


def own_origin(headers: Headers, scheme: str) -> str:
    """This server's origin as the request reached it: `http://127.0.0.1:8765`."""
    web_scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    return f"{web_scheme}://{headers.get('host', '').strip().lower()}"


def provenance(headers: Headers, scheme: str) -> Provenance:
    """Where a request comes from, by the headers a browser sets and no page can forge (rule 3 above)."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return Provenance.OWN_PAGES if fetch_site.strip().lower() in ("same-origin", "none") else Provenance.OTHER_SITE
    origin = headers.get("origin")
    if origin is None and "referer" in headers:
        origin = _origin_of_page(headers["referer"])
    if origin is not None:
        return Provenance.OWN_PAGES if _same_origin(origin, own_origin(headers, scheme)) else Provenance.OTHER_SITE
    return Provenance.NO_BROWSER_HEADERS


def _origin_of_page(address: str) -> str:
    """`http://127.0.0.1:8765/settings?x` -> `http://127.0.0.1:8765`; an unreadable address -> "" (no origin)."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def _same_origin(origin: str, own: str) -> bool:
    def parts(value: str) -> tuple[str, str, int | None]:
        scheme, _, rest = value.strip().lower().partition("://")
        host, port = split_host(rest)
        return scheme, host, port or DEFAULT_PORTS.get(scheme)

    return parts(origin) == parts(own) and parts(own)[1] != ""


def refusal(scope: Scope, served_as: ServedAs) -> tuple[int, str] | None:
    """The status and message refusing this request, or None when it may go on."""
    headers = Headers(scope=scope)
    scheme = scope.get("scheme", "http")
    if not served_as.accepts(headers.get("host", ""), scheme):
        at = f"http://127.0.0.1:{served_as.port}" if served_as.port else "http://127.0.0.1"  # its port, if known
        return 421, f"this address is not one crest answers at; use the one it is served at, such as {at}"
    if not carries_key(HTTPConnection(scope), served_as):
        return 401, NO_KEY
    changes = scope["type"] == "websocket" or scope.get("method", "GET") not in SAFE_METHODS
    if not changes:
        return None
    return (403, NOT_FROM_OWN_PAGES) if from_elsewhere(headers, scheme) else None


def from_elsewhere(headers: Headers, scheme: str) -> bool:
    """Whether a change is refused for where it comes from (rule 3): another site, or a cookie without a word of
    where from. Practice mode's guard asks it first, to log what is refused."""
    found = provenance(headers, scheme)
    return found is Provenance.OTHER_SITE or (found is Provenance.NO_BROWSER_HEADERS and "cookie" in headers)


def carries_key(connection: HTTPConnection, served_as: ServedAs) -> bool:
    """Whether the request may be answered under rule 2: its key in the cookie, the Authorization header or the
    address (to be traded for the cookie), or a static file."""
    if served_as.key is None or connection.url.path.startswith("/static/"):
        return True
    scheme, _, bearer = connection.headers.get("authorization", "").partition(" ")
    offered = (
        connection.cookies.get(served_as.key_cookie, ""),
        bearer.strip() if scheme.lower() == "bearer" else "",
        connection.query_params.get(KEY_PARAMETER, ""),
    )
    return any(hmac.compare_digest(one.encode(), served_as.key.encode()) for one in offered)


def key_traded(connection: HTTPConnection, served_as: ServedAs) -> HTMLResponse | None:
    """The answer to the address with the right key: the key as a cookie, and a page that sends the browser on to
    the same address without it.

    The cookie is HttpOnly (no script reads it), `Path=/`, named for this port (`ServedAs.key_cookie`) and
    SameSite=Strict: a page of another site, even one the person follows a link from, never gets crest's pages
    with it. A browser gives a Strict cookie to no redirect that began on another site, and crest serve's opening
    page is a file, another site: after a 303 from the keyed address crest answered 401. The page here sends the
    browser on from crest's own origin instead (a meta refresh, no script), and says no Referer, so the keyed
    address it came in at is sent nowhere."""
    offered = connection.query_params.get(KEY_PARAMETER)
    if served_as.key is None or offered is None or not hmac.compare_digest(offered.encode(), served_as.key.encode()):
        return None
    kept = [(name, value) for name, value in connection.query_params.multi_items() if name != KEY_PARAMETER]
    path = "/" + connection.url.path.lstrip("/")  # `//elsewhere.example` would lead to another site
    # quoted: a backslash, which a browser reads as a slash (`/\x` is `//x`, another site), goes as %5C
    onward = html.escape(quote(path, safe="/%") + (f"?{urlencode(kept)}" if kept else ""))
    page = (
        '<!doctype html><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={onward}"><title>crest</title>'
        # crest's icon, as base.html names it: a page naming none has Chromium ask /favicon.ico, a 404 in its console
        f'<link rel="icon" href="{FAVICON}" type="image/svg+xml">'
        f'<p><a href="{onward}">Open crest</a></p>\n'
    )
    response = HTMLResponse(page, headers={"referrer-policy": "no-referrer"})
    response.set_cookie(
        served_as.key_cookie, served_as.key, max_age=KEY_COOKIE_MAX_AGE_S, path="/", httponly=True, samesite="strict"
    )
    return response


class RequestGuard:
    """Plain ASGI middleware applying `refusal` to every HTTP request and WebSocket before anything else runs."""

    def __init__(self, app: ASGIApp, served_as: ServedAs) -> None:
        self.app = app
        self.served_as = served_as

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            refused = refusal(scope, self.served_as)
            if refused is not None:
                await refuse(scope, receive, send, *refused)
                return
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            traded = key_traded(HTTPConnection(scope), self.served_as)
            if traded is not None:
                await traded(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    """The refusal of an HTTP request or a WebSocket, before any route (practice mode's guard answers with it too)."""
    if scope["type"] == "websocket":
        # Closing before accepting answers the handshake with 403; the close code is for clients that get that far.
        await send({"type": "websocket.close", "code": 1008, "reason": message})
        return
    await refused_before_routes(scope, status, message)(scope, receive, send)
