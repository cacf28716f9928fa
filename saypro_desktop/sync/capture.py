"""Change capture: give each local write its operation id, stamp and value encoding."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from saypro_desktop.sync.operations import JSONScalar, Operation


def to_scalar(value: Any) -> JSONScalar:
    """A column value as it travels: dates and datetimes as ISO text, the rest as-is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot record a value of type {type(value).__name__}")


class ChangeRecorder:
    """Hands out this device's sequence numbers for one transaction, all under one stamp."""

    def __init__(self, device_id: str, next_seq: int, stamp: str) -> None:
        self.device_id = device_id
        self.next_seq = next_seq
        self.stamp = stamp
        self.made = 0

    def make(self, table: str, row_id: str, field: str, value: Any,
             pred: tuple[str, ...] = ()) -> Operation:
        op = Operation(self.device_id, self.next_seq, self.stamp, table, row_id, field,
                       to_scalar(value), pred)
        self.next_seq += 1
        self.made += 1
        return op
