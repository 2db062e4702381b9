"""Each session's note field and its buttons name their session (practitioner walk s54, M1): every field on a
client's page was labelled "Note on this session" and every button "Add note", so a screen reader listing the form
fields read a dozen of the same and a note could go on the wrong session. Now the label, "Add note" and "Edit or
delete this note" each say which session, by the time the page shows it at."""

from __future__ import annotations

import re
from html import unescape

from fastapi import FastAPI

from support.practice_web import World, browser

FROM_THE_PAGE = {"Referer": "http://testserver/practice"}


def _visible(html: str) -> str:
    """What a screen reader reads of an element: its text, tags left out."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_each_note_field_and_button_names_its_session(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as ann:  # a second rest, a little later
        world.clock.advance(2 * 60)
        started = ann.post("/api/sessions", json={"planned_minutes": 5})
        assert started.status_code == 201, started.text
        later = started.json()
        world.clock.advance(5 * 60)
        ann.post(f"/api/sessions/{later['id']}/finish", json={"elapsed_s": 300, "status": "completed"})
    client = f"/practice/clients/{world.ids['client']}"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        session = world.ids["session"]
        assert pat.post(f"{client}/sessions/{session}/notes", data={"text": "Knees together."}, headers=FROM_THE_PAGE)
        page = pat.get(client).text
    sessions = re.findall(r"<li><strong>(.*?)</strong>.*?/sessions/(\d+)/notes", page, re.S)
    shown = {int(number): _visible(when) for when, number in sessions}
    assert set(shown) == {session, later["id"]} and len(set(shown.values())) == 2, shown
    for number, when in shown.items():
        label = re.search(rf'<label for="note-{number}"[^>]*>(.*?)</label>', page)
        assert label is not None and _visible(label[1]) == f"Note on this session, {when}", label
    add = r'<button type="submit" class="secondary">(Add note.*?)</button>'
    buttons = [_visible(one) for one in re.findall(add, page)]
    assert sorted(buttons) == sorted(f"Add note on the session of {when}" for when in shown.values())
    summaries = [_visible(one) for one in re.findall(r"<summary>(Edit or delete this note.*?)</summary>", page)]
    assert summaries == [f"Edit or delete this note on the session of {shown[session]}"]
