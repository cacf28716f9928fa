"""What the merge engine knows of the synced tables: each one's columns, how a stored
value converts back to a column value, which columns must be set, which name a parent,
and the order parents come before children; plus the small helpers every part of the
engine shares (batching ids, the moment a stamp stands for)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table

from saypro_desktop.db.models import SYNC_COLUMNS, Base, Synced
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.domain.time import from_epoch_ms
from saypro_desktop.sync.clock import Stamp

CHUNK = 500
# Derived by the engine from control fields, never written by an operation.
DERIVED_COLUMNS = frozenset({"erased_at", "merged_into_id"})


class MergeError(SayProError):
    """An operation cannot be applied (a value that does not fit its column)."""


def table_of(model: type[Base]) -> Table:
    """The Core table of a model (typed, for bulk statements that skip the ORM)."""
    return cast(Table, model.__table__)


def stamp_time(stamp: str) -> datetime:
    """The wall-clock moment a stamp stands for (naive UTC, like every stamp column)."""
    return from_epoch_ms(Stamp.decode(stamp).wall_ms)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _converter(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, DateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(kind, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(kind, Integer):
        return lambda v: None if v is None else int(v)
    if isinstance(kind, Float):
        return lambda v: None if v is None else float(v)
    return lambda v: None if v is None else str(v)


@dataclass(frozen=True)
class TableInfo:
    model: type[Synced]
    converters: dict[str, Any]
    required: frozenset[str]
    foreign_keys: dict[str, str]  # column -> parent table
    order: int


def _table_infos() -> dict[str, TableInfo]:
    from saypro_desktop.db.models import SYNCED_MODELS

    order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    infos = {}
    for name, model in SYNCED_MODELS.items():
        columns = [c for c in model.__table__.columns if c.name not in SYNC_COLUMNS]
        infos[name] = TableInfo(
            model=model,
            converters={c.name: _converter(c) for c in columns},
            required=frozenset(
                c.name for c in columns if not c.nullable and c.name not in DERIVED_COLUMNS
            ),
            foreign_keys={
                c.name: next(iter(c.foreign_keys)).column.table.name
                for c in columns
                if c.foreign_keys
            },
            order=order[name],
        )
    return infos


TABLES = _table_infos()
ORDERED_TABLES = sorted(TABLES, key=lambda t: TABLES[t].order)
