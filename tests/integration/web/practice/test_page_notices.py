"""A page's confirmation after a change comes from a fixed key in its address, in crest's own words: a link
anyone can make puts no words, names or numbers of its own on crest's pages (content spoofing)."""

from __future__ import annotations

from html import unescape

import pytest
from fastapi import FastAPI

from crest.web.notices import Done, done_on
from support.practice_web import World, browser

SPOOF = "Your account is locked: call 0800 123 456 now"


def test_a_link_puts_no_words_of_its_own_on_a_practitioners_client_page(app: FastAPI, world: World) -> None:
    """The refused prescription's message and a refused note's once were parameters of the page's address."""
    client_page = f"/practice/clients/{world.ids['client']}"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(client_page, params={"error": SPOOF})
        assert page.status_code == 200 and "0800 123 456" not in page.text
        note = [("note_error", str(world.ids["session"])), ("note_error", SPOOF), ("note_error", SPOOF)]
        page = pat.get(client_page, params=note)
        assert page.status_code == 200 and "0800 123 456" not in page.text


@pytest.mark.parametrize(
    ("actor", "page"),
    [
        ("admin", "practice_admin"),
        ("client_a", "sharing_page"),
        ("client_b", "account_page"),
        ("client_b", "account_two_factor"),
    ],
)
def test_a_page_says_only_its_own_confirmations_in_its_own_words(
    app: FastAPI, world: World, actor: str, page: str
) -> None:
    """The parameters that once carried names and numbers, an unknown key and another page's keys say nothing;
    the page's own keys say their fixed words."""
    path = app.url_path_for(page)
    membership, link = str(world.ids["practitioner_membership"]), str(world.ids["link"])
    nothing_to_say = [
        {"signed_out": membership, "ended": "99", "two_factor_reset": membership},
        {"ended": "99", "unlinked": "7", "changed": "true", "stopped": link, "off": "true", "saved": "true"},
        {"done": SPOOF},
        *({"done": done.value} for done in Done if done.page != page),
    ]
    every_text = [done.text for done in Done]
    with browser(app, world.tokens[actor]) as client:
        for query in nothing_to_say:
            answer = client.get(path, params=query)
            said = unescape(answer.text)
            assert answer.status_code == 200 and "0800" not in said and " 99 " not in said, query
            assert not any(text in said for text in every_text), query
        for done in Done:
            if done.page == page:
                assert done.text in unescape(client.get(path, params={"done": done.value}).text)


def test_every_confirmation_has_one_page_that_says_it() -> None:
    for done in Done:
        assert done_on(done.page, done.value) is done
        assert done_on("today", done.value) is None
    assert done_on("account_page", None) is None
    assert done_on("account_page", SPOOF) is None
