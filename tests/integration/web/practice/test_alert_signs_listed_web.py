"""Each warning sign an alert names is one item a practitioner sees (practice walk-through, MEDIUM). A row read "2
warning signs in a check-in of 6 Dec 2026: numbness or tingling in both legs (seek urgent care); new loss of feeling;
new numbness or tingling in a leg or foot; new numbness or weakness (see a clinician)": the count said 2 and the eye
counted four, since one sign's own words hold semicolons. Every page that says the alert lists the signs."""

from __future__ import annotations

import html
import re

from fastapi import FastAPI

from support.practice_web import World, browser

# one urgent-care sign (both legs) and one see-a-clinician sign whose words are several rules' ("; " between them)
NOTE = "new numbness in both legs since this morning"
COUNTED = re.compile(r"(\d+) warning signs in a check-in of [^<:]+:</span><ul class=\"alert-signs\">(.*?)</ul>", re.S)


def _counted_and_listed(page: str) -> tuple[int, list[str]]:
    """The number of signs the alert says, and the items a reader sees under it."""
    found = COUNTED.search(page)
    assert found is not None, page
    return int(found.group(1)), [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", found.group(2))]


def test_the_count_of_signs_is_the_items_a_reader_sees(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as ann:
        signed = ann.post("/api/checkins", json={"note": NOTE})
        assert signed.status_code == 201, signed.text
    client = f"/practice/clients/{world.ids['client']}"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        pages = {
            "dashboard": pat.get("/practice").text,
            "client": pat.get(client).text,
            "asks before acknowledging": pat.get(f"{client}/alerts/warning_signs/acknowledge").text,
            "asks before ending": pat.get(f"{client}/end").text,
        }
        [alert] = [one for one in pat.get(f"/api{client}").json()["alerts"] if one["kind"] == "warning_signs"]
    for name, page in pages.items():
        count, items = _counted_and_listed(page)
        assert count == len(items) == 2, (name, items)
        urgent, clinician = items
        assert urgent == "numbness or tingling in both legs (seek urgent care)", name
        # the case: the second sign's own words hold the separator the alert's line uses between signs
        assert "; " in clinician and clinician.endswith("(see a clinician)"), name
    assert [part["signs"] for part in alert["parts"]] == [items]
    assert alert["parts"][0]["words"].startswith("2 warning signs in a check-in of ")
