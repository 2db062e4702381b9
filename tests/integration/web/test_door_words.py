"""Each page speaks its own language: the form's labels and choices as shown, days as people write them; never an
option of the terminal, a field's internal name or a raw timestamp."""

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

VARIANTS_SHOWN = "choose Standard, Supported (90-90), Somatic release or On your side"


def _said(page: str) -> str:
    """The page's message to the person: its alert, or the error page's main text, as read."""
    found = re.search(r'role="alert"[^>]*>(.*?)</p>', page, re.S) or re.search(r"<main.*?</main>", page, re.S)
    assert found is not None
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group())).split())


def test_a_report_that_ends_before_it_starts_names_the_pages_fields(client: TestClient) -> None:
    page = client.get("/report", params={"since": "2026-05-05", "until": "2026-05-01"})
    assert page.status_code == 422
    said = _said(page.text)
    assert "would end on 1 May 2026, before it starts on 5 May 2026; check “From” and “To”" in said
    assert "--" not in said


@pytest.mark.parametrize(
    ("path", "send"),
    [
        ("/session/log", {"data": {"day": "2026-05-02", "time": "08:00", "minutes": "15", "variant": "bogus"}}),
        ("/session?variant=bogus", {}),
    ],
)
def test_an_unknown_variant_is_refused_with_the_variants_as_the_pages_show_them(
    client: TestClient, path: str, send: dict[str, dict[str, str]]
) -> None:
    page = client.post(path, **send) if send else client.get(path)  # type: ignore[arg-type]
    assert page.status_code == 422
    said = _said(page.text)
    assert VARIANTS_SHOWN in said and "side_lying" not in said


def test_settings_without_a_reminder_day_ask_for_a_tick_not_a_list_of_names(client: TestClient) -> None:
    form = {"default_minutes": "15", "default_variant": "standard", "reminder_time": "19:30"}  # no day ticked
    page = client.post("/settings", data=form)
    assert page.status_code == 422
    said = _said(page.text)
    assert "Reminder days: tick at least one day" in said and "mon,wed,fri" not in said


def test_a_logged_session_in_the_future_is_refused_with_its_day_as_people_write_it(client: TestClient) -> None:
    page = client.post("/session/log", data={"day": "2027-01-01", "time": "08:00", "minutes": "15"})
    assert page.status_code == 422
    said = _said(page.text)
    assert "A session starting 1 Jan 2027, 08:00 for 15 minutes has not ended yet" in said and "T08" not in said


def test_each_settings_field_is_named_in_a_refusal_as_its_label_says_it(client: TestClient) -> None:
    # "Weekly goal sessions: enter 1 or more" named a field the page calls "Sessions a week you aim for".
    from crest.input_problems import field_label

    page = client.get("/settings").text
    labels = dict(re.findall(r'<label for="([a-z_]+)">([^<]+)', page))
    inputs = re.findall(r'<input id="([a-z_]+)" name="\1"', page) + re.findall(r'<select id="([a-z_]+)"', page)
    # The settings form's fields; "Your data" has its own forms (a file, the word that confirms deleting).
    fields = set(inputs) - {"backup", "confirmation"}
    named = {field: labels[field].strip() for field in fields if field in labels}
    assert {"weekly_goal_sessions", "reminder_zone", "height_cm"} <= set(named)
    assert {field: field_label(field) for field in named} == named

    form = {"default_minutes": "15", "default_variant": "standard", "weekly_goal_sessions": "0"}
    said = _said(client.post("/settings", data=form).text)
    assert "Sessions a week you aim for:" in said and "Weekly goal" not in said
