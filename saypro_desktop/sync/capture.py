"""Change capture: turn field writes into operations in the local change log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from saypro_desktop.db.models import Change
from saypro_desktop.sync.operations import JSONScalar, encode_value


def to_scalar(value: Any) -> JSONScalar:
    """A column value as it travels: dates and datetimes as ISO text, the rest as-is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot record a value of type {type(value).__name__}")


class ChangeRecorder:
    """Buffers the operations of one transaction and writes them in one batch."""

    def __init__(self, device_id: str, next_seq: int, stamp: str) -> None:
        self.device_id = device_id
        self.next_seq = next_seq
        self.stamp = stamp
        self._rows: list[dict[str, Any]] = []

    def record(self, table: str, row_id: str, fields: Mapping[str, Any]) -> None:
        for field, value in fields.items():
            self._rows.append(
                {
                    "device_id": self.device_id,
                    "seq": self.next_seq,
                    "stamp": self.stamp,
                    "table_name": table,
                    "row_id": row_id,
                    "field": field,
                    "value": encode_value(to_scalar(value)),
                }
            )
            self.next_seq += 1

    def record_many(self, table: str, rows: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        for row_id, fields in rows:
            self.record(table, row_id, fields)

    @property
    def pending(self) -> int:
        return len(self._rows)

    def flush(self, session: Session) -> None:
        if self._rows:
            session.execute(insert(Change), self._rows)
            self._rows = []
