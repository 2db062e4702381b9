"""The Check-in page asks "Is that right?" before it saves a check-in that names an urgent-care sign (it holds for
two weeks and no correction lifts it), names the sign as the person reported it (and any "see a clinician" sign
found with it, after the urgent step, with its own advice), returns to the filled form on
"No", and saves one check-in however often "Save check-in" is tapped; it also follows a rest that ended within the
hour, away from the session's end screen. A phone in the dark theme."""

import json
import re
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from crest.knowledge.sign_words import SIGN_WORDS
from support.two_tabs import saved_first_in_a_newer_tab

Shoot = Callable[[Any, str], None]
PHONE = {"width": 390, "height": 844}
BLADDER, EMERGENCY, INFECTION = (  # each by its own words, not its help entry's title
    SIGN_WORDS[rule] for rule in ("bladder_or_bowel_trouble", "chest_pain", "fever_or_chills")
)


def _dark_phone(browser: Any) -> Any:
    """A page on a phone in the dark theme, in a context of its own."""
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark").new_page()


def _check_in_page(browser: Any, base: str, answer_safety: Shoot) -> tuple[Any, list[str]]:
    """The Check-in page on a dark phone, the safety questions answered, with the script's errors as they come."""
    page = _dark_phone(browser)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, base)
    page.goto(f"{base}/checkin")
    return page, errors


def _check_ins(base: str) -> Any:
    with urllib.request.urlopen(f"{base}/api/checkins") as response:
        return json.loads(response.read())


def test_an_urgent_sign_is_confirmed_before_it_is_saved_and_no_keeps_the_form(
    browser: Any, fresh_server_url: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    page, errors = _check_in_page(browser, fresh_server_url, answer_safety)
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
    page.context.close()


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
    page.context.close()


def _post(base: str, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        f"{base}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def test_after_leaving_the_end_screen_the_check_in_page_follows_the_rest_just_ended(
    browser: Any, fresh_server_url: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    page = _dark_phone(browser)
    answer_safety(page, fresh_server_url)
    # a rest that ended a minute ago (logged: a timed one would take minutes of this test), rated before it
    before = {"timing": "before", "pain": [{"region": "neck", "score": 5}]}
    _post(fresh_server_url, "/api/checkins", {**before, "at": (datetime.now(UTC) - timedelta(minutes=7)).isoformat()})
    started = (datetime.now(UTC) - timedelta(minutes=6)).isoformat()
    session = _post(fresh_server_url, "/api/sessions/logged", {"started_at": started, "minutes": 5})

    page.goto(f"{fresh_server_url}/checkin")
    page.get_by_label(re.compile(r"After your rest that ended at \d\d:\d\d")).check()
    assert page.get_by_text("Before the session: 5 / 10").is_visible()  # the places rated before it, to rate again
    page.get_by_label("Pain in neck, 0 to 10").fill("2")
    page.get_by_label("Better").check()
    screenshot(page, "checkin-after-the-rest-just-ended-phone-dark")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(re.compile(r"/journal\?saved=check-in$"))
    after = [check_in for check_in in _check_ins(fresh_server_url) if check_in["timing"] == "after"]
    assert [(one["session_id"], one["pain"][0]["score"]) for one in after] == [(session["id"], 2)]
    page.context.close()


def test_the_older_of_two_tabs_editing_a_check_in_is_told_and_keeps_what_was_typed(
    browser: Any, fresh_server_url: str, screenshot: Shoot
) -> None:
    created = _post(fresh_server_url, "/api/checkins", {"pain": [{"region": "lower_back", "score": 3}]})
    older = _dark_phone(browser)
    saved_first_in_a_newer_tab(
        older,
        f"{fresh_server_url}/checkin?checkin_id={created['id']}",
        lambda newer: newer.get_by_label("Pain in lower back, 0 to 10").fill("5"),
        "Save check-in",
        r"/journal\?saved=check-in$",
    )

    older.get_by_label("Note").fill("stiff after the drive")
    older.get_by_role("button", name="Save check-in").click()
    older.get_by_text("This check-in was changed in another tab or window").wait_for()
    assert older.get_by_label("Note").input_value() == "stiff after the drive"  # nothing typed is lost
    screenshot(older, "checkin-changed-in-another-tab-phone-dark")
    [kept] = _check_ins(fresh_server_url)
    assert (kept["pain"][0]["score"], kept["note"]) == (5, None)
    older.context.close()


def test_without_the_script_an_urgent_sign_is_asked_about_on_the_filled_form(
    browser: Any, fresh_server_url: str, screenshot: Shoot
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{fresh_server_url}/checkin")
    page.get_by_label("Place 1", exact=True).select_option("calf_and_shin")
    page.get_by_label("Side of place 1").select_option("both")
    page.get_by_label("Pain in place 1, 0 to 10").fill("3")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_text("Pain below the knee in both legs").wait_for()
    assert page.get_by_label("Pain in place 1, 0 to 10").input_value() == "3" and _check_ins(fresh_server_url) == []
    screenshot(page, "checkin-confirm-urgent-no-script-phone-dark")
    page.get_by_role("button", name="Yes, save it").click()
    page.wait_for_url(re.compile(r"/\?saved=check-in$"))
    assert len(_check_ins(fresh_server_url)) == 1
    page.context.close()


def _signs_to_ask_about(base: str, body: dict[str, Any]) -> list[tuple[str, str]]:
    """What the page asks the server before saving: (level, title) of each sign to name, urgent care first."""
    request = urllib.request.Request(
        f"{base}/api/checkin-signs?every=true",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Origin": base},
    )
    with urllib.request.urlopen(request) as response:
        return [(sign["level"], sign["title"]) for sign in json.loads(response.read())]


def test_is_that_right_names_every_sign_with_its_own_advice_urgent_first_and_today_names_them_all(
    browser: Any, fresh_server_url: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    """A note naming several signs named one (a new user's walk-through, L5); then the urgent ones only, so a
    "see a clinician" sign in the same note went unnamed until Today. Now the urgent ones lead with their step, as
    before, and the others follow it, each under its own advice."""
    page, errors = _check_in_page(browser, fresh_server_url, answer_safety)
    page.get_by_role("button", name="Lower back", exact=True).click()
    page.get_by_label("Pain in lower back, 0 to 10").fill("3")
    asked = page.locator("#confirm-urgent")

    page.get_by_label("Note").fill("I wet myself")  # one sign: said as one
    page.get_by_role("button", name="Save check-in").click()
    asked.get_by_text(BLADDER).wait_for()
    assert page.locator("#confirm-lead").inner_text() == "This check-in notes a warning sign:"
    assert not page.locator("#confirm-clinician").is_visible()  # an urgent sign alone: nothing more to name
    page.get_by_role("button", name="No, let me change it").click()

    note = "I wet myself and I have crushing chest pain, and a fever"
    body = {"pain": [{"region": "lower_back", "side": "centre", "score": 3}], "sensations": [], "note": note}
    signs = _signs_to_ask_about(fresh_server_url, body)
    assert [level for level, _ in signs] == ["urgent_care", "urgent_care", "see_clinician"]
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    asked.get_by_text(EMERGENCY).wait_for()
    assert page.locator("#confirm-lead").inner_text() == "This check-in notes warning signs:"
    assert asked.locator("#confirm-signs li").all_inner_texts() == [BLADDER, EMERGENCY]  # the urgent ones, first
    # ... then, after the urgent step, the fever under its own advice
    clinician = asked.locator("#confirm-clinician")
    assert clinician.is_visible() and clinician.locator("li").all_inner_texts() == [signs[2][1]]
    assert clinician.locator("p").inner_text().startswith("It also notes a warning sign to see a clinician about")
    words = asked.inner_text()
    assert words.index("It means seeking urgent medical care") < words.index("to see a clinician about")
    screenshot(page, "checkin-confirm-urgent-and-clinician-phone-dark")

    page.get_by_role("button", name="Yes, save it").click()
    page.wait_for_url(f"{fresh_server_url}/?saved=check-in")
    standing = page.locator("#safety-standing").inner_text()
    assert all(title in standing for title in (BLADDER, EMERGENCY, INFECTION))
    screenshot(page, "today-several-signs-phone-dark")
    assert len(_check_ins(fresh_server_url)) == 1
    assert errors == []
    page.context.close()
