"""A date or time field's picker button, reached with Tab, shows crest's 3 px ring (walk_a11y L4): Chromium drew
only its own 1 px box on the button."""

from typing import Any

import pytest


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_time_field_s_picker_button_has_crest_s_ring(browser: Any, server_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server_url}/settings")
    field = page.locator("#reminder_time")
    field.focus()
    while page.evaluate("document.activeElement.id") == "reminder_time":  # its parts, the picker button last
        page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # back from the next field onto the picker button
    assert page.evaluate("document.activeElement.id") == "reminder_time"
    ring = field.evaluate("f => [getComputedStyle(f).outlineStyle, getComputedStyle(f).outlineWidth]")
    assert ring == ["solid", "3px"]
    context.close()
