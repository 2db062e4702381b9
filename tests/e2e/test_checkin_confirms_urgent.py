"""The Check-in page asks "Is that right?" before it saves a check-in that names an urgent-care sign (it holds for
two weeks and no correction lifts it), names the sign as the person reported it, returns to the filled form on
"No", and saves one check-in however often "Save check-in" is tapped. A phone in the dark theme."""

import json
import urllib.request
from collections.abc import Callable
from typing import Any

Shoot = Callable[[Any, str], None]
PHONE = {"width": 390, "height": 844}


def _check_ins(base: str) -> Any:
    with urllib.request.urlopen(f"{base}/api/checkins") as response:
        return json.loads(response.read())


def test_an_urgent_sign_is_confirmed_before_it_is_saved_and_no_keeps_the_form(
    browser: Any, fresh_server_url: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, fresh_server_url)
    page.goto(f"{fresh_server_url}/checkin")
    page.get_by_role("button", name="Buttock, left", exact=True).click()
    page.get_by_label("Pain in buttock, 0 to 10").fill("3")
    page.get_by_label("What the pain in the buttock is like").select_option("tingling")
    page.get_by_label("Note").fill("after the long drive")
    page.get_by_role("button", name="Save check-in").click()

    asked = page.locator("#confirm-urgent")
    asked.get_by_text("Tingling in your left buttock (the saddle area)").wait_for()
    assert asked.get_by_role("heading", name="Is that right?").is_visible()
    assert "14 days" in asked.inner_text() and not page.locator("#checkin-form").is_visible()
    screenshot(page, "checkin-confirm-urgent-phone-dark")
    assert _check_ins(fresh_server_url) == []  # asked, nothing saved

    page.get_by_role("button", name="No, let me change it").click()
    assert page.locator("#checkin-form").is_visible() and not asked.is_visible()
    assert page.get_by_label("What the pain in the buttock is like").input_value() == "tingling"  # as it was
    assert page.get_by_text("3 / 10").is_visible() and page.get_by_label("Note").input_value() == "after the long drive"
    assert _check_ins(fresh_server_url) == []

    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("button", name="Yes, save it").dblclick()  # one check-in, however often it is tapped
    page.wait_for_url(f"{fresh_server_url}/?saved=check-in")
    assert "Tingling in your left buttock (the saddle area)" in page.locator("#safety-standing").inner_text()
    assert len(_check_ins(fresh_server_url)) == 1
    assert errors == []
    context.close()


def test_a_double_tap_on_save_saves_one_check_in_and_a_calm_one_is_not_asked_about(
    browser: Any, fresh_server_url: str, answer_safety: Shoot
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    answer_safety(page, fresh_server_url)
    page.goto(f"{fresh_server_url}/checkin")
    page.get_by_role("button", name="Lower back", exact=True).click()
    page.get_by_label("Pain in lower back, 0 to 10").fill("4")
    page.get_by_role("button", name="Save check-in").dblclick()
    page.wait_for_url(f"{fresh_server_url}/journal?saved=check-in")
    assert [check_in["pain"][0]["score"] for check_in in _check_ins(fresh_server_url)] == [4]
    context.close()
