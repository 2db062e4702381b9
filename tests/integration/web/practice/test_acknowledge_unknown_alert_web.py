"""An alert the client does not have is not acknowledged: 404 at the API and the page, not 204 (practice walk s56,
item 7)."""

from __future__ import annotations

from fastapi import FastAPI

from crest.insights.alerts import AlertKind
from support.practice_web import World, browser


def test_acknowledging_an_alert_the_client_does_not_have_answers_404(app: FastAPI, world: World) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        standing = {alert["kind"] for alert in pat.get(f"/api/practice/clients/{client_id}").json()["alerts"]}
        kind = next(kind.value for kind in AlertKind if kind.value not in standing)
        api = pat.post(f"/api/practice/clients/{client_id}/alerts/{kind}/acknowledge")
        page = pat.post(f"/practice/clients/{client_id}/alerts/{kind}/acknowledge", follow_redirects=False)
    assert api.status_code == 404 and api.json()["detail"].endswith("alert now; nothing was acknowledged")
    assert page.status_code == 404 and "nothing was acknowledged" in page.text
