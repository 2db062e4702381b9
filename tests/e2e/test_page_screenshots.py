"""Every page renders in both themes without console errors; screenshots go to tests/e2e/screenshots/."""

from collections.abc import Callable
from typing import Any

import pytest

PAGES = (
    "/",
    "/safety",
    "/session?minutes=5",
    "/checkin",
    "/journal",
    "/progress",
    "/psfs",
    "/report",
    "/check",
    "/settings",
)
DARK_BACKGROUND = "rgb(21, 24, 28)"
Shoot = Callable[[Any, str], None]


def _name(path: str) -> str:
    return path.strip("/").split("?")[0] or "today"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_renders_in_both_themes(
    browser: Any, server_url: str, theme: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    context = browser.new_context(color_scheme=theme, viewport={"width": 1100, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, server_url)
    for path in PAGES:
        response = page.goto(f"{server_url}{path}")
        assert response is not None and response.status == 200, path
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == DARK_BACKGROUND) == (theme == "dark"), (path, background)
        screenshot(page, f"{_name(path)}-{theme}")
    assert errors == []
    context.close()


def test_pages_fit_at_200_percent_zoom(browser: Any, server_url: str, screenshot: Shoot, answer_safety: Shoot) -> None:
    # A 640 px wide window at device scale 2 is what a 1280 px screen shows at 200% zoom.
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    answer_safety(page, server_url)
    for path in PAGES:
        page.goto(f"{server_url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 200% zoom"
        screenshot(page, f"{_name(path)}-zoom200")
    context.close()
