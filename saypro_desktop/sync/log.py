"""Reading the change log: what to send a peer, what we hold, where the gaps are."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from saypro_desktop.db import changelog
from saypro_desktop.db.engine import raw_chunks
from saypro_desktop.db.models import Change, DeviceProgress
from saypro_desktop.sync.authorship import Batch
from saypro_desktop.sync.bundle import OperationColumns
from saypro_desktop.sync.bundle.codec import InternedColumns
from saypro_desktop.sync.ledger import batch_start, batches_after, seals_after
from saypro_desktop.sync.operations import Operation, decode_values, split_op_id


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
    return [(device, *row) for row in changelog.names(session).text_since(device, after)]


def export_since(session: Session, known: Mapping[str, int] | None
                 ) -> tuple[InternedColumns, list[Batch]]:
    """What to put in a bundle for a peer that holds ``known``: the operations with their
    seals, and their authors' batches. Each device's part starts at the beginning of the
    batch the peer's first missing change is in, so every batch travels whole and the
    next device can check its author's signature.

    Read straight from the compact log into the bundle's interned columns: the log's name
    numbers and row keys become the bundle's indexes, and no operation is spelt out as
    text on the way (two million of them, for a laptop joining a big office)."""
    out = _Interning(changelog.names(session))
    seals: list[bytes] = []
    batches: list[Batch] = []
    devices = session.execute(select(DeviceProgress.device_id).order_by(DeviceProgress.device_id))
    for device in list(devices.scalars()):
        after = (known or {}).get(device, 0)
        start = batch_start(session, device, after + 1) if after else None
        if start is not None:
            after = start - 1
        device_no = out.names.find(device)
        held = seals_after(session, device, after)
        count = 0
        for part in raw_chunks(session, changelog.stored_since(device_no, after)):
            out.add(device_no, part)
            seals.extend([held.get(row[0], b"") for row in part] if held else [b""] * len(part))
            count += len(part)
        if count:
            batches.extend(batches_after(session, device, after))
    return out.columns(seals), batches


class _Interning:
    """Builds ``InternedColumns`` from parts of the log, device by device."""

    def __init__(self, names: changelog.LogNames) -> None:
        self.names = names
        self.devices: list[str] = []
        self.tables: list[str] = []
        self.fields: list[str] = []
        self._device_at: dict[int, int] = {}  # log number -> index in the bundle's list
        self._device_named: dict[str, int] = {}
        self._table_at: dict[int, int] = {}
        self._field_at: dict[int, int] = {}
        self._row_at: dict[bytes | str, int] = {}
        self.device: list[int] = []
        self.seq: list[int] = []
        self.wall: list[int] = []
        self.counter: list[int] = []
        self.stamp_device: list[int] = []
        self.table: list[int] = []
        self.row: list[int] = []
        self.field: list[int] = []
        self.value_texts: list[str] = []
        self.pred: list[list[int]] = []

    def _device(self, no: int) -> int:
        found = self._device_at.get(no)
        if found is None:
            found = self._device_at[no] = self._named_device(self.names.name(no))
        return found

    def _named_device(self, name: str) -> int:
        found = self._device_named.get(name)
        if found is None:
            found = self._device_named[name] = len(self.devices)
            self.devices.append(name)
        return found

    @staticmethod
    def _index(numbers: Sequence[int], at: dict[int, int], names: list[str],
               name_of: Callable[[int], str]) -> list[int]:
        for no in set(numbers) - at.keys():
            at[no] = len(names)
            names.append(name_of(no))
        return list(map(at.__getitem__, numbers))

    def add(self, device_no: int, part: Sequence[tuple[Any, ...]]) -> None:
        seqs, walls, counters, clocks, tables, keys, fields, values, preds = zip(*part,
                                                                              strict=True)
        me = self._device(device_no)
        self.device.extend([me] * len(part))
        self.seq.extend(seqs)
        self.wall.extend(walls)
        self.counter.extend(counters)
        self.stamp_device.extend([me if clock is None else self._device(clock)
                                  for clock in clocks])
        name = self.names.name
        self.table.extend(self._index(tables, self._table_at, self.tables, name))
        self.field.extend(self._index(fields, self._field_at, self.fields, name))
        rows = self._row_at
        self.row.extend(rows.setdefault(key, len(rows)) for key in keys)
        self.value_texts.extend(values)
        nothing: list[int] = []  # most operations replace nothing: share one empty list
        self.pred.extend([nothing if pred is None else self._pred(pred) for pred in preds])

    def _pred(self, text: str) -> list[int]:
        flat: list[int] = []
        for target in json.loads(text):
            device, seq = split_op_id(target)
            flat += (self._named_device(device), seq)
        return flat

    def columns(self, seals: list[bytes]) -> InternedColumns:
        row_text = changelog.row_text
        return InternedColumns(
            self.devices, self.tables, self.fields, [row_text(key) for key in self._row_at],
            self.device, self.seq, self.wall, self.counter, self.stamp_device, self.table,
            self.row, self.field, self.value_texts, self.pred,
            seals if any(seals) else None,
        )


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
