"""The live camera check in Chromium, fed by its fake camera with a clip made from a public-domain photo."""

import json
import re
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from support.media import fake_camera_flags, y4m_clip

PHOTO = Path(__file__).parents[1] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
Shoot = Callable[[Any, str], None]


@pytest.fixture(scope="module")
def camera_browser(launch_chromium: Callable[[tuple[str, ...]], Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    clip = y4m_clip(PHOTO, tmp_path_factory.mktemp("camera") / "lying.y4m")
    chromium = launch_chromium(fake_camera_flags(clip))
    yield chromium
    chromium.close()


def test_the_camera_check_shows_criterion_verdicts(
    camera_browser: Any, server_url: str, screenshot: Shoot, answer_safety: Shoot
) -> None:
    context = camera_browser.new_context(viewport={"width": 1100, "height": 1000})
    context.grant_permissions(["camera"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_safety(page, server_url)
    page.goto(f"{server_url}/session?minutes=5")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Check my position with the camera").click()

    knees = page.locator('#camera-criteria li[data-criterion="knees_bent"]')
    knees.wait_for(timeout=60_000)
    statuses = {
        item.get_attribute("data-criterion"): item.get_attribute("data-status")
        for item in page.locator("#camera-criteria li").all()
    }
    assert len(statuses) == 10
    assert set(statuses.values()) <= {"ok", "adjust", "not_visible"}
    assert statuses["lying_on_back"] == "ok"
    assert page.locator("#camera-summary").inner_text() != ""
    page.wait_for_timeout(1_500)  # a few more frames: the skeleton is drawn over the picture
    screenshot(page, "camera-check")

    page.get_by_role("button", name="Stop the camera").click()
    assert page.locator("#camera-panel").is_hidden()
    page.get_by_role("button", name="Start the rest").click()
    page.locator("#stage-timer").wait_for(state="visible")
    page.wait_for_function("document.getElementById('save-status').textContent === ''")
    with urllib.request.urlopen(f"{server_url}/api/sessions") as response:
        newest = json.load(response)[0]
    assert newest["position_check_summary"]  # the camera's verdict is kept with the session
    assert errors == []
    context.close()


def test_a_photo_upload_shows_the_picture_and_the_verdicts(browser: Any, server_url: str, screenshot: Shoot) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    page = context.new_page()
    _check_file(page, server_url, PHOTO)
    assert page.locator("#result-criteria li").count() == 10
    assert page.locator('#result-criteria li[data-criterion="heel_distance"]').get_attribute("data-status") in (
        "ok",
        "adjust",
    )
    page.wait_for_function("document.getElementById('result-overlay').width > 0")
    screenshot(page, "check-result")

    page.get_by_label("Photo or video").set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a photo"}]
    )
    page.get_by_role("button", name="Check").click()
    page.get_by_text("not a photo or video crest can read").wait_for()
    context.close()


def test_a_video_upload_shows_time_in_position(
    browser: Any, server_url: str, tmp_path: Path, screenshot: Shoot
) -> None:
    import cv2

    image = cv2.imread(str(PHOTO))
    height, width = image.shape[:2]
    clip = tmp_path / "rest.mp4"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"mp4v"), 10, (width, height))
    for _ in range(30):
        writer.write(image)
    writer.release()

    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    page = context.new_page()
    # Every status the page shows while it waits, as a screen reader would hear them.
    page.add_init_script(
        """addEventListener("DOMContentLoaded", () => {
          const status = document.getElementById("check-status");
          window.statusesShown = [];
          new MutationObserver(() => statusesShown.push(status.textContent)).observe(status, { childList: true });
        });"""
    )
    _check_file(page, server_url, clip)
    shown = page.evaluate("window.statusesShown")
    assert any(re.fullmatch(r"Checking the video… \d+% done \(00:0\d of 00:03\)\.", text) for text in shown), shown
    assert page.locator("#check-progress").is_hidden()
    assert page.locator("#result-video").is_visible()
    assert page.locator("#result-share").inner_text().startswith("A video of 3 seconds")
    assert page.locator("#result-criteria li").count() == 10
    screenshot(page, "check-video")
    context.close()


def _check_file(page: Any, server_url: str, path: Path) -> None:
    page.goto(f"{server_url}/check")
    page.get_by_label("Photo or video").set_input_files(str(path))
    page.get_by_role("button", name="Check").click()
    page.locator("#check-result").wait_for(state="visible", timeout=60_000)
