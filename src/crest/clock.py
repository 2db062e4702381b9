"""The real clock and time zone, injected into everything else (which never reads the clock itself)."""

import os
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
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
