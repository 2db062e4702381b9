"""The time zone field on Settings: any case of a zone's name is taken and kept as the zone database spells it
("europe/london" was refused), and its grey example reads as one, not as a zone already set (first-day walk-through
L3: the placeholder "Europe/London" in an empty field)."""

from html import unescape

from fastapi.testclient import TestClient

from crest.services.preferences import Preferences

FORM = {"default_minutes": "15", "default_variant": "standard", "reminder_time": "18:00", "reminder_mon": "on"}


def test_a_zone_typed_in_any_case_is_kept_in_its_own_spelling(cleared: TestClient) -> None:
    for typed, kept in (("europe/london", "Europe/London"), ("  AMERICA/NEW_YORK ", "America/New_York")):
        saved = cleared.post("/settings", data=FORM | {"reminder_zone": typed})
        assert saved.status_code == 200 and str(saved.url).endswith("?saved=true")
        assert f'name="reminder_zone" type="text" value="{kept}"' in saved.text
    refused = cleared.post("/settings", data=FORM | {"reminder_zone": "europe/londn"})
    assert refused.status_code == 422
    assert "unknown time zone “europe/londn”; write it like Europe/Berlin" in unescape(refused.text)
    assert Preferences(reminder_zone="utc").reminder_zone == "UTC"


def test_the_empty_field_shows_an_example_and_says_what_empty_means(cleared: TestClient) -> None:
    page = unescape(cleared.get("/settings").text)
    assert 'name="reminder_zone" type="text" value="" placeholder="e.g. Europe/Berlin"' in page
    assert 'Time zone <span class="muted">(empty: this computer\'s, ' in page  # beside it
