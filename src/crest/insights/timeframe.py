"""Local days and weeks (the person's week starts on Monday)."""

from datetime import date, datetime, time, timedelta, tzinfo


def start_of_day(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def start_of_week(moment: datetime, zone: tzinfo) -> datetime:
    local = moment.astimezone(zone).date()
    return start_of_day(local - timedelta(days=local.weekday()), zone)


def weeks_reaching(first: datetime, now: datetime, zone: tzinfo, most: int | None = None) -> int:
    """How many weeks, this one included, reach back to the week of `first`: at least one, at most `most` (if any)."""
    weeks = (start_of_week(now, zone).date() - start_of_week(first, zone).date()).days // 7 + 1
    return max(1, weeks if most is None else min(most, weeks))
