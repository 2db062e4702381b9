"""Progress, PSFS, report, reminder and FHIR through the web app: the pages, the API and their calm errors."""

import json
import re
from datetime import UTC, date, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from fastapi.testclient import TestClient

from crest.web.app import create_app
from support.clock import FakeClock
from support.practice_history import daily_practice
from support.reminder_files import reminding

DAYS = 42


def _practised(tmp_path: Path, clock: FakeClock) -> TestClient:
    from crest.journal.store import Journal

    url = f"sqlite:///{tmp_path / 'practised.db'}"
    with Journal.open(url) as journal:
        journal.import_contents(daily_practice(clock().date() - timedelta(days=DAYS), DAYS, UTC))
    return TestClient(create_app(url, clock=clock, local_zone=UTC), base_url="http://127.0.0.1:8765")


def test_progress_api_has_places_verdicts_and_adherence(tmp_path: Path, clock: FakeClock) -> None:
    with _practised(tmp_path, clock) as client:
        body = client.get("/api/progress").json()
        back = next(place for place in body["places"] if place["region"] == "lower_back")
        assert back["verdict"] == "better" and back["side"] == "centre"
        assert back["change"] == back["latest"] - back["baseline"] < -2
        assert body["adherence"]["days_with_data_30"] == 29  # every day but today, which has no practice yet
        assert body["adherence"]["target"] == {"sessions_per_week": 7, "source": "default_goal"}
        assert body["psfs"]["verdict"] == "no_clear_change"  # the average rose by 1.7: under the 2 points
        since = client.get("/api/progress", params={"since": (clock().date() - timedelta(days=7)).isoformat()})
        assert since.json()["since"] is not None
        assert client.get("/api/progress", params={"since": "soon"}).status_code == 422


def test_progress_and_today_pages_speak_the_summary(tmp_path: Path, clock: FakeClock) -> None:
    with _practised(tmp_path, clock) as client:
        page = client.get("/progress").text
        assert page.index("Is it helping?") < page.index("Pain per place over time")
        assert "a fall that usually matters" in page and "Farrar JT et al., Pain 2001" in page
        assert "a fall that usually matters" in client.get("/").text


def test_psfs_api_round_trip_and_the_today_prompt(cleared: TestClient, clock: FakeClock) -> None:
    assert "Rate your activities" in cleared.get("/").text  # never rated: due, a gentle prompt
    created = cleared.post("/api/psfs", json={"activities": [{"name": "Gardening", "score": 3}]})
    assert created.status_code == 201
    assert created.json()["mean_score"] == 3
    assert "Rate your activities" not in cleared.get("/").text
    clock.advance(14 * 24 * 3600)
    assert "Rate your activities" in cleared.get("/").text  # two weeks later: asked again
    assert cleared.post("/api/psfs", json={"activities": []}).status_code == 422
    too_high = cleared.post("/api/psfs", json={"activities": [{"name": "Gardening", "score": 11}]})
    assert too_high.status_code == 422
    twice = cleared.post("/api/psfs", json={"activities": [{"name": "a", "score": 1}, {"name": "A ", "score": 2}]})
    assert twice.status_code == 422 and "named twice" in twice.json()["detail"]
    round_id = created.json()["id"]
    assert cleared.delete(f"/api/psfs/{round_id}").status_code == 204
    assert cleared.get(f"/api/psfs/{round_id}").status_code == 404


@pytest.mark.parametrize(
    ("at", "words"),
    [
        ("2031-05-01T07:30:00+00:00", "at: the PSFS time 2031-05-01 07:30 is in the future"),
        ("9999-12-31T00:00:00+00:00", "is in the future"),
        ("1999-06-01T07:30:00+00:00", "at: the PSFS time 1999-06-01 is before 2000"),
        ("0001-01-01T00:00:00+00:00", "is before 2000"),
    ],
)
def test_a_psfs_round_that_cannot_have_happened_is_refused_so_the_export_still_imports(
    cleared: TestClient, at: str, words: str
) -> None:
    """A walk-through saved a round dated 2030 through the API; the journal's own export then would not import."""
    refused = cleared.post("/api/psfs", json={"activities": [{"name": "Gardening", "score": 3}], "at": at})
    assert refused.status_code == 422, refused.text
    assert words in refused.json()["detail"]
    assert cleared.get("/api/psfs").json() == []
    earlier = cleared.post(
        "/api/psfs", json={"activities": [{"name": "Gardening", "score": 3}], "at": "2026-05-01T07:30:00Z"}
    )
    assert earlier.status_code == 201, earlier.text
    backup = cleared.get("/api/export").content
    assert cleared.post("/settings/delete-everything", data={"confirmation": "delete"}).status_code == 200
    restored = cleared.post("/settings/restore", files={"file": ("crest.json", backup)})
    assert restored.status_code == 200, restored.text[:300]
    assert [len(one["activities"]) for one in cleared.get("/api/psfs").json()] == [1]


def test_psfs_page_form_saves_and_deletes(client: TestClient) -> None:
    saved = client.post("/psfs", data={"name_1": "Tying my shoes", "score_1": "4"}, follow_redirects=False)
    assert saved.status_code == 303
    page = client.get(saved.headers["location"]).text
    assert "Saved. Thank you." in page and "Tying my shoes 4" in page
    assert 'value="Tying my shoes"' in page  # offered again for the next round
    round_id = client.get("/api/psfs").json()[0]["id"]
    assert client.post(f"/psfs/{round_id}/delete", follow_redirects=False).status_code == 303
    assert client.get("/api/psfs").json() == []
    assert client.post("/psfs", data={"name_1": "", "score_1": ""}).status_code == 422
    for unseen in ("   ", "\u202e\u202e", "\u200b"):  # right-to-left overrides and a zero-width space show nothing
        unnamed = client.post("/psfs", data={"name_1": unseen, "score_1": "5"})
        assert unnamed.status_code == 422 and "An activity needs a name" in unnamed.text
    assert client.get("/api/psfs").json() == []
    for written in ("\u00b2", "9" * 5000, "4.5"):  # a 500: "²" passes str.isdigit, not int(); int() refuses 5000 digits
        refused = client.post("/psfs", data={"name_1": "Gardening", "score_1": written})
        said = "Give &#39;Gardening&#39; a score, a whole number from 0 to 10"
        assert refused.status_code == 422 and said in refused.text


def test_rating_again_starts_empty_with_every_activity_and_its_last_score_beside(client: TestClient) -> None:
    client.post("/psfs", data={"name_1": "Tying my shoes", "score_1": "3", "name_2": "Gardening", "score_2": "2"})
    client.post("/psfs", data={"name_1": "Tying my shoes", "score_1": "5"})  # a round that skipped Gardening
    page = client.get("/psfs").text
    assert 'name="name_1" type="text" maxlength="120" value="Tying my shoes"' in page
    assert 'name="name_2" type="text" maxlength="120" value="Gardening"' in page  # not only the latest round's
    scores = re.findall(r'name="score_\d" type="number"[^>]*value="([^"]*)"', page)
    assert scores == [""] * 5  # never prefilled: Save must not quietly keep old scores
    assert re.search(r'<span id="last_1" class="hint">last time 5, today \d\d:\d\d</span>', page)
    assert re.search(r'<span id="last_2" class="hint">last time 2, today \d\d:\d\d</span>', page)
    assert 'aria-describedby="scale-hint last_2"' in page
    unscored = client.post("/psfs", data={"name_1": "Tying my shoes", "score_1": ""})
    assert unscored.status_code == 422 and "last time 5" in unscored.text  # the hint stays after a mistake


def test_an_offered_activity_left_unscored_is_marked_at_its_field_and_clearing_its_name_leaves_it_out(
    client: TestClient,
) -> None:
    # Each round rates the same activities again: an unscored one is asked about at its own field, never dropped
    # unseen, and the page says beforehand how to leave one out.
    client.post(
        "/psfs", data={"name_1": "Sitting through a film", "score_1": "3", "name_2": "Tying shoes", "score_2": "5"}
    )
    offered = client.get("/psfs").text
    assert "To leave one out of this round, clear its name." in offered
    assert "Activity 2 <span" not in offered  # an offered activity is not labelled "(optional)"
    sent = {"name_1": "Sitting through a film", "score_1": "4", "name_2": "Tying shoes", "score_2": ""}
    refused = client.post("/psfs", data=sent)
    assert refused.status_code == 422
    assert "Not saved yet: see activity 2 below." in refused.text
    field = re.search(r'<input id="score_2"[^>]*>', refused.text)
    assert field is not None
    assert 'aria-invalid="true"' in field.group() and "autofocus" in field.group()
    assert 'aria-describedby="score_2-error scale-hint last_2"' in field.group()
    said = re.search(r'<p id="score_2-error" class="error-text field-error">([^<]*)</p>', refused.text)
    assert said is not None
    assert said.group(1) == (
        "Give &#39;Tying shoes&#39; a score, a whole number from 0 to 10, or clear its name to leave it out of this"
        " round."
    )
    first = re.search(r'<input id="score_1"[^>]*>', refused.text)
    assert first is not None and "aria-invalid" not in first.group() and 'value="4"' in first.group()
    assert len(client.get("/api/psfs").json()) == 1
    left_out = client.post("/psfs", data=sent | {"name_2": ""}, follow_redirects=False)
    assert left_out.status_code == 303
    assert [a["name"] for a in client.get("/api/psfs").json()[0]["activities"]] == ["Sitting through a film"]
    named = client.post("/psfs", data={"name_1": "Gardening", "score_1": "4", "name_3": "\u200b", "score_3": "6"})
    assert named.status_code == 422 and "see activity 3 below" in named.text
    name_field = re.search(r'<input id="name_3"[^>]*>', named.text)
    assert name_field is not None and 'aria-invalid="true"' in name_field.group()
    assert 'id="name_3-error"' in named.text


def test_report_page_pdf_and_html(tmp_path: Path, clock: FakeClock) -> None:
    with _practised(tmp_path, clock) as client:
        page = client.get("/report").text
        assert "Report for your clinician" in page and "Not included" in page
        assert "Lots of yawning today." in client.get("/report", params={"notes": "true"}).text
        pdf = client.get("/report.pdf", params={"paper": "letter"})
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
        assert "attachment" in pdf.headers["content-disposition"]
        html = client.get("/report.html")
        assert html.text.lstrip().startswith("<!doctype html>") and "@page" in html.text
        assert client.get("/report.css").headers["content-type"].startswith("text/css")
        start = clock().date()
        backwards = client.get("/report", params={"since": start.isoformat(), "until": date(2020, 1, 1).isoformat()})
        assert backwards.status_code == 422 and "before it starts" in backwards.text
        ahead = client.get("/report", params={"until": date(2030, 1, 1).isoformat()})
        assert ahead.status_code == 422 and "choose a day up to today" in ahead.text
        assert client.get("/report.pdf", params={"until": date(2030, 1, 1).isoformat()}).status_code == 422
        # The date boxes offer no day after today, on the report and on Progress.
        assert page.count(f'max="{start.isoformat()}"') == 2
        assert f'max="{start.isoformat()}"' in client.get("/progress").text
        assert client.get("/report", params={"paper": "a5"}).status_code == 422


def test_a_refused_period_comes_back_to_the_report_form(tmp_path: Path, clock: FakeClock) -> None:
    # "From" after "To" led to a page "That did not work" whose one way on was Today: the form and the days typed
    # were gone, though the message asked to check "From" and "To". The downloads submit the same form.
    with _practised(tmp_path, clock) as client:
        since, until = clock().date(), clock().date() - timedelta(days=10)
        for path in ("/report", "/report.pdf", "/report.html"):
            refused = client.get(path, params={"since": since.isoformat(), "until": until.isoformat()})
            assert refused.status_code == 422, path
            page = refused.text
            assert "<h1>Report for your clinician</h1>" in page, path
            assert re.search(r'role="alert">The report would end on [^<]+; check “From” and “To”\.</p>', page), path
            assert f'name="since" type="date" value="{since}"' in page, path
            assert f'name="until" type="date" value="{until}"' in page, path
            assert "Not included" in page, path  # the usual period's report below the form, as the empty boxes make


def test_emptied_date_boxes_make_the_usual_report(tmp_path: Path, clock: FakeClock) -> None:
    # A browser sends an emptied date box as "since=": Update and both downloads led to "Please check what you
    # entered. Since: this is not a date" (a box the page calls "From") on a page whose one way on was Today.
    with _practised(tmp_path, clock) as client:
        usual = client.get("/report").text
        for path in ("/report", "/report.pdf", "/report.html"):
            for params in ({"since": "", "until": ""}, {"since": ""}, {"until": "", "paper": "letter"}):
                emptied = client.get(path, params=params)
                assert emptied.status_code == 200, (path, params)
        emptied_page = client.get("/report", params={"since": "", "until": "", "paper": "a4"}).text
        assert re.findall(r'name="(?:since|until)" type="date" value="([^"]*)"', emptied_page) == re.findall(
            r'name="(?:since|until)" type="date" value="([^"]*)"', usual
        )
        pdf = client.get("/report.pdf", params={"since": "", "until": clock().date().isoformat()})
        assert pdf.content.startswith(b"%PDF-")


def _heading_levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def test_the_report_page_has_one_h1_and_its_headings_in_order(tmp_path: Path, clock: FakeClock) -> None:
    with _practised(tmp_path, clock) as client:
        levels = _heading_levels(client.get("/report", params={"notes": "true"}).text)
        standalone = _heading_levels(client.get("/report.html").text)
    assert levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))
    assert standalone[0] == 1 and standalone.count(1) == 1  # the download keeps its own title as h1


def test_the_progress_and_report_pages_take_the_days_the_api_and_the_terminal_take(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Progress from 0001-01-01 answered 500 (a baseline week before year 1), and the report made a period of
    739952 days (from year 1) or from 1970 (`since=0`), where the API and `crest report` refuse those days."""
    with _practised(tmp_path, clock) as client:
        for path, params in (
            ("/progress", {"since": "0001-01-01"}),
            ("/progress", {"since": "0"}),
            ("/report", {"since": "0001-01-01"}),
            ("/report", {"since": "0"}),
            ("/report.pdf", {"until": "9999-12-31"}),
            ("/report.html", {"until": "9999-12-31"}),
        ):
            refused = client.get(path, params=params)
            assert refused.status_code == 422, (path, params)
            said = ("is not a date; write it as YYYY-MM-DD", "is before 2000", "is after 9000")
            assert any(words in refused.text for words in said), (path, params)
        assert client.get("/progress", params={"since": (clock().date() - timedelta(days=7)).isoformat()}).is_success
        today = clock().date().isoformat()
        assert client.get("/report", params={"since": "2000-01-01", "until": today}).is_success
        early = client.get("/report", params={"since": "1999-12-31", "until": today})  # decades of no rest
        assert early.status_code == 422 and "1999-12-31 is before 2000" in early.text
        assert client.get("/report", params={"until": "9000-12-31"}).status_code == 422  # a day not yet come


def test_reminder_download_uses_settings_and_arguments(client: TestClient) -> None:
    response = client.get("/api/reminder.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    event = icalendar.Calendar.from_ical(response.text).walk("VEVENT")[0]
    assert event.decoded("dtstart").strftime("%H:%M") == "18:00"  # the default slot: after work
    assert len(event["rrule"]["BYDAY"]) == 7
    chosen = client.get("/api/reminder.ics", params={"time": "07:15", "days": "sat,sun", "zone": "Europe/Paris"})
    assert "DTSTART;TZID=Europe/Paris:" in chosen.text and "BYDAY=SA,SU" in chosen.text
    for text in (response.text, chosen.text):  # the event comes at the chosen time: it names no other time of day
        described = str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["description"])
        assert described.startswith("Time for 15 minutes of constructive rest.")
        assert not any(word in described for word in ("after work", "evening", "morning"))
    assert client.get("/api/reminder.ics", params={"zone": "Mars/Olympus"}).status_code == 422
    assert client.get("/api/reminder.ics", params={"zone": ""}).status_code == 422  # no zone named is not "any"
    assert client.get("/api/reminder.ics", params={"time": "25:00"}).status_code == 422


def test_the_reminder_download_says_how_to_write_a_time_or_days_it_refuses(client: TestClient) -> None:
    """It said "time: crest cannot use “25:00” here", where `crest remind` and Settings' JSON say how to write it."""
    for params, field, words in (
        ({"time": "25:00"}, "time", "write it like 18:00"),
        ({"time": ""}, "time", "write it like 18:00"),
        # the words and the rule of `crest remind --days`: "monday" and "mon,,mon" were days there, refused here
        *(
            ({"days": written}, "days", f"{unread}; write the days you want from mon,tue,wed,thu,fri,sat,sun")
            for written, unread in (
                ("xyz", "cannot read day “xyz”"),
                ("monday", "cannot read day “monday”"),
                ("mon,tuesdays", "cannot read day “tuesdays”"),
                ("mon,,mon", "“mon,,mon” has a comma with no day beside it"),
            )
        ),
    ):
        refused = client.get("/api/reminder.ics", params=params)
        assert refused.status_code == 422, params
        assert refused.json()["detail"] == f"{field}: {words}"
        assert refused.json()["errors"] == [{"field": field, "label": field.capitalize(), "message": words}]
    said = {
        one["name"]: one["schema"]
        for one in client.get("/openapi.json").json()["paths"]["/api/reminder.ics"]["get"]["parameters"]
    }
    # still written in the schema, for each of one or two times
    assert said["time"]["items"]["pattern"] == r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
    assert said["days"]["pattern"] == "^(mon|tue|wed|thu|fri|sat|sun)(,(mon|tue|wed|thu|fri|sat|sun))*$"


def test_the_time_zone_field_names_the_computers_zone_for_empty_not_the_one_chosen(
    tmp_path: Path, clock: FakeClock
) -> None:
    """With Europe/Berlin chosen on a computer in New York, the label said "(empty: this computer's, Europe/Berlin)"."""
    url = f"sqlite:///{tmp_path / 'zones.db'}"
    app = create_app(url, clock=clock, local_zone=ZoneInfo("America/New_York"))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        assert "(empty: this computer's, America/New_York)" in client.get("/settings").text
        form = {"default_minutes": "15", "default_variant": "standard", "weekly_goal_sessions": "7"}
        form |= {"reminder_time": "18:00", "reminder_mon": "on", "reminder_zone": "Europe/Berlin"}
        assert client.post("/settings", data=form).is_success
        page = client.get("/settings").text
        assert "(empty: this computer's, America/New_York)" in page and 'value="Europe/Berlin"' in page


def test_an_emptied_reminder_time_is_refused_not_saved_as_the_old_one(client: TestClient) -> None:
    """Clearing the Reminder time (or leaving it half typed, which a browser sends as nothing) said "Saved." and
    kept the old time."""
    assert re.search(r'<input id="reminder_time" [^>]*required>', client.get("/settings").text)
    form = {"default_minutes": "15", "default_variant": "standard", "weekly_goal_sessions": "7", "reminder_mon": "on"}
    refused = client.post("/settings", data=form | {"reminder_time": "", "theme": "dark"})
    assert refused.status_code == 422 and "Reminder time: give a time, like 18:00." in refused.text
    assert client.get("/api/settings").json()["theme"] == "system"  # nothing saved


def test_settings_save_the_goal_and_the_reminder(client: TestClient) -> None:
    form = {
        "default_minutes": "15",
        "default_variant": "standard",
        "weekly_goal_sessions": "10",
        "reminder_time": "19:30",
        "reminder_mon": "on",
        "reminder_thu": "on",
        "reminder_zone": "Europe/Berlin",
    }
    assert client.post("/settings", data=form, follow_redirects=False).status_code == 303
    saved = client.get("/api/settings").json()
    assert (saved["weekly_goal_sessions"], saved["reminder_time"], saved["reminder_days"]) == (10, "19:30", "mon,thu")
    assert "BYDAY=MO,TH" in client.get("/api/reminder.ics").text
    # a folder of zones, a name too long for a file: refused as any unknown name, never a server error
    for unknown in ("Nowhere/Town", "America", "x" * 300):
        bad = client.post("/settings", data=form | {"reminder_zone": unknown})
        assert bad.status_code == 422 and "unknown time zone" in bad.text


def test_a_settings_page_opened_before_another_saved_does_not_undo_its_reminder(client: TestClient) -> None:
    """Two tabs on Settings: the first saved 06:15, the second then saved its dark theme, and the reminder went back
    to 18:00 with "Saved." in both. The second is refused with the settings as they are now; a form without
    `shown` (a script) saves as before."""
    first, second = (re.search(r'name="shown" value="(\w+)"', client.get("/settings").text) for _ in range(2))
    assert first is not None and second is not None
    form = {"default_minutes": "15", "default_variant": "standard", "weekly_goal_sessions": "7", "reminder_mon": "on"}
    saved = client.post("/settings", data=form | {"reminder_time": "06:15", "shown": first.group(1)})
    assert saved.status_code == 200 and "Saved." in saved.text
    stale = client.post("/settings", data=form | {"reminder_time": "18:00", "theme": "dark", "shown": second.group(1)})
    assert stale.status_code == 409
    assert "Your settings were changed in another tab or window after this page was opened, so nothing was saved" in (
        stale.text
    )
    assert 'value="06:15"' in stale.text and client.get("/api/settings").json()["reminder_time"] == "06:15"
    assert client.get("/api/settings").json()["theme"] == "system"
    again = re.search(r'name="shown" value="(\w+)"', stale.text)  # the page as it is now saves
    assert again is not None
    assert client.post(
        "/settings", data=form | {"reminder_time": "06:15", "theme": "dark", "shown": again.group(1)}
    ).is_success
    assert client.get("/api/settings").json()["theme"] == "dark"
    assert client.post("/settings", data=form | {"reminder_time": "19:00"}).is_success  # no `shown`: saved
    assert client.get("/api/settings").json()["reminder_time"] == "19:00"


def test_the_reminder_days_are_one_group_named_for_a_screen_reader(client: TestClient) -> None:
    """Seven tick boxes named "Mon" ... "Sun" under a paragraph: a screen reader said "Mon, check box, checked" with
    nothing saying what the days are of."""
    page = client.get("/settings").text
    group = re.search(r'<div role="group" aria-labelledby="([\w-]+)">(.*?)</div>', page, re.S)
    assert group is not None
    label, inside = group.groups()
    assert re.search(rf'<p id="{label}"[^>]*>Reminder days</p>', inside)
    assert re.findall(r'name="reminder_(\w+)"', inside) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def test_settings_download_the_reminder_the_form_shows(client: TestClient) -> None:
    """Settings' download was a link to the reminder saved before: a person who set 07:30 Mon, Wed, Fri and
    pressed it got 18:00 every day. The button beside Save saves the form, then downloads what it now holds."""
    page = client.get("/settings").text
    button = re.search(r'<button type="submit" class="secondary" name="then" value="(\w+)">([^<]+)</button>', page)
    assert button is not None and button.group(2) == "Save and download the calendar reminder"
    assert "/api/reminder.ics" not in page
    assert "A new download replaces crest&#39;s reminder in your calendar" in page  # and how to stop it there
    form = {
        "default_minutes": "20",
        "default_variant": "standard",
        "weekly_goal_sessions": "7",
        "reminder_time": "07:30",
        "reminder_mon": "on",
        "reminder_wed": "on",
        "reminder_fri": "on",
        "reminder_zone": "Europe/Berlin",
        "then": button.group(1),
    }
    downloaded = client.post("/settings", data=form, follow_redirects=False)
    assert downloaded.status_code == 200 and downloaded.headers["content-type"].startswith("text/calendar")
    assert "attachment" in downloaded.headers["content-disposition"]
    event = icalendar.Calendar.from_ical(downloaded.text).walk("VEVENT")[0]
    assert "DTSTART;TZID=Europe/Berlin:" in downloaded.text and event.decoded("dtstart").strftime("%H:%M") == "07:30"
    assert event["rrule"]["BYDAY"] == ["MO", "WE", "FR"] and event.decoded("duration") == timedelta(minutes=20)
    assert client.get("/api/settings").json()["reminder_time"] == "07:30"  # and kept
    refused = client.post("/settings", data=form | {"reminder_time": "7 am"})  # no file for what cannot be saved
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")


def test_a_second_reminder_time_at_settings_and_the_api_is_a_second_event(client: TestClient) -> None:
    """A reminder had one time, while Settings' hint says once or twice a day is what teachers suggest."""
    page = client.get("/settings").text
    assert re.search(r'<input id="second_reminder_time" name="second_reminder_time" type="time" value=""', page)
    button = re.search(r'name="then" value="(\w+)"', page)
    assert button is not None
    form = {"default_minutes": "15", "default_variant": "standard", "weekly_goal_sessions": "14"}
    form |= {"reminder_time": "07:30", "second_reminder_time": "18:00", "reminder_mon": "on", "then": button.group(1)}
    both = [("crest-reminder@crest", "07:30"), ("crest-reminder-2@crest", "18:00")]
    assert reminding(client.post("/settings", data=form, follow_redirects=False).text) == both
    assert 'name="second_reminder_time" type="time" value="18:00"' in client.get("/settings").text  # kept
    assert client.get("/api/settings").json()["second_reminder_time"] == "18:00"
    assert reminding(client.get("/api/reminder.ics").text) == both
    asked = client.get("/api/reminder.ics", params=[("time", "06:00"), ("time", "21:15")])
    assert reminding(asked.text) == [("crest-reminder@crest", "06:00"), ("crest-reminder-2@crest", "21:15")]
    assert reminding(client.get("/api/reminder.ics", params={"time": "06:00"}).text)[1:] == []  # once
    for times, said in (
        (["06:00", "6:00"], "both reminder times are 06:00; give two different times, or one"),
        (["06:00", "7:5"], "time: write it like 18:00"),
        (["1:00", "2:00", "3:00"], "give one or two reminder times a day, like 07:30 and 18:00"),
    ):
        refused = client.get("/api/reminder.ics", params=[("time", each) for each in times])
        assert (refused.status_code, refused.json()["detail"]) == (422, said), times
    same = client.post("/settings", data=form | {"second_reminder_time": "07:30", "then": ""})
    assert same.status_code == 422 and "both reminder times are 07:30" in same.text
    emptied = client.post("/settings", data=form | {"second_reminder_time": "", "then": ""}, follow_redirects=False)
    assert emptied.status_code == 303 and client.get("/api/settings").json()["second_reminder_time"] is None
    assert reminding(client.get("/api/reminder.ics").text) == both[:1]


def test_no_reminder_is_offered_while_a_row_that_may_hold_a_warning_sign_is_unreadable(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A session was refused while a check-in's row could not be read (it may name a warning sign), but the calendar
    reminder to rest was made and offered."""
    from sqlalchemy import text

    from crest.journal.store import Journal

    url = f"sqlite:///{tmp_path / 'damaged.db'}"
    with TestClient(create_app(url, clock=clock, local_zone=UTC), base_url="http://127.0.0.1:8765") as client:
        assert client.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 4}]}).is_success
        with Journal.open(url) as journal, journal.writing() as db:
            db.execute(text("UPDATE pain_ratings SET score = 14"))
        assert "cannot read" in client.get("/journal").text  # the read that leaves the row out names it
        refused = client.get("/api/reminder.ics")
        assert refused.status_code == 409 and "a warning sign may be in 1 row" in refused.json()["detail"]
        page = client.get("/settings").text
        assert "No calendar reminder to rest for now: a warning sign may be in 1 row of the journal" in page
        assert "Save and download the calendar reminder" not in page


def test_fhir_export_download(cleared: TestClient) -> None:
    cleared.post("/api/checkins", json={"pain": [{"region": "hip", "side": "left", "score": 4}]})
    response = cleared.get("/api/export", params={"format": "fhir", "fhir_version": "R4B", "name": "Jo"})
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = json.loads(response.text)
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds == ["Patient", "Observation"]
    assert bundle["entry"][0]["resource"]["name"] == [{"text": "Jo"}]
    assert cleared.get("/api/export", params={"format": "fhir", "fhir_version": "R3"}).status_code == 422


def _form_fields(page: str, heading_id: str) -> tuple[str, dict[str, str]]:
    """The action of the form labelled by `heading_id` and what it sends as left: hidden values, the selected
    options, empty text fields."""
    pattern = rf'<form method="get" action="([^"]+)"[^>]*aria-labelledby="{heading_id}">(.*?)</form>'
    form = re.search(pattern, page, re.S)
    assert form is not None, f"no form labelled {heading_id}"
    action, body = form.groups()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', body))
    for select, options in re.findall(r'<select id="\w+" name="(\w+)">(.*?)</select>', body, re.S):
        fields[select] = re.findall(r'<option value="([^"]+)" selected>', options)[0]
    fields |= {name: "" for name in re.findall(r'<input id="\w+" name="(\w+)" type="text"', body)}
    return action, fields


def test_the_report_page_and_settings_offer_the_fhir_download(cleared: TestClient) -> None:
    cleared.post("/api/checkins", json={"pain": [{"region": "hip", "side": "left", "score": 4}]})
    action, fields = _form_fields(cleared.get("/report").text, "fhir-heading")
    assert fields == {"fhir_version": "R5", "name": ""}
    download = cleared.get(action, params=fields | {"fhir_version": "R4B"})
    assert download.status_code == 200 and download.headers["content-type"].startswith("application/fhir+json")
    assert 'filename="crest-fhir-R4B-' in download.headers["content-disposition"]
    patient, rating = (entry["resource"] for entry in json.loads(download.text)["entry"])
    assert "name" not in patient and rating["valueInteger"] == 4  # an empty name names no one
    link = re.search(r'<a href="([^"]+)" download>Export FHIR</a>', cleared.get("/settings").text)
    assert link is not None and cleared.get(link.group(1)).headers["content-type"].startswith("application/fhir+json")


def test_no_calendar_reminder_to_rest_while_urgent_care_is_advised(client: TestClient) -> None:
    """The reminder said "time for constructive rest" every day while the advice was not to rest until seen."""
    questions = client.get("/api/safety/questions").json()
    urgent = {q["id"]: q["id"] == "bladder_bowel_saddle" for q in questions}
    assert client.post("/api/safety/answers", json={"answers": urgent}).status_code == 200
    refused = client.get("/api/reminder.ics")
    assert refused.status_code == 409 and "BEGIN:VCALENDAR" not in refused.text
    assert refused.json()["detail"].startswith("no reminder was made: Please seek urgent medical care now")
    page = client.get("/settings").text
    assert "No calendar reminder to rest for now: Please seek urgent medical care now" in page
    delete_it = "If you added crest&#39;s reminder to your calendar before, delete it there until then."
    assert delete_it in page and refused.json()["detail"].endswith(delete_it.replace("&#39;", "'"))
    assert "Save and download the calendar reminder" not in page


def test_the_report_page_says_its_disclaimer_once_and_the_files_keep_their_own(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Walk s54 L8: the Report page ended with "crest shares general information, not medical advice..." twice, the
    report's own footer and then the site's."""
    with _practised(tmp_path, clock) as client:
        page = client.get("/report").text
        disclaimer = re.search(r'<p class="disclaimer">([^<]+)</p>', page)
        assert disclaimer is not None and "not medical advice" in disclaimer.group(1)
        said = disclaimer.group(1)
        foot = page[page.index('id="r-data"') :]  # from the report's last section to the page's end
        assert foot.count(said) == 1 and page.count(said) == 2  # the other one in the report's opening lines
        file = client.get("/report.html").text  # read on its own: its opening lines and its own footer
        assert file.count(said) == 2 and '<footer class="report-foot">' in file
