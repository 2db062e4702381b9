"""The Journal page by page in the browser, on a desktop and on a phone: "Older" and "Newer" move through it and
the phone layout keeps to the screen's width."""

import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

from support.journal_api import call

Shoot = Callable[[Any, str], None]
CHECK_INS = 55  # one more page than the first holds


def _add_check_ins(base: str) -> None:
    for minute in range(CHECK_INS):
        body = json.dumps({"at": f"2026-05-01T07:{minute:02d}:00+00:00", "note": f"note {minute}"}).encode()
        request = urllib.request.Request(
            f"{base}/api/checkins", data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 201


@pytest.mark.parametrize(("width", "height"), [(1100, 900), (390, 844)])
def test_older_and_newer_move_through_the_journal(
    browser: Any, fresh_server_url: str, answer_safety: Shoot, screenshot: Shoot, width: int, height: int
) -> None:
    _add_check_ins(fresh_server_url)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    answer_safety(page, fresh_server_url)
    page.goto(f"{fresh_server_url}/journal")
    assert page.locator("tbody tr").count() == 50
    assert page.locator("tbody tr").first.get_by_text("note 54").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_role("link", name="Older").scroll_into_view_if_needed()
    screenshot(page, f"journal-page-1-{width}")
    page.get_by_role("link", name="Older").click()
    page.wait_for_url("**/journal?page=2")
    assert page.locator("tbody tr").count() == CHECK_INS - 50
    assert page.get_by_role("link", name="Older").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, f"journal-page-2-{width}")
    page.get_by_role("link", name="Newer").click()
    page.wait_for_url("**/journal")
    assert page.locator("tbody tr").count() == 50
    context.close()


def test_a_note_typed_on_two_lines_keeps_them(browser: Any, fresh_server_url: str, answer_safety: Shoot) -> None:
    # "first line" and "second line" ran together as "first line second line".
    body = json.dumps({"at": "2026-05-01T07:00:00+00:00", "note": "first line\nsecond line"}).encode()
    request = urllib.request.Request(
        f"{fresh_server_url}/api/checkins", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request) as response:
        assert response.status == 201
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    answer_safety(page, fresh_server_url)
    page.goto(f"{fresh_server_url}/journal")
    assert "first line\nsecond line" in page.locator("tbody tr").first.locator(".details").inner_text()
    context.close()


def test_a_session_edited_from_page_2_returns_to_page_2(
    browser: Any, fresh_server_url: str, answer_safety: Shoot, screenshot: Shoot
) -> None:
    logged = {"started_at": "2026-04-30T08:00:00+00:00", "minutes": 10}
    session = call(fresh_server_url, "POST", "/api/sessions/logged", logged)
    _add_check_ins(fresh_server_url)  # newer than the session: it is on page 2
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, color_scheme="dark")
    page = context.new_page()
    answer_safety(page, fresh_server_url)
    page.goto(f"{fresh_server_url}/journal?page=2")
    row = page.locator(f"#session-{session['id']}")
    row.get_by_role("link", name="Edit").click()
    page.wait_for_url(f"**/session/edit?session_id={session['id']}&page=2")
    page.get_by_label("min", exact=True).fill("7")
    page.get_by_label("Ended early").check()
    screenshot(page, "session-edit-from-journal-page-2-phone-dark")
    page.get_by_role("button", name="Save session").click()
    page.wait_for_url("**/journal?page=2")
    assert "7 min of 10 min" in row.inner_text()
    screenshot(page, "journal-page-2-after-a-session-edit-phone-dark")
    row.get_by_role("link", name="Edit").click()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url("**/journal?page=2")
    # a Delete on page 2 stays there too: the row goes, the page stays
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Delete").click()
    row.wait_for(state="detached")
    assert page.url.endswith("/journal?page=2")
    assert page.locator("tbody tr").count() == CHECK_INS - 50  # the check-ins that were beside it
    context.close()
