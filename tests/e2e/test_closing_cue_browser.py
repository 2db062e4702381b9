"""The browser shows "About a minute left." only while about a minute is left, as the terminal does (walk s56 L3: still
shown at 0:30 left)."""

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from crest.protocol import load_protocol

Shoot = Callable[[Any, str], None]
STAY = load_protocol().closing_cue.text


def test_under_45_seconds_left_the_closing_cue_drops_its_minute(
    browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    answer_safety(page, server_url)
    page.route("**/api/sessions/*/finish?uid=*", lambda route: None)  # held: the page stays on its last seconds
    page.goto(f"{server_url}/session?minutes=5&speed=20")  # 15 s of the page's time; the last minute, 3 s
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^0:5\d$"), timeout=30_000)
    expect(page.locator("#cue")).to_have_text(f"About a minute left. {STAY}")
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^0:[1-3]\d$"), timeout=30_000)
    assert page.locator("#cue").inner_text() == STAY
    assert page.locator("#cue-why").is_visible()  # still the closing cue, with its "why?"
    context.close()
