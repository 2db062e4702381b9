"""Two tabs editing one session: the older tab's save is refused in words on its form, what it holds kept, and the
correction saved from the newer tab stands. A phone in the dark theme."""

from collections.abc import Callable
from typing import Any

from support.journal_api import call
from support.two_tabs import saved_first_in_a_newer_tab

Shoot = Callable[[Any, str], None]
PHONE = {"width": 390, "height": 844}


def _ended_early_after_7_min(tab: Any) -> None:
    tab.get_by_label("min", exact=True).fill("7")
    tab.get_by_label("Ended early").check()


def test_the_older_of_two_tabs_editing_a_session_is_told_and_keeps_what_was_chosen(
    browser: Any, fresh_server_url: str, screenshot: Shoot
) -> None:
    logged = {"started_at": "2026-04-30T08:00:00+00:00", "minutes": 10}
    session = call(fresh_server_url, "POST", "/api/sessions/logged", logged)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark")
    older = context.new_page()
    address = f"{fresh_server_url}/session/edit?session_id={session['id']}"
    saved_first_in_a_newer_tab(older, address, _ended_early_after_7_min, "Save session", r"/journal$")

    older.get_by_label("Variant").select_option("supported")
    older.get_by_role("button", name="Save session").click()
    older.get_by_text("This session was changed in another tab or window").wait_for()
    assert older.get_by_label("Variant").input_value() == "supported"  # nothing chosen is lost
    screenshot(older, "session-edit-changed-in-another-tab-phone-dark")
    kept = call(fresh_server_url, "GET", f"/api/sessions/{session['id']}")
    assert (kept["variant"], kept["actual_seconds"], kept["status"]) == ("standard", 420, "ended_early")
    context.close()
