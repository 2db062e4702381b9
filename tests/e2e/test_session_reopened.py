"""A rest whose only tab was closed, offered again in a new tab: the offer said it "may still be running in another
tab or window" (the server had just heard the closed tab's own leaving save). It says so only while a tab may really
hold it (bed walk-through L5)."""

import json
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

WAITS = "done. The timer waits where it stopped."
ELSEWHERE = "done. It may still be running in another tab or window: it was saved just now."


def _sessions(base: str) -> Any:
    with urllib.request.urlopen(f"{base}/api/sessions") as response:
        return json.load(response)


def _wait_till_the_tab_holds(page: Any, session_id: int) -> None:
    """Until the tab knows the session it times, as its answer to this browser's tabs says. Written on the server is
    not enough: a tab closed before the server's answer reached it cannot name the rest in its save on leaving."""
    page.evaluate(
        """session_id => {
            const tabs = new BroadcastChannel("crest-rest");
            window.heldHere = false;
            tabs.onmessage = (event) => { if (event.data.holding === session_id) window.heldHere = true; };
            window.askTabs = () => tabs.postMessage({ asking: session_id });
        }""",
        session_id,
    )
    page.wait_for_function("() => { window.askTabs(); return window.heldHere; }", polling=100)


def test_a_rest_reopened_after_its_only_tab_closed_waits_and_one_taken_up_again_runs_in_that_tab(
    browser: Any, fresh_server_url: str, answer_safety: Callable[[Any, str], None]
) -> None:
    base = fresh_server_url
    context = browser.new_context()
    page = context.new_page()
    answer_safety(page, base)
    page.goto(f"{base}/session?minutes=10")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    expect(page.locator("#time-left")).not_to_have_text("10:00")
    deadline = time.monotonic() + 20
    while not _sessions(base) and time.monotonic() < deadline:  # written on the server
        page.wait_for_timeout(100)
    _wait_till_the_tab_holds(page, _sessions(base)[0]["id"])
    page.once("dialog", lambda dialog: dialog.accept())  # "leave the site?": yes
    with page.expect_event("close"):  # with the question on leaving, close() does not wait for the tab to go
        page.close(run_before_unload=True)

    reopened = context.new_page()
    reopened.goto(f"{base}/session")
    summary = reopened.locator("#resume-summary")
    expect(summary).to_contain_text(WAITS)  # the page's words once it has asked: said once, not changed after
    assert "another tab" not in summary.inner_text()

    # Taken up again there, the rest runs in that tab: a third tab is told so, though the last save (the resume) was
    # of the time the closed tab left.
    reopened.get_by_role("button", name="Resume the rest").click()
    reopened.locator("#stage-timer").wait_for(state="visible")
    third = context.new_page()
    third.goto(f"{base}/session")
    expect(third.locator("#resume-summary")).to_contain_text(ELSEWHERE)
    context.close()
