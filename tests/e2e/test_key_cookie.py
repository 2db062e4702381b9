"""crest serve's key in a real browser (security walk s50): the page crest serve opens (a file, so another site) lands
on Today with the key's cookie HttpOnly, SameSite=Strict and `Path=/`; a link on another site to a page of crest
opens no journal; the address typed, or reloaded, still does. A browser gives a Strict cookie to no redirect begun
on another site: the key's trade must send it on from crest's own origin (crest.web.guard)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import Any

from crest.web.app import create_app
from crest.web.guard import ServedAs
from crest.web.local_key import opening_page, with_key

KEY = "k" * 43


def test_crest_serves_opening_page_lands_with_a_strict_cookie(
    tmp_path: Path, serve_app: Callable[[Any], str], browser: Any
) -> None:
    # Any port (the server picks it): the cookie is `crest_key`; its name per port is test_request_guard's.
    own = serve_app(create_app(f"sqlite:///{tmp_path / 'crest.db'}", local_zone=UTC, served_as=ServedAs(key=KEY)))
    opening = opening_page(tmp_path, with_key(f"{own}/", KEY))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(opening.as_uri())
        page.wait_for_url(f"{own}/")
        assert page.locator("h1").first.inner_text() == "Today"
        [cookie] = context.cookies()
        assert (cookie["name"], cookie["value"], cookie["path"]) == ("crest_key", KEY, "/")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        page.reload()
        assert page.locator("h1").first.inner_text() == "Today"
        elsewhere = context.new_page()  # a link on a page of another site, clicked
        elsewhere.set_content(f'<a id="crest" href="{own}/journal">my journal</a>')
        elsewhere.click("#crest")
        elsewhere.wait_for_url(f"{own}/journal")
        assert elsewhere.locator("h1").first.inner_text() == "That did not work"
        typed = context.new_page()
        typed.goto(f"{own}/journal")
        assert typed.locator("h1").first.inner_text() == "Journal"
    finally:
        context.close()
