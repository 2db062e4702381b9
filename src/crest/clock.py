"""The real clock and time zone, injected into everything else (which never reads the clock itself)."""

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

Clock = Callable[[], datetime]


def system_now() -> datetime:
    return datetime.now(UTC)


def system_zone() -> tzinfo:
    """This computer's time zone: where the person's days begin and end."""
    return datetime.now().astimezone().tzinfo or UTC
