"""Nine weeks of daily practice with a flare: the lower back at 9 for the sixth calendar week (its 7 days), then
easing again. Shared by the Progress page's and `crest progress`'s tests."""

import dataclasses
from datetime import date, timedelta, tzinfo

from crest.journal.records import JournalContents
from crest.journal.vocabulary import Region
from support.practice_history import daily_practice

FLARE_SCORE = 9


def practice_with_a_flare(first_day: date, zone: tzinfo) -> tuple[JournalContents, date]:
    """The journal (63 days from `first_day`) and the flare week's Monday."""
    monday = first_day + timedelta(days=(7 - first_day.weekday()) % 7 + 28)  # the fifth whole week after the start
    contents = daily_practice(first_day, 63, zone)
    flared = tuple(
        dataclasses.replace(
            check_in,
            pain=tuple(
                dataclasses.replace(rating, score=FLARE_SCORE) if rating.region is Region.LOWER_BACK else rating
                for rating in check_in.pain
            ),
        )
        if monday <= check_in.at.astimezone(zone).date() < monday + timedelta(days=7)
        else check_in
        for check_in in contents.check_ins
    )
    return dataclasses.replace(contents, check_ins=flared), monday
