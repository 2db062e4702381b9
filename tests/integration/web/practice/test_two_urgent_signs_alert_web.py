"""A practitioner's alert and client page name both urgent-care signs of a note that names chest pain and an aortic
sign (one safety question stands in for both), each once, as the person's own doors do
(tests/integration/web/test_two_urgent_signs_one_question_web.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi import FastAPI

from crest.knowledge.sign_words import SIGN_WORDS
from support.practice_web import Recorded, World, cleos_alert_and_page, synced_twice

CHEST_AND_AORTA = "I have chest pain and a sudden severe back pain and I feel faint"
CHEST, AORTA = SIGN_WORDS["chest_pain"].lower(), SIGN_WORDS["sudden_severe_pain_with_faintness"].lower()


def test_the_alert_names_both_urgent_signs_once(world: World, app: FastAPI, tmp_path: Path) -> None:
    synced_twice(app, world, tmp_path / "home", Recorded(app), CHEST_AND_AORTA)
    alert, page = cleos_alert_and_page(app, world)
    assert alert.lower().count(CHEST) == 1 and alert.lower().count(AORTA) == 1, alert
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).lower()
    safety = text[text.index("safety answers and warning signs") : text.index("safety questions last answered")]
    # each in the reasons' line once, and once as a warning sign with its sources
    assert safety.count(f": {CHEST} (") == 1 and safety.count(f": {AORTA} (") == 1, safety
