"""The session page on a computer without a camera (this browser has none): it says so, and the rest goes on."""

from collections.abc import Callable
from typing import Any

PHONE = {"width": 390, "height": 844}


def _press_check_my_position(page: Any, server_url: str) -> None:
    """Through the setup steps to Ready, then the camera check."""
    page.goto(f"{server_url}/session?minutes=5")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Check my position with the camera").click()


def test_a_camera_that_cannot_open_leaves_no_empty_picture_and_nothing_to_stop(safe_page: Any, server_url: str) -> None:
    page = safe_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _press_check_my_position(page, server_url)

    summary = page.locator("#camera-summary")
    summary.get_by_text("No camera was found on this device. You can still start the rest without it.").wait_for()
    assert page.locator("#camera-video").is_hidden()  # no blank frame where a picture would be
    assert page.get_by_role("button", name="Stop the camera").is_hidden()  # nothing was started
    assert page.get_by_role("button", name="Start the rest").is_visible()
    assert errors == []


def test_a_camera_the_browser_was_not_allowed_to_use_says_how_to_allow_it(
    launch_chromium: Callable[[tuple[str, ...]], Any], server_url: str, answer_safety: Callable[[Any, str], None]
) -> None:
    chromium = launch_chromium(("--use-fake-device-for-media-stream",))  # a camera, and the permission refused
    page = chromium.new_context(viewport=PHONE).new_page()
    answer_safety(page, server_url)
    _press_check_my_position(page, server_url)
    page.locator("#camera-summary").get_by_text(
        "The browser did not let crest use the camera: allow it for this page (the camera sign in the address bar), "
        "then try again. You can still start the rest without it."
    ).wait_for()
    chromium.close()


def test_on_a_phone_without_a_camera_the_message_is_in_sight_and_said_once(
    browser: Any, server_url: str, answer_safety: Callable[[Any, str], None]
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    answer_safety(page, server_url)
    _press_check_my_position(page, server_url)

    message = page.get_by_text("No camera was found on this device. You can still start the rest without it.")
    message.wait_for()
    box = message.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]  # not below the fold
    # No line about frames that are never taken between the button and the message.
    assert page.get_by_text("Frames are checked on this computer and never stored.").is_hidden()
    context.close()
