"""A whole practice in the browser: a short session at high speed, a check-in on the body map, then the journal
and the progress chart show it (the session as a demo, which a rest faster than real time is: not counted)."""

import asyncio
import json
import re
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from crest.durations import rested_text
from support.journal_api import call

Shoot = Callable[[Any, str], None]
# 5 minutes at 300x speed last one second.
SPEED = 300


def _api(base: str, path: str) -> Any:
    with urllib.request.urlopen(f"{base}{path}") as response:
        return json.load(response)


def test_session_checkin_journal_and_progress(
    browser: Any, server_url: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, server_url)

    page.goto(f"{server_url}/")
    page.get_by_label("Minutes").fill("5")
    page.get_by_role("button", name="Begin").click()
    page.wait_for_url("**/session?**")
    page.goto(page.url + f"&speed={SPEED}")

    page.get_by_role("link", name="rate your pain now").click()
    page.get_by_role("button", name="Lower back", exact=True).click()
    page.get_by_label("Pain in lower back, 0 to 10").fill("8")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/session?**before_checkin_id=*")
    assert f"speed={SPEED}" in page.url
    page.get_by_text("Your check-in before the session is saved").wait_for()

    steps = page.locator("#step-counter")
    total_steps = int(steps.inner_text().rsplit(" ", 1)[-1])
    screenshot(page, "flow-checklist")
    for _ in range(total_steps):
        page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Start the rest").click()
    page.locator("#stage-timer").wait_for(state="visible")
    screenshot(page, "flow-timer")
    page.get_by_role("heading", name="Well done").wait_for(timeout=15_000)
    page.get_by_text("You rested for 5 min.").wait_for()  # the one format for time rested
    assert f"This was a demo at {SPEED} times real time" in page.locator("#done-summary").inner_text()
    screenshot(page, "flow-done")

    sessions = _api(server_url, "/api/sessions")
    assert sessions[0]["status"] == "completed"
    assert sessions[0]["actual_seconds"] == 300
    assert sessions[0]["planned_minutes"] == 5

    page.get_by_role("link", name="How do you feel?").click()
    page.wait_for_url(f"**/checkin?session_id={sessions[0]['id']}")
    assert "Before the session: 8 / 10" in page.locator(".rating-row", has_text="Lower back").inner_text()
    page.get_by_label("Pain in lower back, 0 to 10").fill("6")
    page.get_by_role("button", name="Knee, left").click()
    page.get_by_label("Pain in knee, 0 to 10").fill("2")
    page.get_by_label("Yawning").check()
    page.get_by_label("Better").check()
    page.get_by_label("Note").fill("Calmer afterwards")
    screenshot(page, "flow-checkin")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_role("link", name="Why do I yawn so much?").wait_for()  # yawning noted: its entry is offered
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/journal?saved=check-in")

    before = page.locator("tr", has_text="Check-in before")
    assert "Lower back (centre) 8/10" in before.inner_text()
    row = page.locator("tr", has_text="Check-in after")
    assert "Lower back (centre) 6/10" in row.inner_text()
    assert "Knee (left) 2/10" in row.inner_text()
    assert "Calmer afterwards" in row.inner_text()
    # one session row (the check-ins' rows say "Check-in before a session", "... after a session")
    assert page.locator("tr", has_text="Session").filter(has_not_text="Check-in").count() == 1
    assert page.locator("tr", has_text="Demo session").count() == 1
    screenshot(page, "flow-journal")

    page.get_by_role("link", name="Progress").click()
    pain, weeks = (page.locator(".chart").nth(index).locator(".chart-wide") for index in (0, 2))
    points = pain.locator('circle[data-series="Lower back (centre)"]')
    assert [p.get_attribute("data-value") for p in points.all()] == ["7"]  # this week's median of 8 and 6
    single = [title.text_content() or "" for title in pain.locator("circle.faint title").all()]
    assert sum("Lower back (centre): 6/10" in title or "Lower back (centre): 8/10" in title for title in single) == 2
    assert weeks.locator("rect.bar[data-value='1']").count() == 0  # the demo is not counted as practice
    # 8 before and 6 after a rest sped up: a demo, so no change from a rest is drawn, and the chart says why
    assert "a demo is left out" in page.locator(".chart").nth(1).inner_text()
    assert "a demo is left out" in page.locator("section", has_text="Is it helping?").inner_text()
    screenshot(page, "flow-progress")
    page.emulate_media(color_scheme="dark")
    screenshot(page, "flow-progress-dark")
    page.goto(f"{server_url}/journal")
    screenshot(page, "flow-journal-dark")
    assert errors == []
    context.close()


def test_journal_deletes_only_after_confirmation(safe_page: Any, server_url: str) -> None:
    page = safe_page
    page.goto(f"{server_url}/checkin")
    page.get_by_role("button", name="Hip, right").click()
    page.get_by_label("Pain in hip, 0 to 10").fill("3")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")
    rows = page.locator("tr", has_text="Hip (right)")
    assert rows.count() == 1

    page.once("dialog", lambda dialog: dialog.dismiss())
    rows.get_by_role("button", name="Delete").click()
    assert rows.count() == 1
    page.once("dialog", lambda dialog: dialog.accept())
    rows.get_by_role("button", name="Delete").click()
    rows.wait_for(state="detached")
    page.reload()
    assert page.locator("tr", has_text="Hip (right)").count() == 0


def test_closing_the_tab_leaves_an_interrupted_session(
    browser: Any, quick_sweep_url: str, answer_safety: Shoot
) -> None:
    context = browser.new_context()
    page = context.new_page()
    answer_safety(page, quick_sweep_url)
    _start_rest_on_a_held_clock(page, f"{quick_sweep_url}/session?minutes=10&speed=60")
    _run_the_page_clock(page, 1_900)  # 114 s of session time at 60x: checkpoints at 12, 48 and 84 s
    assert page.locator("#time-left").inner_text() == "8:12"  # its last tick, at 1.8 s: 108 s
    page.once("dialog", lambda dialog: dialog.accept())  # "leave the site?": yes
    page.close(run_before_unload=True)
    # Then the server hears nothing and takes the tab to be closed.
    deadline = time.monotonic() + 60
    while (newest := _api(quick_sweep_url, "/api/sessions")[0])["status"] == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert newest["status"] == "interrupted"
    # The time rested as the tab closed (its save on leaving, a beacon), or the last checkpoint where the browser
    # drops the beacon with the tab (best effort: Chromium does here, closed by Playwright), never less.
    assert newest["actual_seconds"] in (84, 114)
    context.close()


def test_a_reload_during_the_timer_keeps_the_session_and_resumes_it(
    safe_page: Any, server_url: str, screenshot: Shoot
) -> None:
    page = safe_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _start_rest_on_a_held_clock(page, f"{server_url}/session?minutes=10&speed=60")
    _run_the_page_clock(page, 1_900)  # 114 s of session time at 60x; the last checkpoint, 84 s
    page.once("dialog", lambda dialog: dialog.accept())  # the browser asks before leaving a running timer
    page.reload()
    page.get_by_role("heading", name="Your session is still open").wait_for()
    assert page.locator("#stage-checklist").is_hidden()  # no checklist again
    _run_the_page_clock(page, 500)  # the page's wait for another tab of this browser to say it holds the rest
    page.get_by_text("1 min 54 s of 10 min done. The timer waits where it stopped.").wait_for()
    running = _api(server_url, "/api/sessions")[0]
    # not ended by the reload, and the time done so far came with the page's last word (the beacon, or the save the
    # page left for the next, sent again by it)
    assert (running["status"], running["actual_seconds"]) == ("running", 114)
    screenshot(page, "session-resume")

    page.get_by_role("button", name="Resume the rest").click()
    page.locator("#stage-timer").wait_for(state="visible")
    expect(page.locator("#time-left")).to_have_text("8:06")  # it goes on from where it stopped, not from 10:00
    assert (page.locator("#cue-why").get_attribute("href") or "").startswith("/help/")  # the cue in force's "why?"
    _run_the_page_clock(page, 1_000)  # 60 s more
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End now").click()
    page.get_by_role("heading", name="Well done").wait_for()
    ended = _api(server_url, f"/api/sessions/{running['id']}")
    assert (ended["status"], ended["actual_seconds"]) == ("ended_early", 174)
    assert len([s for s in _api(server_url, "/api/sessions") if s["started_at"] == running["started_at"]]) == 1
    assert errors == []


def test_a_demo_resumed_from_the_session_link_keeps_its_speed(safe_page: Any, server_url: str) -> None:
    """Left for the Journal, then back by the Session link as the leaving question says: the page has no ?speed,
    and the demo's rest went on at real time."""
    page = safe_page
    _start_rest(page, f"{server_url}/session?minutes=10&speed=60")
    page.wait_for_timeout(1_000)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Journal").click()
    page.wait_for_url("**/journal")
    page.get_by_role("link", name="Session", exact=True).click()
    page.get_by_role("button", name="Resume the rest").click()
    page.locator("#stage-timer").wait_for(state="visible")
    running = _api(server_url, "/api/sessions")[0]
    page.wait_for_timeout(1_000)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End now").click()
    page.get_by_role("heading", name="Well done").wait_for()
    assert _api(server_url, f"/api/sessions/{running['id']}")["actual_seconds"] >= running["actual_seconds"] + 30
    assert "This was a demo at 60 times real time" in page.locator("#done-summary").inner_text()


def test_the_navigation_asks_before_leaving_a_running_timer(safe_page: Any, server_url: str) -> None:
    page = safe_page
    _start_rest(page, f"{server_url}/session?minutes=10&speed=60")
    asked: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_role("link", name="Journal").click()
    assert "Leave the timer?" in asked[0]
    assert page.locator("#stage-timer").is_visible()  # a stray tap changes nothing
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.get_by_role("link", name="Journal").click()
    page.wait_for_url("**/journal")
    assert len(asked) == 2  # asked once, not a second time by the browser
    session = _api(server_url, "/api/sessions")[0]
    assert session["status"] == "running"

    page.get_by_role("link", name="Session", exact=True).click()
    page.get_by_role("button", name="End it here").click()
    page.locator("#stage-done").wait_for()  # its heading depends on how long the rest ran before the click
    assert _api(server_url, f"/api/sessions/{session['id']}")["status"] == "ended_early"


def test_a_check_in_by_keyboard_alone(safe_page: Any, server_url: str) -> None:
    page = safe_page
    page.goto(f"{server_url}/checkin")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(40):  # on through the navigation to the body map
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Groin, left":
            break
    page.keyboard.press("Enter")
    slider = page.get_by_label("Pain in groin, 0 to 10")
    assert page.evaluate("document.activeElement.type") == "range"
    assert page.locator(".rating-row", has_text="Groin").locator("output").inner_text() == "not rated yet"
    page.keyboard.press("ArrowRight")  # a place not rated yet counts from nothing (5a1cdaec): 1/10
    assert slider.input_value() == "1"
    assert page.locator(".rating-row", has_text="Groin").locator("output").inner_text() == "1 / 10"
    page.get_by_role("button", name="Save check-in").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/journal?saved=check-in")
    assert "Groin (left) 1/10" in page.locator("tr", has_text="Groin").inner_text()


def test_pause_resume_and_end_early(safe_page: Any, server_url: str) -> None:
    page = safe_page
    _start_rest(page, f"{server_url}/session?minutes=10&speed=60")
    page.wait_for_timeout(1_000)
    page.get_by_role("button", name="Pause").click()
    paused_at = page.locator("#time-left").inner_text()
    page.wait_for_timeout(1_000)
    assert page.locator("#time-left").inner_text() == paused_at  # the clock stands still while paused
    assert page.locator("#phase").inner_text() == "Paused"
    page.get_by_role("button", name="Resume").click()
    page.wait_for_timeout(500)
    assert page.locator("#time-left").inner_text() != paused_at
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End now").click()
    page.get_by_role("heading", name="Well done").wait_for()
    assert "before ending" in page.locator("#done-summary").inner_text()
    newest = _api(server_url, "/api/sessions")[0]
    assert newest["status"] == "ended_early"
    assert 60 <= newest["actual_seconds"] <= 150


@pytest.fixture
def slow_start_url(tmp_path: Path, serve_app: Callable[[Any], str]) -> str:
    """A server that writes a new session 1.5 s after it is asked (a loaded machine)."""
    from crest.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'crest.db'}")

    @app.middleware("http")
    async def write_sessions_slowly(request: Any, call_next: Any) -> Any:
        if request.method == "POST" and request.url.path == "/api/sessions":
            await asyncio.sleep(1.5)
        return await call_next(request)

    return serve_app(app)


def test_pause_pressed_while_the_session_is_being_written_starts_the_clock_paused(
    browser: Any, slow_start_url: str, answer_safety: Shoot
) -> None:
    """A Pause pressed before the server has written the session holds the clock at 0:00, and the rest then runs from
    Resume and is saved whole. Before, the press started the clock ahead of the server's start time, which refused
    the time as more than had passed and left the rest open."""
    base = slow_start_url
    page = browser.new_page()
    answer_safety(page, base)
    _start_rest(page, f"{base}/session?minutes=5&speed=100", saved=False)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    assert page.locator("#pause").get_attribute("aria-pressed") is None  # its label says the state, once
    while not _api(base, "/api/sessions"):  # written: the clock stands, paused
        time.sleep(0.1)
    page.wait_for_timeout(1_000)
    assert page.locator("#time-left").inner_text() == "5:00"
    assert page.locator("#phase").inner_text() == "Paused"
    page.get_by_role("button", name="Resume").click()
    page.get_by_role("heading", name="Well done").wait_for(timeout=15_000)
    assert page.url.endswith("speed=100")  # the timer was never sent back to the session page
    (session,) = _api(base, "/api/sessions")
    assert (session["status"], session["actual_seconds"]) == ("completed", 300)
    page.context.close()


def test_a_rest_ended_while_the_session_is_being_written_is_ended_on_the_server(
    browser: Any, slow_start_url: str, answer_safety: Shoot
) -> None:
    """End now pressed before the server has written the session: once written, it is ended there too (before, it
    stayed open, and the session page offered to resume a rest the person had ended)."""
    base = slow_start_url
    page = browser.new_page()
    answer_safety(page, base)
    _start_rest(page, f"{base}/session?minutes=5&speed=100", saved=False)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End now").click()
    page.get_by_role("heading", name="Session ended").wait_for()
    deadline = time.monotonic() + 20
    while not (sessions := _api(base, "/api/sessions")) or sessions[0]["status"] == "running":
        assert time.monotonic() < deadline, sessions
        time.sleep(0.1)
    assert (sessions[0]["status"], sessions[0]["actual_seconds"]) == ("ended_early", 0)
    # set once the page has the server's answer, which may come after the server has ended it
    expect(page.get_by_role("link", name="How do you feel?")).to_have_attribute(
        "href", re.compile(f"session_id={sessions[0]['id']}$")
    )
    page.goto(f"{base}/session?minutes=5")
    page.locator("#step-next").wait_for()  # a new rest is offered, not the ended one to resume
    page.context.close()


def test_a_rest_ended_within_its_first_minute_is_not_praised(safe_page: Any, server_url: str) -> None:
    page = safe_page
    _start_rest(page, f"{server_url}/session?minutes=10")  # in real time: the reload comes seconds in
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.get_by_role("button", name="End it here").click()
    page.get_by_role("heading", name="Session ended").wait_for()
    summary = page.locator("#done-summary").inner_text()
    assert "before a minute had passed" in summary and " s " not in f"{summary} "
    assert "demo" not in summary  # a rest in real time
    assert page.get_by_role("heading", name="Well done").count() == 0


def _start_rest(page: Any, session_url: str, saved: bool = True, navigate: bool = True) -> None:
    """Open the session page (unless it is open: not `navigate`), walk through the checklist and start the rest;
    with `saved`, wait until the server holds the new session (a loaded machine answers later than the timer
    shows)."""
    base = session_url.partition("/session")[0]
    before = len(_api(base, "/api/sessions"))
    if navigate:
        page.goto(session_url)
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Start the rest").click()
    page.locator("#stage-timer").wait_for(state="visible")
    deadline = time.monotonic() + 20
    while saved and len(_api(base, "/api/sessions")) == before and time.monotonic() < deadline:
        time.sleep(0.1)


# The page's calls to the server under way: a held clock moved on sends its saves at once, which may then overtake
# each other, where the page's own ticks send them a fifth of a second apart.
COUNT_CALLS = """
const fetchAsGiven = window.fetch;
window.callsUnderWay = 0;
window.fetch = (...call) => {
  window.callsUnderWay += 1;
  return fetchAsGiven(...call).finally(() => { window.callsUnderWay -= 1; });
};
"""
TICK_MS = 200  # the page's timer


def _start_rest_on_a_held_clock(page: Any, session_url: str) -> None:
    """`_start_rest` with the page's clock held (Playwright's): its timer moves only by `_run_the_page_clock`, so
    the time rested it says is known to the second however loaded the machine is. The timer has begun (at 0 s)
    once this returns."""
    page.add_init_script(COUNT_CALLS)
    page.clock.install()
    page.goto(session_url)
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1_000)  # nothing on the page is timed before the rest
    _start_rest(page, session_url, navigate=False)
    expect(page.locator("#time-left")).not_to_have_text("--:--")


def _run_the_page_clock(page: Any, ms: int) -> None:
    """The held page clock moved on `ms`, a tick of the page's timer at a time, each tick's save answered before the
    next. The server checks the time rested against its own clock (as fast as the page's demo speed): as much real
    time passes first."""
    for step in range(0, ms, TICK_MS):
        time.sleep(min(TICK_MS, ms - step) / 1000)
        page.clock.run_for(min(TICK_MS, ms - step))
        while page.evaluate("() => window.callsUnderWay"):
            time.sleep(0.02)


def test_the_navigation_asks_even_while_the_session_is_not_saved(safe_page: Any, server_url: str) -> None:
    page = safe_page
    # The server never hears of this session (as while its answer is on the way): the timer runs all the same.
    page.route("**/api/sessions", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    _start_rest(page, f"{server_url}/session?minutes=10&speed=60", saved=False)
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("link", name="Journal").click()
    assert asked and "Leave the timer?" in asked[0]
    assert page.locator("#stage-timer").is_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Journal").click()
    page.wait_for_url("**/journal")


def test_a_check_in_is_edited_from_the_journal(safe_page: Any, server_url: str) -> None:
    page = safe_page
    page.goto(f"{server_url}/checkin")
    page.get_by_role("button", name="Buttock, left").click()
    page.get_by_label("Pain in buttock, 0 to 10").fill("5")
    page.get_by_label("Note").fill("first words")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")

    page.locator("tr", has_text="first words").get_by_role("link", name="Edit").click()
    page.get_by_role("heading", name="Edit check-in").wait_for()
    assert page.get_by_label("Pain in buttock, 0 to 10").input_value() == "5"
    assert page.get_by_label("Note").input_value() == "first words"
    page.get_by_label("Pain in buttock, 0 to 10").fill("2")
    page.get_by_label("Note").fill("second thoughts")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/journal?saved=check-in")
    row = page.locator("tr", has_text="second thoughts")
    assert "Buttock (left) 2/10" in row.inner_text()
    assert page.locator("tr", has_text="first words").count() == 0


def test_a_session_is_edited_from_the_journal_by_keyboard(safe_page: Any, server_url: str, screenshot: Shoot) -> None:
    page = safe_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _start_rest(page, f"{server_url}/session?minutes=5&speed=60")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End now").click()
    page.locator("#stage-done").wait_for()  # its heading depends on how long the rest ran before the click
    session = _api(server_url, "/api/sessions")[0]
    assert session["status"] == "ended_early"

    page.goto(f"{server_url}/journal")
    row = page.locator(f"#session-{session['id']}")
    row.get_by_role("link", name="Edit").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Edit session").wait_for()
    variant = page.get_by_label("Variant")
    assert variant.input_value() == "standard"
    assert page.get_by_label("Ended early").is_checked()

    variant.focus()
    page.keyboard.press("End")  # the last variant in the list, then the one above it
    page.keyboard.press("ArrowUp")
    assert variant.input_value() == "somatic"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rested-minutes"
    page.keyboard.press("Control+A")
    page.keyboard.type("9")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rested-seconds"
    page.keyboard.press("Tab")  # into the status radios, on the checked "Ended early"
    page.keyboard.press("ArrowUp")
    assert page.get_by_label("Completed").is_checked()
    page.keyboard.press("Enter")  # submits the form
    # crest timed this rest: a correction may shorten it, never lengthen it past what the timer measured
    page.get_by_text(
        "Time rested: give the minutes as a whole number and the seconds from 0 to 59. At most", exact=False
    ).filter(has_text="the time crest timed: a correction can shorten a timed rest, not add to it.").wait_for()
    assert page.locator("#rested-minutes").get_attribute("aria-invalid") == "true"
    assert page.locator("#rested-minutes").get_attribute("aria-describedby") == "form-error"  # says why, too
    assert page.evaluate("document.activeElement.id") == "rested-minutes"
    screenshot(page, "session-edit")

    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    assert page.locator("#rested-minutes").get_attribute("aria-invalid") is None  # being mended
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    page.keyboard.press("Enter")  # "completed" with none of its 5 minutes: the server says why not
    page.get_by_role("alert").filter(has_text="status: a session is completed once its 5 minutes are done").wait_for()
    page.get_by_label("Ended early").check()
    page.get_by_role("button", name="Save session").click()
    page.wait_for_url("**/journal")
    edited = page.locator(f"#session-{session['id']}").inner_text()
    assert "of 5 min, Somatic release" in edited
    assert "Ended early" in edited
    stored = _api(server_url, f"/api/sessions/{session['id']}")
    assert (stored["variant"], stored["status"]) == ("somatic", "ended_early")
    assert stored["actual_seconds"] < 30
    assert stored["started_at"] == session["started_at"]
    assert errors == []


def test_a_rest_resumed_in_another_tab_stops_the_first_tab(safe_page: Any, server_url: str) -> None:
    """Two tabs both resumed one open rest and both timers wrote its time: the tab that resumes it now runs it."""
    first = safe_page
    _start_rest(first, f"{server_url}/session?minutes=10")
    second = first.context.new_page()
    second.goto(f"{server_url}/session")
    second.get_by_role("button", name="Resume the rest").click()
    second.locator("#stage-timer").wait_for(state="visible")

    first.get_by_role("heading", name="This rest goes on in another tab").wait_for(timeout=5_000)
    assert not first.locator("#stage-timer").is_visible()
    second.once("dialog", lambda dialog: dialog.accept())
    second.get_by_role("button", name="End now").click()
    second.get_by_role("heading", name="Session ended").or_(second.get_by_role("heading", name="Well done")).wait_for()
    assert _api(server_url, "/api/sessions")[0]["status"] == "ended_early"
    first.get_by_role("button", name="Go on here").click()  # the rest is over: a new one may begin
    first.locator("#stage-checklist").wait_for(state="visible")


def test_a_rest_ended_in_another_tab_says_so_in_the_resting_tab(safe_page: Any, server_url: str) -> None:
    """The second tab said "The timer waits where it stopped" while the first counted, and "End it here" there
    turned the resting tab into a new 15-minute setup without a word."""
    first = safe_page
    _start_rest(first, f"{server_url}/session?minutes=5&speed=10")
    first.wait_for_timeout(1_000)
    second = first.context.new_page()
    second.goto(f"{server_url}/session")
    expect(second.locator("#resume-summary")).to_contain_text(
        re.compile(r"done\. It may still be running in another tab or window: it was saved (just now|\d+ s ago)\.$")
    )
    second.get_by_role("button", name="End it here").click()
    second.locator("#stage-done").wait_for()

    _told_how_to_come_up(first)
    assert "before ending" in first.locator("#done-summary").inner_text()
    assert _api(server_url, "/api/sessions")[0]["status"] == "ended_early"
    first.goto(f"{server_url}/journal")  # nothing left running: leaving asks nothing


def test_a_rest_ended_or_deleted_in_another_window_says_so_at_the_next_save(safe_page: Any, server_url: str) -> None:
    """Another browser window (no channel between the two): the resting tab learns it from its next checkpoint. And
    its checkpoints carried no uid: deleted there, its id given to a new rest, the tab timed that one."""
    first = safe_page
    _start_rest(first, f"{server_url}/session?minutes=10&speed=10")
    ended = _api(server_url, "/api/sessions")[0]
    call(server_url, "POST", f"/api/sessions/{ended['id']}/finish", {"elapsed_s": 0, "status": "ended_early"})
    _told_how_to_come_up(first)
    assert "before ending" in first.locator("#done-summary").inner_text()

    _start_rest(first, f"{server_url}/session?minutes=10&speed=10")
    deleted = _api(server_url, "/api/sessions")[0]
    call(server_url, "DELETE", f"/api/sessions/{deleted['id']}")
    new = call(server_url, "POST", "/api/sessions", {"planned_minutes": 20})
    assert new["id"] == deleted["id"]
    _told_how_to_come_up(first)
    assert first.locator("#done-summary").inner_text() == "It was deleted there, so this rest is not in your journal."
    assert first.locator("#checkin-link").get_attribute("href") == "/checkin"  # not after the rest given its id
    untouched = _api(server_url, f"/api/sessions/{new['id']}")
    assert (untouched["status"], untouched["actual_seconds"]) == ("running", 0)
    call(server_url, "POST", f"/api/sessions/{new['id']}/finish", {"elapsed_s": 0, "status": "ended_early"})


def _told_how_to_come_up(page: Any) -> None:
    """The resting tab ended by another: the way to come up, no timer, no setup (not reloaded into a new one)."""
    page.get_by_role("heading", name="This rest was ended in another tab").wait_for(timeout=10_000)
    assert page.locator("#ending-steps li").count() >= 2
    assert page.url.endswith("speed=10")
    assert not page.locator("#stage-timer").is_visible()
    assert not page.locator("#stage-checklist").is_visible()


def test_a_warning_sign_during_the_rest_leads_to_the_advice_not_to_an_end_elsewhere(
    browser: Any, fresh_server_url: str, answer_safety: Shoot
) -> None:
    server = fresh_server_url  # the "yes" holds for days: a journal of its own
    context = browser.new_context()
    page = context.new_page()
    answer_safety(page, server)
    _start_rest(page, f"{server}/session?minutes=10&speed=10")
    answers = {question["id"]: question["id"] == "weight_loss" for question in _api(server, "/api/safety/questions")}
    call(server, "POST", "/api/safety/answers", {"answers": answers})
    # Said where the person lies, with how to come up, politely: a clinician's advice is not urgent care.
    page.locator("#stopped-advice").get_by_text("Please see a clinician").wait_for(timeout=10_000)
    assert page.locator("#done-heading").inner_text() == "A warning sign came in while you rested"
    assert page.locator("#stopped-urgent").inner_text() == ""
    assert _api(server, "/api/sessions")[0]["status"] == "ended_early"
    context.close()


def test_a_reload_says_the_time_rested_until_the_reload_not_the_last_checkpoint(
    safe_page: Any, server_url: str
) -> None:
    """The page's save on leaving (a beacon) can land after the reloaded page has read the session, which then said
    the time of the last checkpoint ('1 min 4 s') where the person had rested 1 min 22 s. Here no save of the
    timer's page reaches the server (its checkpoints refused, its beacon held back as if still on the way): the
    reloaded page says the time rested until the reload all the same."""
    page = safe_page
    # The beacon, held back, leaves a cookie instead: what the server hears carrying it comes from the reloaded page.
    page.add_init_script("navigator.sendBeacon = () => ((document.cookie = 'left=1; path=/'), true);")

    def after_leaving(route: Any) -> None:
        reloaded = "left=1" in route.request.all_headers().get("cookie", "")
        route.continue_() if reloaded else route.abort()

    page.context.route("**/api/sessions/*/checkpoint?uid=*", after_leaving)
    _start_rest(page, f"{server_url}/session?minutes=10&speed=60")
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^[0-8]:\d\d$"))  # over a minute rested
    minutes, seconds = page.locator("#time-left").inner_text().split(":")
    rested_before_reload = 600 - (int(minutes) * 60 + int(seconds))
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()
    page.get_by_role("heading", name="Your session is still open").wait_for()
    page.get_by_text(" done. The timer waits where it stopped.").wait_for()
    held = _api(server_url, "/api/sessions")[0]
    assert held["actual_seconds"] >= rested_before_reload >= 60  # the time at the reload, not 0 s
    summary = page.locator("#resume-summary").inner_text()
    assert f"; {rested_text(held['actual_seconds'])} of 10 min done." in summary, summary
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End it here").click()
    page.get_by_role("heading", name="Well done").wait_for()
