"""A critical alert is acknowledged after a page that asks first, and the client's page then says when the
practitioner acknowledged it (an acknowledgement is their own: each practitioner's list is theirs). Before, one
click took a warning sign off the top of the list, and the row said only "acknowledged"."""

from __future__ import annotations

from fastapi import FastAPI

from support.practice_web import World, browser

FROM_THE_PAGE = {"Referer": "http://testserver/practice"}


def test_a_critical_alert_asks_first_and_then_says_when_it_was_acknowledged(app: FastAPI, world: World) -> None:
    with browser(app, world.tokens["client_a"]) as ann:
        severe = ann.post("/api/checkins", json={"pain": [{"region": "lower_back", "score": 8}]})
        assert severe.status_code == 201, severe.text
    client = f"/practice/clients/{world.ids['client']}"
    asks_first = f"{client}/alerts/severe_pain/acknowledge"
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        page = pat.get(client).text
        assert f'href="{asks_first}">Acknowledge…</a>' in page
        assert f'action="{asks_first}"' not in page  # no one-click form for a critical alert

        confirm = pat.get(asks_first)
        assert confirm.status_code == 200
        assert "Acknowledge Ann&#39;s critical alert?" in confirm.text
        assert "<p>Pain 8/10 at the lower back" in confirm.text  # the alert named, as the client's page says it
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
