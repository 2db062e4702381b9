"""Detours from the session being set up come back to it: the safety questions asked first return to the session
with the minutes and variant chosen, not to Today's defaults, and so does Cancel on "rate your pain now"."""

import re
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

CHOSEN = "/session?minutes=20&variant=supported"


def _form_action(page: str) -> str:
    found = re.search(r'<form method="post" action="([^"]*)" class="card"', page)
    assert found is not None
    return found.group(1).replace("&amp;", "&")


def _continue_link(page: str) -> str:
    found = re.search(r'<a class="button" href="([^"]*)">Continue</a>', page)
    assert found is not None
    return found.group(1).replace("&amp;", "&")


def test_the_safety_questions_asked_first_continue_to_the_session_chosen(unanswered: TestClient) -> None:
    asked = unanswered.get(CHOSEN, follow_redirects=False)
    assert asked.status_code == 303
    assert asked.headers["location"] == f"/safety?{urlencode({'next': CHOSEN})}"

    questions = unanswered.get(asked.headers["location"]).text
    action = _form_action(questions)
    assert action == asked.headers["location"]  # the answers carry the way back
    noes = {question["id"]: "no" for question in unanswered.get("/api/safety/questions").json()}
    answered = unanswered.post(action, data=noes).text
    assert "Thank you" in answered
    assert _continue_link(answered) == CHOSEN

    session = unanswered.get(_continue_link(answered)).text
    assert 'Session <span class="muted">· Supported (90-90), 20 minutes</span>' in session


def test_a_yes_looked_at_once_more_keeps_the_way_back(unanswered: TestClient) -> None:
    location = unanswered.get(CHOSEN, follow_redirects=False).headers["location"]
    answers = {question["id"]: "no" for question in unanswered.get("/api/safety/questions").json()}
    looking = unanswered.post(location, data={**answers, "weight_loss": "yes"}).text
    assert "You answered yes to" in looking
    assert _form_action(looking) == location  # "Yes, save my answers" goes back to the session too


@pytest.mark.parametrize("elsewhere", ["https://example.com/session", "/journal", "//example.com/session"])
def test_continue_goes_on_to_a_session_of_crest_only(client: TestClient, elsewhere: str) -> None:
    page = client.get("/safety", params={"next": elsewhere}).text
    assert _form_action(page) == "/safety"
    noes = {question["id"]: "no" for question in client.get("/api/safety/questions").json()}
    assert _continue_link(client.post(f"/safety?{urlencode({'next': elsewhere})}", data=noes).text) == "/"


def test_the_plain_session_page_sends_to_the_safety_questions_as_before(unanswered: TestClient) -> None:
    asked = unanswered.get("/session", follow_redirects=False)
    assert asked.headers["location"] == "/safety"  # Continue leads to Today, where the choice is made


def _cancel_link(page: str) -> str:
    found = re.search(r'<a class="button secondary" href="([^"]*)">Cancel</a>', page)
    assert found is not None
    return found.group(1).replace("&amp;", "&")


def test_cancel_on_rate_your_pain_now_goes_back_to_the_session_being_set_up(client: TestClient) -> None:
    session = client.get(CHOSEN).text
    found = re.search(r'href="(/checkin\?[^"]*timing=before[^"]*)"', session)
    assert found is not None
    rate_now = found.group(1).replace("&amp;", "&")

    assert _cancel_link(client.get(rate_now).text) == CHOSEN
    assert _cancel_link(client.get("/checkin").text) == "/journal"  # opened on its own, Cancel is the Journal
