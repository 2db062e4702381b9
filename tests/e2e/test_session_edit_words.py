"""The session's edit form refuses a time rested it does not take in the same words with its script and without it
(the server's), on a phone in the dark theme: the seconds from 0 to 59, the minutes a whole number, at most the time
crest timed."""

from collections.abc import Callable
from typing import Any

from support.journal_api import call

Shoot = Callable[[Any, str], None]
PHONE = {"width": 390, "height": 844}
WORDS = (
    "Time rested: give the minutes as a whole number and the seconds from 0 to 59. At most 10 min, the time planned."
)


def test_a_time_rested_out_of_bounds_is_refused_in_the_same_words_with_and_without_the_script(
    browser: Any, fresh_server_url: str, screenshot: Shoot
) -> None:
    session = call(
        fresh_server_url, "POST", "/api/sessions/logged", {"started_at": "2026-04-30T08:00:00+00:00", "minutes": 10}
    )
    address = f"{fresh_server_url}/session/edit?session_id={session['id']}"
    said = {}
    for script in (True, False):
        context = browser.new_context(
            java_script_enabled=script, viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark"
        )
        page = context.new_page()
        page.goto(address)
        page.get_by_label("min", exact=True).fill("12")
        page.get_by_label("s", exact=True).fill("75")
        page.get_by_role("button", name="Save session").click()
        page.locator("#form-error").filter(has_text="Time rested").wait_for()
        said[script] = page.locator("#form-error").inner_text()
        assert page.get_by_label("min", exact=True).get_attribute("aria-invalid") == "true"
        assert page.get_by_label("s", exact=True).input_value() == "75"  # what was typed stays, to mend
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        screenshot(page, f"session-edit-refused-{'script' if script else 'without-script'}-phone-dark")
        page.get_by_label("min", exact=True).fill("7")
        page.get_by_label("s", exact=True).fill("30")
        page.get_by_label("Ended early").check()
        page.get_by_role("button", name="Save session").click()
        page.wait_for_url("**/journal")
        context.close()
        assert call(fresh_server_url, "GET", f"/api/sessions/{session['id']}")["actual_seconds"] == 450
    assert said[True] == said[False] == WORDS
