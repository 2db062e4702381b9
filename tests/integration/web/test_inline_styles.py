"""No inline style that the Content Security Policy refuses, on any page of either app.

The policy allows no 'unsafe-inline' style (an injected style can read a token out of the page or redress it), so a
browser refuses every style="..." attribute, and every <style> element whose text's hash is not in style-src. Each
page of the local app (over a journal with something in every part) and of the practice app (each kind of person
signed in) is read here as a browser reads it; every template must have been rendered on the way, and no template
may carry an inline style in a branch these journals do not reach.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.journal.store import Journal
from crest.report.render import CHART_STYLE
from crest.web.templating import TEMPLATES
from support.clock import FakeClock
from support.journal_api import seed_something_of_everything
from support.practice_web import PASSWORD, World, browser, practice_app
from support.routes import app_routes

TEMPLATE_FOLDERS = (
    Path(TEMPLATES.env.loader.searchpath[0]),  # type: ignore[union-attr]
    Path(__file__).parents[3] / "src" / "crest" / "report" / "templates",
)
LOCAL_PAGES = (
    "/session/log",
    "/session?minutes=5",
    "/session/edit?session_id={session}",
    "/session/breath?session_id={session}",
    "/help?q=yawning",
    "/help/yawning",
    "/no-such-page",  # the error page
    "/session?minutes=45",  # the error page, naming a field
)
PRACTICE_PAGES = {
    "anonymous": ("/login", "/invite/{invite}", "/reset/{reset}"),
    "admin": (
        "/practice/admin",
        "/practice/admin/practitioners/{practitioner}/remove",
        "/practice/admin/practitioners/{practitioner}/sign-out",
        "/practice/admin/practitioners/{practitioner}/two-factor/reset",
        "/account",
        "/account/two-factor",
    ),
    "linked_practitioner": ("/practice", "/practice/clients/{client}", "/practice/clients/{client}/end", "/account"),
    "client_a": ("/sharing", "/account"),
    "enrolling_practitioner": ("/account/two-factor",),  # two-step sign-in off: where a reset by another is told
}
# Pages shown only as the answer to a form (setting up two-step sign-in: its QR code, an SVG drawn here).
PRACTICE_ANSWERS = {
    "admin": ("/practice/admin/practitioners/{practitioner}/reset-link",),
    "enrolling_practitioner": ("/account/two-factor/start",),
}


class InlineStyles(HTMLParser):
    """The style attributes and the text of each <style> element of a page (an SVG's included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[str] = []
        self.elements: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [f'<{tag} style="{value}">' for name, value in attrs if name == "style"]
        if tag == "style":
            self._in_style = True
            self.elements.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.elements[-1] += data


def refused_styles(response: httpx.Response) -> list[str]:
    """What of the page's inline style a browser refuses under the page's own policy."""
    directives = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    allowed = directives["style-src"].split()
    assert "'unsafe-inline'" not in allowed
    page = InlineStyles()
    page.feed(response.text)
    refused = list(page.attributes)  # no 'unsafe-hashes': an attribute is refused whatever its hash
    for text in page.elements:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        if f"'sha256-{digest}'" not in allowed:
            refused.append(f"<style>{text[:60]}...</style>")
    return refused


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """The names of the templates rendered (included ones too) while the test runs."""
    names: set[str] = set()
    loader: Any = TEMPLATES.env.loader
    get_source = loader.get_source

    def recorded(environment: Any, name: str) -> Any:
        names.add(name)
        return get_source(environment, name)

    monkeypatch.setattr(TEMPLATES.env, "cache", None)  # each render asks the loader again
    monkeypatch.setattr(loader, "get_source", recorded)
    yield names


def _html_pages(app: FastAPI) -> list[str]:
    """Every page the app answers with no id in its path."""
    return sorted(
        path
        for method, path in app_routes(app)
        if method == "GET" and not path.startswith(("/api", "/static", "/openapi")) and "{" not in path
    )


def _read(client: TestClient, path: str, method: str = "GET") -> list[str]:
    response = client.request(method, path)
    assert response.status_code < 500, path
    if not response.headers["content-type"].startswith("text/html"):
        return []
    if "attachment" in response.headers.get("content-disposition", ""):
        return []  # a download (the report's HTML file): saved, never shown under this policy
    return [f"{path}: {refused}" for refused in refused_styles(response)]


def test_no_page_of_the_local_app_has_an_inline_style_the_policy_refuses(
    cleared: TestClient, app: FastAPI, clock: FakeClock, rendered: set[str], tmp_path: Path
) -> None:
    ids = seed_something_of_everything(cleared, clock)
    pages = [*_html_pages(app), *(path.format(**ids) for path in LOCAL_PAGES)]
    problems = [problem for path in pages for problem in _read(cleared, path)]
    assert problems == []
    with Journal.open(f"sqlite:///{tmp_path / 'crest.db'}", clock=clock) as journal:  # a rest the terminal runs
        journal.start_session(clock.now, 10, "standard", "4242@a-terminal-elsewhere")
    assert _read(cleared, "/session") == []
    assert f"<style>{CHART_STYLE}</style>" in cleared.get("/report").text  # the pain chart's own, allowed by its hash
    local = {path.name for path in TEMPLATE_FOLDERS[0].glob("*.html") if not path.name.startswith("practice_")}
    assert local - rendered == set()


@pytest.fixture(scope="module")
def world(built_practice: World, tmp_path_factory: pytest.TempPathFactory) -> World:
    return built_practice.copied_to(tmp_path_factory.mktemp("world"))


def test_no_page_of_the_practice_app_has_an_inline_style_the_policy_refuses(
    world: World, tmp_path: Path, rendered: set[str]
) -> None:
    app = practice_app(world.copy_to(tmp_path), world.clock)
    values = {
        "invite": world.invite_codes["anonymous"],
        "reset": world.reset_codes["anonymous"],
        "client": world.ids["client"],
        "practitioner": world.ids["practitioner_membership"],
    }
    problems = []
    with TestClient(app):
        for actor, paths in PRACTICE_PAGES.items():
            with browser(app, world.tokens[actor]) as client:
                pages = [path.format(**values) for path in paths]
                if actor == "client_a":
                    pages += _html_pages(app)
                problems += [f"{actor} {problem}" for path in pages for problem in _read(client, path)]
                answers = [path.format(**values) for path in PRACTICE_ANSWERS.get(actor, ())]
                problems += [f"{actor} {problem}" for path in answers for problem in _read(client, path, "POST")]
        with browser(app) as half:  # a practitioner's password just accepted: the page that asks the code
            answer = half.post("/login", data={"email": "pat@clinic.example", "password": PASSWORD})
            assert answer.url.path == "/login/code"
            problems += [f"the code step: {refused}" for refused in refused_styles(answer)]
    assert problems == []
    assert {name for name in rendered if name.startswith("practice_")} == {
        path.name for path in TEMPLATE_FOLDERS[0].glob("practice_*.html")
    }


# A style attribute or a <style> element in a template's source, in any branch: only the report's file carries one.
INLINE_IN_SOURCE = re.compile(r"""<style[\s>]|\sstyle\s*=""", re.IGNORECASE)
STYLE_IN_SCRIPT = re.compile(r"""setAttribute\(\s*["']style|\.cssText|style\s*=|<style|createElement\(\s*["']style""")


def test_no_template_and_no_script_writes_an_inline_style() -> None:
    found = [
        f"{template.name}: {match.group()}"
        for folder in TEMPLATE_FOLDERS
        for template in folder.glob("*.html")
        for match in INLINE_IN_SOURCE.finditer(template.read_text(encoding="utf-8"))
    ]
    # The report's standalone file (a download, and WeasyPrint's input) carries its style sheet inside itself.
    assert found == ["report.html: <style>"]
    static = TEMPLATE_FOLDERS[0].parent / "static"
    scripts = [
        f"{script.name}: {line.strip()}"
        for script in static.glob("*.js")
        for line in script.read_text().splitlines()
        if STYLE_IN_SCRIPT.search(line)
    ]
    assert scripts == []
