"""Moments written one way in the messages a person reads, at every door: '1 Jan 2027, 08:00', never an ISO stamp."""

from datetime import date, datetime


def day_text(day: date) -> str:
    """'1 Jan 2027'."""
    return f"{day.day} {day:%b %Y}"


def day_in_year(day: date, today: date) -> str:
    """'3 Dec' this year, '3 Dec 2025' another."""
    return f"{day.day} {day:%b}" if day.year == today.year else day_text(day)


def day_and_time(moment: datetime) -> str:
    """'1 Jan 2027, 08:00': the moment in its own zone, so a door gives it in the person's local time."""
    return f"{day_text(moment)}, {moment:%H:%M}"
