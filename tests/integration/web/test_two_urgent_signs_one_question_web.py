"""Chest pain and an aortic sign in one note are two urgent-care signs that the safety questions ask under one
question (the aortic one stands in for chest pain): the person's Today and Journal named only one of them. Each is
shown once, most urgent first, at every door: the check-in's answer, Today, the Journal, and a practitioner's alert
(tests/integration/web/practice/test_two_urgent_signs_alert_web.py)."""

import re
from html import unescape

from fastapi.testclient import TestClient

from crest.knowledge.sign_words import SIGN_WORDS

CHEST_AND_AORTA = "I have chest pain and a sudden severe back pain and I feel faint"
CHEST, AORTA = SIGN_WORDS["chest_pain"], SIGN_WORDS["sudden_severe_pain_with_faintness"]


def _text(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_both_urgent_signs_are_named_once_at_each_of_the_persons_doors(client: TestClient) -> None:
    body = {"pain": [{"region": "lower_back", "score": 3}], "note": CHEST_AND_AORTA}
    saved = client.post("/api/checkins", json=body)
    assert saved.status_code == 201, saved.text
    assert sorted(sign["title"] for sign in saved.json()["advice"]["warnings"]) == sorted([AORTA, CHEST])
    for path in ("/", "/journal"):
        page = _text(client.get(path).text)
        assert "Because of a warning sign in a check-in:" not in page, path  # one of the two was said
        box = page[
            page.index("Because of warning signs in a check-in:") : page.index("An urgent-care warning sign stays")
        ]
        assert box.count(CHEST) == 1 and box.count(AORTA) == 1, path
    row = _text(client.get("/journal").text).split("Sessions and check-ins, newest first")[1]
    assert row.count(f"Warning sign (seek urgent care): {CHEST}") == 1
    assert row.count(f"Warning sign (seek urgent care): {AORTA}") == 1
