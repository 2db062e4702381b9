"""The Clients row names its client's first alert and how many more there are in words. Walked (s45 walk_rx L3):
"(+1)" after a warning-sign alert that named two signs read as a third sign, and a screen reader said "plus 1"."""

from __future__ import annotations

import re
from html import unescape

from fastapi import FastAPI

from crest.safety.screen import QUESTIONS
from support.practice_web import World, browser


def test_the_row_says_how_many_more_alerts_there_are(app: FastAPI, world: World) -> None:
    answers = {question.id: question.id == "cancer_history" for question in QUESTIONS}
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.post("/api/safety/answers", json={"answers": answers}).status_code == 200
        assert ann.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 8}]}).status_code == 201
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        alerts = len(pat.get("/api/practice/clients").json()[0]["alerts"])
        page = unescape(re.sub(r"<[^>]+>", "", pat.get("/practice").text))
    assert alerts == 2
    assert "(+1 more alert)" in page and "(+1)" not in page
