"""A client's zone is named beside their times only where its clock is not the practice's (crest.clock.zone_apart):
the practice pages' rule, pure, tested without a server (the pages' own test: test_zone_aliases_web)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from crest.clock import same_clock, zone_apart

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("client", "practice"),
    [("UTC", "Etc/UTC"), ("Etc/Zulu", "UTC"), ("GMT", "Etc/UTC"), ("Europe/Kiev", "Europe/Kyiv")],
)
def test_the_same_clock_under_another_name_is_not_named(client: str, practice: str) -> None:
    assert same_clock(ZoneInfo(client), ZoneInfo(practice), NOW)
    assert zone_apart(ZoneInfo(client), ZoneInfo(practice), NOW) is None


def test_a_utc_clock_is_named_utc_whatever_its_alias() -> None:
    # London keeps UTC's hours in winter only: another clock, named by what it is
    assert zone_apart(ZoneInfo("Etc/Zulu"), ZoneInfo("Europe/London"), NOW) == "UTC"


def test_another_clock_is_named_by_its_zone() -> None:
    assert zone_apart(ZoneInfo("America/New_York"), ZoneInfo("Europe/London"), NOW) == "America/New_York"
    # the same hours in December, not in summer: a clock that changes when the other does not is another clock
    assert not same_clock(ZoneInfo("Europe/London"), ZoneInfo("Africa/Abidjan"), NOW)
    # another place keeping the same hours all year, its clocks changed at the same moments, is the same clock
    assert zone_apart(ZoneInfo("Europe/Lisbon"), ZoneInfo("Europe/London"), NOW) is None
