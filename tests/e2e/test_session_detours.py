"""Detours from the session being set up come back to it, in the browser."""

from typing import Any


def test_the_safety_questions_asked_first_come_back_to_the_session_chosen(browser: Any, fresh_server_url: str) -> None:
    """Begin with 20 minutes, Supported, on a fresh journal: after the safety questions, Continue went to Today with
    15 minutes, Standard."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{fresh_server_url}/session?minutes=20&variant=supported")
    page.wait_for_url("**/safety?next=*")
    for radio in page.locator('input[type="radio"][value="no"]').all():
        radio.check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/session?minutes=20&variant=supported")
    assert page.locator("h1").inner_text() == "Session · Supported (90-90), 20 minutes"
    context.close()
