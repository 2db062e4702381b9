"""The check-in page and the position check with JavaScript off, as a person uses them: pain rated in the form's rows
is saved and shown in the journal, a photo's verdicts come back on the page; both fit a phone in both themes."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PHOTO = Path(__file__).parents[1] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"

Shoot = Callable[[Any, str], None]
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pain_is_rated_and_saved_without_the_script(
    browser: Any, server_url: str, screenshot: Shoot, scheme: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    assert page.locator(".bodymap").is_hidden() and page.get_by_role("button", name="Add", exact=True).is_hidden()
    page.get_by_label("Place 1", exact=True).select_option("knee")
    page.get_by_label("Side of place 1").select_option("right")
    page.get_by_label("Pain in place 1, 0 to 10").fill("3")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(page, f"checkin-without-script-{scheme}")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")
    assert "Knee (right) 3/10" in page.locator("tbody tr").first.inner_text()
    context.close()


def test_the_intro_names_what_the_page_shows_with_and_without_the_script(
    browser: Any, safe_page: Any, server_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    intro = page.locator("#checkin-intro").inner_text()
    assert "body map" not in intro and "Under Pain, choose a place in a row" in intro  # no map is shown
    assert "0 (no pain) to 10 (worst imaginable)" in intro
    context.close()
    safe_page.goto(f"{server_url}/checkin")
    intro = safe_page.locator("#checkin-intro").inner_text()
    assert "Choose a place on the body map" in intro and "in a row" not in intro


def test_the_forms_rows_stay_out_of_the_page_the_script_runs(safe_page: Any, server_url: str) -> None:
    safe_page.goto(f"{server_url}/checkin")
    assert safe_page.locator(".bodymap").is_visible()
    assert safe_page.locator("select[name=pain_region]").count() == 0  # noscript content is text to a scripted page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_photo_is_checked_without_the_script_and_its_verdicts_come_back_on_the_page(
    browser: Any, server_url: str, screenshot: Shoot, scheme: str, answer_safety: Shoot
) -> None:
    """Without JavaScript the page only said the check needed it, though a photo's verdicts need no script."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    answer_safety(page, server_url)  # the check comes after the safety questions (the form needs no script)
    page.goto(f"{server_url}/check")
    assert "a photo is checked all the same" in page.locator("main").inner_text()
    page.get_by_label("Photo or video").set_input_files(PHOTO)
    page.get_by_role("button", name="Check").click()
    page.wait_for_url("**/check#page-result")
    result = page.locator("#page-result")
    assert result.get_by_role("heading", name="Result").is_visible()
    assert result.locator("li[data-criterion]").count() == 10
    assert result.locator("li[data-criterion=lying_on_back]").get_attribute("data-status") == "ok"
    assert page.evaluate("window.scrollY") > 0  # taken to the result, below the form on a phone
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot(page, f"check-without-script-{scheme}")
    context.close()


def test_the_position_check_form_is_there_with_the_script(safe_page: Any, server_url: str) -> None:
    safe_page.goto(f"{server_url}/check")
    assert safe_page.get_by_label("Photo or video").is_visible()
    assert safe_page.locator("#no-script-note").is_hidden()
