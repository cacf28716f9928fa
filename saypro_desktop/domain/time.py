"""The one place that knows how the app tells time.

Stamp columns (created_at, updated_at, imported_at, ...) hold naive UTC. Times people type
or import (meetings, events, interactions) are South African local time, stored naive.
A change stamp ``"WALLMS13.COUNTER6.device"`` starts with its wall time in milliseconds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

#: The zone people's own times (meetings, events) are entered and stored in.
LOCAL_ZONE = ZoneInfo("Africa/Johannesburg")


def utcnow() -> datetime:
    """Naive UTC, the way every stamp column stores time."""
    return datetime.now(UTC).replace(tzinfo=None)


def from_epoch_ms(ms: int) -> datetime:
    """Naive UTC for milliseconds since the epoch."""
    return datetime.fromtimestamp(ms / 1000, UTC).replace(tzinfo=None)


def stamp_moment(stamp: str) -> datetime | None:
    """The wall time (naive UTC) a change stamp starts with; None if it has none."""
    digits = stamp[:13]
    if len(digits) != 13 or not digits.isdigit():
        return None
    try:
        return from_epoch_ms(int(digits))
    except (OverflowError, OSError, ValueError):
        return None


def as_local(moment: datetime) -> datetime:
    """A stored local time (naive) as an aware South African time; aware ones unchanged."""
    return moment.replace(tzinfo=LOCAL_ZONE) if moment.tzinfo is None else moment


def to_local_naive(moment: datetime) -> datetime:
    """An aware time as naive South African local time, the way local times are stored."""
    return moment.astimezone(LOCAL_ZONE).replace(tzinfo=None)
