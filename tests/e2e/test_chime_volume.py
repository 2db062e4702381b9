"""The chime at the end of a rest plays at Settings' volume (walk_a11y L6), chosen with the keyboard."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from crest.sound import CHIME_VOLUMES

Shoot = Callable[[Any, str], None]


@pytest.mark.parametrize("volume", ["quiet", "loud"])
def test_the_chime_plays_at_the_volume_chosen_in_settings(
    browser: Any, fresh_server_url: str, answer_safety: Shoot, volume: str
) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    answer_safety(page, fresh_server_url)
    page.goto(f"{fresh_server_url}/settings")
    page.locator('input[name="chime"]').focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Chime volume")).to_be_focused()
    page.get_by_label("Chime volume").select_option(volume)
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_label("Chime volume")).to_have_value(volume)
    page.goto(f"{fresh_server_url}/session?minutes=5&speed=600")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    page.get_by_role("heading", name="Well done").wait_for(timeout=30_000)
    assert page.locator("#chime").evaluate("chime => chime.volume") == CHIME_VOLUMES[volume]
    context.close()
