"""A calendar reminder file read as a calendar app reads it: its events by UID, and whether a later file cancels the
second time's event of an earlier one (RFC 5545 STATUS:CANCELLED, with a SEQUENCE at least the earlier one's, no
repeat and no alarm left)."""

import icalendar

from crest.interop.ical import SECOND_REMINDER_UID


def reminding(calendar: str) -> list[tuple[str, str]]:
    """The events that remind, by UID and local time: not one a later file cancelled."""
    return [
        (uid, event.decoded("dtstart").strftime("%H:%M"))
        for uid, event in events(calendar).items()
        if event.get("status") != "CANCELLED"
    ]


def events(calendar: str) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in icalendar.Calendar.from_ical(calendar).walk("VEVENT")}


def removed_second_time(calendar: str, before: str) -> bool:
    cancelled, earlier = events(calendar)[SECOND_REMINDER_UID], events(before)[SECOND_REMINDER_UID]
    return (
        cancelled.get("status") == "CANCELLED"
        and cancelled.decoded("sequence") >= earlier.decoded("sequence")
        and "RRULE" not in cancelled
        and not cancelled.walk("VALARM")
    )
