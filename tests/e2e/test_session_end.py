"""The last moment of a rest in the browser: at 00:00 the timer no longer says "About a minute left"."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from crest.session.timeline import TIME_UP

Shoot = Callable[[Any, str], None]


@pytest.mark.parametrize(("width", "height"), [(1100, 900), (390, 844)])
def test_at_0_00_the_timer_says_the_time_is_up(
    browser: Any, server_url: str, answer_safety: Shoot, screenshot: Shoot, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    answer_safety(page, server_url)
    held: list[Any] = []  # the finish call waits here, so the page stays on 00:00 while the test looks
    page.route("**/api/sessions/*/finish?uid=*", lambda route: held.append(route))
    page.goto(f"{server_url}/session?minutes=5&speed=600")  # the closing minute lasts a tenth of a second
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    # expect, not wait_for_function: that evaluates a string, which the pages' Content-Security-Policy refuses
    expect(page.locator("#time-left")).to_have_text("0:00", timeout=15_000)
    expect(page.locator("#cue")).not_to_have_text("")
    assert page.locator("#cue").inner_text() == TIME_UP
    assert page.locator("#cue-why").is_hidden()
    screenshot(page, f"session-time-up-{width}")
    while not held:
        page.wait_for_timeout(50)  # Playwright hands the held call over while it waits
    held[0].continue_()
    page.get_by_role("heading", name="Well done").wait_for(timeout=15_000)
    context.close()
