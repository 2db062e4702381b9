"""A rest in the browser saves its first seconds early, as the terminal does (walk s50 L7): the first checkpoint came
30 s in, so a tab or browser killed before then left the rest at 0 s. Waits on the page's own request, no timing."""

from collections.abc import Callable
from typing import Any

Shoot = Callable[[Any, str], None]


def test_the_first_checkpoint_comes_a_few_seconds_into_the_rest(
    browser: Any, fresh_server_url: str, answer_safety: Shoot
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    answer_safety(page, fresh_server_url)
    page.goto(f"{fresh_server_url}/session?minutes=5")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    with page.expect_request(lambda request: "/checkpoint" in request.url, timeout=60_000) as first:
        page.get_by_role("button", name="Start the rest").click()
    elapsed_s = first.value.post_data_json["elapsed_s"]
    assert 5 <= elapsed_s < 30, elapsed_s
    [session] = page.request.get(f"{fresh_server_url}/api/sessions").json()
    assert session["status"] == "running"
    context.close()
