"""Logging a session done without the app in the browser and over the API."""

import io
import zipfile
from html import unescape

from fastapi.testclient import TestClient


def test_a_session_is_logged_from_the_journal_page(client: TestClient) -> None:
    assert "Log a session done without crest" in client.get("/journal").text
    form = client.get("/session/log").text
    assert 'name="day"' in form and 'name="minutes"' in form
    saved = client.post(
        "/session/log",
        data={"day": "2026-05-02", "time": "09:30", "minutes": "20", "variant": "supported"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    journal = client.get(saved.headers["location"]).text
    assert "Logged session" in journal and "Logged afterwards, not timed" in journal
    assert "20 min of 20 min, Supported (90-90)" in journal
    [session] = client.get("/api/sessions").json()
    assert session["logged"] is True and session["started_at"].startswith("2026-05-02T09:30")
    tables = zipfile.ZipFile(io.BytesIO(client.get("/api/export", params={"format": "csv"}).content))
    row = tables.read("sessions.csv").decode("utf-8-sig").splitlines()[1]
    assert row.endswith(",true,false,,")  # logged, not a demo, no breath read


def test_a_logged_session_in_the_future_or_too_long_is_refused_with_the_reason(client: TestClient) -> None:
    future = client.post("/session/log", data={"day": "2026-05-07", "time": "09:30", "minutes": "20"})
    assert future.status_code == 422 and "has not ended yet" in future.text
    long = client.post("/session/log", data={"day": "2026-05-02", "time": "09:30", "minutes": "45"})
    assert long.status_code == 422 and "enter 30 or less, not “45”" in unescape(long.text)
    assert client.get("/api/sessions").json() == []


def test_a_day_that_is_no_date_is_said_so_and_the_form_keeps_what_was_entered(client: TestClient) -> None:
    """30 February was answered "Please give the day and the time the session started", as if none were given."""
    refused = client.post("/session/log", data={"day": "2026-02-30", "time": "09:00", "minutes": "20"})
    assert refused.status_code == 422
    assert "Day: “2026-02-30” is not a date" in unescape(refused.text)
    assert 'value="2026-02-30"' in refused.text and 'value="09:00"' in refused.text
    untimed = client.post("/session/log", data={"day": "2026-05-02", "time": "9h", "minutes": "20"})
    assert untimed.status_code == 422 and "the time the session started, like 07:30" in untimed.text
    assert client.get("/api/sessions").json() == []


def test_the_api_logs_a_session(client: TestClient) -> None:
    body = {"started_at": "2026-05-01T07:00:00+00:00", "minutes": 15, "variant": "standard"}
    saved = client.post("/api/sessions/logged", json=body)
    assert saved.status_code == 201
    assert (saved.json()["logged"], saved.json()["rested"]) == (True, "15 min")
    for started_at in ("2026-05-06T17:20:00+00:00", "9999-12-31T23:59:00+00:00"):
        ahead = client.post("/api/sessions/logged", json={**body, "started_at": started_at})
        assert ahead.status_code == 422 and "has not ended yet" in ahead.json()["detail"]


def test_the_form_offers_a_rest_that_has_just_ended(client: TestClient) -> None:
    form = client.get("/session/log").text  # the fake clock says 17:30 on 6 May 2026, in UTC
    assert 'value="2026-05-06"' in form and 'value="17:15"' in form and 'value="15"' in form
    assert client.post("/session/log", data={"day": "2026-05-06", "time": "17:15", "minutes": "15"}).status_code == 200
    assert client.get("/api/sessions").json()[0]["logged"] is True


def test_the_same_session_logged_again_is_refused_naming_the_one_in_the_journal(client: TestClient) -> None:
    form = {"day": "2026-05-02", "time": "08:00", "minutes": "15", "variant": "standard"}
    assert client.post("/session/log", data=form, follow_redirects=False).status_code == 303
    for _ in range(2):
        again = client.post("/session/log", data=form)
        assert again.status_code == 409
        assert "overlaps the session of 2 May 2026, 08:00 (15 min, logged) already in your journal" in again.text
    overlapping = client.post("/api/sessions/logged", json={"started_at": "2026-05-02T08:10:00+00:00", "minutes": 15})
    assert overlapping.status_code == 409
    assert len(client.get("/api/sessions").json()) == 1


def test_a_standing_warning_is_said_again_on_the_log_page_and_after_logging(client: TestClient) -> None:
    """Walk-through L7: with an urgent-care "yes" standing, /session/log showed only the form and the Journal only
    "Logged.". The past rest is still logged (it happened); the advice and its source come with it."""
    assert "safety-standing" not in client.get("/session/log").text  # nothing stands: nothing said
    questions = client.get("/api/safety/questions").json()
    urgent = {q["id"]: q["id"] == "bladder_bowel_saddle" for q in questions}
    assert client.post("/api/safety/answers", json={"answers": urgent}).status_code == 200
    form = unescape(client.get("/session/log").text)
    assert form.index("Please seek urgent medical care now") < form.index('name="day"')
    assert "Source: British Association of Spine Surgeons cauda equina guidance" in form
    saved = client.post(
        "/session/log", data={"day": "2026-05-02", "time": "09:30", "minutes": "20"}, follow_redirects=False
    )
    assert saved.status_code == 303
    journal = unescape(client.get(saved.headers["location"]).text)
    assert journal.index("Logged. It is kept as a session done without crest.") < journal.index(
        "Please seek urgent medical care now"
    )
    assert "Source: British Association of Spine Surgeons cauda equina guidance" in journal
    # and at every visit since, as every page of the person's data says it (test_standing_advice_at_every_door)
    assert client.get("/journal").text.count("Please seek urgent medical care now") == 1
    assert [session["logged"] for session in client.get("/api/sessions").json()] == [True]
