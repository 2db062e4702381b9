"""A pain-rising alert says since which day, not a midnight: the practitioner's walk (s54, L2) read "pain up 2 points
or more since the first week: ... (since yesterday 00:00)" beside a critical alert "(since yesterday 18:20)", the
rating's real time. The alert is raised by the day of the latest ratings, so it is said as that day."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region, Side
from support.practice_web import World, cleos_page_after


def test_a_pain_rising_alert_says_the_day_it_dates_from(world: World, tmp_path: Path) -> None:
    first_day = (world.clock.now - timedelta(days=40)).date()
    check_ins = [
        CheckIn(
            at=datetime.combine(first_day + timedelta(days=7 * week + day), time(18, 20), tzinfo=UTC),
            pain=(PainRating(Region.LOWER_BACK, score, Side.CENTRE),),
        )
        for week, score in enumerate([3, 3, 4, 5, 6])
        for day in range(7)
    ]
    page = cleos_page_after(world, tmp_path, check_ins, check_ins[-1].at + timedelta(hours=16))  # next morning
    alerts = page.split('id="alerts-heading"')[1].split("</section>")[0]
    [rising] = [item for item in alerts.split("<li>") if "pain up 2 points or more since the first week" in item]
    assert "(since yesterday)" in rising and "00:00" not in rising, rising
