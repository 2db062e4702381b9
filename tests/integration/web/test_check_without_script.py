"""The position check without JavaScript: the form posts a photo to the page, which answers with the same
verdicts as the API, in words, without the picture; a video is refused there with what to do instead."""

import html
from pathlib import Path

from fastapi.testclient import TestClient

from crest.posture.result import CheckResult, CriterionResult
from crest.posture.vocabulary import CRITERION_LABELS
from crest.web.api.check import VIDEO_NEEDS_SCRIPT
from crest.web.pages.check import _as_shown

PHOTO = Path(__file__).parents[2] / "fixtures" / "photos" / "one_knee_to_chest_0.jpg"


def test_the_form_posts_the_photo_to_the_page(client: TestClient) -> None:
    page = client.get("/check").text
    assert 'method="post" action="/check#page-result" enctype="multipart/form-data"' in page
    assert "needs-script" not in page.split('id="check-form"')[1].split(">")[0]  # shown without the script too


def test_a_photo_sent_without_the_script_gets_the_apis_verdicts_in_words(client: TestClient) -> None:
    upload = {"file": ("rest.jpg", PHOTO.read_bytes(), "image/jpeg")}
    answer = client.post("/api/check", files=upload).json()
    page = client.post("/check", files=upload)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f'<p id="page-result-summary">{answer["summary"]}' in html.unescape(page.text)
    for criterion in answer["criteria"]:
        item = f'<li data-criterion="{criterion["name"]}" data-status="{criterion["status"]}">'
        assert item in page.text, criterion["name"]
        assert CRITERION_LABELS[criterion["name"]] in page.text
    measured = next(c for c in answer["criteria"] if c["measured"] is not None and c["status"] != "not_visible")
    assert f"measured {measured['measured']}" in html.unescape(page.text)
    shown = page.text.split('id="page-result"')[1].split("</section>")[0]
    assert "<img" not in shown  # the outline over the picture needs the script


def test_a_video_or_a_file_that_is_no_photo_comes_back_with_the_reason(client: TestClient) -> None:
    video = client.post("/check", files={"file": ("rest.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, "video/mp4")})
    assert video.status_code == 422
    assert f"rest.mp4: {VIDEO_NEEDS_SCRIPT}" in html.unescape(video.text)
    assert 'aria-invalid="true"' in video.text and 'aria-describedby="check-page-error check-hint"' in video.text
    text = client.post("/check", files={"file": ("notes.txt", b"not a photo", "text/plain")})
    assert text.status_code == 422
    assert "notes.txt: this is not a photo or video crest can read" in text.text
    assert 'id="page-result"' not in text.text


def test_a_photo_posted_from_another_site_is_refused(client: TestClient) -> None:
    upload = {"file": ("rest.jpg", PHOTO.read_bytes(), "image/jpeg")}
    refused = client.post("/check", files=upload, headers={"Origin": "https://elsewhere.example"})
    assert refused.status_code == 403
    assert 'id="page-result"' not in refused.text


def test_a_criterion_that_cannot_tell_shows_its_measure_as_too_near_the_limit() -> None:
    unsure = CriterionResult("head_level", "not_visible", "chin tipped back 23 deg", None, "put a towel", 0.0)
    judged = CriterionResult("heel_distance", "ok", "heels 38 cm", "31-46 cm")
    result = CheckResult(True, "side", (unsure, judged), "In position.").to_json_dict()
    shown = {criterion["name"]: criterion["measured"] for criterion in _as_shown(result)["criteria"]}
    assert shown == {
        "head_level": "chin tipped back 23 deg: too near the limit to tell from this angle",
        "heel_distance": "measured heels 38 cm, target 31-46 cm",
    }
