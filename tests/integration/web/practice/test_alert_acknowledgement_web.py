"""A critical alert is acknowledged after a page that asks first, and the client's page then says when the
practitioner acknowledged it (an acknowledgement is their own: each practitioner's list is theirs). Before, one
click took a warning sign off the top of the list, and the row said only "acknowledged"."""

from __future__ import annotations

import re

from fastapi import FastAPI

from crest.web.practice_door import NOTICE
from support.practice_web import World, browser, sign_in

FROM_THE_PAGE = {"Referer": "http://testserver/practice"}


def test_a_critical_alert_asks_first_and_then_says_when_it_was_acknowledged(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as ann:
        severe = ann.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 8}]})
        assert severe.status_code == 201, severe.text
    client = f"/practice/clients/{world.ids['client']}"
    asks_first = f"{client}/alerts/severe_pain/acknowledge"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(client).text
        # out of its paragraph (LOW 7), naming which alert (two critical ones read the same)
        named = '<span class="visually-hidden"> Ann\'s critical alert: pain 8/10 at the lower back (centre)</span>'
        assert f'href="{asks_first}">Acknowledge…{named}</a>' in page
        assert f'action="{asks_first}"' not in page  # no one-click form for a critical alert

        confirm = pat.get(asks_first)
        assert confirm.status_code == 200
        assert "Acknowledge Ann&#39;s critical alert?" in confirm.text
        # the alert named, as the client's page says it
        assert '<div class="alert-said"><span class="alert-part">Pain 8/10 at the lower back' in confirm.text
        assert f'action="{asks_first}"' in confirm.text and "Acknowledge the alert" in confirm.text

        done = pat.post(asks_first, headers=FROM_THE_PAGE, follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == client
        page = pat.get(client).text
        assert "acknowledged by you, today " in page
        [alert] = [a for a in pat.get(f"/api{client}").json()["alerts"] if a["kind"] == "severe_pain"]
        assert alert["acknowledged_at"] is not None
        # acknowledged since: the page that asks first has nothing left to ask
        again = pat.get(asks_first, follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"] == client


def _row(page: str, name: str) -> str:
    """The Clients list's row of `name`, its words without markup."""
    row = next(one for one in page.split("<tr>") if f">{name}</a>" in one)
    return " ".join(re.sub(r"<[^>]+>", " ", row.split("</tr>")[0]).split())


def test_an_acknowledged_urgent_sign_stays_in_the_row_while_its_advice_stands(app: FastAPI, world: World) -> None:
    """Acknowledged, the row said "Alert: none" (practice walk-through M1), though the advice to seek urgent care
    stands 14 days and the page that asked first said the alert only leaves the top of the list."""
    with browser(app, world.tokens["client_a"]) as ann:
        both_legs = {"region": "calf_and_shin", "side": "both", "score": 5}
        signed = ann.post("/api/checkins", json={"pain": [both_legs]})
        assert signed.status_code == 201, signed.text
    client = f"/practice/clients/{world.ids['client']}"
    asks_first = f"{client}/alerts/warning_signs/acknowledge"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        assert "critical" in _row(pat.get("/practice").text, "Ann")
        confirm = pat.get(asks_first).text
        assert (
            "it leaves the top of your list of clients, where Ann&#39;s row still names it as acknowledged" in confirm
        )
        assert pat.post(asks_first, headers=FROM_THE_PAGE, follow_redirects=False).status_code == 303

        row = _row(pat.get("/practice").text, "Ann")
        assert row.startswith("Ann critical acknowledged: ") and "pain below the knee in both legs" in row, row
    world.clock.advance(10 * 86400)  # older than a week's alerts; urgent care's advice stands 14 days
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        row = _row(pat.get("/practice").text, "Ann")
        assert "critical acknowledged: warning sign (seek urgent care)" in row, row  # after the open alerts, if any
    world.clock.advance(5 * 86400)  # its 14 days are over
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        row = _row(pat.get("/practice").text, "Ann")
        assert "warning sign" not in row and "acknowledged" not in row, row


NOTICE_TAG = '<p class="notice" role="status" tabindex="-1" data-focus-on-load>'


def _severe_pain(app: FastAPI, score: int) -> None:
    with browser(app, sign_in(app, "ann@example.org")) as ann:
        assert ann.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": score}]}).status_code == 201


def test_the_clients_page_says_which_alert_was_just_acknowledged_once(app: FastAPI, world: World) -> None:
    """After acknowledging, the practitioner landed on the client's page with no word that anything was done
    (practice walk-through): it now says so at the top of the alerts, heard at once (role=status, and the page
    opens on it), on that answer only."""
    _severe_pain(app, 8)
    client = f"/practice/clients/{world.ids['client']}"
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        assert NOTICE_TAG not in pat.get(client).text
        page = pat.post(f"{client}/alerts/severe_pain/acknowledge", headers=FROM_THE_PAGE)
        assert page.status_code == 200 and str(page.url).endswith(client)
        said = f"{NOTICE_TAG}Alert for Ann acknowledged: pain 8/10 at the lower back (centre).</p>"
        alerts = page.text.split('<h2 id="alerts-heading">Alerts</h2>', 1)[1].split("</section>", 1)[0]
        assert said in alerts, alerts
        assert page.text.count("data-focus-on-load") == 1
        assert NOTICE.name not in pat.cookies  # the answer that said it ended it
        assert NOTICE_TAG not in pat.get(client).text  # a reload says nothing


def test_a_one_click_acknowledgement_is_confirmed_too(app: FastAPI, world: World) -> None:
    """An alert below critical is acknowledged from the client's page itself, with no page that asks first."""
    world.clock.advance(3 * 86400)  # Ann's daily plan, days without a session: an alert below critical
    client = f"/practice/clients/{world.ids['client']}"
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        one_click = re.search(
            rf'<form method="post" action="({client}/alerts/no_session_\w+/acknowledge)"', pat.get(client).text
        )
        assert one_click is not None
        page = pat.post(one_click.group(1), headers=FROM_THE_PAGE)
    assert f"{NOTICE_TAG}Alert for Ann acknowledged: " in page.text and "no session for" in page.text


def test_no_cookie_but_crests_own_says_an_alert_was_acknowledged(app: FastAPI, world: World) -> None:
    """A cookie planted by someone else, or crest's own sent again for an alert that is open again, says nothing."""
    client = f"/practice/clients/{world.ids['client']}"
    _severe_pain(app, 8)
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        for planted in (f"alert-acknowledged:{world.ids['client']}:0", "alert-acknowledged:1:0.00"):
            pat.cookies.set(NOTICE.name, planted)
            assert NOTICE_TAG not in pat.get(client).text, planted
        pat.follow_redirects = False
        kept = pat.post(f"{client}/alerts/severe_pain/acknowledge", headers=FROM_THE_PAGE).cookies[NOTICE.name]
        world.clock.advance(60)
        _severe_pain(app, 9)  # raised again, by something newer
        pat.cookies.set(NOTICE.name, kept)
        page = pat.get(client).text
    assert "pain 9/10 at the lower back" in page and NOTICE_TAG not in page


def test_two_critical_alerts_are_acknowledged_by_links_named_apart(app: FastAPI, world: World) -> None:
    """Warning signs and a pain of 8/10 in one check-in: the client's page had two links both named "Acknowledge…
    Ann's critical alert" (keyboard walk-through, LOW): in a screen reader's list of links, not told apart."""
    note = "new numbness in both legs since this morning"
    with browser(app, sign_in(app, "ann@example.org")) as ann:  # the module's clock may have moved on
        both = ann.post("/api/checkins", json={"note": note, "pain": [{"region": "lower_back", "score": 8}]})
        assert both.status_code == 201, both.text
    with browser(app, sign_in(app, "pat@clinic.example")) as pat:
        page = pat.get(f"/practice/clients/{world.ids['client']}").text
    links = re.findall(r'<a class="button secondary" href="[^"]+/acknowledge">(.*?)</a>', page)
    names = [re.sub(r"<[^>]+>", "", link) for link in links]
    signs, pain = names
    assert signs.startswith("Acknowledge… Ann's critical alert: 2 warning signs in a check-in of ")
    assert pain == "Acknowledge… Ann's critical alert: pain 8/10 at the lower back (centre)"


def test_an_unknown_alert_is_echoed_between_curly_quotes(app: FastAPI, world: World) -> None:
    """As 572569f7 made every one-line error's echo of what was sent (the page's form; the API's kind is one of
    its choices already)."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        refused = pat.post(f"/practice/clients/{world.ids['client']}/alerts/made_up/acknowledge", headers=FROM_THE_PAGE)
    assert refused.status_code == 422
    assert "Unknown alert “made_up”; one of severe_pain" in refused.text
