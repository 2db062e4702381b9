"""The keyed address crest serve gives (`/?key=...`, a page that sends the browser on) names crest's icon, as every
other page does: without it Chromium asked for /favicon.ico and its console showed a 404 at every first open of a
fresh profile (walk s56 L7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

from crest.web.app import create_app
from crest.web.guard import ServedAs
from crest.web.local_key import with_key

KEY = "k" * 43


def test_the_keyed_address_lands_on_today_with_nothing_missing_in_the_console(
    tmp_path: Path, serve_app: Callable[[Any], str], browser: Any
) -> None:
    own = serve_app(create_app(f"sqlite:///{tmp_path / 'crest.db'}", local_zone=UTC, served_as=ServedAs(key=KEY)))
    context = browser.new_context()  # a fresh profile: no icon kept from before
    try:
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        failed: list[str] = []
        page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
        page.goto(with_key(f"{own}/", KEY))
        page.wait_for_url(f"{own}/")
        assert page.locator("h1").first.inner_text() == "Today"
        page.wait_for_load_state("networkidle")
        assert failed == [] and [line for line in console if line.startswith("error")] == []
    finally:
        context.close()
