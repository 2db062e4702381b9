"""A control a page marks `hidden` stays out of sight, though the stylesheet gives every button a display of its own."""

from typing import Any


def test_a_side_lying_session_offers_no_camera_check(safe_page: Any, server_url: str) -> None:
    # The position check coaches lying on the back: the page leaves its button out for the side-lying rest.
    page = safe_page
    page.goto(f"{server_url}/session?minutes=5&variant=side_lying")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    assert page.get_by_text("Start the rest when you are comfortable.").is_visible()
    assert page.locator("#camera-start").is_hidden()
    assert page.get_by_role("button", name="Start the rest").is_visible()
