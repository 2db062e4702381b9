"""Check a photo without the script: the form posts the photo to the page, which takes photos as large as the
API does (a phone's are 2-10 MB), not only the 1 MB of any other form (walk s52 H1)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.posture.service import CheckService
from crest.web.app import create_app
from crest.web.context import UploadLimits
from support.answered import answer_no_to_all_in_the_browser
from support.pose_finder import JPEG, CountingFinder

LIMITS = UploadLimits(max_photo_bytes=100_000, max_video_bytes=100_000, max_body_bytes=10_000)


@pytest.fixture
def small_limits(tmp_path: Path) -> FastAPI:
    database = f"sqlite:///{tmp_path / 'crest.db'}"
    return create_app(database, checker_factory=lambda: CheckService(finder=CountingFinder()), limits=LIMITS)


def _photo_of(size: int) -> bytes:
    """The test photo, padded after its end marker to `size` bytes: a JPEG reader stops at the marker."""
    return JPEG + b"\x00" * (size - len(JPEG))


def test_a_photo_larger_than_a_form_but_within_the_photo_limit_is_checked(small_limits: FastAPI) -> None:
    with TestClient(small_limits, base_url="http://127.0.0.1:8765") as client:
        answer_no_to_all_in_the_browser(client)
        page = client.post("/check", files={"file": ("rest.jpg", _photo_of(5 * LIMITS.max_body_bytes), "image/jpeg")})
    assert page.status_code == 200, html.unescape(page.text)
    assert 'id="page-result"' in page.text


def test_a_photo_above_the_photo_limit_is_refused_in_a_line_that_names_it(small_limits: FastAPI) -> None:
    with TestClient(small_limits, base_url="http://127.0.0.1:8765") as client:
        answer_no_to_all_in_the_browser(client)
        photo = _photo_of(2 * LIMITS.max_photo_bytes)
        page = client.post("/check", files={"file": ("rest.jpg", photo, "image/jpeg")})
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
    assert "the photo is larger than 97 KB, the most crest checks" in html.unescape(page.text)
    assert "more than crest ever sends" not in page.text
