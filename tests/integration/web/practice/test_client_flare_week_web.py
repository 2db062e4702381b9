"""A flare week between a place's first and latest weeks, on the practitioner's page of the client: Progress, `crest
progress` and the report said "one week between was harder: ...", the client's page at the practice did not (a
client whose pain had flared to 9 read there only as "better")."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from crest.insights.pain import pain_trends
from crest.insights.progress import worse_week_line
from crest.journal.records import CheckIn, PainRating
from crest.journal.vocabulary import Region, Side
from support.practice_web import World, cleos_page_after


def test_the_clients_page_says_the_harder_week_between(world: World, tmp_path: Path) -> None:
    first_day = (world.clock.now - timedelta(days=40)).date()
    first_day -= timedelta(days=first_day.weekday())  # a Monday: five calendar weeks of daily ratings
    check_ins = [
        CheckIn(
            at=datetime.combine(first_day + timedelta(days=7 * week + day), time(18), tzinfo=UTC),
            pain=(PainRating(Region.LOWER_BACK, score, Side.CENTRE),),
        )
        for week, score in enumerate([6, 5, 9, 5, 3])
        for day in range(7)
    ]
    harder = worse_week_line(pain_trends(check_ins, UTC)[0])
    assert harder is not None and "median 9.0" in harder
    page = cleos_page_after(world, tmp_path, check_ins, check_ins[-1].at + timedelta(hours=1))
    progress = page.split('id="progress-heading"')[1].split("</section>")[0]
    assert harder in progress  # the same words as Progress and the report, from the same place
