"""The live camera check in Chromium, fed by its fake camera with a clip made from a public-domain photo."""

import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from playwright.sync_api import expect

from crest.posture.result import CRITERION_NAMES, TYPICAL_HEIGHT_NOTE, CheckResult, CriterionResult
from crest.posture.rules import evaluate
from crest.posture.service import TOO_DARK_TO_SEE
from crest.posture.video import VideoReviewBuilder
from support.figures import Figure, photograph
from support.media import cut_short, fake_camera_flags, picture_of, write_h264, y4m_clip

PHOTO = Path(__file__).parents[1] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"
Shoot = Callable[[Any, str], None]


@pytest.fixture(scope="module")
def camera_browser(launch_chromium: Callable[[tuple[str, ...]], Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    clip = y4m_clip(PHOTO, tmp_path_factory.mktemp("camera") / "lying.y4m")
    chromium = launch_chromium(fake_camera_flags(clip))
    yield chromium
    chromium.close()


def test_a_camera_check_that_crest_stops_answering_says_so_and_lets_go_of_the_camera(
    camera_browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    sockets: list[Any] = []

    def through(socket: Any) -> None:  # the page's socket, passed on to crest, to be cut as crest stopping would
        socket.connect_to_server()
        sockets.append(socket)

    page = _camera_checking(camera_browser, server_url, answer_safety, through)
    sockets[0].close()
    expect(page.locator("#camera-summary")).to_have_text(
        "Lost the connection to crest: is it still running? Start it again (crest serve), then try again."
    )
    expect(page.locator("#camera-criteria li")).to_have_count(0)  # no verdict left standing as if still checked
    assert page.locator("#camera-video").is_hidden()
    assert page.evaluate("document.getElementById('camera-video').srcObject.active") is False  # the camera is off
    page.context.close()


def test_a_camera_check_refused_for_a_warning_sign_is_shown_as_a_safety_notice_and_lets_go_of_the_camera(
    camera_browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    refusal = "No position check was started: Please seek urgent medical care now: call your emergency number."
    context = camera_browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["camera"])
    page = context.new_page()
    answer_safety(page, server_url)

    def refused(socket: Any) -> None:  # as crest refuses once a warning sign stands (a check-in in another tab)
        socket.send(json.dumps({"type": "error", "frame": None, "message": refusal}))
        socket.close(code=1008)

    page.route_web_socket("**/api/check/live", refused)
    page.goto(f"{server_url}/session?minutes=5")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Check my position with the camera").click()
    summary = page.locator("#camera-summary")
    expect(summary).to_have_text(refusal)  # not "Lost the connection to crest"
    expect(summary).to_have_class(re.compile(r"\bnotice danger\b"))
    assert page.locator("#camera-video").is_hidden() and page.locator("#camera-stop").is_hidden()
    assert page.evaluate("document.getElementById('camera-video').srcObject.active") is False  # the camera is off
    context.close()


def _camera_checking(camera_browser: Any, server_url: str, answer_safety: Shoot, route: Any = None) -> Any:
    """A phone's Session page on its Ready step with the camera check showing its verdicts."""
    context = camera_browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["camera"])
    page = context.new_page()
    answer_safety(page, server_url)
    if route is not None:
        page.route_web_socket("**/api/check/live", route)
    page.goto(f"{server_url}/session?minutes=5")
    while not page.locator("#stage-ready").is_visible():
        page.locator("#step-next").click()
    page.get_by_role("button", name="Check my position with the camera").click()
    page.locator("#camera-criteria li").first.wait_for(timeout=60_000)
    return page


@pytest.fixture(scope="module")
def too_close_browser(
    launch_chromium: Callable[[tuple[str, ...]], Any], tmp_path_factory: pytest.TempPathFactory
) -> Any:
    """Chromium whose camera is too close at the feet: it sees the legs of the lying person only."""
    folder = tmp_path_factory.mktemp("too-close")
    picture = cv2.imread(str(PHOTO))
    legs = folder / "legs.png"  # the left 45% of the photo: shins, knees, thighs, the mat
    cv2.imwrite(str(legs), picture[:, : picture.shape[1] * 45 // 100])
    chromium = launch_chromium(fake_camera_flags(y4m_clip(legs, folder / "legs.y4m")))
    yield chromium
    chromium.close()


def test_a_camera_too_close_at_the_feet_is_told_to_move_back_not_to_lie_down(
    too_close_browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    # The tracking model stood a trunk on the thighs, and the page said "Not quite the constructive rest position
    # yet: lie down on your back".
    page = _camera_checking(too_close_browser, server_url, answer_safety)
    expect(page.locator("#camera-summary")).to_have_text(
        "Can't tell from here: move the camera back until it sees you from head to feet.", timeout=30_000
    )
    expect(page.locator("#camera-criteria")).not_to_contain_text("lie down")
    # One instruction, said once: the criteria beneath it say "as above", none to place the camera elsewhere.
    expect(page.locator("#camera-criteria")).not_to_contain_text("place the camera")
    expect(page.locator("#camera-criteria li").first).to_contain_text("As above")
    expect(page.locator("#camera-criteria")).not_to_contain_text("move the camera back")
    page.context.close()


def test_a_camera_unplugged_mid_check_says_so_and_leaves_no_verdict_standing(
    camera_browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    # The picture went black under "Nobody in view yet: place the camera ..." and the last frame's list ("OK Lying on
    # the back", ...), as if still checked, while black frames went on to crest.
    page = _camera_checking(camera_browser, server_url, answer_safety)
    page.evaluate(
        """() => {
            const track = document.getElementById('camera-video').srcObject.getVideoTracks()[0];
            track.stop();
            track.dispatchEvent(new Event('ended'));  // as the browser tells of a camera unplugged
        }"""
    )
    expect(page.locator("#camera-summary")).to_have_text(
        "The camera stopped (unplugged or switched off): connect it, then check again. "
        "You can still start the rest without it."
    )
    expect(page.locator("#camera-criteria li")).to_have_count(0)
    assert page.locator("#camera-video").is_hidden() and page.locator("#camera-stop").is_hidden()
    page.context.close()


def test_when_nobody_is_seen_any_more_no_verdict_stays_and_a_dark_room_is_told_to_turn_on_a_light(
    camera_browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    # The light switched off after a verdict: "Nobody in view yet" stood over the list of the last frame seen.
    lights: dict[str, bool] = {"on": True}

    def dimmed(socket: Any) -> None:  # crest's answers while the light is on, then what it says of a dark frame
        server = socket.connect_to_server()

        def frame(message: Any) -> None:
            if lights["on"]:
                server.send(message)
                return
            nobody = {"time_s": 1.0, "person_seen": False, "nobody_advice": TOO_DARK_TO_SEE, "stable": {}}
            socket.send(
                json.dumps({"type": "result", "frame": 1, "dropped_frames": 0, "result": {**nobody, "corrections": []}})
            )

        socket.on_message(frame)

    page = _camera_checking(camera_browser, server_url, answer_safety, dimmed)
    lights["on"] = False
    expect(page.locator("#camera-summary")).to_have_text(f"{TOO_DARK_TO_SEE}.")
    expect(page.locator("#camera-criteria li")).to_have_count(0)
    drawn = "canvas => canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.some((v) => v)"
    assert page.locator("#camera-overlay").evaluate(drawn) is False  # no outline of the earlier frame either
    page.context.close()


def test_stopping_the_camera_from_the_keyboard_leaves_the_focus_on_the_button_that_starts_it(
    camera_browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    # "Stop the camera" went with the panel it is on, and the focus with it, to the top of the page.
    page = _camera_checking(camera_browser, server_url, answer_safety)
    page.locator("#camera-stop").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#camera-panel")).to_be_hidden()
    expect(page.locator("#camera-start")).to_be_focused()
    page.context.close()


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
    with page.expect_response(lambda answer: answer.request.method == "POST" and answer.url.endswith("/api/sessions")):
        page.get_by_role("button", name="Start the rest").click()
    page.locator("#stage-timer").wait_for(state="visible")
    # expect, not wait_for_function: that evaluates a string, which the pages' Content-Security-Policy refuses
    expect(page.locator("#save-status")).to_have_text("")
    with urllib.request.urlopen(f"{server_url}/api/sessions") as response:
        newest = json.load(response)[0]
    assert newest["position_check_summary"]  # the camera's verdict is kept with the session
    assert errors == []
    context.close()


def test_a_photo_upload_shows_the_picture_and_the_verdicts(browser: Any, server_url: str, screenshot: Shoot) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    page = context.new_page()
    _check_file(page, server_url, PHOTO)
    # The result takes the focus, so that a keyboard or a screen reader goes on from it, not from the button; the
    # heading's name carries the verdict, which a screen reader says on the focus (the live region is empty by then).
    heading = page.locator("#result-heading")
    expect(heading).to_be_focused()
    summary = page.locator("#result-summary").inner_text()
    assert summary  # the verdict in words
    expect(heading).to_have_accessible_name(f"Result: {summary}")
    expect(page.locator("#check-status")).to_have_text("")
    assert page.locator("#result-criteria li").count() == 10
    assert page.locator('#result-criteria li[data-criterion="heel_distance"]').get_attribute("data-status") in (
        "ok",
        "adjust",
    )
    expect(page.locator("#result-overlay")).not_to_have_js_property("width", 0)
    expect(page.locator("#result-overlay")).to_have_attribute("data-badges", "10")  # one per criterion
    # Each badge by its body point but off the body: laid over the head and the trunk, they hid what they judged.
    expect(page.locator("#result-overlay")).to_have_attribute("data-badges-on-body", "0")
    screenshot(page, "check-result")

    page.get_by_label("Photo or video").set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a photo"}]
    )
    page.get_by_role("button", name="Check").click()
    page.get_by_text("not a photo or video crest can read").wait_for()
    context.close()


def test_on_a_phone_the_picture_keeps_the_outline_without_badges_drawn_sharp(browser: Any, server_url: str) -> None:
    # At 390 px ten badges covered most of the person; the list under the picture names every criterion.
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, color_scheme="dark")
    page = context.new_page()
    _check_file(page, server_url, PHOTO)
    overlay = page.locator("#result-overlay")
    expect(overlay).to_have_attribute("data-badges", "0")
    assert page.locator("#result-criteria li").count() == 10
    shown_width = overlay.evaluate("canvas => canvas.clientWidth")
    assert overlay.evaluate("canvas => canvas.width") == round(shown_width * 3)  # a device pixel each
    context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_on_a_phone_each_pill_is_as_wide_as_its_word_and_the_advice_gets_the_row(
    browser: Any, server_url: str, color_scheme: str
) -> None:
    # At 390 px a column of pills took a third of each row, and what to do wrapped in the two thirds left.
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=color_scheme)
    page = context.new_page()
    _check_file(page, server_url, PHOTO)
    rows = page.locator("#result-criteria li").evaluate_all(
        """items => items.map(item => {
            const width = element => element.getBoundingClientRect().width;
            const pill = item.querySelector(".badge");
            const word = document.createRange();
            word.selectNodeContents(pill);
            const lines = [...item.querySelectorAll("strong ~ div")];
            return {pill: width(pill), word: width(word), row: width(item), lines: lines.map(width)};
        })"""
    )
    assert len(rows) == 10
    for row in rows:
        assert row["pill"] - row["word"] < 24  # its padding and border (1.1rem + 4 px), nothing more
        assert all(line >= row["row"] - 1 for line in row["lines"])
    assert any(row["lines"] for row in rows)
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
    # Every figure the bar's caption shows while the page waits.
    page.add_init_script(
        """addEventListener("DOMContentLoaded", () => {
          const caption = document.getElementById("check-progress-text");
          window.captionsShown = [];
          new MutationObserver(() => captionsShown.push(caption.textContent)).observe(caption, { childList: true });
        });"""
    )
    _check_file(page, server_url, clip)
    shown = page.evaluate("window.captionsShown")
    assert any(re.fullmatch(r"\d+% \(00:0\d of 00:03\)", text) for text in shown), shown
    assert page.locator("#check-progress-wrap").is_hidden()
    assert page.locator("#result-video").is_visible()
    assert page.locator("#result-share").inner_text().startswith("A video of 3 seconds")
    assert page.locator("#result-criteria li").count() == 10
    assert page.locator("#result-more-events").is_hidden()
    assert page.locator("#result-timeline-wrap").get_attribute("open") is not None  # a few spans: shown
    # The last moment a person was seen, with the outline and a badge per criterion, as over a photo.
    assert page.locator("#result-picture-wrap").is_visible()
    expect(page.locator("#result-overlay")).to_have_attribute("data-badges", "10")
    expect(page.locator("#result-picture-caption")).to_have_text(
        re.compile(r"The picture: 00:0[12], the last moment checked with a person in view\.")
    )
    assert page.locator("#result-picture").evaluate("img => img.naturalWidth") == 640  # the frame as checked
    screenshot(page, "check-video")
    # The position's row says what the summary says: "nearly" beside "Nearly in the constructive rest position".
    nearly_said = page.locator("#result-summary").inner_text().startswith("Nearly in")
    position_row = page.locator("#result-timeline li").first.inner_text()
    assert position_row.startswith("In position: ") and ("nearly" in position_row) == nearly_said
    assert not (nearly_said and "yes" in position_row)

    # A whole rest that changed 30 times: its first moments show, the others and the timeline open on request.
    _check_with_moments(page, server_url, clip, 30, with_timeline=True)
    page.locator("#result-more-events").wait_for()
    assert page.locator("#result-events li").count() == 8
    assert page.locator("#result-more-events summary").inner_text() == "The other 22 moments"
    assert page.locator("#result-timeline-wrap").get_attribute("open") is None
    page.locator("#result-more-events summary").click()
    assert page.locator("#result-events-rest li").count() == 22

    # Nearly in the position (arms overhead throughout): the timeline says "nearly" as the summary does, in the
    # review's own words (it said "In position: yes").
    arms_up = {"arms_below_shoulders": "adjust"}
    criteria = tuple(CriterionResult(name, arms_up.get(name, "ok"), advice="fix it") for name in CRITERION_NAMES)
    builder = VideoReviewBuilder(hold_s=1.0)
    for step in range(12):
        builder.add(step * 0.25, CheckResult(pose_recognized=True, view="side", criteria=criteria, summary=""))
    nearly = builder.finish(3.0).to_json_dict()
    _check_answered(page, server_url, clip, {"timeline": nearly["video"]["timeline"]}, summary=nearly["summary"])
    expect(page.locator("#result-summary")).to_have_text(re.compile("^Nearly in the constructive rest position"))
    expect(page.locator("#result-timeline li").first).to_have_text("In position: nearly 00:00\u201300:03")
    screenshot(page, "check-video-nearly")
    context.close()


def test_a_video_of_one_second_and_one_look_is_counted_in_the_singular(
    browser: Any, server_url: str, tmp_path: Path
) -> None:
    clip = tmp_path / "still.mp4"
    write_h264(clip, 1.0, keyframe_every=64, picture=picture_of(PHOTO))  # one keyframe: one look
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    _check_file(page, server_url, clip)
    assert page.locator("#result-share").inner_text() == "A video of 1 second; 1 moment checked, a person seen in 1."
    overlay = page.locator("#result-overlay")  # on a phone the video's picture keeps the outline alone
    expect(overlay).to_have_attribute("data-badges", "0")
    expect(overlay).not_to_have_js_property("width", 0)

    _check_with_moments(page, server_url, clip, 9)
    expect(page.locator("#result-more-events summary")).to_have_text("The other 1 moment")
    context.close()


def test_a_video_cut_short_shows_its_note_and_a_photo_named_like_a_video_shows_its_picture(
    browser: Any, server_url: str, tmp_path: Path
) -> None:
    whole = tmp_path / "rest.mp4"
    write_h264(whole, 10.0, keyframe_every=8, picture=picture_of(PHOTO), index_first=True)
    cut = cut_short(whole)
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    _check_file(page, server_url, cut)
    assert "though the file says it lasts 00:10 (a copy cut short?)" in page.locator("#result-notes").inner_text()
    assert page.locator("#result-share").inner_text().startswith("A video of ")

    # What the file holds decides, not its name: a photo saved as .mp4 is shown with its outline.
    misnamed = tmp_path / "photo.mp4"
    misnamed.write_bytes(PHOTO.read_bytes())
    _check_file(page, server_url, misnamed)
    assert page.locator("#result-picture-wrap").is_visible() and page.locator("#result-video").is_hidden()
    # No note of a copy cut short: only that the distances are a typical adult's (no height is set).
    assert page.locator("#result-notes").inner_text() == TYPICAL_HEIGHT_NOTE
    assert page.locator("#result-picture-caption").is_hidden()
    context.close()


def test_a_video_review_can_be_stopped_and_the_next_check_runs(
    browser: Any, server_url: str, tmp_path: Path, answer_safety: Shoot
) -> None:
    clip = tmp_path / "whole-rest.mp4"
    write_h264(clip, 600.0, keyframe_every=8, fps=2, picture=picture_of(PHOTO))  # ten minutes: not over in a blink
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    answer_safety(page, server_url)  # the check comes after the safety questions
    page.goto(f"{server_url}/check")
    stop = page.get_by_role("button", name="Stop the check")
    assert stop.is_hidden()  # nothing to stop yet
    page.get_by_label("Photo or video").set_input_files(str(clip))
    page.get_by_role("button", name="Check", exact=True).click()
    page.locator("#check-progress-wrap").wait_for(state="visible", timeout=60_000)
    stop.click()
    expect(page.locator("#check-status")).to_have_text("Stopped: nothing was checked or kept.")
    assert stop.is_hidden() and page.locator("#check-progress-wrap").is_hidden()
    assert page.locator("#check-result").is_hidden()

    _check_file(page, server_url, PHOTO)  # the stopped review has let go of its pose model
    assert page.locator("#result-criteria li").count() == 10
    context.close()


def test_a_position_seen_only_in_part_says_its_doubt_once(
    browser: Any, server_url: str, answer_safety: Callable[[Any, str], None]
) -> None:
    """The summary that names what the picture could not show is the doubt: no "not sure" after it. Where "not
    sure" is the only hedge, it stays."""
    from_the_feet = evaluate(photograph(Figure(), "feet_end"))
    assert from_the_feet.pose_recognized
    unsure_alone = replace(from_the_feet, summary="You are in the constructive rest position.")
    context = browser.new_context()
    page = context.new_page()
    answer_safety(page, server_url)
    page.goto(f"{server_url}/check")
    page.get_by_label("Photo or video").set_input_files(str(PHOTO))
    for result, shown in (
        (from_the_feet, from_the_feet.summary),
        (unsure_alone, "You are in the constructive rest position. (The check is not sure of this.)"),
    ):
        canned = json.dumps({"type": "result", "result": {"file": PHOTO.name, **result.to_json_dict(), "notes": []}})
        page.unroute("**/api/check")
        page.route("**/api/check", _answered_with(canned))
        page.get_by_role("button", name="Check").click()
        expect(page.locator("#result-summary")).to_have_text(shown)
        expect(page.locator("#result-heading")).to_have_accessible_name(f"Result: {shown}")
    context.close()


def test_on_a_desktop_a_pill_that_is_not_sure_keeps_its_words_on_one_line(
    browser: Any, server_url: str, answer_safety: Callable[[Any, str], None]
) -> None:
    """In a column 7.5rem wide "OK (not sure)" broke over two lines, "Adjust (not sure)" too."""
    data = {"file": PHOTO.name, **evaluate(photograph(Figure(), "side")).to_json_dict(), "notes": []}
    data["criteria"][0] |= {"status": "adjust", "confidence": 0.5}
    data["criteria"][1] |= {"status": "ok", "confidence": 0.5}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    answer_safety(page, server_url)
    page.goto(f"{server_url}/check")
    page.get_by_label("Photo or video").set_input_files(str(PHOTO))
    page.route("**/api/check", _answered_with(json.dumps({"type": "result", "result": data})))
    page.get_by_role("button", name="Check").click()
    badges = page.locator("#result-criteria .badge")
    expect(badges.first).to_have_text("Adjust (not sure)")
    expect(badges.nth(1)).to_have_text("OK (not sure)")
    boxes = [badge.bounding_box() for badge in badges.all()]
    assert len({round(box["height"]) for box in boxes}) == 1  # each on one line, as "OK"
    names = [name.bounding_box() for name in page.locator("#result-criteria strong").all()]
    assert len({round(box["x"]) for box in names}) == 1  # the names in line
    context.close()


def test_a_check_that_cannot_reach_crest_says_what_to_do(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    page = context.new_page()
    page.goto(f"{server_url}/check")
    page.route("**/api/check", lambda route: route.abort())  # as if crest had been stopped meanwhile
    page.get_by_label("Photo or video").set_input_files(str(PHOTO))
    page.get_by_role("button", name="Check").click()
    page.get_by_text("Lost the connection to crest: is it still running?").wait_for()
    assert page.get_by_role("button", name="Check").is_enabled()
    assert page.locator("#check-progress-wrap").is_hidden()
    context.close()


def test_a_picture_refused_once_checked_is_said_as_a_sentence_and_the_focus_stays_on_the_form(
    browser: Any, server_url: str, answer_safety: Shoot
) -> None:
    """A refusal that came in the answer's lines (nobody in the picture) was shown without its full stop, unlike one
    refused before; and the Check button, disabled while checking, dropped the focus to the page's start."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    answer_safety(page, server_url)
    page.goto(f"{server_url}/check")
    page.get_by_label("Photo or video").set_input_files(
        files=[{"name": "wall.png", "mimeType": "image/png", "buffer": _wall()}]
    )
    page.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#check-error")).to_have_text(
        "wall.png: nobody found in the picture; make sure your whole body is in view and well lit.", timeout=60_000
    )
    expect(page.get_by_role("button", name="Check")).to_be_focused()
    context.close()


def test_a_refusal_keeps_the_file_name_as_written_and_starts_any_other_with_a_capital(
    browser: Any, server_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server_url}/check")
    status = page.get_by_role("alert")
    page.get_by_label("Photo or video").set_input_files(
        files=[{"name": "empty.jpg", "mimeType": "image/jpeg", "buffer": b""}]
    )
    page.get_by_role("button", name="Check").click()
    # The person's own file name, never "Empty.jpg" (the page capitalised every refusal).
    expect(status).to_have_text("empty.jpg: the file is empty (0 bytes); use a photo or a video.")
    # A refusal looks like one, as the page's other errors do (it read as body text, said politely as progress).
    expect(status).to_have_class("error-text")
    colour = "el => getComputedStyle(el).color"
    assert status.evaluate(colour) != page.locator("#check-status").evaluate(colour)
    expect(page.locator("#check-status")).to_have_text("")
    refusal = json.dumps({"detail": "the safety answers advise resting on your side"})
    page.route("**/api/check", lambda route: route.fulfill(status=409, content_type="application/json", body=refusal))
    page.get_by_role("button", name="Check").click()
    expect(status).to_have_text("The safety answers advise resting on your side.")
    context.close()


def _answered_with(line: str) -> Callable[[Any], None]:
    """A route handler that answers a check with this one line."""
    return lambda route: route.fulfill(content_type="application/x-ndjson", body=line + "\n")


def _check_answered(page: Any, server_url: str, clip: Path, video: dict[str, Any], **result: Any) -> None:
    """Check again, answered with the clip's real result, its `video` fields and `result`'s replaced."""
    answer = page.request.post(
        f"{server_url}/api/check",
        multipart={"file": {"name": clip.name, "mimeType": "video/mp4", "buffer": clip.read_bytes()}},
    ).json()
    canned = json.dumps({"type": "result", "result": {**answer, **result, "video": {**answer["video"], **video}}})
    page.route("**/api/check", _answered_with(canned))
    page.get_by_role("button", name="Check").click()


def _check_with_moments(page: Any, server_url: str, clip: Path, moments: int, with_timeline: bool = False) -> None:
    """Check again, answered with the clip's real result changed `moments` times, one a second (a busy video)."""
    changes = [
        {"time": f"00:{second:02d}", "time_s": second, "criterion": "knees_bent", "what": "knees bent up: ok"}
        for second in range(moments)
    ]
    video: dict[str, Any] = {"events": changes}
    if with_timeline:
        spans = [{"start_s": s, "end_s": s + 1, "status": "ok", "word": "OK"} for s in range(moments)]
        video["timeline"] = {"knees_bent": spans}
    _check_answered(page, server_url, clip, video)


def _wall() -> bytes:
    """A PNG of a bare wall: a picture, with nobody in it."""
    encoded: bytes = cv2.imencode(".png", np.full((480, 640, 3), 190, np.uint8))[1].tobytes()
    return encoded


def _check_file(page: Any, server_url: str, path: Path) -> None:
    page.goto(f"{server_url}/check")
    page.get_by_label("Photo or video").set_input_files(str(path))
    page.get_by_role("button", name="Check").click()
    page.locator("#check-result").wait_for(state="visible", timeout=60_000)
