"""Sync use cases: apply another device's changes, list and settle conflicts, erase a person.

Bundle files (sync.bundle) and keys (sync.keys) wrap these; the merge rules live in
sync.merge. Every function here is one transaction: applied whole or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text

from saypro_desktop.db.backup import scrub_backups
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import AppliedBundle, LocalSetting, OpenConflict, PeerAck, Person
from saypro_desktop.domain.errors import NotFoundError, ValidationError
from saypro_desktop.domain.time import utcnow
from saypro_desktop.services.unit_of_work import CLOCK, UnitOfWork
from saypro_desktop.sync.authorship import Batch
from saypro_desktop.sync.clock import HybridLogicalClock, Stamp
from saypro_desktop.sync.ledger import store_batches
from saypro_desktop.sync.log import knowledge
from saypro_desktop.sync.merge import MergeEngine
from saypro_desktop.sync.merge.rows import HeldOp
from saypro_desktop.sync.merge.tables import TABLES
from saypro_desktop.sync.operations import (
    CONTROL_FIELDS,
    DELETED_FIELD,
    PERSONAL_FIELDS,
    Operation,
)


@dataclass
class ApplyReceipt:
    received: int = 0
    applied: int = 0
    rows_changed: int = 0
    conflicts_found: int = 0
    waiting_rows: int = 0
    per_device: dict[str, int] = field(default_factory=dict)
    people_touched: list[str] = field(default_factory=list)
    people_created: list[str] = field(default_factory=list)  # new to this device


def apply_operations(
    db: Database,
    ops: Sequence[Operation],
    *,
    sender_id: str | None = None,
    sender_knows: Mapping[str, int] | None = None,
    record_bundle: tuple[str, str] | None = None,
    progress: Callable[[float], object] | None = None,
    seals: Mapping[tuple[str, int], bytes] | None = None,
    batches: Sequence[Batch] = (),
) -> ApplyReceipt:
    """Merge operations from another device in one transaction (idempotent).

    ``record_bundle`` (bundle id, file name) is stored in the same transaction, so a bundle
    is either applied and recorded, or neither. ``seals`` and ``batches`` are what
    sync.authorship checked the operations against; they are kept to pass on. An erasure
    among the operations scrubs this device exactly as a local one does.
    """
    with UnitOfWork(db) as uow:
        before = _conflicted_fields(uow.session)
        store_batches(uow.session, batches)
        result = uow.engine.apply(ops, progress=progress, seals=seals)
        uow.touch(result.rows)
        if sender_id is not None:
            _record_ack(uow, sender_id, sender_knows or {})
        _observe_clock(uow, ops)
        after = _conflicted_fields(uow.session)
        per_device: dict[str, int] = defaultdict(int)
        for op in ops:
            per_device[op.device_id] += 1
        if record_bundle is not None and sender_id is not None:
            uow.session.add(AppliedBundle(
                bundle_id=record_bundle[0], sender_id=sender_id, imported_at=utcnow(),
                operations=len(ops), new_operations=result.new, file_name=record_bundle[1],
            ))
        receipt = ApplyReceipt(
            received=result.received,
            applied=result.new,
            rows_changed=len(result.rows),
            conflicts_found=len(after - before),
            waiting_rows=result.pending,
            per_device=dict(per_device),
            people_touched=sorted(r for t, r in result.rows if t == "people"),
            people_created=sorted(r for t, r in result.created if t == "people"),
        )
    if result.erasures:
        wipe_free_space(db)
        # Copies taken before this import (or earlier) must lose them too.
        scrub_backups(db.path, sorted(result.erased_people), sorted(PERSONAL_FIELDS))
    return receipt


def _record_ack(uow: UnitOfWork, sender_id: str, sender_knows: Mapping[str, int]) -> None:
    """A peer's bundle tells what it holds: next time we need not send it that again."""
    for origin, seq in sender_knows.items():
        ack = uow.session.get(PeerAck, (sender_id, origin))
        if ack is None:
            uow.session.add(PeerAck(peer_id=sender_id, origin_id=origin, contiguous_seq=seq))
        elif seq > ack.contiguous_seq:
            ack.contiguous_seq = seq
    uow.session.flush()


def _observe_clock(uow: UnitOfWork, ops: Sequence[Operation]) -> None:
    """Move our clock past the newest imported stamp (bounded), so our next edit is later."""
    if not ops:
        return
    newest = max(op.stamp for op in ops)
    current = uow.session.get(LocalSetting, CLOCK)
    clock = HybridLogicalClock(uow.device_id, Stamp.decode(current.value) if current else None)
    clock.observe(Stamp.decode(newest))
    stamp = clock.now().encode()
    uow.session.merge(LocalSetting(key=CLOCK, value=stamp))


def _conflicted_fields(session: Any) -> set[tuple[str, str, str]]:
    rows = session.execute(
        select(OpenConflict.table_name, OpenConflict.row_id, OpenConflict.field)
    )
    return {(t, r, f) for t, r, f in rows}


# --- conflict inbox ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConflictValue:
    value: Any
    device_id: str
    stamp: str
    op_id: str


@dataclass(frozen=True, slots=True)
class Conflict:
    table: str
    row_id: str
    field: str
    shown: ConflictValue  # the value in use now (newest stamp)
    others: tuple[ConflictValue, ...]

    def as_dict(self) -> dict[str, Any]:
        def one(v: ConflictValue) -> dict[str, Any]:
            return {"value": v.value, "device_id": v.device_id, "stamp": v.stamp,
                    "op_id": v.op_id}

        return {"table": self.table, "row_id": self.row_id, "field": self.field,
                "shown": one(self.shown), "others": [one(v) for v in self.others]}


def list_conflicts(db: Database) -> list[Conflict]:
    """Every field changed on two devices without either seeing the other's change, and
    every row deleted on one device while another edited it."""
    with db.reading() as session:
        engine = MergeEngine(session)
        found = []
        for table, row_id, name in sorted(_conflicted_fields(session)):
            live = engine.live_ops(table, row_id)
            if name == DELETED_FIELD:
                found.append(_overruled_deletion(table, row_id, live))
                continue
            ordered = sorted(live.get(name, []), key=lambda o: o.order, reverse=True)
            values = [ConflictValue(o.value, o.device_id, o.stamp, o.op_id) for o in ordered]
            found.append(Conflict(table, row_id, name, values[0], tuple(values[1:])))
        return found


def _overruled_deletion(table: str, row_id: str, live: dict[str, list[HeldOp]]) -> Conflict:
    """A row deleted on one device but kept because another edited it meanwhile."""
    delete_op = max(live[DELETED_FIELD], key=lambda o: o.order)
    editor = max(
        (o for name, ops in live.items() if name not in CONTROL_FIELDS for o in ops
         if o.op_id not in delete_op.pred),
        key=lambda o: o.order,
    )
    kept = ConflictValue(False, editor.device_id, editor.stamp, editor.op_id)
    wanted = ConflictValue(True, delete_op.device_id, delete_op.stamp, delete_op.op_id)
    return Conflict(table, row_id, DELETED_FIELD, kept, (wanted,))


def resolve_conflict(db: Database, table: str, row_id: str, field_name: str, value: Any) -> None:
    """Settle a conflict with one value (one of the candidates, or a new one typed in)."""
    info = TABLES.get(table)
    if info is None or (field_name not in info.converters and field_name not in CONTROL_FIELDS):
        raise ValidationError(f"no field {table}.{field_name}")
    with UnitOfWork(db) as uow:
        if field_name == DELETED_FIELD:  # keep the row, or delete it after all
            if value:
                uow.delete(info.model, row_id)
            else:
                uow.resolve(info.model, row_id, DELETED_FIELD, False)
            return
        heads = uow.engine.live_ops(table, row_id, [field_name]).get(field_name, [])
        if len(heads) < 2:
            raise NotFoundError(f"{table}.{field_name} of {row_id} is not in conflict")
        uow.resolve(info.model, row_id, field_name, value)


# --- privacy -------------------------------------------------------------------------------


def erase_person(db: Database, person_id: str) -> None:
    """Remove a person's personal data here and, through sync, everywhere; nothing brings it
    back. Free pages are overwritten (secure_delete) and the WAL is checkpointed away."""
    with UnitOfWork(db) as uow:
        if uow.session.get(Person, person_id) is None:
            raise NotFoundError(f"no person with id {person_id}")
        uow.erase(Person, person_id)
    wipe_free_space(db)


def wipe_free_space(db: Database) -> None:
    """Rewrite the search index without the erased terms, then fold the WAL into the file
    (secure_delete zeroes the freed pages) and truncate it, so no old copy lingers."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO people_fts(people_fts) VALUES ('optimize')")
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


# --- status --------------------------------------------------------------------------------


def device_knowledge(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return knowledge(session)


def canonical_dump(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every synced table's rows, sorted, as plain values: equal on converged devices."""
    dump: dict[str, list[dict[str, Any]]] = {}
    with db.reading() as session:
        for table in sorted(TABLES):
            rows = session.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings()
            dump[table] = [{k: (str(v) if v is not None else None) for k, v in r.items()}
                           for r in rows]
    return dump
