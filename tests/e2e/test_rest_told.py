"""What someone lying with eyes closed is told by the running timer, beyond its cues: the time left once a minute (to a
screen reader: the clock itself is not read out each second), and that the screen is not kept on (the phone would
lock, and hold back the chime), where the browser cannot or will not keep it on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# The browser's Screen Wake Lock, as each kind of browser answers it; each lock it gives is kept in window.locks, so
# that the system taking it back (a battery saver) can be played.
WAKE_LOCKS = {
    "refused": """navigator.wakeLock.request = () =>
  Promise.reject(new DOMException("Battery saver", "NotAllowedError"));""",
    "missing": "delete Navigator.prototype.wakeLock;",
    # given when the page calls window.answer(), as a slow browser would
    "given late": """window.locks = [];
const request = navigator.wakeLock.request.bind(navigator.wakeLock);
const answered = new Promise((resolve) => { window.answer = resolve; });
navigator.wakeLock.request = async (type) => {
  await answered;
  const lock = await request(type);
  window.locks.push(lock);
  return lock;
};""",
    "given": """window.locks = [];
const request = navigator.wakeLock.request.bind(navigator.wakeLock);
navigator.wakeLock.request = async (type) => {
  const lock = await request(type);
  window.locks.push(lock);
  return lock;
};""",
}
# Every text a status region on the timer is given, in order, recorded from the page's first script on.
RECORD_STATUS = """window.told = [];
document.addEventListener("DOMContentLoaded", () => {
  const regions = document.querySelectorAll("#stage-timer [role=status]");
  const record = (records) => records.forEach(({ target }) => window.told.push([target.id, target.textContent]));
  regions.forEach((region) => new MutationObserver(record).observe(region, { childList: true }));
});"""
MINUTES_LEFT = [f"{minutes} min left." for minutes in range(5, 0, -1)]


@pytest.fixture
def phone_with(
    browser: Any, fresh_server_url: str, answer_safety: Callable[[Any, str], None]
) -> Iterator[Callable[..., Any]]:
    """A phone whose browser answers the wake lock as WAKE_LOCKS[kind] says, at the session page's Ready step of a
    5-minute rest on a clock `speed` times as fast (30 s at 10)."""
    contexts: list[Any] = []

    def open_phone(kind: str, speed: int = 10) -> Any:
        context = browser.new_context(**PHONE)
        contexts.append(context)
        context.add_init_script(WAKE_LOCKS[kind])
        context.add_init_script(RECORD_STATUS)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # End now's question
        answer_safety(page, fresh_server_url)
        page.goto(f"{fresh_server_url}/session?minutes=5&speed={speed}")
        while not page.locator("#stage-ready").is_visible():
            page.locator("#step-next").click()
        return page

    yield open_phone
    for context in contexts:
        context.close()


def _screen_status(page: Any) -> Any:
    return page.locator("#stage-timer [role=status]", has_text="not keeping the screen on")


@pytest.mark.parametrize("kind", ["refused", "missing"])
def test_a_screen_not_kept_on_is_said_as_the_rest_starts(phone_with: Callable[..., Any], kind: str) -> None:
    page = phone_with(kind)
    page.get_by_role("button", name="Start the rest").click()
    told = _screen_status(page)
    told.wait_for()
    assert "the chime and the steps for coming up wait until you unlock it" in told.inner_text()
    page.get_by_role("button", name="End now").click()


def test_a_screen_lock_taken_back_by_the_system_is_said(phone_with: Callable[..., Any]) -> None:
    page = phone_with("given")
    page.get_by_role("button", name="Start the rest").click()
    page.wait_for_function("() => window.locks.length === 1")
    assert _screen_status(page).count() == 0  # kept on: nothing to say
    page.get_by_role("button", name="Pause").click()  # crest lets the lock go itself: nothing to say either
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function("() => window.locks.length === 2")
    assert _screen_status(page).count() == 0
    page.evaluate("window.locks[1].release()")  # a battery saver takes it back while the rest runs
    _screen_status(page).wait_for()
    page.get_by_role("button", name="End now").click()


def test_the_time_left_is_told_once_a_minute(phone_with: Callable[..., Any]) -> None:
    page = phone_with("given", speed=30)
    assert page.locator("#time-left").get_attribute("aria-live") is None  # a timer is not live: not every second
    page.get_by_role("button", name="Start the rest").click()
    page.get_by_role("heading", name="Well done").wait_for(timeout=30_000)
    minutes = [text for region, text in page.evaluate("window.told") if region == "minutes-left"]
    # each minute once, from the whole rest down, in the terminal's words (a slow tick may tell two minutes as one)
    assert minutes[0] == MINUTES_LEFT[0]
    assert minutes == [text for text in MINUTES_LEFT if text in minutes], minutes


def test_a_pause_says_the_time_left(phone_with: Callable[..., Any]) -> None:
    page = phone_with("given")
    page.get_by_role("button", name="Start the rest").click()
    page.wait_for_function("() => window.told.some(([region]) => region === 'minutes-left')")  # the clock runs
    page.keyboard.press("Space")  # on Pause, which has the focus
    minutes, seconds = page.locator("#time-left").inner_text().split(":")
    words = f"{int(minutes)} min {int(seconds)} s".removeprefix("0 min ").removesuffix(" 0 s")
    assert page.locator("#pause-status").inner_text() == f"Paused, {words} left."  # as the stopped clock shows it
    page.keyboard.press("Space")
    assert page.locator("#pause-status").inner_text() == "Resumed."
    page.get_by_role("button", name="End now").click()


def test_a_pause_before_the_browser_keeps_the_screen_on_lets_it_sleep(phone_with: Callable[..., Any]) -> None:
    page = phone_with("given late")
    page.get_by_role("button", name="Start the rest").click()
    page.wait_for_function("() => window.told.some(([region]) => region === 'minutes-left')")  # the clock runs
    page.keyboard.press("Space")  # Pause, before the browser has answered
    page.evaluate("() => window.answer()")
    page.wait_for_function("() => window.locks.length === 1")
    page.wait_for_function("() => window.locks[0].released")  # paused: the screen is not held on
    assert _screen_status(page).count() == 0  # and crest's own letting go is nothing to say
    page.get_by_role("button", name="End now").click()
