"""Practice mode's forms as a practitioner and an admin use them: a refused form comes back with what was typed
and says what to change."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from fastapi import FastAPI

from crest.accounts.records import MAX_NOTE_CHARACTERS, MAX_SESSION_NOTE_CHARACTERS
from crest.web.templating import TEMPLATES
from support.practice_web import INVITE_FORMS, World, browser


def _value(html: str, field_id: str) -> str:
    found = re.search(rf'<input id="{field_id}" [^>]*value="([^"]*)"', html)
    assert found, field_id
    return found.group(1)


def test_a_refused_prescription_comes_back_as_it_was_typed(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    typed = {
        "variant": "supported",
        "minutes": "25",
        "sessions_per_day": "2",
        "days_per_week": "5",
        "start_on": "2026-03-10",
        "end_on": "2026-03-01",  # before the start
        "reminder_time": "07:30",
        "note": "Calves on the sofa <3",
    }
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.post(f"/practice/clients/{client_id}/prescriptions", data=typed)
    assert page.status_code == 422 and "The end 2026-03-01 is before the start 2026-03-10." in page.text
    assert '<option value="supported" selected>' in page.text
    for name in ("minutes", "sessions_per_day", "days_per_week", "start_on", "end_on", "reminder_time"):
        assert _value(page.text, name) == typed[name], name
    assert ">Calves on the sofa &lt;3</textarea>" in page.text


def test_a_new_prescription_version_starts_from_the_current_note_and_end(app: FastAPI, world: World) -> None:
    """Changing the minutes must not drop the note the client reads, or the end date, without a word."""
    client_id = world.ids["client"]
    today = world.clock().date()
    end = (today + timedelta(days=60)).isoformat()
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        prescribed = {"minutes": "20", "start_on": today.isoformat(), "end_on": end, "note": "Knees together"}
        assert pat.post(f"/practice/clients/{client_id}/prescriptions", data=prescribed).status_code == 200
        page = pat.get(f"/practice/clients/{client_id}").text
        assert _value(page, "end_on") == end and ">Knees together</textarea>" in page
        ended = {
            "minutes": "20",
            "start_on": (today - timedelta(days=30)).isoformat(),
            "end_on": (today - timedelta(days=1)).isoformat(),
        }
        assert pat.post(f"/practice/clients/{client_id}/prescriptions", data=ended).status_code == 200
        page = pat.get(f"/practice/clients/{client_id}").text
        assert _value(page, "end_on") == "" and "></textarea>" in page  # a past end is not offered again


def test_a_prescription_note_of_two_lines_typed_in_the_browser_is_kept(app: FastAPI, world: World) -> None:
    """A browser sends a textarea's line breaks as CR LF: a note of two lines was refused as 'The note must be plain
    text of at most 1000 characters.' (the carriage return is a control character), so none could be given."""
    client_id = world.ids["client"]
    typed = {"minutes": "20", "start_on": world.clock().date().isoformat(), "note": "Calves on the seat.\r\nSlowly."}
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert pat.post(f"/practice/clients/{client_id}/prescriptions", data=typed).status_code == 200
        page = pat.get(f"/practice/clients/{client_id}").text
    assert ">Calves on the seat.\nSlowly.</textarea>" in page


@pytest.mark.parametrize(("actor", "page", "form"), INVITE_FORMS)
def test_an_invite_for_a_mistyped_email_says_so_on_the_form_and_keeps_it(
    app: FastAPI, world: World, actor: str, page: str, form: str
) -> None:
    with browser(app, world.tokens[actor]) as person:
        refused = person.post(form, data={"email": "ann@example"})
        assert refused.status_code == 422
        assert "“ann@example” is not an email address like name@example.org" in refused.text
        assert _value(refused.text, "invite-email") == "ann@example"
        assert "Invitation link" not in refused.text
        assert person.get(page).status_code == 200


def test_a_note_of_only_spaces_comes_back_on_the_clients_page_under_its_session(app: FastAPI, world: World) -> None:
    """The browser refuses it first (the field's pattern asks for a letter); sent anyway, the client's own page says
    what to change under that session's form, not the shared error page that leads back to Clients."""
    client, session = world.ids["client"], world.ids["session"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(f"/practice/clients/{client}").text
        refused = pat.post(f"/practice/clients/{client}/sessions/{session}/notes", data={"text": "   "})
    assert re.search(rf'<input id="note-{session}" [^>]*required pattern="\.\*\\S\.\*"', page)
    assert refused.status_code == 422 and "<h1>Ann</h1>" in refused.text and "That did not work" not in refused.text
    form_then_error = (
        rf'id="note-{session}" [^>]*value="   ">.*?</form>\s*<p id="note-error-{session}" class="notice danger"[^>]*>'
    )
    assert re.search(form_then_error + "The note is empty; write a sentence for your client.</p>", refused.text, re.S)


def test_the_clients_page_says_where_the_client_reads_a_note_on_a_session(app: FastAPI, world: World) -> None:
    """A note written on a linked client's session never reached their own crest, and nothing said so; now it
    does at the crest's next sync, and the page says that instead of "does not show them"."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(f"/practice/clients/{world.ids['client']}").text
    assert (
        "Ann reads your notes on a session when signed in here, under My practitioner, and in crest on their own "
        "computer once it has synced with this practice (crest sync)."
    ) in page
    assert "does not show them" not in page


@pytest.mark.parametrize(
    ("character", "shown"),
    [
        pytest.param("\x7f", "\\x7f", id="del"),
        pytest.param("\x9b", "\\x9b", id="a-c1-control"),
        pytest.param("\u202e", "\\u202e", id="a-bidirectional-override"),
    ],
)
def test_a_note_with_a_hidden_control_character_is_refused_at_the_form_and_the_api(
    app: FastAPI, world: World, character: str, shown: str
) -> None:
    """Before, DEL, C1 controls and bidirectional overrides were kept and sent to the client's crest, which prints
    the note in crest history; now the form comes back under the session's form with the note typed, the API says
    it in its 422, and nothing is kept."""
    client, session = world.ids["client"], world.ids["session"]
    said = f"the note contains a hidden control character ({shown}) that crest does not keep; delete it from the note"
    typed = f"Calves on{character} the seat."
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        refused = pat.post(f"/practice/clients/{client}/sessions/{session}/notes", data={"text": typed})
        answered = pat.post(f"/api/practice/clients/{client}/sessions/{session}/notes", json={"text": typed})
    assert refused.status_code == 422 and "<h1>Ann</h1>" in refused.text
    error = rf'<p id="note-error-{session}" class="notice danger"[^>]*>'
    form_then_error = rf'id="note-{session}" [^>]*value="{re.escape(typed)}">.*?</form>\s*' + error
    assert re.search(form_then_error + re.escape(said[:1].upper() + said[1:] + ".") + "</p>", refused.text, re.S)
    assert (answered.status_code, answered.json()) == (422, {"detail": said})
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.get("/api/sync/notes").json() == []


@pytest.mark.parametrize("length", [1001, 4001])
def test_a_note_over_the_limit_is_refused_naming_the_limit_of_a_practitioners_note(
    app: FastAPI, world: World, length: int
) -> None:
    """A practitioner's note is kept to MAX_SESSION_NOTE_CHARACTERS (1000); one over 4000 characters was refused
    with a check-in note's limit ("keep it under 4000"), which a practitioner who then wrote 2000 saw refused again."""
    client, session = world.ids["client"], world.ids["session"]
    typed = "x" * length
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        refused = pat.post(f"/practice/clients/{client}/sessions/{session}/notes", data={"text": typed})
        answered = pat.post(f"/api/practice/clients/{client}/sessions/{session}/notes", json={"text": typed})
    said = f"The note has {length} characters; keep it to {MAX_SESSION_NOTE_CHARACTERS} characters or fewer."
    assert refused.status_code == 422 and f"data-focus-on-load>{said}</p>" in refused.text
    assert "4000" not in refused.text
    assert answered.status_code == 422
    assert answered.json()["detail"] == f"text: keep it to {MAX_SESSION_NOTE_CHARACTERS} characters or fewer"


def test_the_note_boxes_take_their_length_from_the_limits_the_server_keeps(app: FastAPI, world: World) -> None:
    """The client's page wrote maxlength="1000" for the prescription's note and a session's: right only while the
    server's limits were 1000, a box taking more (or less) than the server keeps the day one changed."""
    folder = Path(TEMPLATES.env.loader.searchpath[0])  # type: ignore[union-attr]
    assert "maxlength" not in re.sub(r'maxlength="{{ \w+ }}"', "", (folder / "practice_client.html").read_text())
    client, session = world.ids["client"], world.ids["session"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(f"/practice/clients/{client}").text
    assert f'<textarea id="note" name="note" maxlength="{MAX_NOTE_CHARACTERS}">' in page
    assert f'<input id="note-{session}" name="text" type="text" maxlength="{MAX_SESSION_NOTE_CHARACTERS}" ' in page


@pytest.mark.parametrize("typed", ["2026-13-01", "soon"])
def test_a_prescriptions_day_that_is_no_date_is_said_as_at_every_door(app: FastAPI, world: World, typed: str) -> None:
    """It said "enter a date like 2026-05-01, not “soon”", where the terminal and the journal's pages said it two
    other ways; now in the one wording (input_problems.not_a_date)."""
    client_id = world.ids["client"]
    words = f"“{typed}” is not a date; write it as YYYY-MM-DD, for example 2026-05-01"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.post(f"/practice/clients/{client_id}/prescriptions", data={"minutes": "20", "start_on": typed})
        api = pat.post(f"/api/practice/clients/{client_id}/prescriptions", json={"minutes": 20, "end_on": typed})
    assert page.status_code == 422 and f"Start: {words}." in unescape(page.text)
    assert api.status_code == 422 and api.json()["errors"][0] == {"field": "end_on", "label": "End", "message": words}


@pytest.mark.parametrize("actor", ["client_b", "linked_practitioner"])
def test_each_password_field_of_the_account_page_says_what_it_is_for(app: FastAPI, world: World, actor: str) -> None:
    """Signing out everywhere else and deleting the account were both labelled "Your password" (practice
    walk-through): a screen reader's list of fields said the same name twice, for two different actions."""
    with browser(app, world.tokens[actor]) as person:
        page = person.get("/account")
    assert page.status_code == 200
    labels = {field: unescape(words) for field, words in re.findall(r'<label for="([^"]+)">([^<]+)</label>', page.text)}
    assert labels["current-password"] == "Your current password (to change it)"
    assert labels["sign-out-password"] == "Your password (to sign out everywhere else)"
    assert labels["delete-password"] == "Your password (to delete your account)"
    assert len(set(labels.values())) == len(labels), labels
