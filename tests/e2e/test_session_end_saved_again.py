"""The end of a rest the server could not write (its database stopped, its disk full): the page said "Well done"
and that the journal keeps the rest, while the journal kept it only as far as its last checkpoint. It now says it is
not saved yet, and sends the end again until the server takes it."""

from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

Shoot = Callable[[Any, str], None]


def test_an_end_the_server_refused_is_said_and_sent_again(
    browser: Any, fresh_server_url: str, answer_safety: Shoot, screenshot: Shoot
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    answer_safety(page, fresh_server_url)
    refused: list[str] = []

    def database_gone_once(route: Any) -> None:
        if refused:
            route.continue_()
            return
        refused.append(route.request.url)
        # what the server answers with its database stopped (DatabaseUnavailable)
        route.fulfill(status=503, json={"detail": "cannot reach the journal database at postgresql://db/crest"})

    page.route("**/api/sessions/*/finish?uid=*", database_gone_once)
    page.goto(f"{fresh_server_url}/session?minutes=5&speed=600")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    status = page.locator("#done-save-status")
    expect(status).to_contain_text("Not saved yet (Cannot reach the journal database", timeout=15_000)
    expect(status).to_contain_text("Leave this page open")
    screenshot(page, "session-end-not-saved-yet-390-dark")
    expect(status).to_have_text("Saved.", timeout=15_000)
    [session] = page.request.get(f"{fresh_server_url}/api/sessions").json()
    assert (session["status"], session["actual_seconds"]) == ("completed", 300)
    context.close()
