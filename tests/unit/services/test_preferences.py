"""Preferences survive the journal's text settings, and a stored value that no longer reads falls back."""

import pytest
from pydantic import ValidationError

from crest.services.preferences import Preferences


def test_preferences_round_trip_through_text() -> None:
    chosen = Preferences(default_minutes=20, default_variant="somatic", voice=True, height_cm=168, theme="dark")
    assert Preferences.from_stored(chosen.to_stored()) == chosen
    assert chosen.to_stored()["voice"] == "true"


def test_unreadable_stored_values_fall_back_to_defaults() -> None:
    stored = {"default_minutes": "99", "theme": "pink", "height_cm": "", "chime": "false", "unrelated": "x"}
    preferences = Preferences.from_stored(stored)
    assert preferences.default_minutes == Preferences().default_minutes
    assert preferences.theme == "system"
    assert preferences.height_cm is None
    assert preferences.chime is False


def test_a_long_unknown_time_zone_is_repeated_only_by_its_start() -> None:
    with pytest.raises(ValidationError) as refused:
        Preferences(reminder_zone="W" * 5000)
    message = str(refused.value.errors()[0]["msg"])
    assert len(message) < 120  # it repeated all 5,000 characters
    assert message.endswith("W…”; write it like Europe/Berlin")
