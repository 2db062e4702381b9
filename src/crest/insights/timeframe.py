"""Local days and weeks (the person's week starts on Monday)."""

from datetime import date, datetime, time, timedelta, tzinfo


def start_of_day(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def start_of_week(moment: datetime, zone: tzinfo) -> datetime:
    local = moment.astimezone(zone).date()
    return start_of_day(local - timedelta(days=local.weekday()), zone)
