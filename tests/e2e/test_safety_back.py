"""Back after the safety answers: each step of the questions is a page of its own (post, redirect, get), so Back from
the advice lands on a page, never on the browser's "Confirm Form Resubmission"; and no step walks around a sign."""

from typing import Any

NIGHT_PAIN = "Do you have back pain at night"


def _answer_with_a_yes(page: Any, server: str) -> None:
    page.goto(f"{server}/safety?next=/session%3Fminutes%3D15")
    for fieldset in page.locator("fieldset").all():
        answer = "yes" if NIGHT_PAIN in fieldset.inner_text() else "no"
        fieldset.locator(f'input[value="{answer}"]').check()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_role("heading", name="You answered yes to").wait_for()


def test_back_after_saving_a_yes_gives_a_page_and_the_sign_still_stands(browser: Any, fresh_server_url: str) -> None:
    server = fresh_server_url
    context = browser.new_context()
    page = context.new_page()
    _answer_with_a_yes(page, server)
    page.get_by_role("button", name="Yes, save my answers").click()
    page.locator("#safety-standing").get_by_text("Please see a clinician", exact=True).wait_for()

    reloaded = page.reload()  # a reload says the advice again, and saves nothing twice
    assert reloaded is not None and reloaded.ok
    assert "Please see a clinician" in page.locator("#safety-standing").inner_text()

    went_back = page.go_back()  # before: ERR_CACHE_MISS, the browser's "Confirm Form Resubmission"
    assert went_back is not None and went_back.ok, page.url
    standing = page.locator("#safety-standing")
    assert "Please see a clinician" in standing.inner_text() and NIGHT_PAIN in standing.inner_text()
    assert page.get_by_role("button", name="Yes, save my answers").count() == 0  # the answers were saved already
    assert page.get_by_role("button", name="Save my answers").count() == 0  # a quick "no" cannot lift the sign

    second = context.new_page()  # a second tab, or the session page by its address, meets the sign as well
    second.goto(f"{server}/session?minutes=15")
    assert "/safety" in second.url and NIGHT_PAIN in second.locator("#safety-standing").inner_text()
    context.close()


def test_back_after_asking_a_yes_again_gives_the_look_and_the_sign_is_never_walked_around(
    browser: Any, fresh_server_url: str
) -> None:
    """The questions asked again ("No, ask those again") have an address of their own: Back is the look at the answers
    as the person saw it last (before, both steps shared /safety/look, so Back showed the questions once more)."""
    server = fresh_server_url
    context = browser.new_context()
    page = context.new_page()
    _answer_with_a_yes(page, server)
    page.get_by_role("button", name="No, ask those again").click()
    page.get_by_role("button", name="Save my answers").wait_for()
    assert page.locator("fieldset").count() == 1 and NIGHT_PAIN in page.locator("fieldset").inner_text()
    asked_again = page.url
    assert "/safety/again?next=" in asked_again

    went_back = page.go_back()  # the look again, its answers as they were
    assert went_back is not None and went_back.ok, page.url
    assert "/safety/look?next=" in page.url
    page.get_by_role("heading", name="You answered yes to").wait_for()
    assert NIGHT_PAIN in page.locator("form.card").inner_text()

    second = context.new_page()  # a second tab, and the session by its address, meet no walk around the "yes"
    second.goto(asked_again)
    assert second.locator("fieldset").count() == 1 and NIGHT_PAIN in second.locator("fieldset").inner_text()
    second.goto(f"{server}/session?minutes=15")
    assert "/safety" in second.url and second.locator("fieldset").count() > 1  # nothing was saved: every question

    page.get_by_role("button", name="Yes, save my answers").click()  # the look, reached by Back, still saves the "yes"
    page.locator("#safety-standing").get_by_text("Please see a clinician", exact=True).wait_for()
    page.goto(asked_again)  # once saved, the step's address asks nothing: a quick "no" cannot lift the sign
    assert page.get_by_role("button", name="Save my answers").count() == 0
    assert NIGHT_PAIN in page.locator("#safety-standing").inner_text()
    context.close()
