"""The merge engine: the one path by which operations change the database.

State is a pure function of the *set* of operations held, so the order,
duplication or lateness of bundles cannot matter:

- An operation is **live** unless another operation on the same field of the
  same row names it in ``pred`` (it replaced it). A replacement that arrives
  before the operation it replaces is remembered in ``superseded`` so the late
  operation is born dead.
- A field's value is its live operation with the highest stamp. A field with
  more than one live operation is **in conflict**: the newest is shown, the
  others wait in the conflict inbox until a resolution replaces them all.
- ``_deleted`` is a field too. A delete's ``pred`` lists every live operation
  of the row its author saw; a live operation it did not see (an edit made
  concurrently elsewhere) keeps the row alive, and the row is flagged.
- ``_erased`` dominates everything: the row's personal fields are blanked and
  their values scrubbed from the change log, whatever arrives later.
- A row is written only when it has its creation and its parents exist;
  until then it waits in ``pending_rows`` (an edit that outran its creation).

Local writes (services.unit_of_work) and imported bundles (services.sync) both
call ``MergeEngine.apply`` inside their own transaction.

The engine is built in layers: ``reading`` (the log, merged people folded in),
``derivation`` (stored rows from the log) and, here, applying and forgetting;
``rows`` holds the pure rules that derive a row, ``tables`` what the engine knows of
each synced table and ``erasure`` how erased values leave the log.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, text

from saypro_desktop.db import changelog
from saypro_desktop.db.engine import raw_executemany, raw_rows
from saypro_desktop.db.models import (
    Change,
    DeviceProgress,
    OpenConflict,
    PendingRow,
    Superseded,
)
from saypro_desktop.domain.errors import CancelledError
from saypro_desktop.sync.merge.derivation import Derivation
from saypro_desktop.sync.merge.erasure import find_erased_rows, keep_seals, scrub_erased
from saypro_desktop.sync.merge.rows import HeldOp
from saypro_desktop.sync.merge.tables import ORDERED_TABLES, TABLES, chunks, table_of
from saypro_desktop.sync.operations import (
    ERASED_FIELD,
    PERSONAL_FIELDS,
    Operation,
    encode_value,
    op_id,
    split_op_id,
)

_NULL = encode_value(None)
_INSERT_SLICE = 50_000  # operations written to the log per executemany


@dataclass
class ApplyResult:
    received: int = 0
    new: int = 0
    rows: set[tuple[str, str]] = field(default_factory=set)
    pending: int = 0
    erasures: int = 0  # new erasures among the operations: the caller wipes free space
    created: set[tuple[str, str]] = field(default_factory=set)  # rows whose creation is new
    erased_people: set[str] = field(default_factory=set)  # people erased by these operations


class MergeEngine(Derivation):
    """Adds operations to the log and re-derives the rows they touch; forgets the changes
    a device made after it was revoked."""

    # -- applying ------------------------------------------------------------------------
    def apply(self, ops: Sequence[Operation], *, known_new: bool = False,
              progress: Callable[[float], object] | None = None,
              seals: Mapping[tuple[str, int], bytes] | None = None) -> ApplyResult:
        """Add operations to the log (ignoring ones already held) and re-derive touched rows.

        ``progress`` gets the fraction done (0..1) as the stages pass: a million changes
        take a while, and the import still commits all or nothing. If it returns False,
        ``CancelledError`` is raised and the caller's transaction rolls back. ``seals`` are the
        imported operations' seals (sync.authorship), by (device, seq).
        """
        def tick(fraction: float) -> None:
            if progress is not None and progress(fraction) is False:
                raise CancelledError("the import was stopped before it finished")

        result = ApplyResult(received=len(ops))
        fresh = list(ops) if known_new else self._unseen(ops)
        if not fresh:
            return result
        result.new = len(fresh)
        # A local write cannot touch an erased person (they are gone from every list), so
        # only imports need to look for earlier erasures.
        erased_rows = (
            {(o.table, o.row_id) for o in fresh if o.field == ERASED_FIELD and o.value}
            if known_new else find_erased_rows(self.session, fresh)
        )
        new_rows = {} if known_new else self._without_history(fresh)
        stored = changelog.names(self.session).stored
        for start in range(0, len(fresh), _INSERT_SLICE):  # a slice at a time: flat memory
            changelog.insert(self.session, [
                stored(op.device_id, op.seq, op.stamp, op.table, op.row_id, op.field,
                       _NULL if (op.table, op.row_id) in erased_rows
                       and op.field in PERSONAL_FIELDS else encode_value(op.value),
                       json.dumps(list(op.pred)) if op.pred else None)
                for op in fresh[start:start + _INSERT_SLICE]
            ])
        if seals:
            keep_seals(self.session, fresh, seals, erased_rows)
        result.erased_people = {o.row_id for o in fresh if o.field == ERASED_FIELD and o.value
                                and o.table == "people"}
        result.erasures = sum(1 for o in fresh if o.field == ERASED_FIELD and o.value)
        result.created = {(o.table, o.row_id) for o in fresh if o.field == "created_at"}
        tick(0.3)
        killed = self._link_replacements(fresh)
        self.track_progress(fresh)
        tick(0.4)
        by_table: dict[str, set[str]] = defaultdict(set)
        for table, row_id in killed:
            by_table[table].add(row_id)
        for op in fresh:
            by_table[op.table].add(op.row_id)
            result.rows.add((op.table, op.row_id))
        if "people" in by_table and (erased_rows or not known_new):
            scrub_erased(self.session, by_table["people"])
        self._in_memory = self._held_in_memory(fresh, new_rows, erased_rows)
        try:
            self.rederive(by_table, lambda done: tick(0.4 + 0.6 * done))
        finally:
            self._in_memory = {}
        if not known_new:
            result.pending = int(
                self.session.execute(select(func.count()).select_from(PendingRow)).scalar_one()
            )
        return result

    def _without_history(self, fresh: Sequence[Operation]) -> dict[str, set[str]]:
        """Per table, the rows these operations touch that have no operation here yet (a
        laptop joining an office: every row). Looked up before they are written."""
        by_table: dict[str, set[str]] = defaultdict(set)
        for op in fresh:
            by_table[op.table].add(op.row_id)
        return {table: rows - self.rows_with_history(table, sorted(rows))
                for table, rows in by_table.items()}

    def _held_in_memory(self, fresh: Sequence[Operation], new_rows: Mapping[str, set[str]],
                        erased_rows: set[tuple[str, str]]) -> dict[str, dict[str, list[HeldOp]]]:
        """The operations of rows that had none before this import, exactly as the log now
        holds them (liveness included): re-deriving those rows need not read them back.

        An operation is dead when another operation of the same table and field names it,
        whether in this import or earlier (``superseded`` keeps those)."""
        if not any(new_rows.values()):
            return {}
        dead = {(device, seq, op.table, op.field)
                for op in fresh for device, seq in map(split_op_id, op.pred)}
        spans: dict[str, tuple[int, int]] = {}
        for op in fresh:
            low, high = spans.get(op.device_id, (op.seq, op.seq))
            spans[op.device_id] = (min(low, op.seq), max(high, op.seq))
        for device, (low, high) in spans.items():
            dead.update((d, q, t, f) for d, q, t, f in self.session.execute(
                select(Superseded.device_id, Superseded.seq, Superseded.table_name,
                       Superseded.field)
                .where(Superseded.device_id == device, Superseded.seq >= low,
                       Superseded.seq <= high)))
        memory: dict[str, dict[str, list[HeldOp]]] = defaultdict(dict)
        for op in fresh:
            if op.row_id not in new_rows.get(op.table, ()):
                continue
            value = (None if op.field in PERSONAL_FIELDS and (op.table, op.row_id) in erased_rows
                     else op.value)
            memory[op.table].setdefault(op.row_id, []).append(HeldOp(
                op.device_id, op.seq, op.stamp, op.field, value, op.pred,
                (op.device_id, op.seq, op.table, op.field) not in dead))
        return memory

    def _unseen(self, ops: Sequence[Operation]) -> list[Operation]:
        by_device: dict[str, list[Operation]] = defaultdict(list)
        for op in ops:
            by_device[op.device_id].append(op)
        fresh: list[Operation] = []
        names = changelog.names(self.session)
        for device, device_ops in by_device.items():
            low = min(o.seq for o in device_ops)
            high = max(o.seq for o in device_ops)
            held = set(
                self.session.execute(
                    select(Change.seq).where(
                        Change.device_no == names.find(device), Change.seq >= low,
                        Change.seq <= high
                    )
                ).scalars()
            )
            seen: set[int] = set()
            for op in device_ops:
                if op.seq not in held and op.seq not in seen:
                    seen.add(op.seq)
                    fresh.append(op)
        return fresh

    def _link_replacements(self, fresh: Sequence[Operation]) -> set[tuple[str, str]]:
        """Mark replaced operations dead; late arrivals that were already replaced, too.

        A replacement names an operation on the same table and field. It may sit on
        another row: a value settled on a merged person replaces the values still aimed
        at the record merged into it. Returns the rows whose operations died here.
        """
        links = []
        for op in fresh:
            for pred in op.pred:
                device, seq = split_op_id(pred)
                links.append({"device_id": device, "seq": seq, "table_name": op.table,
                              "row_id": op.row_id, "field": op.field})
        touched: set[tuple[str, str]] = set()
        names = changelog.names(self.session)
        if links:
            raw_executemany(
                self.session,
                "INSERT OR IGNORE INTO superseded (device_id, seq, table_name, row_id, field)"
                " VALUES (?, ?, ?, ?, ?)",
                [(k["device_id"], k["seq"], k["table_name"], k["row_id"], k["field"])
                 for k in links],
            )
            raw_executemany(
                self.session,
                "UPDATE changes SET live = 0 WHERE device_no = ? AND seq = ?"
                " AND table_no = ? AND field_no = ?",
                [(names.find(str(k["device_id"])), k["seq"], names.find(str(k["table_name"])),
                  names.find(str(k["field"]))) for k in links],
            )
            touched = self._rows_of(links)
        # Operations that arrive after their replacement.
        raw_executemany(
            self.session,
            "UPDATE changes SET live = 0 WHERE device_no = ?5 AND seq = ?2"
            " AND EXISTS (SELECT 1 FROM superseded s WHERE s.device_id = ?1"
            " AND s.seq = ?2 AND s.table_name = ?3 AND s.field = ?4)",
            [(o.device_id, o.seq, o.table, o.field, names.find(o.device_id)) for o in fresh],
        )
        return touched

    def _rows_of(self, links: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
        """The rows the replaced operations belong to (by primary key, device by device)."""
        by_device: dict[str, list[int]] = defaultdict(list)
        for link in links:
            by_device[link["device_id"]].append(link["seq"])
        rows: set[tuple[str, str]] = set()
        names = changelog.names(self.session)
        for device, seqs in by_device.items():
            for chunk in chunks(sorted(set(seqs))):
                rows.update(
                    (names.name(t), r) for t, r in self.session.execute(
                        select(Change.table_no, Change.row_key)
                        .where(Change.device_no == names.find(device), Change.seq.in_(chunk))
                    )
                )
        return rows

    def track_progress(self, fresh: Sequence[Operation]) -> None:
        devices = {op.device_id for op in fresh}
        names = changelog.names(self.session)
        for device in devices:
            progress = self.session.get(DeviceProgress, device)
            contiguous = progress.contiguous_seq if progress else 0
            seqs = self.session.execute(
                select(Change.seq)
                .where(Change.device_no == names.find(device), Change.seq > contiguous)
                .order_by(Change.seq)
            ).scalars()
            highest = contiguous
            for seq in seqs:
                if seq == contiguous + 1:
                    contiguous = seq
                highest = max(highest, seq)
            if progress is None:
                self.session.add(
                    DeviceProgress(device_id=device, contiguous_seq=contiguous, max_seq=highest)
                )
            else:
                progress.contiguous_seq = contiguous
                progress.max_seq = max(progress.max_seq, highest)
        self.session.flush()

    def forget_from(self, device: str, first_seq: int) -> int:
        """Drop ``device``'s changes numbered ``first_seq`` and up (made after it was
        revoked), undo what they did, and re-derive what they touched; returns how many.

        What they replaced comes back to life; rows that only they created disappear
        (with rows hanging off them, which wait for a parent that may never come)."""
        names = changelog.names(self.session)
        device_no = names.find(device)
        doomed = [
            (seq, names.name(table), changelog.row_text(key), names.name(name), pred)
            for seq, table, key, name, pred in raw_rows(
                self.session, select(Change.seq, Change.table_no, Change.row_key, Change.field_no,
                                     Change.pred)
                .where(Change.device_no == device_no, Change.seq >= first_seq))
        ]
        if not doomed:
            return 0
        by_table: dict[str, set[str]] = defaultdict(set)
        replaced: set[tuple[str, int, str, str, str]] = set()
        for _, table, row_id, name, pred in doomed:
            by_table[table].add(row_id)
            for target in json.loads(changelog.pred_text(pred)):
                pred_device, pred_seq = split_op_id(target)
                replaced.add((pred_device, pred_seq, table, row_id, name))
        self.session.execute(text("DELETE FROM changes WHERE device_no = :d AND seq >= :s"),
                             {"d": device_no, "s": first_seq})
        for sql in ("DELETE FROM op_seals WHERE device_id = ? AND seq >= ?",
                    "DELETE FROM op_batches WHERE device_id = ? AND last_seq >= ?"):
            self.session.execute(text(sql.replace("?", ":d", 1).replace("?", ":s", 1)),
                                 {"d": device, "s": first_seq})
        for pred_device, pred_seq, table, row_id, name in sorted(replaced):
            still = self.session.execute(
                select(Change.pred).where(Change.table_no == names.find(table),
                                          Change.row_key == row_id,
                                          Change.field_no == names.find(name),
                                          Change.pred.is_not(None))
            ).scalars()
            target = op_id(pred_device, pred_seq)
            if any(target in json.loads(p) for p in still if p is not None):
                continue  # another change replaced it too
            self.session.execute(
                delete(Superseded).where(
                    Superseded.device_id == pred_device, Superseded.seq == pred_seq,
                    Superseded.table_name == table, Superseded.row_id == row_id,
                    Superseded.field == name))
            # Alive again unless something else replaced it: on its own table and field
            # (a crafted pred may name an operation on another field).
            self.session.execute(
                text("UPDATE changes SET live = 1 WHERE device_no = :n AND seq = :s"
                     " AND NOT EXISTS (SELECT 1 FROM superseded x WHERE x.device_id = :d"
                     " AND x.seq = :s"
                     " AND x.table_name = (SELECT name FROM log_names WHERE no = table_no)"
                     " AND x.field = (SELECT name FROM log_names WHERE no = field_no))"),
                {"n": names.find(pred_device), "d": pred_device, "s": pred_seq})
            by_table[table].add(row_id)
            revived = self.session.execute(
                select(Change.table_no, Change.row_key)
                .where(Change.device_no == names.find(pred_device),
                       Change.seq == pred_seq)).first()
            if revived is not None:
                by_table[names.name(revived[0])].add(revived[1])
        progress = self.session.get(DeviceProgress, device)
        if progress is not None:
            progress.contiguous_seq = min(progress.contiguous_seq, first_seq - 1)
            progress.max_seq = min(progress.max_seq, first_seq - 1)
        self.rederive(by_table)
        self._drop_underivable(by_table)
        return len(doomed)

    def _drop_underivable(self, by_table: dict[str, set[str]]) -> None:
        """Delete stored rows that their operations no longer describe (they wait in
        ``pending_rows``), and the rows that point at them, children first."""
        waiting = {(t, r) for t, r in self.session.execute(
            select(PendingRow.table_name, PendingRow.row_id))}
        doomed: dict[str, set[str]] = defaultdict(set)
        for table, rows in by_table.items():
            doomed[table].update(r for r in rows if (table, r) in waiting)
        for table in ORDERED_TABLES:  # parents first: their children join the list
            if not doomed.get(table):
                continue
            for child, info in TABLES.items():
                for column, parent in info.foreign_keys.items():
                    if parent != table:
                        continue
                    col = info.model.__table__.c[column]
                    for chunk in chunks(sorted(doomed[table])):
                        doomed[child].update(self.session.execute(
                            select(info.model.__table__.c.id).where(col.in_(chunk))).scalars())
        for table in reversed(ORDERED_TABLES):
            ids = sorted(doomed.get(table, ()))
            core = table_of(TABLES[table].model)
            for chunk in chunks(ids):
                self.session.execute(delete(core).where(core.c.id.in_(chunk)))
            raw_executemany(self.session,
                            "INSERT OR IGNORE INTO pending_rows (table_name, row_id) VALUES (?, ?)",
                            [(table, r) for r in ids])
        for table, gone in doomed.items():
            for chunk in chunks(sorted(gone)):
                self.session.execute(delete(OpenConflict).where(
                    OpenConflict.table_name == table, OpenConflict.row_id.in_(chunk)))
