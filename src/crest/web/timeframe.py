"""Local days and weeks for display and filters (the person's week starts on Monday)."""

from datetime import date, datetime, time, timedelta, tzinfo


def start_of_day(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def start_of_week(moment: datetime, zone: tzinfo) -> datetime:
    local = moment.astimezone(zone).date()
    return start_of_day(local - timedelta(days=local.weekday()), zone)


def friendly_time(moment: datetime, zone: tzinfo, now: datetime) -> str:
    """'today 18:05', 'yesterday 07:30', 'Mon 4 May 18:05' or '4 May 2025 18:05'."""
    local = moment.astimezone(zone)
    today = now.astimezone(zone).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return f"today {clock}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday {clock}"
    if local.year == today.year:
        return f"{local.strftime('%a')} {local.day} {local.strftime('%b')} {clock}"
    return f"{local.day} {local.strftime('%b %Y')} {clock}"
