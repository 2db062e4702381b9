"""Help in a real browser: answers as you type, a warning sign pinned first, an entry's page, the plain form
without JavaScript, and the 'why?' links of the session, the check-in and the safety screen.
Screenshots go to tests/e2e/screenshots/ (help-*)."""

import json
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

Shoot = Callable[[Any, str], None]
DESKTOP = {"width": 1100, "height": 900}
PHONE = {"width": 390, "height": 844}
URGENT_QUESTION = "since my back went I can't feel my bum when I wipe and I can't pee"


def _api(base: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base}{path}") as response:
        return json.load(response)


@pytest.fixture
def errors() -> list[str]:
    return []


def _page(browser: Any, errors: list[str], **options: Any) -> Any:
    context = browser.new_context(**options)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return page


@pytest.fixture
def help_page(browser: Any, errors: list[str]) -> Iterator[Any]:
    page = _page(browser, errors, viewport=DESKTOP)
    yield page
    page.context.close()


@pytest.mark.parametrize(
    ("name", "viewport", "theme"),
    [("desktop", DESKTOP, "light"), ("phone", PHONE, "light"), ("phone-dark", PHONE, "dark")],
)
def test_typing_a_question_shows_answers(
    browser: Any, server_url: str, screenshot: Shoot, errors: list[str], name: str, viewport: Any, theme: str
) -> None:
    page = _page(browser, errors, viewport=viewport, color_scheme=theme)
    page.goto(f"{server_url}/help")
    page.get_by_label("Ask a question in your own words").press_sequentially("why do i yawn so much", delay=20)
    # The answers follow the typing: wait for the whole question's, not a first part's.
    expect(page).to_have_url(f"{server_url}/help?q=why+do+i+yawn+so+much")  # the address keeps the question
    first = page.locator("#help-results .help-answer").first
    expect(first).to_have_attribute("data-entry", "yawning")
    assert "Sources: " in first.inner_text()
    assert page.locator("#help-topics").is_hidden()
    assert page.locator(".help-footer").inner_text().startswith("Warning signs")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    screenshot(page, f"help-typed-{name}")

    page.get_by_label("Ask a question in your own words").fill("")
    page.locator("#help-topics").wait_for(state="visible")
    assert page.locator("#help-results > *").count() == 0
    assert errors == []
    page.context.close()


@pytest.mark.parametrize(("name", "viewport", "theme"), [("desktop", DESKTOP, "light"), ("phone-dark", PHONE, "dark")])
def test_a_warning_sign_is_pinned_first_with_its_level(
    browser: Any, server_url: str, screenshot: Shoot, errors: list[str], name: str, viewport: Any, theme: str
) -> None:
    page = _page(browser, errors, viewport=viewport, color_scheme=theme)
    page.goto(f"{server_url}/help")
    page.get_by_label("Ask a question in your own words").fill(URGENT_QUESTION)
    pinned = page.locator("#help-results > :first-child")
    page.locator("#help-results .help-urgent").wait_for()
    assert pinned.get_attribute("data-level") == "urgent_care"
    assert "Seek urgent medical care now" in pinned.inner_text()
    assert page.locator("#help-results .help-urgent").count() == 1
    assert page.locator("#help-results .help-answer").count() == 0  # urgent care stands alone
    assert page.locator("#help-status").inner_text().startswith("Seek urgent medical care now.")
    screenshot(page, f"help-urgent-{name}")
    assert errors == []
    page.context.close()


def test_a_question_in_another_language_says_the_help_is_english(
    browser: Any, server_url: str, screenshot: Shoot, errors: list[str]
) -> None:
    """On a phone in the dark theme: the warning sign first, then the one line that the help is in English."""
    page = _page(browser, errors, viewport=PHONE, color_scheme="dark")
    page.goto(f"{server_url}/help")
    page.get_by_label("Ask a question in your own words").press_sequentially("J'ai mal à la poitrine", delay=20)
    # The answers follow the typing, so a first part ("J'ai m") already has the note: wait for the whole question's.
    blocks = page.locator("#help-results > *")
    expect(blocks.first).to_have_attribute("data-level", "urgent_care")  # the chest pain read all the same, first
    expect(page.locator("#help-results .help-language")).to_contain_text("crest's help is written in English only")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    screenshot(page, "help-other-language-phone-dark")
    assert errors == []
    page.context.close()


def test_every_warning_sign_a_question_names_is_pinned(help_page: Any, server_url: str, errors: list[str]) -> None:
    page = help_page
    page.goto(f"{server_url}/help")
    page.get_by_label("Ask a question in your own words").fill("I have a fever and my back hurts at night")
    page.locator("#help-results .help-urgent >> nth=1").wait_for()
    assert page.locator("#help-results .help-urgent").count() == 2
    assert page.locator("#help-status").inner_text().count("See a clinician before you continue.") == 1
    assert errors == []


def test_the_status_says_the_most_serious_of_two_warning_levels(help_page: Any, server_url: str) -> None:
    page = help_page
    page.goto(f"{server_url}/help")
    page.get_by_label("Ask a question in your own words").fill("my legs went numb and I can't pee")
    page.locator("#help-results .help-urgent >> nth=1").wait_for()
    assert page.locator("#help-status").inner_text() == "Seek urgent medical care now."


def test_nothing_found_offers_the_topics(help_page: Any, server_url: str, screenshot: Shoot) -> None:
    page = help_page
    page.goto(f"{server_url}/help?q=yawning")
    page.get_by_label("Ask a question in your own words").fill("how do I cook pasta")
    page.locator(".help-nothing").wait_for()
    assert page.locator(".help-nothing").inner_text().startswith("“how do I cook pasta”: Nothing in crest's help")
    assert page.locator("#help-topics").is_visible()
    assert page.locator("#help-results .help-answer").count() == 0
    screenshot(page, "help-nothing-found")


def test_the_example_question_fits_its_box_on_a_phone(browser: Any, server_url: str, errors: list[str]) -> None:
    """The search box's example is read whole on a phone (it was cut to "for example: can I do it in")."""
    page = _page(browser, errors, viewport=PHONE)
    page.goto(f"{server_url}/help")
    text_px, room_px = page.evaluate(
        """() => {
        const box = document.getElementById("help-q"), style = getComputedStyle(box);
        const pen = document.createElement("canvas").getContext("2d");
        pen.font = style.font;
        const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return [pen.measureText(box.placeholder).width, room];
    }"""
    )
    assert text_px <= room_px, f"the example needs {text_px:.0f} px and the box has {room_px:.0f}"
    page.context.close()


def test_a_long_question_without_spaces_stays_within_a_phone(browser: Any, server_url: str, errors: list[str]) -> None:
    """A word longer than the screen (a pasted link, a key held down) wraps in "nothing found"; the page never scrolls
    sideways (it did by over 400 px)."""
    page = _page(browser, errors, viewport=PHONE, color_scheme="dark")
    page.goto(f"{server_url}/help?q={'x' * 300}")
    assert page.locator(".help-nothing").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    page.context.close()


@pytest.mark.parametrize(("name", "viewport", "theme"), [("desktop", DESKTOP, "light"), ("phone-dark", PHONE, "dark")])
def test_an_answer_leads_to_its_entry_page_and_on_to_related_entries(
    browser: Any, server_url: str, screenshot: Shoot, errors: list[str], name: str, viewport: Any, theme: str
) -> None:
    page = _page(browser, errors, viewport=viewport, color_scheme=theme)
    page.goto(f"{server_url}/help?q=can+I+do+it+in+bed")
    page.locator("#help-results .help-answer").first.get_by_role("link").first.click()
    page.wait_for_url("**/help/in_bed")
    page.get_by_role("heading", level=1, name="Can I do it in bed?").wait_for()
    assert "Sources: " in page.locator("main").inner_text()
    assert page.locator(".help-footer").is_visible()
    screenshot(page, f"help-entry-{name}")
    page.get_by_role("region", name="See also").get_by_role("link").first.click()
    page.wait_for_url("**/help/*")
    assert "/help/in_bed" not in page.url
    page.goto(f"{server_url}/help/warning_aortic")
    assert "Seek urgent medical care now" in page.locator(".help-urgent").inner_text()
    screenshot(page, f"help-entry-warning-{name}")
    assert errors == []
    page.context.close()


def test_without_javascript_the_form_still_answers(browser: Any, server_url: str, screenshot: Shoot) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server_url}/help")
    page.get_by_label("Ask a question in your own words").fill(URGENT_QUESTION)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/help?q=*")
    assert page.locator("#help-results > :first-child").get_attribute("data-level") == "urgent_care"
    assert page.locator("#help-results .help-answer").count() == 0  # urgent care stands alone
    screenshot(page, "help-no-javascript")
    context.close()


def test_a_session_cue_links_why_to_its_entry_in_a_new_tab(
    safe_page: Any, server_url: str, screenshot: Shoot, errors: list[str]
) -> None:
    page = safe_page
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server_url}/session?minutes=5&speed=10")
    step_why = page.locator("#step-why")
    assert step_why.get_attribute("href") == "/help/surface"
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    why = page.locator("#cue-why")
    why.wait_for(state="visible")
    assert why.get_attribute("href") == "/help/how_it_works"  # "Nothing to do now: let the floor hold you."
    screenshot(page, "help-session-why")
    with page.context.expect_page() as opened:
        why.click()
    entry = opened.value
    entry.wait_for_load_state()
    assert entry.url.endswith("/help/how_it_works")
    assert entry.get_by_role("heading", level=1).inner_text() == "How can it work if I do nothing?"
    entry.close()
    assert page.locator("#stage-timer").is_visible()  # the session went on in its own tab
    assert _api(server_url, "/api/sessions")[0]["status"] == "running"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End now").click()
    page.locator("#stage-done").wait_for()  # its heading depends on how long the rest ran before the click
    assert errors == []


@pytest.mark.parametrize(("name", "viewport", "theme"), [("desktop", DESKTOP, "light"), ("phone-dark", PHONE, "dark")])
def test_a_check_in_that_notes_emotions_offers_their_entry_after_saving(
    browser: Any,
    server_url: str,
    screenshot: Shoot,
    answer_safety: Shoot,
    errors: list[str],
    name: str,
    viewport: Any,
    theme: str,
) -> None:
    page = _page(browser, errors, viewport=viewport, color_scheme=theme)
    answer_safety(page, server_url)
    page.goto(f"{server_url}/checkin")
    page.get_by_label("Emotions came up").check()
    page.get_by_label("Restless").check()
    page.get_by_label("Warmth").check()  # nothing to explain: no offer for it
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("heading", name="Saved").wait_for()
    offered = page.locator("#saved-help a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert offered == ["/help/emotions", "/help/restless"]
    screenshot(page, f"help-checkin-offer-{name}")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/journal?saved=check-in")
    assert errors == []
    page.context.close()


def test_the_safety_screen_links_each_question_to_its_entry(help_page: Any, server_url: str) -> None:
    page = help_page
    page.goto(f"{server_url}/safety")
    links = page.get_by_role("link", name="Why we ask (opens in a new tab)")
    assert links.count() == page.locator("fieldset").count()
    with page.context.expect_page() as opened:
        links.first.click()
    entry = opened.value
    entry.wait_for_load_state()
    assert "/help/warning_" in entry.url
    assert entry.locator(".help-urgent").is_visible()
