"""The security headers on every answer of both apps, refusals included: nothing of crest's may be framed by
another site (clickjacking), sniffed as another type, or run a script that crest does not serve itself; and no
answer but the static files may be kept by a cache (`Cache-Control: no-store`): pages and JSON carry health data,
and a shared computer's browser cache would keep a journal's pages after its tab is closed, for the next person
to read, as would a proxy's between a practice and its clients."""

from __future__ import annotations

import base64
import hashlib

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crest.report.render import CHART_STYLE


def inline_source(text: str) -> str:
    """The policy's source that lets an inline <style> run when its text is exactly `text` (CSP's hash source)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        # Only crest's own files run: a page's <script type="application/json"> is data, never run.
        "script-src 'self'",
        # No inline style (an injected one can read a page's secrets out through the addresses it loads, or redress
        # the page), but for the report's pain chart: it carries its own <style>, since the same drawing is read alone
        # in the report's file and its PDF. That exact text alone is allowed, by its hash (taken from CHART_STYLE
        # here, so it follows any change to the chart's style); any other <style> is refused.
        f"style-src 'self' {inline_source(CHART_STYLE)}",
        "img-src 'self' blob:",  # the position check shows the chosen photo, or a video's frame, from memory
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",  # frame-ancestors for browsers that predate it
    # A page's address may name a client or a record: crest's own pages alone see it. (With no-referrer, a browser
    # sends `Origin: null` with crest's own forms, which the practice's guard refuses.)
    "referrer-policy": "same-origin",
    # Another site's window keeps no handle on a crest page it opened, or that opened it (no counting its frames,
    # no timing its navigations), and no other site may load crest's answers as its images, scripts or media: each
    # shuts a way to learn something of a journal without reading it (cross-site leaks).
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
STRICT_TRANSPORT = "max-age=31536000"
# crest's own style sheets, scripts and sounds: the same for everyone, no one's data; a cache may keep them.
STATIC_PREFIX = "/static/"


def add_security_headers(headers: MutableHeaders, over_https: bool) -> None:
    """`HEADERS` (and HSTS `over_https`) on one answer; also for the 500 page, which Starlette sends from outside
    every middleware."""
    for name, value in HEADERS.items():
        headers.setdefault(name, value)
    if over_https:
        headers["strict-transport-security"] = STRICT_TRANSPORT


class SecurityHeaders:
    """Plain ASGI middleware adding `HEADERS`, and `no-store` but under `STATIC_PREFIX`; with `strict_transport` (a
    practice), HSTS on answers sent over HTTPS (behind a proxy, uvicorn takes the scheme from X-Forwarded-Proto).
    The local app is plain http on this computer: no HSTS there."""

    def __init__(self, app: ASGIApp, strict_transport: bool) -> None:
        self.app = app
        self.strict_transport = strict_transport

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        over_https = self.strict_transport and scope.get("scheme") == "https"
        stored = scope.get("path", "").startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                add_security_headers(headers, over_https)
                if not stored:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
