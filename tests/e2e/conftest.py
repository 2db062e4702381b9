"""A real crest server on a free loopback port and Debian's Chromium driven by Playwright."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from support.new_journals import copy_journal

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory, created_journal: Path) -> Iterator[str]:
    yield from _serve(tmp_path_factory, created_journal)


@pytest.fixture(scope="module")
def quick_sweep_url(tmp_path_factory: pytest.TempPathFactory, created_journal: Path) -> Iterator[str]:
    """A server that takes a session page silent for 3 s to be closed (instead of minutes)."""
    from crest.web.context import SessionWatch

    yield from _serve(tmp_path_factory, created_journal, SessionWatch(sweep_every_s=0.5, page_silent_after_s=3))


@pytest.fixture
def fresh_server_url(tmp_path_factory: pytest.TempPathFactory, created_journal: Path) -> Iterator[str]:
    """A server over a journal of this test's own, for tests whose answers must not meet another's."""
    yield from _serve(tmp_path_factory, created_journal)


def _serve(tmp_path_factory: pytest.TempPathFactory, created_journal: Path, watch: Any = None) -> Iterator[str]:
    """A server over a new journal of its own: a copy of the empty one crest created for this test session."""
    from crest.web.app import create_app

    home = tmp_path_factory.mktemp("crest-home")
    yield from serve(create_app(copy_journal(created_journal, home / "crest.db"), watch=watch))


@pytest.fixture(scope="module")
def serve_app() -> Iterator[Callable[[Any], str]]:
    """Runs an app of the test module's own on a free loopback port, until the module ends: its address."""
    with ExitStack() as running:
        yield lambda app: running.enter_context(contextmanager(serve)(app))


def serve(app: Any) -> Iterator[str]:
    """Run `app` on a free loopback port while the caller holds the generator; its address."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="websockets-sansio")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the crest server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _launch_chromium(playwright: Any, extra_args: tuple[str, ...] = ()) -> Any:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: install Debian's `chromium` (scripts/setup --test does)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args], headless=True)


@pytest.fixture(scope="module")
def launch_chromium(playwright_instance: Any) -> Callable[[tuple[str, ...]], Any]:
    """Start Debian's Chromium with extra command-line switches (closed by the caller)."""
    return lambda extra_args: _launch_chromium(playwright_instance, extra_args)


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance: Any) -> Iterator[Any]:
    chromium = _launch_chromium(playwright_instance)
    yield chromium
    chromium.close()


@pytest.fixture
def screenshot() -> Callable[[Any, str], None]:
    def shoot(page: Any, name: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return shoot


@pytest.fixture
def answer_safety() -> Callable[[Any, str], None]:
    """Answer every safety question with no, as someone free to practise."""

    def answer(page: Any, base: str) -> None:
        page.goto(f"{base}/safety")
        for radio in page.locator('input[type="radio"][value="no"]').all():
            radio.check()
        page.get_by_role("button", name="Save my answers").click()
        page.get_by_text("Thank you").first.wait_for()

    return answer


@pytest.fixture
def safe_page(browser: Any, server_url: str, answer_safety: Callable[[Any, str], None]) -> Iterator[Any]:
    """A page in a fresh browser context, for someone who has answered the safety questions."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    answer_safety(page, server_url)
    yield page
    context.close()
