"""The session page on a computer without a camera (this browser has none): it says so, and the rest goes on."""

from typing import Any


def test_a_camera_that_cannot_open_leaves_no_empty_picture_and_nothing_to_stop(safe_page: Any, server_url: str) -> None:
    page = safe_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server_url}/session?minutes=5")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Check my position with the camera").click()

    summary = page.locator("#camera-summary")
    summary.get_by_text("The camera could not be opened. You can still start the rest without it.").wait_for()
    assert page.locator("#camera-video").is_hidden()  # no blank frame where a picture would be
    assert page.get_by_role("button", name="Stop the camera").is_hidden()  # nothing was started
    assert page.get_by_role("button", name="Start the rest").is_visible()
    assert errors == []
