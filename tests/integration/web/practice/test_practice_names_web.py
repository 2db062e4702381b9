"""What a screen reader meets on the practitioner's pages (practice walk-through LOW 5, 7, 9): the new invitation
link is where the page opens, links out of their paragraph name the client, and the Clients table has a name."""

from __future__ import annotations

import re

from fastapi import FastAPI

from support.practice_web import World, browser


def _names(html: str, tag: str) -> list[str]:
    """Each link's or button's words, hidden ones included (what its accessible name is made of)."""
    return [" ".join(re.sub(r"<[^>]+>", " ", one).split()) for one in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html)]


def test_a_new_invitation_link_is_where_the_page_opens(app: FastAPI, world: World) -> None:
    """The focus stayed at the top of the page; the link, shown only now, was in a status there at load."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.post("/practice/invites", data={"email": ""}).text
    assert '<div class="notice" role="status" tabindex="-1" data-focus-on-load>' in page
    assert page.count("data-focus-on-load") == 1


def test_the_clients_links_name_the_client_and_the_table_has_a_name(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as ann:
        assert ann.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 8}]}).status_code == 201
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        clients = pat.get("/practice").text
        page = pat.get(f"/practice/clients/{world.ids['client']}").text
    assert '<caption class="visually-hidden">Your clients, who needs attention first</caption>' in clients
    links = _names(page, "a")
    # it read "Acknowledge…", one per alert; then "Ann's critical alert" twice for two critical alerts
    assert "Acknowledge… Ann's critical alert: pain 8/10 at the lower back (centre)" in links, links
    assert "Report (PDF) of Ann" in links and "FHIR export of Ann" in links
