"""A row from its operations: an operation as held in the change log, and the pure rules
that turn a row's operations into its stored values (the newest live value of each
field wins; a delete that missed a concurrent edit does not; an erasure blanks the
person's personal fields)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from saypro_desktop.db.models import Person
from saypro_desktop.sync.merge.tables import DERIVED_COLUMNS, MergeError, TableInfo, stamp_time
from saypro_desktop.sync.operations import (
    CONTROL_FIELDS,
    DELETED_FIELD,
    ERASED_FIELD,
    MERGED_FIELD,
    PERSONAL_FIELDS,
    op_id,
)


@dataclass(frozen=True, slots=True)
class HeldOp:
    """An operation as held in the change log."""

    device_id: str
    seq: int
    stamp: str
    field: str
    value: Any
    pred: tuple[str, ...]
    live: bool

    @property
    def op_id(self) -> str:
        return op_id(self.device_id, self.seq)

    @property
    def order(self) -> tuple[str, int]:
        return (self.stamp, self.seq)


def derive_row(info: TableInfo, row_id: str, ops: Sequence[HeldOp]) -> dict[str, Any] | None:
    """The stored row these operations describe, or None while its creation is missing."""
    live: dict[str, list[HeldOp]] = defaultdict(list)
    erased: HeldOp | None = None
    for op in ops:
        if (
            op.field == ERASED_FIELD
            and op.value
            and (erased is None or op.order < erased.order)
        ):
            erased = op  # the first erasure is when the person was erased
        if op.live:
            live[op.field].append(op)
    winners = {name: max(heads, key=lambda o: o.order) for name, heads in live.items()}
    created = winners.get("created_at")
    if created is None:
        return None
    values: dict[str, Any] = {"id": row_id}
    for name, convert in info.converters.items():
        if name in DERIVED_COLUMNS:
            continue
        winner = winners.get(name)
        try:
            values[name] = convert(winner.value) if winner is not None else None
        except (TypeError, ValueError) as exc:
            raise MergeError(f"{info.model.__tablename__}.{name}: {exc}") from None
    missing = [name for name in info.required if values.get(name) is None]
    if missing:
        return None
    newest = max((op for heads in live.values() for op in heads), key=lambda o: o.order)
    values["created_at"] = datetime.fromisoformat(created.value)
    values["updated_at"] = stamp_time(newest.stamp)
    values["updated_by"] = newest.device_id
    deleted = _deletion(live)
    values["deleted_at"] = stamp_time(deleted.stamp) if deleted else None
    if info.model is Person:
        merged = winners.get(MERGED_FIELD)
        values["merged_into_id"] = merged.value if merged is not None else None
        if merged is not None and merged.value:
            values["deleted_at"] = stamp_time(merged.stamp)  # hidden: its survivor shows
        values["erased_at"] = stamp_time(erased.stamp) if erased else None
        if erased is not None:
            for name in PERSONAL_FIELDS:
                values[name] = None
            values["deleted_at"] = values["erased_at"]
    return values


def _deletion(live: dict[str, list[HeldOp]]) -> HeldOp | None:
    """The winning delete, unless an operation its author had not seen keeps the row alive."""
    heads = live.get(DELETED_FIELD)
    if not heads:
        return None
    winner = max(heads, key=lambda o: o.order)
    if not winner.value:
        return None
    seen = set(winner.pred)
    for name, ops in live.items():
        if name in CONTROL_FIELDS:
            continue
        if any(op.op_id not in seen for op in ops):
            return None  # edited elsewhere while being deleted here: keep it, flag it
    return winner


def deletion_overruled(live: dict[str, list[HeldOp]]) -> bool:
    """True when a row is wanted deleted but a concurrent edit kept it (for the inbox)."""
    heads = live.get(DELETED_FIELD)
    if not heads:
        return False
    winner = max(heads, key=lambda o: o.order)
    return bool(winner.value) and _deletion(live) is None

