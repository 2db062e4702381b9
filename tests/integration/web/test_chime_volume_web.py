"""The chime's volume (walk_a11y L6: it had none of its own, only the device's): chosen in Settings, labelled, and
given to the session page, which plays the chime file (the loudest) at that share."""

import json
import re

import pytest
from fastapi.testclient import TestClient

from crest.sound import CHIME_VOLUMES

FORM = {"default_minutes": "15", "default_variant": "standard", "chime": "on", "height_cm": ""}


def _session_config(client: TestClient) -> dict[str, object]:
    page = client.get("/session").text
    found = re.search(r'<script type="application/json" id="session-config">(.*?)</script>', page, re.S)
    assert found is not None
    config: dict[str, object] = json.loads(found.group(1))
    return config


def test_the_settings_page_offers_the_volume_labelled_normal_first(client: TestClient) -> None:
    page = client.get("/settings").text
    assert '<label for="chime_volume">Chime volume</label>' in page
    assert '<select id="chime_volume" name="chime_volume">' in page
    assert re.search(r'<option value="normal" selected>Normal</option>', page)
    assert client.get("/api/settings").json()["chime_volume"] == "normal"


@pytest.mark.parametrize("volume", ["quiet", "normal", "loud"])
def test_the_volume_saved_is_the_session_page_s(cleared: TestClient, volume: str) -> None:
    assert cleared.post("/settings", data={**FORM, "chime_volume": volume}, follow_redirects=False).status_code == 303
    assert cleared.get("/api/settings").json()["chime_volume"] == volume
    assert re.search(rf'<option value="{volume}" selected>', cleared.get("/settings").text)
    assert _session_config(cleared)["chime_volume"] == CHIME_VOLUMES[volume]


def test_a_form_without_the_volume_keeps_it(client: TestClient) -> None:
    client.post("/settings", data={**FORM, "chime_volume": "loud"})
    client.post("/settings", data=FORM)  # a script's form, made before the volume
    assert client.get("/api/settings").json()["chime_volume"] == "loud"


def test_a_volume_that_is_none_of_the_three_is_refused_in_one_line(client: TestClient) -> None:
    refused = client.put("/api/settings", json={**client.get("/api/settings").json(), "chime_volume": "max"})
    assert refused.status_code == 422
    assert "chime_volume" in refused.text
