"""The check-in page as a person uses it: the new body-map places, a score only once given, what the pain is like,
the places rated before a session carried to the check-in after it, "none" alone, and "Saved"."""

import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

Shoot = Callable[[Any, str], None]
PHONE = {"width": 390, "height": 844}


def _api(base: str, method: str, path: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}{path}", data=data, method=method)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.load(response) if response.status != 204 else None


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1100, "height": 900}], ids=["phone", "desktop"])
def test_every_body_map_place_is_at_least_24_px(browser: Any, server_url: str, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    sizes = page.locator(".bodymap .region").evaluate_all(
        "shapes => shapes.map(s => { const box = s.getBoundingClientRect();"
        " return [s.getAttribute('aria-label'), Math.round(box.width * 10) / 10, Math.round(box.height * 10) / 10]; })"
    )
    assert len(sizes) == 23
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    assert small == [], small
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


def test_new_places_a_score_only_once_given_and_what_the_pain_is_like(
    browser: Any, server_url: str, screenshot: Shoot
) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server_url}/checkin")
    for name in ("Upper back", "Neck", "Calf and shin, left", "Foot, right"):
        page.get_by_role("button", name=name, exact=True).click()
    assert page.locator(".rating-row").count() == 4
    assert page.get_by_text("not rated yet").count() == 4
    assert page.get_by_role("button", name="Calf and shin, left, from behind").get_attribute("aria-pressed") == "true"
    screenshot(page, "checkin-new-places-phone-dark")

    page.get_by_label("Note").fill("tingling down the left calf")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Give the upper back a score from 0 to 10, or remove it.").wait_for()
    assert _api(server_url, "GET", "/api/checkins") == []

    page.get_by_label("Pain in upper back, 0 to 10").fill("3")
    page.get_by_label("Pain in neck, 0 to 10").fill("0")
    page.get_by_label("Pain in calf and shin, 0 to 10").fill("5")
    page.get_by_label("What the pain in the calf and shin is like").select_option("tingling")
    page.get_by_role("button", name="Remove Foot").click()
    assert page.get_by_text("5 / 10").is_visible()
    page.get_by_role("button", name="Save check-in").click()
    # tingling is read as a warning sign (the worse check-in's reading): Today's safety box names it, it is saved
    page.wait_for_url(f"{server_url}/?saved=check-in")
    assert "Numbness or tingling" in page.locator("#safety-standing").inner_text()
    saved_line = page.get_by_text("Saved: your check-in is in the journal.")  # said under the warning
    assert saved_line.is_visible() and page.locator("#safety-standing ~ p.notice[role=status]").count() == 1
    screenshot(page, "today-after-tingling-phone-dark")
    [saved] = _api(server_url, "GET", "/api/checkins")
    assert saved["pain"] == [
        {"region": "upper_back", "side": "centre", "score": 3, "quality": None},
        {"region": "neck", "side": "centre", "score": 0, "quality": None},
        {"region": "calf_and_shin", "side": "left", "score": 5, "quality": "tingling"},
    ]
    assert errors == []
    _api(server_url, "DELETE", f"/api/checkins/{saved['id']}")
    context.close()


def test_none_stands_alone_and_compared_with_before_is_for_after_a_session(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    page.get_by_label("Warmth").check()
    page.get_by_label("None").check()
    assert not page.get_by_label("Warmth").is_checked()
    page.get_by_label("Sleepy").check()
    assert not page.get_by_label("None").is_checked()
    assert not page.get_by_text("Compared with before the session").is_visible()
    assert page.get_by_label("After a session").count() == 0  # no session to be after
    page.get_by_label("Before a session").check()
    assert not page.get_by_text("Compared with before the session").is_visible()
    context.close()


def test_the_check_in_after_a_session_starts_with_the_places_rated_before(
    safe_page: Any, server_url: str, screenshot: Shoot
) -> None:
    page = safe_page
    pain = [{"region": "lower_back", "score": 6}, {"region": "hip", "side": "left", "score": 3}]
    before = _api(server_url, "POST", "/api/checkins", {"timing": "before", "pain": pain})
    session = _api(server_url, "POST", "/api/sessions", {"planned_minutes": 5, "before_checkin_id": before["id"]})
    _api(server_url, "POST", f"/api/sessions/{session['id']}/finish", {"elapsed_s": 1, "status": "ended_early"})

    page.goto(f"{server_url}/checkin?session_id={session['id']}")
    rows = page.locator(".rating-row")
    assert rows.count() == 2
    assert "Before the session: 6 / 10" in rows.nth(0).inner_text()
    assert rows.nth(1).locator(".side").input_value() == "left"
    assert page.get_by_text("not rated yet").count() == 2
    assert page.get_by_text("Compared with before the session").is_visible()
    screenshot(page, "checkin-after-carried")
    page.get_by_label("Pain in lower back, 0 to 10").fill("4")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Give the hip a score from 0 to 10, or remove it.").wait_for()
    page.get_by_label("Pain in hip, 0 to 10").fill("3")
    page.get_by_label("Better").check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")
    page.get_by_role("status").filter(has_text="Saved").wait_for()
    screenshot(page, "journal-saved")
    after = _api(server_url, "GET", f"/api/checkins?session_id={session['id']}")[0]
    assert after["timing"] == "after" and after["compared_with_before"] == "better"
    assert [(p["region"], p["side"], p["score"]) for p in after["pain"]] == [
        ("lower_back", "centre", 4),
        ("hip", "left", 3),
    ]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "phone"])
def test_not_rated_yet_stays_inside_the_pain_box(browser: Any, server_url: str, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    for name in ("Upper back", "Neck"):
        page.get_by_role("button", name=name, exact=True).click()
    reaches = page.locator(".rating-row output").evaluate_all(
        "outputs => outputs.map(o => { const text = document.createRange(); text.selectNodeContents(o);"
        " const pain = o.closest('fieldset'); const box = pain.getBoundingClientRect();"
        " const inside = box.right - parseFloat(getComputedStyle(pain).paddingRight);"
        " return [o.textContent, text.getBoundingClientRect().right, inside]; })"
    )
    assert len(reaches) == 2
    for text, right, inside in reaches:
        assert text == "not rated yet" and right <= inside + 0.5, (text, right, inside)
    context.close()


@pytest.mark.parametrize(
    ("viewport", "scheme"), [(PHONE, "dark"), ({"width": 1280, "height": 800}, "light")], ids=["phone", "desktop"]
)
def test_a_place_added_from_the_list_says_its_side_only_once_the_person_chooses_it(
    browser: Any, server_url: str, screenshot: Shoot, viewport: dict[str, int], scheme: str
) -> None:
    # "Both sides" was chosen for the person, and a calf and shin on both sides is pain in both legs: urgent care.
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    already = _api(server_url, "GET", "/api/checkins")  # the module's other tests leave theirs
    page.goto(f"{server_url}/checkin")
    for region in ("calf_and_shin", "lower_back"):
        page.get_by_label("Add a place").select_option(region)
        page.get_by_role("button", name="Add", exact=True).click()
    calf_side = page.get_by_label("Side of the calf and shin")
    assert calf_side.input_value() == ""
    assert calf_side.locator("option:checked").inner_text() == "Choose a side"
    assert page.get_by_label("Side of the lower back").input_value() == "centre"  # the midline's whole place
    assert page.get_by_label("Side of the lower back").locator("option[value='']").count() == 0
    assert page.get_by_role("button", name="Calf and shin, left", exact=True).get_attribute("aria-pressed") == "false"
    page.get_by_label("Pain in calf and shin, 0 to 10").fill("2")
    page.get_by_label("Pain in lower back, 0 to 10").fill("1")
    page.get_by_role("button", name="Save check-in").click()
    # Under the row's own label, as the page without its script says it, never the API's "Side (entry 1)".
    sentence = "Side of the calf and shin: choose a side for the calf and shin: left, right or both sides."
    page.locator("#form-error").get_by_text(sentence, exact=True).wait_for()
    assert calf_side.get_attribute("aria-invalid") == "true"  # the API names the field: the page marks it
    assert _api(server_url, "GET", "/api/checkins") == already
    screenshot(page, f"checkin-choose-a-side-{scheme}")

    calf_side.select_option("left")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")
    [saved] = [check_in for check_in in _api(server_url, "GET", "/api/checkins") if check_in not in already]
    assert [(p["region"], p["side"], p["score"]) for p in saved["pain"]] == [
        ("calf_and_shin", "left", 2),
        ("lower_back", "centre", 1),
    ]
    assert errors == []
    _api(server_url, "DELETE", f"/api/checkins/{saved['id']}")
    context.close()


def test_a_midline_place_stays_marked_on_the_map_once_its_side_is_chosen(
    browser: Any, server_url: str, screenshot: Shoot
) -> None:
    """The lower back rated on its left lost its mark on the body map, as if the map had dropped it: a second tap
    added the whole lower back as another place to rate."""
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    lower_back = page.get_by_role("button", name="Lower back", exact=True)
    lower_back.click()
    page.get_by_label("Side of the lower back").select_option("left")
    page.get_by_label("Pain in lower back, 0 to 10, left").fill("4")
    assert lower_back.get_attribute("aria-pressed") == "true"
    assert lower_back.evaluate("shape => shape.classList.contains('rated')")
    screenshot(page, "checkin-midline-place-with-a-side-phone-dark")
    page.get_by_role("button", name="Remove Lower back, left").click()
    assert lower_back.get_attribute("aria-pressed") == "false"
    context.close()


def test_each_places_slider_and_remove_button_name_its_side(browser: Any, server_url: str) -> None:
    """A left and a right hip had one name, "Pain in hip, 0 to 10": a screen reader could not tell them apart."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    page.get_by_role("button", name="Hip, right", exact=True).click()
    page.get_by_role("button", name="Hip, left", exact=True).click()
    page.get_by_label("Pain in hip, 0 to 10, right", exact=True).fill("3")
    page.get_by_label("Pain in hip, 0 to 10, left", exact=True).fill("5")
    page.get_by_role("button", name="Lower back", exact=True).click()
    assert page.get_by_label("Pain in lower back, 0 to 10", exact=True).count() == 1  # the midline has no side
    page.get_by_label("Side of the hip").first.select_option("both")
    assert page.get_by_label("Pain in hip, 0 to 10, both sides", exact=True).input_value() == "3"
    page.get_by_role("button", name="Remove Hip, left", exact=True).click()
    assert page.get_by_label("Pain in hip, 0 to 10", exact=False).count() == 1
    context.close()


def test_a_refused_check_in_is_said_in_sentences_that_name_the_field(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server_url}/checkin")
    page.get_by_role("button", name="Save check-in").click()
    # The API's 422 names its field by path ("pain: there is ..."); the page says it as a person reads it.
    sentence = "Pain: there is nothing to save; rate a place, tick what you noticed or write a note."
    page.locator("#form-error").get_by_text(sentence, exact=True).wait_for()
    context.close()


def test_by_keyboard_a_place_not_rated_yet_counts_from_nothing(browser: Any, server_url: str) -> None:
    """Its thumb rests in the middle, but two presses up mean 2, not 7; one down means 0, not 4."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    kept_before = {kept["id"] for kept in _api(server_url, "GET", "/api/checkins")}  # other tests' check-ins
    page.goto(f"{server_url}/checkin")
    page.get_by_role("button", name="Lower back", exact=True).focus()
    page.keyboard.press("Enter")  # the place's slider takes the focus
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.get_by_role("button", name="Neck", exact=True).focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowLeft")
    page.get_by_role("button", name="Upper back", exact=True).focus()
    page.keyboard.press("Enter")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")  # rated now: steps from 10
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(f"{server_url}/?saved=check-in")
    [saved] = [kept for kept in _api(server_url, "GET", "/api/checkins") if kept["id"] not in kept_before]
    assert [(place["region"], place["score"]) for place in saved["pain"]] == [
        ("lower_back", 2),
        ("neck", 0),
        ("upper_back", 9),
    ]
    _api(server_url, "DELETE", f"/api/checkins/{saved['id']}")
    context.close()
