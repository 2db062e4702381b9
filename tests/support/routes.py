"""Every route an app answers, walked from `app.routes` (FastAPI's included routers too), for the tests that ask
each of them something."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from starlette.routing import Mount, Route, WebSocketRoute


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, nested routers included ("WS" for a WebSocket)."""
    found: set[tuple[str, str]] = set()

    def walk(routes: Any) -> None:
        for route in routes:
            contexts = getattr(route, "effective_route_contexts", None)
            if contexts is not None:  # FastAPI's included routers
                for context in contexts() if callable(contexts) else contexts:
                    served = getattr(context, "starlette_route", None)  # a WebSocket keeps its path there
                    path = context.path or getattr(served, "path", "")
                    found.update(_entries(path, getattr(context, "methods", None)))
            elif isinstance(route, WebSocketRoute):
                found.add(("WS", route.path))
            elif isinstance(route, Mount):
                found.add(("GET", route.path))
            elif isinstance(route, Route):
                found.update(_entries(route.path, route.methods))
            else:
                raise AssertionError(f"a kind of route the matrix cannot walk: {route!r}")

    walk(app.routes)
    return found


def _entries(path: str, methods: set[str] | None) -> set[tuple[str, str]]:
    path = re.sub(r"\{(\w+):\w+\}", r"{\1}", path)  # {session_id:int} is the same route as {session_id}
    if not methods:
        return {("WS", path)}
    return {(method, path) for method in methods if method != "HEAD"}
