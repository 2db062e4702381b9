"""After "Save as a new version", the client's page opens on the prescription just saved (practitioner walk s54,
M3): it opened at its top, on the alerts, with nothing said, the new version three screens down, so the
practitioner could not tell it was saved and might save it again (a second version). It now opens on the
"Now (version N)" line (focusable: the browser's move to it takes the focus, and a screen reader says it), as a
note just written does."""

from __future__ import annotations

import re

from fastapi import FastAPI

from support.practice_web import World, browser


def test_the_page_opens_on_the_prescription_just_saved(app: FastAPI, world: World) -> None:
    client = f"/practice/clients/{world.ids['client']}"
    typed = {"minutes": "10", "start_on": world.clock().date().isoformat(), "note": "Calves on a chair."}
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        pat.follow_redirects = False
        saved = pat.post(f"{client}/prescriptions", data=typed, headers={"Referer": f"http://testserver{client}"})
        assert saved.status_code == 303
        path, _, at = saved.headers["location"].partition("#")
        assert path == client and at, saved.headers["location"]
        page = pat.get(client).text
    landed = re.search(rf'<p id="{at}" tabindex="-1"><strong>Now \(version (\d+)\):</strong> ([^<]*)</p>', page)
    assert landed is not None and landed[1] == "2", page  # version 1 is the world's
    assert "10 min" in landed[2] and "Calves on a chair." in landed[2]
