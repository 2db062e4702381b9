"""The breath during a rest in Chromium, fed by its fake camera with a still picture made from a public-domain
photo: a quiet line while the camera reads, and after the session the honest result for a still picture (no
reading, and why) with the relaxation note; the reading is saved with the session, as numbers only. Then a saved
reading with a trend in the Journal, at desktop and phone size, light and dark."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from crest.breath.analysis import WINDOW_S
from crest.breath.reasons import REASON_LABELS
from crest.breath.result import RELAXATION_NOTE, UNWATCHED, BreathResult
from support.journal_api import BREATH_SLOWING, answer_safety_with_no, call, finish_on_a_demo_clock
from support.media import IN_POSITION_PHOTO, fake_camera_flags, y4m_clip

Shoot = Callable[[Any, str], None]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1100, "height": 900}}
# 5 minutes at 10x speed: half a minute of frames, enough for one window of the breath.
SESSION = "/session?minutes=5&speed=10"


@pytest.fixture(scope="module")
def camera_browser(launch_chromium: Callable[[tuple[str, ...]], Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    clip = y4m_clip(IN_POSITION_PHOTO, tmp_path_factory.mktemp("camera") / "lying.y4m")
    chromium = launch_chromium(fake_camera_flags(clip))
    yield chromium
    chromium.close()


@pytest.fixture
def errors() -> Iterator[list[str]]:
    found: list[str] = []
    yield found
    assert found == []


def _watch(page: Any, errors: list[str]) -> None:
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))


def _newest_session(base: str) -> Any:
    with urllib.request.urlopen(f"{base}/api/sessions") as response:
        return json.load(response)[0]


def _ready_to_rest(
    context: Any, base: str, answer_safety: Shoot, errors: list[str], session: str = SESSION
) -> tuple[Any, dict[str, str]]:
    """The session page at its Start, "Read my breathing" ticked; the page and its words for each breath state."""
    page = context.new_page()
    _watch(page, errors)
    answer_safety(page, base)
    page.goto(f"{base}{session}")
    labels = json.loads(page.locator("#session-config").text_content())["breath_states"]
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_label("Read my breathing during the rest").check()
    return page, labels


def _frame_time(payload: str | bytes) -> float | None:
    """The capture time of the frame a live breath answer is about (None for any other message)."""
    message = json.loads(payload)
    return float(message["result"]["time_s"]) if message.get("type") == "result" else None


def _start_and_read_a_window(page: Any, start: str = "#rest-start") -> None:
    """Start the rest (or resume one) by its button `start`, paused at once, and go on only once the server has read
    frames across a whole window of the breath: the demo clock ran out before a loaded machine had read one (no
    window, "the camera watched for too short a time"). Waits on the live stream's own answers, never on a clock."""
    with page.expect_websocket(lambda socket: "breath=true" in socket.url) as opened:
        page.locator(start).click()
        page.locator("#pause").click()
    socket = opened.value
    first = None
    while first is None:
        first = _frame_time(socket.wait_for_event("framereceived", timeout=0))
    socket.wait_for_event(
        "framereceived", predicate=lambda payload: (_frame_time(payload) or 0) >= first + WINDOW_S, timeout=0
    )
    page.locator("#pause").click()


def _reading_the_breath(context: Any, base: str, answer_safety: Shoot, errors: list[str]) -> tuple[Any, dict[str, str]]:
    """A rest started with the breath read, once the page says it reads it."""
    page, labels = _ready_to_rest(context, base, answer_safety, errors)
    page.get_by_role("button", name="Start the rest").click()
    expect(page.locator("#breath-status")).to_have_text(labels["reading"], timeout=30_000)
    return page, labels


@pytest.mark.parametrize(("size", "theme"), [("desktop", "light"), ("phone", "dark")])
def test_a_rest_with_the_breath_read_shows_the_honest_result_for_a_still_picture(
    camera_browser: Any,
    fresh_server_url: str,
    answer_safety: Shoot,
    screenshot: Shoot,
    errors: list[str],
    size: str,
    theme: str,
) -> None:
    context = camera_browser.new_context(color_scheme=theme, **(DESKTOP if size == "desktop" else PHONE))
    context.grant_permissions(["camera"])
    page, labels = _ready_to_rest(context, fresh_server_url, answer_safety, errors)
    screenshot(page, f"breath-offer-{theme}-{size}")
    _start_and_read_a_window(page)

    status = page.locator("#breath-status")
    status.wait_for(state="visible")
    assert status.inner_text() in labels.values()  # a quiet line, never a number
    assert not re.search(r"\d", status.inner_text())
    screenshot(page, f"breath-rest-{theme}-{size}")

    page.get_by_role("heading", name="Well done").wait_for(timeout=120_000)
    result = page.locator("#breath-result")
    result.wait_for(state="visible", timeout=30_000)
    summary = page.locator("#breath-result .breath-summary").inner_text()
    # A still picture holds no breathing: no reading, and the reason why, never a made-up rate.
    assert summary.startswith("No breathing reading this time: ")
    assert summary.removeprefix("No breathing reading this time: ").rstrip(".") in REASON_LABELS.values()
    assert page.locator("#breath-result .breath-note").inner_text() == RELAXATION_NOTE
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    result.scroll_into_view_if_needed()
    screenshot(page, f"breath-done-{theme}-{size}")

    saved = _newest_session(fresh_server_url)["breath"]
    assert saved["rate_bpm"] is None and saved["windows"]
    assert all(window["rate_bpm"] is None and window["reason"] for window in saved["windows"])
    assert set(saved) == {"rate_bpm", "windows", "movements"}  # numbers and reason names only
    # A still picture: no movement made up. Still "throughout" where the camera saw it; a machine too loaded to read
    # frames often enough (windows of too few frames) saw less of it, and the line says how much, as it must.
    assert saved["movements"] == []
    stillness = page.locator("#breath-result .breath-stillness").inner_text()
    assert stillness == BreathResult.from_json_dict(saved).stillness_line()
    if not any(window["reason"] in UNWATCHED for window in saved["windows"]):
        assert stillness == "You lay still throughout."
    context.close()


@pytest.mark.parametrize(("size", "theme"), [("desktop", "light"), ("phone", "dark")])
def test_the_journal_shows_a_saved_trend_with_its_gap_and_the_movements(
    browser: Any, fresh_server_url: str, screenshot: Shoot, errors: list[str], size: str, theme: str
) -> None:
    answer_safety_with_no(fresh_server_url)
    session = call(fresh_server_url, "POST", "/api/sessions", {"planned_minutes": 10})
    finish_on_a_demo_clock(fresh_server_url, session, breath=BREATH_SLOWING)

    context = browser.new_context(color_scheme=theme, **(DESKTOP if size == "desktop" else PHONE))
    page = context.new_page()
    _watch(page, errors)
    page.goto(f"{fresh_server_url}/journal")
    row = page.locator(f"#session-{session['id']}")
    assert "slowed from about 14 to about 8" in row.locator(".breath-summary").inner_text()
    assert row.locator(".breath-note").inner_text() == RELAXATION_NOTE
    row.get_by_text("Breathing, minute by minute").click()
    chart = row.locator(".chart svg:visible")  # the wide or the narrow drawing, whichever fits the cell
    chart.wait_for(state="visible")
    assert chart.locator("polyline").count() == 2  # the gap where there was no reading
    assert chart.locator(".event-mark").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    row.scroll_into_view_if_needed()
    screenshot(page, f"breath-journal-{theme}-{size}")
    context.close()


def test_a_camera_unplugged_during_the_rest_is_said_and_not_read_as_a_body_out_of_view(
    camera_browser: Any, fresh_server_url: str, answer_safety: Shoot, screenshot: Shoot, errors: list[str]
) -> None:
    # walk_breath M1: the camera unplugged mid-rest was said "No breathing reading just now: your chest and belly
    # were not in view." and its black frames were kept as windows of that reason.
    context = camera_browser.new_context(color_scheme="dark", **PHONE)
    context.grant_permissions(["camera"])
    # An unplugged camera's track ends: stopped, with its "ended" event (a page's own stop() fires none).
    context.add_init_script(
        """(() => {
          const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
          window.unplugCamera = () => {};
          navigator.mediaDevices.getUserMedia = async (constraints) => {
            const stream = await open(constraints);
            window.unplugCamera = () => {
              for (const track of stream.getTracks()) {
                track.stop();
                track.dispatchEvent(new Event("ended"));
              }
            };
            return stream;
          };
        })()"""
    )
    page, labels = _reading_the_breath(context, fresh_server_url, answer_safety, errors)
    status = page.locator("#breath-status")
    page.evaluate("window.unplugCamera()")
    expect(status).to_have_text(labels["camera_stopped"])
    screenshot(page, "breath-camera-unplugged-dark-phone")
    page.get_by_role("heading", name="Well done").wait_for(timeout=120_000)
    assert status.inner_text() == ""  # said during the rest only
    saved = _newest_session(fresh_server_url)["breath"]
    assert saved is not None
    assert all(window["reason"] != "trunk_not_visible" for window in saved["windows"])
    context.close()


def test_a_page_back_from_the_background_says_the_breath_was_not_read_meanwhile(
    camera_browser: Any, fresh_server_url: str, answer_safety: Shoot, errors: list[str]
) -> None:
    # walk_breath M4: behind another tab the page sent a picture a second, every window after said "the camera sent
    # too few pictures", and the line said "Reading your breathing." throughout.
    context = camera_browser.new_context(**DESKTOP)
    context.grant_permissions(["camera"])
    page, labels = _reading_the_breath(context, fresh_server_url, answer_safety, errors)
    status = page.locator("#breath-status")
    # Headless Chromium keeps a page behind another "visible": the page is told as a browser tells it.
    for shown in ("hidden", "visible"):
        page.evaluate(
            """(shown) => {
              Object.defineProperty(document, "visibilityState", { value: shown, configurable: true });
              document.dispatchEvent(new Event("visibilitychange"));
            }""",
            shown,
        )
    expect(status).to_have_text(labels["page_hidden"])
    assert "background" in REASON_LABELS["too_few_frames"]  # what such windows say after the rest
    context.close()


def test_a_rest_s_reading_is_saved_as_it_goes_so_a_killed_browser_loses_none_of_it(
    camera_browser: Any, fresh_server_url: str, answer_safety: Shoot, errors: list[str]
) -> None:
    # walk_breath H1: the browser killed 100 s into a rest left the session at its checkpoint's time with no breath:
    # the reading was sent only with the end. The checkpoints now carry the reading so far.
    context = camera_browser.new_context(**DESKTOP)
    context.grant_permissions(["camera"])
    # 10 minutes at 10x: a minute of frames, a window read after 30 s, checkpoints every few seconds.
    page, _ = _ready_to_rest(context, fresh_server_url, answer_safety, errors, "/session?minutes=10&speed=10")
    page.get_by_role("button", name="Start the rest").click()
    expect(page.get_by_text("Reading your breathing.")).to_be_visible(timeout=30_000)
    saved = _newest_session(fresh_server_url)
    for _ in range(90):  # the first window closes after 30 s of frames; the checkpoint after next carries it
        if saved["breath"] is not None and saved["breath"]["windows"]:
            break
        page.wait_for_timeout(1000)
        saved = _newest_session(fresh_server_url)
    assert saved["status"] == "running" and saved["breath"]["windows"]
    context.close()  # no end is ever sent
    saved = _newest_session(fresh_server_url)
    assert saved["status"] == "running" and saved["breath"]["windows"]


def test_a_rest_resumed_after_the_browser_was_killed_reads_the_breath_again(
    camera_browser: Any, fresh_server_url: str, answer_safety: Shoot, errors: list[str]
) -> None:
    """A rest begun with the breath read, its browser killed, resumed on the Session page: the camera was never
    opened again and the rest went on unread. Now the breath is read again, and the reading saved before the break
    is kept ahead of the new one, on one time line."""
    session_url = "/session?minutes=10&speed=10"
    killed = camera_browser.new_context(**DESKTOP)
    killed.grant_permissions(["camera"])
    page, _ = _ready_to_rest(killed, fresh_server_url, answer_safety, errors, session_url)
    _start_and_read_a_window(page)
    saved = _newest_session(fresh_server_url)
    while not (saved["breath"] and saved["breath"]["windows"]):  # the checkpoint after next carries the window
        page.wait_for_timeout(500)
        saved = _newest_session(fresh_server_url)
    killed.close()  # no end: a browser killed

    context = camera_browser.new_context(**DESKTOP)
    context.grant_permissions(["camera"])
    page = context.new_page()
    _watch(page, errors)
    page.goto(f"{fresh_server_url}{session_url}")
    before = _newest_session(fresh_server_url)["breath"]["windows"]  # as the killed browser left it
    _start_and_read_a_window(page, "#resume")  # the camera opens again: its stream is read
    page.get_by_role("heading", name="Well done").wait_for(timeout=0)

    after = _newest_session(fresh_server_url)
    assert after["id"] == saved["id"] and after["status"] == "completed"
    windows = after["breath"]["windows"]
    assert windows[: len(before)] == before  # what was read before the break is kept, first
    later = windows[len(before) :]
    assert later and all(window["start_s"] >= before[-1]["end_s"] for window in later)  # after it, one time line
    context.close()
