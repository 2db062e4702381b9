"""Every page of both apps in Chromium, listening for Content Security Policy violations; a screenshot of each.

The local app (a few weeks of practice, a breath reading, a PSFS round) and the practice app (tests/support's
practice world: its admin, a practitioner and their client, each signed in, and an invitation signed out), each at
390x844 and 1280x800, light and dark. Both servers run on a clock that stands still, so two runs draw the same
pixels: compare a run before a change with one after it (`--compare`).

Run: .venv/bin/python bench/csp_sweep.py [--out bench/out/csp] [--compare OTHER_OUT]
Takes a minute or two: too slow for the test suite, which has tests/integration/web/test_inline_styles.py.
"""

from __future__ import annotations

import argparse
import re
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from crest.accounts.passwords import TEST_COST  # noqa: E402
from crest.web.app import create_app  # noqa: E402
from crest.web.practice_app import PracticeOptions  # noqa: E402
from crest.web.practice_door import COOKIE_NAME  # noqa: E402
from support.clock import FakeClock  # noqa: E402
from support.journal_api import seed_something_of_everything  # noqa: E402
from support.practice_web import build_world  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
VARIANTS = {
    "phone-light": {"viewport": {"width": 390, "height": 844}, "color_scheme": "light"},
    "phone-dark": {"viewport": {"width": 390, "height": 844}, "color_scheme": "dark"},
    "wide-light": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "light"},
    "wide-dark": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"},
}
LOCAL_PAGES = (
    "/",
    "/safety",
    "/session?minutes=5",
    "/session/log",
    "/session/edit?session_id={session}",
    "/session/breath?session_id={session}",
    "/checkin",
    "/journal",
    "/progress",
    "/psfs",
    "/report",
    "/check",
    "/settings",
    "/help",
    "/help?q=yawning",
    "/help/yawning",
    "/no-such-page",
)
# (who, pages): who is a token of the practice world, None for nobody signed in.
PRACTICE_PAGES: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (None, ("/login", "/invite/{invite}")),
    ("admin", ("/practice/admin", "/account")),
    ("linked_practitioner", ("/practice", "/practice/clients/{client}", "/account")),
    ("client_a", ("/", "/sharing", "/account", "/journal", "/progress", "/report", "/settings")),
)
# Registered before any page script runs, so violations met while the page is parsed are heard too.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}` +
  ` (${event.sample})`));"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _served(app: FastAPI) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the crest server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _visit(
    browser: Any, base: str, pages: tuple[str, ...], values: dict[str, str], out: Path, label: str, cookie: str | None
) -> list[str]:
    """Each page (`values` fill in its ids) in each variant; a screenshot named after the page, ids left out."""
    problems: list[str] = []
    for variant, options in VARIANTS.items():
        context = browser.new_context(**options)
        if cookie is not None:
            context.add_cookies([{"name": COOKIE_NAME, "value": cookie, "url": base}])
        context.add_init_script(LISTEN)
        page = context.new_page()
        console: list[str] = []
        page.on(
            "console", lambda message, heard=console: heard.append(message.text) if message.type == "error" else None
        )
        for template in pages:
            path = template.format(**values)
            console.clear()
            page.goto(f"{base}{path}")
            page.wait_for_load_state("networkidle")
            page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
            page.wait_for_timeout(50)
            heard = [*page.evaluate("window.__violations"), *(text for text in console if "Security Policy" in text)]
            problems += [f"{label} {variant} {path}: {violation}" for violation in heard]
            name = re.sub(r"[^a-z]+", "-", template.replace("{", "").replace("}", "")).strip("-") or "home"
            (out / variant).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out / variant / f"{label}-{name}.png"), full_page=True)
        context.close()
    return problems


def _rest(browser: Any, base: str, out: Path) -> list[str]:
    """The session page during the rest (its controls are hidden until then): violations, and a screenshot of the
    controls' row alone, paused at once (the clock and the ring move)."""
    problems: list[str] = []
    for variant, options in VARIANTS.items():
        context = browser.new_context(**options)
        context.add_init_script(LISTEN)
        page = context.new_page()
        page.goto(f"{base}/session?minutes=5")
        while not page.get_by_role("button", name="Start the rest").is_visible():
            page.get_by_role("button", name="Next").click()
        page.get_by_role("button", name="Start the rest").click()
        expect(page.locator("#time-left")).not_to_have_text("--:--")  # the timer runs
        page.locator("#pause").click()
        page.get_by_role("button", name="Resume").wait_for()
        problems += [f"local {variant} the rest: {violation}" for violation in page.evaluate("window.__violations")]
        page.locator("#pause").locator("..").screenshot(path=str(out / variant / "local-session-rest-controls.png"))
        page.on("dialog", lambda dialog: dialog.accept())  # "End the session now?"
        page.locator("#end").click()
        page.get_by_role("heading", name="Well done").wait_for()  # ended: the next variant starts a new one
        context.close()
    return problems


def sweep(out: Path) -> list[str]:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        clock = FakeClock()
        local = create_app(f"sqlite:///{folder}/local.db", clock=clock, local_zone=UTC)
        with _served(local) as base:
            with httpx.Client(base_url=base) as api:
                ids = {name: str(value) for name, value in seed_something_of_everything(api, clock).items()}
            problems += _visit(browser, base, LOCAL_PAGES, ids, out, "local", None)
            problems += _rest(browser, base, out)
        world = build_world(Path(folder))
        practice = create_app(
            world.copy_to(Path(folder)),
            clock=world.clock,
            local_zone=UTC,
            practice=PracticeOptions(password_cost=TEST_COST),
        )
        with _served(practice) as base:
            values = {"invite": world.invite_codes["anonymous"], "client": str(world.ids["client"])}
            for who, paths in PRACTICE_PAGES:
                cookie = None if who is None else world.tokens[who]
                label = f"practice-{who or 'nobody'}"
                problems += _visit(browser, base, paths, values, out, label, cookie)
        browser.close()
    return problems


def compare(out: Path, other: Path) -> list[str]:
    """The screenshots that differ from `other`'s by a single pixel, or are missing from either run."""
    differences = []
    names = {path.relative_to(out) for path in out.rglob("*.png")} | {
        p.relative_to(other) for p in other.rglob("*.png")
    }
    for name in sorted(names):
        if not (out / name).exists() or not (other / name).exists():
            differences.append(f"{name}: in one run only")
            continue
        mine, theirs = Image.open(out / name).convert("RGB"), Image.open(other / name).convert("RGB")
        if mine.size != theirs.size:
            differences.append(f"{name}: {theirs.size} then {mine.size}")
        elif (box := ImageChops.difference(mine, theirs).getbbox()) is not None:
            differences.append(f"{name}: differs in {box}")
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "csp")
    parser.add_argument("--compare", type=Path, help="the folder of an earlier run, to compare screenshots with")
    arguments = parser.parse_args()
    started = time.perf_counter()
    problems = sweep(arguments.out)
    print(f"{len(problems)} policy violations in {time.perf_counter() - started:.0f} s")
    for problem in problems:
        print(" ", problem)
    if arguments.compare is not None:
        differences = compare(arguments.out, arguments.compare)
        print(f"{len(differences)} screenshots differ from {arguments.compare}")
        for difference in differences:
            print(" ", difference)
        problems += differences
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
