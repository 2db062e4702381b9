"""After a session that made things worse, the check-in is answered calmly on Today, and a warning sign in the
note brings the urgent advice with its source, which stands at the safety gate for its full time: deleting the
check-in does not lift it.
Desktop, a 390x844 phone and the dark theme."""

import json
import time
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

from support.journal_api import DEMO_CLOCK_SPEED

Shoot = Callable[[Any, str], None]
VIEWS = {
    "desktop": {"viewport": {"width": 1100, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "dark": {"viewport": {"width": 1100, "height": 900}, "color_scheme": "dark"},
}


def _post(base: str, path: str, body: dict[str, Any]) -> Any:
    return _call(base, "POST", path, body)


def _call(base: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{base}{path}", data=data, headers={"Content-Type": "application/json"}, method=method
    )
    with urllib.request.urlopen(request) as response:
        content = response.read()
    return json.loads(content) if content else None


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_worse_check_in_is_answered_on_today(
    browser: Any, fresh_server_url: str, screenshot: Shoot, answer_safety: Shoot, view: str
) -> None:
    server_url = fresh_server_url  # each view its own journal: the urgent sign of one stands for its full time
    context = browser.new_context(**VIEWS[view])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, server_url)
    session = _post(server_url, "/api/sessions", {"planned_minutes": 5})
    time.sleep(300 / DEMO_CLOCK_SPEED)  # five minutes on a demo clock: the server checks rest against its clock
    finish = {"elapsed_s": 300, "status": "completed", "clock_speed": DEMO_CLOCK_SPEED}
    _post(server_url, f"/api/sessions/{session['id']}/finish", finish)

    page.goto(f"{server_url}/checkin?session_id={session['id']}")
    page.get_by_role("button", name="Lower back").first.click()
    page.get_by_label("Pain in lower back, 0 to 10").fill("9")
    page.get_by_label("Worse").check()
    page.get_by_label("Note").fill("sharp pain, and now my legs feel weak")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("button", name="Yes, save it").click()  # an urgent sign is saved once confirmed
    page.wait_for_url(f"{server_url}/?saved=check-in")

    # The note's words name an urgent sign (the help system's red-flag rules), which stands at the safety gate, and a
    # see-a-clinician one beside it (weak legs): Today gives one box with the advice, the signs, their sources, each
    # sign's own time and when the questions open (7022fa1b), and nothing inviting practice.
    notice = page.locator("#safety-standing")
    notice.wait_for()
    text = notice.inner_text()
    assert "Please seek urgent medical care now" in text and "warning sign in a check-in" in text
    assert "Source:" in text and "when the last of these times is up" in text
    assert page.locator("#after-check-in").count() == 0
    assert "supported variant" not in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Begin").count() == 0
    notice.scroll_into_view_if_needed()
    screenshot(page, f"worse-check-in-{view}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"Today scrolls sideways by {overflow} px"

    page.goto(f"{server_url}/checkin")
    page.get_by_label("Note").fill("calmer this evening")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(f"{server_url}/?saved=check-in")  # the urgent advice that stands comes first, on Today
    assert page.locator("#safety-standing").count() == 1  # a calm check-in does not lift the gate
    [urgent] = [c for c in _call(server_url, "GET", "/api/checkins") if "legs feel weak" in (c["note"] or "")]
    _call(server_url, "DELETE", f"/api/checkins/{urgent['id']}")  # an urgent-care sign is not walked around so
    page.goto(f"{server_url}/")
    assert page.locator("#safety-standing").count() == 1
    assert "deleting or correcting that check-in does not lift it" in page.locator("#safety-standing").inner_text()
    assert page.get_by_role("button", name="Begin").count() == 0
    assert errors == []
    context.close()
