"""A prescription form that gives nothing is refused, not saved (practice walk s56, item 5): an empty POST to the
client's prescriptions saved a new version of crest's defaults (15 minutes, standard, every day) and dropped the
note the client read. It is now refused in one line (422) and the version in force stays."""

from __future__ import annotations

from html import unescape

import pytest
from fastapi import FastAPI

from support.practice_web import World, browser

SAID = "The prescription form came with nothing filled in, so nothing was saved; fill it in and save it again."


@pytest.mark.parametrize("form", [{}, {"minutes": "", "note": ""}], ids=["no fields", "every field empty"])
def test_a_form_that_gives_nothing_is_refused_and_the_prescription_stays(
    app: FastAPI, world: World, form: dict[str, str]
) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        given = {"minutes": 25, "variant": "supported", "note": "Calves on the sofa"}
        assert pat.post(f"/api/practice/clients/{client_id}/prescriptions", json=given).status_code == 201
        refused = pat.post(f"/practice/clients/{client_id}/prescriptions", data=form)
        [kept, *_] = pat.get(f"/api/practice/clients/{client_id}").json()["prescriptions"]
    assert refused.status_code == 422
    assert unescape(refused.text).count(SAID) == 1
    assert (kept["minutes"], kept["variant"], kept["note"]) == (25, "supported", "Calves on the sofa")
