"""Moments written one way in the messages a person reads, at every door: '1 Jan 2027, 08:00', never an ISO stamp."""

from datetime import datetime


def day_and_time(moment: datetime) -> str:
    """'1 Jan 2027, 08:00': the moment in its own zone, so a door gives it in the person's local time."""
    return f"{moment.day} {moment:%b %Y}, {moment:%H:%M}"
