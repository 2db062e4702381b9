"""The real clock and time zone, injected into everything else (which never reads the clock itself)."""

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Callable[[], datetime]


def system_now() -> datetime:
    return datetime.now(UTC)


def system_zone() -> tzinfo:
    """This computer's time zone: where the person's days begin and end.

    A named zone (Europe/Berlin) when the system says which, so local times stay right across daylight saving;
    else the offset in force now.
    """
    return system_zone_name_or_none() or datetime.now().astimezone().tzinfo or UTC


def system_zone_name_or_none() -> ZoneInfo | None:
    """The zone named by $TZ or by the /etc/localtime link, when it is a zone this Python knows."""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    if "TZ" not in os.environ:
        target = os.path.realpath("/etc/localtime")
        if "/zoneinfo/" in target:
            candidates.append(target.split("/zoneinfo/", 1)[1])
    return next((zone for zone in map(named_zone, candidates) if zone is not None), None)


def named_zone(name: str) -> ZoneInfo | None:
    """The zone of this IANA name (Europe/Berlin), or None when Python knows no zone by it."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones (America), a name too long
        return None


def zone_name_of(zone: tzinfo) -> str | None:
    """The zone's IANA name (Europe/Berlin), or None for a bare offset, which names no place."""
    return zone.key if isinstance(zone, ZoneInfo) else None


def zone_apart(zone: tzinfo, practice_zone: tzinfo, now: datetime) -> str | None:
    """A client's zone named where its clock is not the practice's, else None: the same clock under another name
    (UTC, Etc/UTC, Etc/Zulu, GMT; Europe/Kiev, Europe/Kyiv) or another place keeping the same hours is not "their
    time". A clock that is UTC's is named "UTC", whichever alias the client's setting holds."""
    if same_clock(zone, practice_zone, now):
        return None
    return "UTC" if same_clock(zone, UTC, now) else zone_name_of(zone) or str(zone)


def same_clock(one: tzinfo, other: tzinfo, now: datetime) -> bool:
    """Whether two zones read the same at every moment from a year before `now` to a year after: the same offset at
    each day's turn, and on a day either changes its clocks, every quarter of an hour (the finest step a zone
    changes by)."""
    if one == other:
        return True

    def offsets(moment: datetime) -> tuple[timedelta | None, timedelta | None]:
        return moment.astimezone(one).utcoffset(), moment.astimezone(other).utcoffset()

    days = [now + timedelta(days=day) for day in range(-366, 367)]
    if any(mine != theirs for mine, theirs in map(offsets, days)):
        return False
    changing = [day for day, after in pairwise(days) if offsets(day) != offsets(after)]
    quarters = (day + timedelta(minutes=15 * quarter) for day in changing for quarter in range(96))
    return all(mine == theirs for mine, theirs in map(offsets, quarters))
