"""After adding, editing or deleting a note on a session, the client's page opens where the practitioner was
(keyboard walk-through, MEDIUM): it opened at its top, nothing said, and the practitioner who pressed "Add note" at
the page's end had to Tab some 45 stops down to find that the note was kept. It now opens on the note just written
(focusable: the browser's move to it takes the focus, and a screen reader says its words), or after a deletion on
that session's note field. A note's element had the id "note-N" of a session's note field: a note and a session of
the same number made two elements of one id, and the field's label could name the note instead."""

from __future__ import annotations

import re
from collections import Counter

from fastapi import FastAPI

from support.practice_web import World, browser

FROM_THE_PAGE = {"Referer": "http://testserver/practice"}


def test_the_page_opens_on_the_note_just_written(app: FastAPI, world: World) -> None:
    client = f"/practice/clients/{world.ids['client']}"
    session = world.ids["session"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        pat.follow_redirects = False
        added = pat.post(f"{client}/sessions/{session}/notes", data={"text": "Knees together."}, headers=FROM_THE_PAGE)
        assert added.status_code == 303
        path, _, at = added.headers["location"].partition("#")
        assert path == client and re.fullmatch(r"session-note-\d+", at), added.headers["location"]
        page = pat.get(client).text
        note = re.search(rf'<div class="practitioner-note" id="{at}" tabindex="-1"><p class="hint">([^<]*)</p>', page)
        assert note is not None and note[1] == "Pat Physio: Knees together."
        ids = Counter(re.findall(r' id="([^"]+)"', page))
        assert [one for one, count in ids.items() if count > 1] == []
        note_id = at.removeprefix("session-note-")
        edited = pat.post(f"{client}/notes/{note_id}", data={"text": "Knees apart."}, headers=FROM_THE_PAGE)
        assert edited.headers["location"] == f"{client}#{at}"
        deleted = pat.post(f"{client}/notes/{note_id}/delete", headers=FROM_THE_PAGE)
        assert deleted.headers["location"] == f"{client}#note-{session}"  # that session's note field
        assert f'<input id="note-{session}" name="text"' in pat.get(client).text
