"""The server-rendered pages: each renders, forms save, and bad input gives a calm page, never a 500."""

import json
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from crest.posture.heights import SHORTEST_HEIGHT_CM, TALLEST_HEIGHT_CM
from support.routes import app_routes

PAGES = ["/", "/safety", "/checkin", "/journal", "/progress", "/psfs", "/report", "/check", "/settings", "/help"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_the_disclaimer(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "not medical advice" in response.text
    assert not re.search(r'(src|href|action)="(https?:)?//', response.text)  # every asset from this app


def test_the_session_page_carries_the_timeline_once_safe(cleared: TestClient) -> None:
    page = cleared.get("/session", params={"minutes": 12, "variant": "somatic", "speed": 60})
    assert page.status_code == 200
    assert '"minutes": 12' in page.text
    assert '"speed": 60.0' in page.text
    assert '"name": "movement"' in page.text  # the somatic variant's slow rounds


VALIDATOR_WORDS = ("Input should", "String should", "Field required", "Value error", "valid integer", "pattern")


@pytest.mark.parametrize(
    ("params", "status", "text"),
    [
        ({"minutes": 45}, 422, "Minutes: enter 30 or less, not “45”."),
        ({"minutes": "soon"}, 422, "Minutes: enter a whole number, not “soon”."),
        (
            {"variant": "yoga"},
            422,
            "Variant: choose Standard, Supported (90-90), Somatic release or On your side, not “yoga”.",
        ),
        ({"speed": 0}, 422, "Speed: enter more than 0, not “0”."),
        ({"before_checkin_id": 77}, 404, "There is no check-in 77 in the journal."),
    ],
)
def test_a_bad_session_request_gets_a_calm_page(
    cleared: TestClient, params: dict[str, Any], status: int, text: str
) -> None:
    response = cleared.get("/session", params=params)
    assert response.status_code == status
    assert text in response.text
    assert "<h1>" in response.text
    assert not any(words in response.text for words in VALIDATOR_WORDS)


@pytest.mark.parametrize(
    ("path", "params", "sentences"),
    [
        ("/checkin", {"session_id": "abc"}, ["Session: enter a whole number, not “abc”."]),
        ("/checkin", {"next": "https://x.org/"}, ["The page to go on to: crest cannot use “https://x.org/” here."]),
        ("/session/edit", {}, ["Session: this is required."]),
        (
            "/session",
            {"minutes": "x", "speed": "fast"},
            ["Minutes: enter a whole number, not “x”.", "Speed: enter a number, not “fast”."],
        ),
    ],
)
def test_error_pages_say_in_plain_words_which_field_is_wrong(
    cleared: TestClient, path: str, params: dict[str, Any], sentences: list[str]
) -> None:
    response = cleared.get(path, params=params)
    assert response.status_code == 422
    assert "Please check what you entered" in response.text
    for sentence in sentences:
        assert sentence in response.text
    assert not any(words in response.text for words in VALIDATOR_WORDS)


def test_the_safety_form_records_answers_and_a_yes_blocks(client: TestClient) -> None:
    questions = client.get("/api/safety/questions").json()
    form = {q["id"]: "no" for q in questions} | {"recent_surgery": "yes", "confirmed": "yes"}
    page = client.post("/safety", data=form)
    assert page.status_code == 200
    assert "<strong>Please see a clinician</strong> (your doctor or physiotherapist" in page.text
    assert "recently had surgery" in page.text and "ask your surgeon" in page.text  # the answer and its source
    assert client.get("/session", follow_redirects=False).status_code == 303
    assert client.post("/safety", data={"both_legs": "no"}).status_code == 422  # the rest unanswered


def test_the_settings_form_saves_and_applies_the_theme(client: TestClient) -> None:
    form = {"default_minutes": "20", "default_variant": "supported", "theme": "dark", "chime": "on", "height_cm": ""}
    response = client.post("/settings", data=form, follow_redirects=False)
    assert response.status_code == 303
    saved = client.get("/api/settings").json()
    assert (saved["default_minutes"], saved["default_variant"], saved["theme"]) == (20, "supported", "dark")
    assert (saved["chime"], saved["voice"], saved["height_cm"]) == (True, False, None)
    assert 'data-theme="dark"' in client.get(response.headers["location"]).text


def test_the_settings_form_takes_the_heights_the_check_takes(client: TestClient) -> None:
    page = client.get("/settings").text
    assert f'name="height_cm" type="number" min="{SHORTEST_HEIGHT_CM}" max="{TALLEST_HEIGHT_CM}"' in page
    form = {"default_minutes": "15", "default_variant": "standard", "height_cm": str(TALLEST_HEIGHT_CM + 1)}
    response = client.post("/settings", data=form)
    assert response.status_code == 422
    assert f"Your height in cm: enter {TALLEST_HEIGHT_CM} or less, not “{TALLEST_HEIGHT_CM + 1}”." in response.text


def test_a_bad_settings_form_explains_the_field(client: TestClient) -> None:
    response = client.post("/settings", data={"default_minutes": "99", "default_variant": "standard"})
    assert response.status_code == 422
    assert "Default session length (minutes): enter 30 or less, not “99”." in response.text
    assert not any(words in response.text for words in VALIDATOR_WORDS)
    assert client.get("/api/settings").json()["default_minutes"] == 15


def test_a_refused_settings_form_keeps_what_was_typed(client: TestClient) -> None:
    # One wrong field (here the time zone) refused the form and showed the stored settings instead: every other
    # change was lost, and the wrong zone too, so there was nothing left to correct.
    form = {
        "default_minutes": "20",
        "default_variant": "somatic",
        "height_cm": "170",
        "theme": "dark",
        "voice": "on",
        "weekly_goal_sessions": "5",
        "show_streaks": "on",
        "reminder_time": "07:30",
        "reminder_mon": "on",
        "reminder_thu": "on",
        "reminder_zone": "Europe/Londn",
    }
    response = client.post("/settings", data=form)
    assert response.status_code == 422
    page = response.text
    for name, value in [("default_minutes", "20"), ("height_cm", "170"), ("weekly_goal_sessions", "5")]:
        assert re.search(rf'name="{name}" type="number"[^>]* value="{value}"', page), name
    assert re.search(r'name="reminder_time" type="time" value="07:30"', page)
    assert re.search(r'name="reminder_zone" type="text" value="Europe/Londn"', page)
    assert '<option value="somatic" selected>' in page
    assert re.search(r'name="theme" value="dark" checked', page)
    ticked = re.findall(r'name="(voice|chime|show_streaks|reminder_\w+)" value="on" checked', page)
    assert ticked == ["voice", "show_streaks", "reminder_mon", "reminder_thu"]
    assert client.get("/api/settings").json()["default_minutes"] == 15  # nothing was saved


def test_check_in_pages_for_missing_records_and_foreign_next_urls(client: TestClient) -> None:
    assert client.get("/checkin", params={"session_id": 5}).status_code == 404
    assert client.get("/checkin", params={"checkin_id": 5}).status_code == 404
    assert client.get("/checkin", params={"next": "https://example.org/"}).status_code == 422
    assert client.get("/checkin", params={"timing": "before", "next": "/session?minutes=10"}).status_code == 200


def test_an_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text and "Not Found" not in response.text  # one plain message
    assert client.get("/api/no-such-route").json() == {"detail": "Not Found"}


@pytest.mark.parametrize("path", ["/psfs/1/delete"])
def test_opening_where_a_form_is_sent_says_so_in_plain_words(client: TestClient, path: str) -> None:
    # Opened from the address bar, it said "Method Not Allowed". (A restore's, a deletion's and an all-clear's
    # addresses open as their pages: test_reload_after_forms.py.)
    response = client.get(path)
    assert response.status_code == 405 and "POST" in response.headers["allow"]
    assert "Method Not Allowed" not in response.text
    assert "is where a form is sent, not a page to open" in response.text


def test_the_journal_and_progress_pages_show_records(client: TestClient, clock: Any) -> None:
    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(600)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})
    pain = [
        {"region": "buttock", "side": "right", "score": 5},
        {"region": "calf_and_shin", "side": "left", "score": 5, "quality": "tingling"},
    ]
    body = {"session_id": session["id"], "pain": pain, "note": "<b>x</b>"}
    client.post("/api/checkins", json=body)
    journal = client.get("/journal").text
    assert "Buttock (right) 5/10, Calf and shin (left) 5/10, tingling" in journal  # the quality, as history says it
    assert "&lt;b&gt;x&lt;/b&gt;" in journal  # a note is text, never markup
    assert "10 min of 10 min, Standard" in journal
    progress = client.get("/progress").text
    assert 'data-series="Buttock (right)"' in progress
    assert "Week of 4 May (this week so far): 1 session, 10 minutes" in progress  # the week under way (39f36a34)


def test_today_shows_the_week_the_last_session_and_a_streak_when_wanted(cleared: TestClient, clock: Any) -> None:
    session = cleared.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(540)
    cleared.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 540, "status": "ended_early"})
    today = cleared.get("/").text
    assert "9 min" in today
    assert "in a row" not in today
    settings = cleared.get("/api/settings").json()
    cleared.put("/api/settings", json={**settings, "show_streaks": True})
    clock.advance(24 * 3600)
    assert "1 day in a row" in cleared.get("/").text


def test_today_suggests_one_time_the_protocols_or_once_moved_the_reminders(client: TestClient) -> None:
    good_time = re.compile(r'<h2 id="when-heading">A good time</h2>\s*<p>([^<]*)</p>\s*<p class="source">([^<]*)</p>')
    found = good_time.search(client.get("/").text)
    assert found and "after work" in found[1] and found[2].startswith("Source: Koch 2005")
    settings = client.get("/api/settings").json()
    client.put("/api/settings", json={**settings, "reminder_time": "07:15"})
    found = good_time.search(client.get("/").text)
    assert found and found.groups() == ("At 07:15, the time of your reminder.", "From your reminder in Settings.")


def test_a_finished_session_has_an_edit_page_and_a_running_one_does_not(client: TestClient, clock: Any) -> None:
    finished = client.post("/api/sessions", json={"planned_minutes": 10, "variant": "supported"}).json()
    clock.advance(275)
    client.post(f"/api/sessions/{finished['id']}/finish", json={"elapsed_s": 275, "status": "ended_early"})
    running = client.post("/api/sessions", json={"planned_minutes": 15}).json()

    journal = client.get("/journal").text
    assert f'href="/session/edit?session_id={finished["id"]}"' in journal
    assert f"session_id={running['id']}" not in journal

    page = client.get("/session/edit", params={"session_id": finished["id"]})
    assert page.status_code == 200
    assert "<h1>Edit session</h1>" in page.text
    assert "(now 4 min 35 s)" in page.text  # 275 s, exactly: minutes and seconds
    assert 'id="rested-minutes"' in page.text and 'value="4"' in page.text and 'value="35"' in page.text
    assert 'max="4"' in page.text  # crest timed it: a correction shortens it, never past its timer
    assert "At most 4 min 35 s, the time crest timed" in page.text
    assert '<option value="supported" selected>' in page.text
    assert 'value="ended_early" checked' in page.text

    still_running = client.get("/session/edit", params={"session_id": running["id"]})
    assert still_running.status_code == 409
    assert "is still open; it can be edited once it has ended" in still_running.text
    assert client.get("/session/edit", params={"session_id": 999}).status_code == 404
    assert client.get("/session/edit").status_code == 422


def test_an_empty_journal_says_so_without_an_empty_table(client: TestClient) -> None:
    page = client.get("/journal")
    assert page.status_code == 200
    assert "Nothing recorded yet" in page.text
    assert "<table" not in page.text


def test_the_check_in_after_a_session_carries_the_places_rated_before(cleared: TestClient) -> None:
    pain = [
        {"region": "calf_and_shin", "side": "left", "score": 5, "quality": "sharp"},
        {"region": "neck", "score": 2},
    ]
    before = cleared.post("/api/checkins", json={"timing": "before", "pain": pain}).json()
    session = cleared.post("/api/sessions", json={"planned_minutes": 5, "before_checkin_id": before["id"]}).json()
    page = cleared.get("/checkin", params={"session_id": session["id"]}).text
    config = json.loads(page.split('id="checkin-config">', 1)[1].split("</script>", 1)[0])
    assert config["rated_before"] == [
        {"region": "calf_and_shin", "side": "left", "score": 5},
        {"region": "neck", "side": "centre", "score": 2},
    ]
    assert config["default_timing"] == "after"
    alone = json.loads(cleared.get("/checkin").text.split('id="checkin-config">', 1)[1].split("</script>", 1)[0])
    assert alone["rated_before"] == [] and alone["default_timing"] == "standalone"


# A script or style sheet from elsewhere, as a page links it or a document names it: crest serves every asset itself.
EXTERNAL_ASSET = re.compile(r"""(src|href)\s*=\s*["']?(https?:)?//|https?://[^\s"'<>]+\.(js|css)\b""", re.IGNORECASE)


def test_no_page_nor_the_api_document_loads_anything_from_elsewhere(app: FastAPI, client: TestClient) -> None:
    """Every GET route without parameters, /openapi.json among them; FastAPI's /docs and /redoc (scripts from a
    CDN) are not served."""
    paths = sorted(path for method, path in app_routes(app) if method == "GET" and "{" not in path)
    assert "/openapi.json" in paths and "/" in paths
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        assert not EXTERNAL_ASSET.search(response.text), path
    for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        assert client.get(path).status_code == 404, path


SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",  # security walk s49, L2: cross-site leaks
    "cross-origin-resource-policy": "same-origin",
}


def test_every_answer_carries_the_security_headers_and_no_hsts_on_plain_http(client: TestClient) -> None:
    answers = [
        client.get("/"),
        client.get("/api/settings"),
        client.get("/static/crest.css"),
        client.get("/no-such-page"),
        client.get("/", headers={"Host": "evil.example"}),  # refused by the guard: 421
    ]
    assert answers[-1].status_code == 421
    for response in answers:
        assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
        assert "strict-transport-security" not in response.headers


def test_settings_offer_the_streak_by_the_goal_not_among_a_sessions_options(client: TestClient) -> None:
    # A streak shows on Today only: under "During a session" it promised something a session never shows.
    page = client.get("/settings").text
    during = re.search(r"<legend>During a session</legend>(.*?)</fieldset>", page, re.S)
    goal = re.search(r"<legend>Your goal and a reminder</legend>(.*?)</fieldset>", page, re.S)
    assert during and goal
    assert "show_streaks" not in during[1]
    assert re.search(r'name="show_streaks"[^>]*> Show my streak \(days in a row\) on Today</label>', goal[1])


def test_editing_a_check_in_says_which_one_it_is(client: TestClient, clock: Any) -> None:
    # Weeks of check-ins look alike as sliders: the page names the one being corrected, as a session's edit does.
    saved = client.post("/api/checkins", json={"at": "2026-04-28T18:05:00+00:00", "note": "stiff"}).json()
    page = client.get(f"/checkin?checkin_id={saved['id']}").text
    made = re.search(r'<p id="checkin-made">This check-in was made <time datetime="([^"]+)">([^<]+)</time>', page)
    assert made and made.groups() == ("2026-04-28T18:05:00+00:00", "Tue 28 Apr 18:05")
    assert re.search(r'<a href="/journal" aria-current="page">', page)
    assert 'id="checkin-made"' not in client.get("/checkin").text


def test_the_journal_names_a_check_in_by_its_session_and_asks_plainly_before_deleting(
    client: TestClient, clock: Any
) -> None:
    # "Check-in after" named nothing it was after, and its Delete asked "Delete this check-in after of today 17:40?".
    session = client.post("/api/sessions", json={"planned_minutes": 10}).json()
    clock.advance(600)
    client.post(f"/api/sessions/{session['id']}/finish", json={"elapsed_s": 600, "status": "completed"})
    client.post("/api/checkins", json={"session_id": session["id"], "note": "calmer"})
    journal = client.get("/journal").text
    assert '<td class="what" role="cell">Check-in after a session</td>' in journal
    assert 'data-confirm="Delete this check-in after a session (today 17:40)? This cannot be undone."' in journal
    assert 'aria-label="Delete Check-in after a session, today 17:40"' in journal
    kept = "Its check-ins stay in the journal, on their own."
    assert f'data-confirm="Delete this session (today 17:30)? {kept} This cannot be undone."' in journal
