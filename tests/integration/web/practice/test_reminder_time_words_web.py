"""A prescription's reminder time that is none, sent without the browser's time picker (or through the API), is
refused in the prescription's own words, which say what it takes: "“25:99” is not a time like 18:00", not "crest
cannot use “25:99” here" (practice walk s51 L1)."""

from __future__ import annotations

from html import unescape

import pytest
from fastapi import FastAPI

from support.practice_web import World, browser

ARABIC_18 = "\u0661\u0668:\u0660\u0660"  # 18:00 as an Arabic keyboard types it


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        pytest.param("25:99", "“25:99” is not a time like 18:00", id="past-midnight"),
        pytest.param("7:30", "“7:30” is not a time like 18:00", id="one-digit-hour"),
        pytest.param(ARABIC_18, f"“{ARABIC_18}” is not a time like 18:00", id="another-scripts-digits"),
        pytest.param("18:00\n", "“18:00\\n” is not a time like 18:00", id="line-break"),
        pytest.param("9" * 3000, f"“{'9' * 39}…” is not a time like 18:00", id="very-long"),
    ],
)
def test_a_reminder_time_that_is_none_says_what_it_takes(app: FastAPI, world: World, typed: str, said: str) -> None:
    client_id = world.ids["client"]
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        form = pat.post(f"/practice/clients/{client_id}/prescriptions", data={"minutes": "20", "reminder_time": typed})
        api = pat.post(f"/api/practice/clients/{client_id}/prescriptions", json={"minutes": 20, "reminder_time": typed})
        prescriptions = pat.get(f"/api/practice/clients/{client_id}").json()["prescriptions"]
    assert form.status_code == 422 and f"Reminder time: {said}." in unescape(form.text)
    assert api.status_code == 422
    assert api.json()["errors"] == [{"field": "reminder_time", "label": "Reminder time", "message": said}]
    assert typed not in [one["reminder_time"] for one in prescriptions]


def test_a_reminder_time_with_a_broken_character_is_refused_as_any_field_is_not_a_500(
    app: FastAPI, world: World
) -> None:
    """A lone surrogate (JSON can escape one) cannot be repeated: the words every field says, not an error."""
    with browser(app, world.tokens["linked_practitioner"]) as pat:
        api = pat.post(
            f"/api/practice/clients/{world.ids['client']}/prescriptions",
            content=b'{"minutes": 20, "reminder_time": "\\ud800"}',
            headers={"Content-Type": "application/json"},
        )
    assert api.status_code == 422
    assert api.json()["errors"][0]["message"] == (
        "this value has a character that is not valid text (not UTF-8); please type it again"
    )
