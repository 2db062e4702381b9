"""The safety way out in the browser, as a person whose physiotherapist prescribed CRP would use it: a truthful
"yes", the advice with the answer and its source, the questions held, then a clinician's all-clear. At desktop
size, on a 390x844 phone and in the dark theme."""

import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

Shoot = Callable[[Any, str], None]
NO_IMPROVEMENT = "Has your back pain shown no improvement at all for a month or more?"
VIEWS = {
    "desktop": {"viewport": {"width": 1100, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "dark": {"viewport": {"width": 1100, "height": 900}, "color_scheme": "dark"},
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_clinicians_all_clear_is_the_way_out(
    browser: Any, fresh_server_url: str, screenshot: Shoot, view: str
) -> None:
    server = fresh_server_url  # each view its own journal: the answers of one would hold for the next
    context = browser.new_context(**VIEWS[view])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{server}/safety")
    for fieldset in page.locator("fieldset").all():
        answer = "yes" if NO_IMPROVEMENT in fieldset.inner_text() else "no"
        fieldset.locator(f'input[value="{answer}"]').check()
    page.get_by_role("button", name="Save my answers").click()
    assert NO_IMPROVEMENT in page.get_by_role("heading", name="You answered yes to").locator("..").inner_text()
    page.get_by_role("button", name="Yes, save my answers").click()
    standing = page.locator("#safety-standing")
    standing.get_by_text("Please see a clinician", exact=True).wait_for()
    assert NO_IMPROVEMENT in standing.inner_text()
    assert "Source: NHS back-pain red flags; NICE NG59 (2016)" in standing.inner_text()
    screenshot(page, f"safety-advice-{view}")

    page.goto(f"{server}/")
    assert page.get_by_role("button", name="Begin").count() == 0  # while a concern stands, nothing invites practice
    assert NO_IMPROVEMENT in page.locator("#safety-standing").inner_text()
    page.get_by_role("link", name="See your answers, or record a clinician's all-clear").click()
    assert page.get_by_role("button", name="Save my answers").count() == 0  # a quick "no" cannot lift it
    assert "These answers hold until" in page.locator("#safety-standing").inner_text()

    page.get_by_label("Who cleared you").fill("Dr Ames, physiotherapist")
    screenshot(page, f"safety-clearance-form-{view}")
    page.get_by_role("button", name="A clinician has cleared me to practise").click()
    page.get_by_text("Cleared by Dr Ames, physiotherapist on").wait_for()
    screenshot(page, f"safety-cleared-{view}")

    page.goto(f"{server}/")
    assert page.get_by_role("button", name="Begin").is_enabled()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"Today scrolls sideways by {overflow} px"
    assert errors == []
    context.close()


def test_a_warning_sign_answered_elsewhere_stops_the_rest_before_it_runs(
    browser: Any, fresh_server_url: str, answer_safety: Shoot
) -> None:
    # The checklist was open in one tab while a truthful "yes" was saved in another (or by the terminal): the
    # server refuses the rest, and the page must not coach it anyway ("Nothing to do now: let the floor hold you").
    server = fresh_server_url
    context = browser.new_context(**VIEWS["phone"])
    page = context.new_page()
    answer_safety(page, server)
    page.goto(f"{server}/session?minutes=10")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    with urllib.request.urlopen(f"{server}/api/safety/questions") as response:
        answers = {question["id"]: question["id"] == "weight_loss" for question in json.load(response)}
    saved = urllib.request.Request(
        f"{server}/api/safety/answers",
        data=json.dumps({"answers": answers}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(saved).close()

    page.get_by_role("button", name="Start the rest").click()
    # Said where the person lies by now, politely (a clinician's advice is not urgent care), with how to come up.
    page.locator("#stopped-advice").get_by_text("Please see a clinician").wait_for()
    assert page.locator("#stopped-advice").inner_text().startswith("No session was started: Please see a clinician")
    assert page.locator("#done-heading").inner_text() == "A warning sign came in before your rest began"
    assert not page.locator("#stage-timer").is_visible()
    with urllib.request.urlopen(f"{server}/api/sessions") as response:
        assert json.load(response) == []
    context.close()
