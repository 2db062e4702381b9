"""After a session that made things worse, the check-in is answered calmly on Today, and a warning sign in the
note brings the urgent advice with its source. Desktop, a 390x844 phone and the dark theme."""

import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

Shoot = Callable[[Any, str], None]
VIEWS = {
    "desktop": {"viewport": {"width": 1100, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "dark": {"viewport": {"width": 1100, "height": 900}, "color_scheme": "dark"},
}


def _post(base: str, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        f"{base}{path}", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_worse_check_in_is_answered_on_today(
    browser: Any, server_url: str, screenshot: Shoot, answer_safety: Shoot, view: str
) -> None:
    context = browser.new_context(**VIEWS[view])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, server_url)
    session = _post(server_url, "/api/sessions", {"planned_minutes": 5})
    _post(server_url, f"/api/sessions/{session['id']}/finish", {"elapsed_s": 300, "status": "completed"})

    page.goto(f"{server_url}/checkin?session_id={session['id']}")
    page.get_by_role("button", name="Lower back").first.click()
    page.get_by_label("Pain in lower back, 0 to 10").fill("9")
    page.get_by_label("Worse").check()
    page.get_by_label("Note").fill("sharp pain, and now my legs feel weak")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(f"{server_url}/")

    notice = page.locator("#after-check-in")
    notice.wait_for()
    text = notice.inner_text()
    assert "needs urgent care" in text  # the note's words: the help system's red-flag rules
    assert "Source:" in text
    assert "Pain in your lower back is 9 out of 10" in text
    assert "Stop practising for today" in text and "supported variant" in text and "see a clinician" in text
    notice.scroll_into_view_if_needed()
    screenshot(page, f"worse-check-in-{view}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"Today scrolls sideways by {overflow} px"

    page.goto(f"{server_url}/checkin")
    page.get_by_label("Note").fill("calmer this evening")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal")
    page.goto(f"{server_url}/")
    assert page.locator("#after-check-in").count() == 0  # until the next check-in, no longer
    assert errors == []
    context.close()
