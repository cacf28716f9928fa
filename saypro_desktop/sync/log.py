"""Reading the change log: what to send a peer, what we hold, where the gaps are."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from saypro_desktop.db import changelog
from saypro_desktop.db.engine import raw_rows
from saypro_desktop.db.models import Change, DeviceProgress
from saypro_desktop.sync.authorship import Batch
from saypro_desktop.sync.bundle import OperationColumns
from saypro_desktop.sync.ledger import batch_start, batches_after, seals_after
from saypro_desktop.sync.operations import Operation, decode_values


def knowledge(session: Session) -> dict[str, int]:
    """Per origin device, the highest sequence we hold with nothing missing below it."""
    return {
        device: contiguous
        for device, contiguous in session.execute(
            select(DeviceProgress.device_id, DeviceProgress.contiguous_seq)
        )
    }


def operations_since(session: Session, known: Mapping[str, int] | None) -> list[Operation]:
    """Every operation a peer that holds ``known`` (None: nothing) may lack, device by device.

    Uses the (device_id, seq) primary key: never a scan of the whole log.
    """
    cols = columns_since(session, known)
    return [
        Operation(*fields)
        for fields in zip(cols.device_ids, cols.seqs, cols.stamps, cols.tables, cols.row_ids,
                          cols.fields, cols.values, cols.preds, strict=True)
    ]


def columns_since(session: Session, known: Mapping[str, int] | None) -> OperationColumns:
    """What a peer that holds ``known`` may lack, as columns: an export of 100,000 changes
    never builds 100,000 objects only for the bundle to take them apart again."""
    rows: list[tuple[Any, ...]] = []
    devices = session.execute(select(DeviceProgress.device_id).order_by(DeviceProgress.device_id))
    for device in list(devices.scalars()):
        rows.extend(_device_rows(session, device, (known or {}).get(device, 0)))
    return _columns(rows)


def _device_rows(session: Session, device: str, after: int) -> list[tuple[Any, ...]]:
    """One device's operations numbered above ``after``, in order, in their text form
    (device, seq, stamp, table, row id, field, value JSON, pred JSON)."""
    names = changelog.names(session)
    device_no = names.find(device)
    name = names.name
    row_text = changelog.row_text
    stamp = changelog.stamp_text
    return [
        (device, seq, stamp(wall, counter, device if clock is None else name(clock)),
         name(table), row_text(key), name(fld), value, "[]" if pred is None else pred)
        for seq, wall, counter, clock, table, key, fld, value, pred in raw_rows(
            session,
            select(Change.seq, Change.wall, Change.counter, Change.clock_no, Change.table_no,
                   Change.row_key, Change.field_no, Change.value, Change.pred)
            .where(Change.device_no == device_no, Change.seq > after)
            .order_by(Change.seq),
        )
    ]


def export_since(session: Session, known: Mapping[str, int] | None
                 ) -> tuple[OperationColumns, list[Batch]]:
    """What to put in a bundle for a peer that holds ``known``: the operations with their
    seals, and their authors' batches. Each device's part starts at the beginning of the
    batch the peer's first missing change is in, so every batch travels whole and the
    next device can check its author's signature."""
    rows: list[tuple[Any, ...]] = []
    seals: list[bytes] = []
    batches: list[Batch] = []
    devices = session.execute(select(DeviceProgress.device_id).order_by(DeviceProgress.device_id))
    for device in list(devices.scalars()):
        after = (known or {}).get(device, 0)
        start = batch_start(session, device, after + 1) if after else None
        if start is not None:
            after = start - 1
        part = _device_rows(session, device, after)
        if not part:
            continue
        rows.extend(part)
        held = seals_after(session, device, after)
        seals.extend(held.get(row[1], b"") for row in part)
        batches.extend(batches_after(session, device, after))
    cols = _columns(rows)
    return OperationColumns(cols.device_ids, cols.seqs, cols.stamps, cols.tables, cols.row_ids,
                            cols.fields, cols.values, cols.preds, seals), batches


def _columns(rows: list[tuple[Any, ...]]) -> OperationColumns:
    if not rows:
        return OperationColumns([], [], [], [], [], [], [], [])
    device_ids, seqs, stamps, tables, row_ids, fields, values, preds = map(list, zip(*rows,
                                                                                strict=True))
    loads = json.loads
    return OperationColumns(
        device_ids, seqs, stamps, tables, row_ids, fields, decode_values(values),
        [tuple(loads(p)) if p != "[]" else () for p in preds],
    )


@dataclass(frozen=True, slots=True)
class Gap:
    device_id: str
    first: int
    last: int


def gaps(session: Session) -> list[Gap]:
    """Ranges of changes we know exist (a later one arrived) but do not hold."""
    found: list[Gap] = []
    for device, contiguous, highest in session.execute(
        select(DeviceProgress.device_id, DeviceProgress.contiguous_seq, DeviceProgress.max_seq)
    ):
        if highest <= contiguous:
            continue
        expected = contiguous + 1
        device_no = changelog.names(session).find(device)
        for seq in session.execute(
            select(Change.seq).where(Change.device_no == device_no, Change.seq > contiguous)
            .order_by(Change.seq)
        ).scalars():
            if seq > expected:
                found.append(Gap(device, expected, seq - 1))
            expected = seq + 1
    return found
