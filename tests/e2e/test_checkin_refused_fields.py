"""A refused check-in, with and without JavaScript: the field the refusal names is marked invalid, described by the
message under it, and takes the focus; changing it, or saving, clears the mark. Before, the message showed but the
focus stayed on Save and the field said nothing of it to a screen reader."""

from collections.abc import Callable
from typing import Any

Shoot = Callable[[Any, str], None]
PHONE = {"width": 390, "height": 844}
REFUSED_NOTE = "Note: the note contains a hidden control character (\\x9b) that crest does not keep"


def _marks(page: Any, selector: str) -> tuple[str | None, str | None]:
    field = page.locator(selector)
    return field.get_attribute("aria-invalid"), field.get_attribute("aria-describedby")


def _focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id"))


def test_with_the_script_the_refused_note_is_marked_and_focused_until_mended(
    browser: Any, server_url: str, screenshot: Shoot
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server_url}/checkin")
    assert _marks(page, "#note") == (None, None)
    page.get_by_label("Note").fill("stiff\x9b this morning")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("alert").filter(has_text=REFUSED_NOTE).wait_for()
    assert _marks(page, "#note") == ("true", "form-error")
    assert _focused(page) == "note"
    screenshot(page, "checkin-refused-note-phone-dark")

    page.keyboard.press("Control+A")
    page.keyboard.type("stiff this morning")  # the person mends it: no longer said to be wrong
    assert _marks(page, "#note") == (None, None)

    # a place left unrated is refused by the page itself, the same way
    page.get_by_role("button", name="Neck", exact=True).click()
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Give the neck a score from 0 to 10, or remove it.").wait_for()
    slider = page.get_by_label("Pain in neck, 0 to 10")
    assert slider.get_attribute("aria-invalid") == "true" and slider.get_attribute("aria-describedby") == "form-error"
    assert page.evaluate("document.activeElement === document.querySelector('.rating')")
    page.get_by_role("button", name="Remove Neck").click()

    page.get_by_label("Note").fill("a\x9b")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("alert").filter(has_text="hidden control character").wait_for()
    page.get_by_label("Note").fill("stiff this morning")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")
    assert errors == []
    context.close()


def test_without_the_script_the_refused_note_comes_back_marked_and_focused(
    browser: Any, server_url: str, screenshot: Shoot
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    page.get_by_label("Note").fill("stiff\x9b this morning")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("alert").filter(has_text=REFUSED_NOTE).wait_for()
    assert _marks(page, "#note") == ("true", "form-error")
    assert _focused(page) == "note"
    assert page.locator("#note").input_value() == "stiff\x9b this morning"  # kept, to be mended
    screenshot(page, "checkin-refused-note-without-script-phone-dark")

    page.get_by_label("Pain in place 1, 0 to 10").fill("3")  # a score with no place: that field now
    page.get_by_label("Note").fill("stiff this morning")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("alert").filter(has_text="Place 1: choose the place you gave 3 out of 10.").wait_for()
    assert _marks(page, "#form-region-0") == ("true", "form-error")
    assert _marks(page, "#note") == (None, None)
    assert _focused(page) == "form-region-0"
    context.close()
