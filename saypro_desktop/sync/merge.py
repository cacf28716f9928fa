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
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    Table,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import column_binders, raw_executemany, raw_rows
from saypro_desktop.db.models import (
    SYNC_COLUMNS,
    Base,
    Change,
    DeviceProgress,
    OpenConflict,
    PendingRow,
    Person,
    Superseded,
    Synced,
)
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.sync.authorship import NONCE_BYTES, commitment
from saypro_desktop.sync.clock import Stamp
from saypro_desktop.sync.ledger import store_seals
from saypro_desktop.sync.log import decode_values
from saypro_desktop.sync.operations import (
    CONTROL_FIELDS,
    DELETED_FIELD,
    ERASED_FIELD,
    MERGED_FIELD,
    PERSONAL_FIELDS,
    Operation,
    encode_value,
    op_id,
    split_op_id,
)

CHUNK = 500
# Derived by the engine from control fields, never written by an operation.
DERIVED_COLUMNS = frozenset({"erased_at", "merged_into_id"})
_NULL = encode_value(None)


class MergeError(SayProError):
    """An operation cannot be applied (a value that does not fit its column)."""


def table_of(model: type[Base]) -> Table:
    """The Core table of a model (typed, for bulk statements that skip the ORM)."""
    return cast(Table, model.__table__)


def stamp_time(stamp: str) -> datetime:
    """The wall-clock moment a stamp stands for (naive UTC, like every stamp column)."""
    ms = Stamp.decode(stamp).wall_ms
    return datetime.fromtimestamp(ms / 1000, UTC).replace(tzinfo=None)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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


@dataclass
class ApplyResult:
    received: int = 0
    new: int = 0
    rows: set[tuple[str, str]] = field(default_factory=set)
    pending: int = 0
    erasures: int = 0  # new erasures among the operations: the caller wipes free space


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


def is_known_field(table: str, name: str) -> bool:
    info = TABLES.get(table)
    return info is not None and (
        name in info.converters or name in CONTROL_FIELDS or name == "created_at"
    )


class MergeEngine:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._survivors: dict[str, str] = {}

    # -- reading the log -----------------------------------------------------------------
    def held_ops(self, table: str, row_ids: Sequence[str]) -> dict[str, list[HeldOp]]:
        """Every operation held for these rows, grouped by row (read on the raw cursor: an
        import re-reads hundreds of thousands of them)."""
        grouped: dict[str, list[HeldOp]] = defaultdict(list)
        loads = json.loads
        for chunk in _chunks(list(row_ids)):
            rows = raw_rows(
                self.session,
                select(Change.row_id, Change.device_id, Change.seq, Change.stamp, Change.field,
                       Change.value, Change.pred, Change.live)
                .where(Change.table_name == table, Change.row_id.in_(chunk)),
            )
            values = decode_values(row[5] for row in rows)
            for (row_id, device, seq, stamp, fld, _, pred, live), value in zip(rows, values,
                                                                                strict=True):
                grouped[row_id].append(HeldOp(device, seq, stamp, fld, value,
                                              tuple(loads(pred)) if pred != "[]" else (),
                                              bool(live)))
        return grouped

    def live_ops(
        self, table: str, row_id: str, fields: Iterable[str] | None = None
    ) -> dict[str, list[HeldOp]]:
        """Live operations of one row, by field (what a new local write replaces)."""
        wanted = set(fields) if fields is not None else None
        by_field: dict[str, list[HeldOp]] = defaultdict(list)
        held = self.held_ops(table, [row_id])
        if table == "people":
            held = self._with_aliases([row_id], held)
        for op in held.get(row_id, []):
            if op.live and (wanted is None or op.field in wanted):
                by_field[op.field].append(op)
        return by_field

    # -- applying ------------------------------------------------------------------------
    def apply(self, ops: Sequence[Operation], *, known_new: bool = False,
              progress: Callable[[float], object] | None = None,
              seals: Mapping[tuple[str, int], bytes] | None = None) -> ApplyResult:
        """Add operations to the log (ignoring ones already held) and re-derive touched rows.

        ``progress`` gets the fraction done (0..1) as the stages pass: a million changes
        take a while, and the import still commits all or nothing. ``seals`` are the
        imported operations' seals (sync.authorship), by (device, seq).
        """
        tick = progress or (lambda _fraction: None)
        result = ApplyResult(received=len(ops))
        fresh = list(ops) if known_new else self._unseen(ops)
        if not fresh:
            return result
        result.new = len(fresh)
        # A local write cannot touch an erased person (they are gone from every list), so
        # only imports need to look for earlier erasures.
        erased_rows = (
            {(o.table, o.row_id) for o in fresh if o.field == ERASED_FIELD and o.value}
            if known_new else self._erased_rows(fresh)
        )
        raw_executemany(
            self.session,
            "INSERT INTO changes (device_id, seq, stamp, table_name, row_id, field, value,"
            " pred, live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
            [
                (op.device_id, op.seq, op.stamp, op.table, op.row_id, op.field,
                 _NULL if (op.table, op.row_id) in erased_rows and op.field in PERSONAL_FIELDS
                 else encode_value(op.value),
                 json.dumps(list(op.pred)) if op.pred else "[]")
                for op in fresh
            ],
        )
        if seals:
            self._keep_seals(fresh, seals, erased_rows)
        result.erasures = sum(1 for o in fresh if o.field == ERASED_FIELD and o.value)
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
            self._scrub_erased(by_table["people"])
        self.rederive(by_table, lambda done: tick(0.4 + 0.6 * done))
        if not known_new:
            result.pending = int(
                self.session.execute(select(func.count()).select_from(PendingRow)).scalar_one()
            )
        return result

    def _keep_seals(self, fresh: Sequence[Operation], seals: Mapping[tuple[str, int], bytes],
                    erased_rows: set[tuple[str, str]]) -> None:
        """Store the new operations' seals; for a value that lands already erased, keep only
        its commitment (the value itself was never written)."""
        kept: dict[tuple[str, int], bytes] = {}
        for op in fresh:
            seal = seals.get((op.device_id, op.seq))
            if not seal:
                continue
            if (len(seal) == NONCE_BYTES and (op.table, op.row_id) in erased_rows
                    and op.field in PERSONAL_FIELDS):
                seal = commitment(encode_value(op.value), seal)
            kept[(op.device_id, op.seq)] = seal
        store_seals(self.session, kept)

    def _unseen(self, ops: Sequence[Operation]) -> list[Operation]:
        by_device: dict[str, list[Operation]] = defaultdict(list)
        for op in ops:
            by_device[op.device_id].append(op)
        fresh: list[Operation] = []
        for device, device_ops in by_device.items():
            low = min(o.seq for o in device_ops)
            high = max(o.seq for o in device_ops)
            held = set(
                self.session.execute(
                    select(Change.seq).where(
                        Change.device_id == device, Change.seq >= low, Change.seq <= high
                    )
                ).scalars()
            )
            seen: set[int] = set()
            for op in device_ops:
                if op.seq not in held and op.seq not in seen:
                    seen.add(op.seq)
                    fresh.append(op)
        return fresh

    def _erased_rows(self, fresh: Sequence[Operation]) -> set[tuple[str, str]]:
        """Rows that are (or become, in this batch) erased: their personal values never land."""
        erased = {(o.table, o.row_id) for o in fresh if o.field == ERASED_FIELD and o.value}
        candidates = list({o.row_id for o in fresh if o.table == "people"} - {r for _, r in erased})
        for chunk in _chunks(candidates):
            erased.update(
                ("people", row_id)
                for row_id in self.session.execute(
                    select(Change.row_id).where(
                        Change.table_name == "people",
                        Change.row_id.in_(chunk),
                        Change.field == ERASED_FIELD,
                    )
                ).scalars()
            )
        return erased

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
                "UPDATE changes SET live = 0 WHERE device_id = ? AND seq = ?"
                " AND table_name = ? AND field = ?",
                [(k["device_id"], k["seq"], k["table_name"], k["field"]) for k in links],
            )
            touched = self._rows_of(links)
        # Operations that arrive after their replacement.
        raw_executemany(
            self.session,
            "UPDATE changes SET live = 0 WHERE device_id = ?1 AND seq = ?2"
            " AND EXISTS (SELECT 1 FROM superseded s WHERE s.device_id = ?1"
            " AND s.seq = ?2 AND s.table_name = ?3 AND s.field = ?4)",
            [(o.device_id, o.seq, o.table, o.field) for o in fresh],
        )
        return touched

    def _rows_of(self, links: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
        """The rows the replaced operations belong to (by primary key, device by device)."""
        by_device: dict[str, list[int]] = defaultdict(list)
        for link in links:
            by_device[link["device_id"]].append(link["seq"])
        rows: set[tuple[str, str]] = set()
        for device, seqs in by_device.items():
            for chunk in _chunks(sorted(set(seqs))):
                rows.update(
                    (t, r) for t, r in self.session.execute(
                        select(Change.table_name, Change.row_id)
                        .where(Change.device_id == device, Change.seq.in_(chunk))
                    )
                )
        return rows

    def track_progress(self, fresh: Sequence[Operation]) -> None:
        devices = {op.device_id for op in fresh}
        for device in devices:
            progress = self.session.get(DeviceProgress, device)
            contiguous = progress.contiguous_seq if progress else 0
            seqs = self.session.execute(
                select(Change.seq)
                .where(Change.device_id == device, Change.seq > contiguous)
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

    def _scrub_erased(self, row_ids: Iterable[str]) -> None:
        """Blank personal values in the log of every erased person among ``row_ids``."""
        ids = list(row_ids)
        for chunk in _chunks(ids):
            erased = list(
                self.session.execute(
                    select(Change.row_id)
                    .where(
                        Change.table_name == "people",
                        Change.row_id.in_(chunk),
                        Change.field == ERASED_FIELD,
                    )
                    .distinct()
                ).scalars()
            )
            if erased:
                self._seal_erased(erased)
                self.session.execute(
                    text(
                        "UPDATE changes SET value = 'null' WHERE table_name = 'people'"
                        f" AND row_id = :row_id AND field IN ({_personal_sql()})"
                        " AND value != 'null'"
                    ),
                    [{"row_id": r} for r in erased],
                )

    def _seal_erased(self, row_ids: Sequence[str]) -> None:
        """Before erased values are blanked, turn their nonces into commitments, so the
        signed batches stay checkable and nothing left can confirm a guess of the value."""
        for row_id in row_ids:
            rows = self.session.execute(
                text(
                    "SELECT c.device_id, c.seq, c.value, s.seal FROM changes c"
                    " JOIN op_seals s ON s.device_id = c.device_id AND s.seq = c.seq"
                    " WHERE c.table_name = 'people' AND c.row_id = :row_id"
                    f" AND c.field IN ({_personal_sql()}) AND length(s.seal) = :nonce"
                ),
                {"row_id": row_id, "nonce": NONCE_BYTES},
            ).all()
            store_seals(self.session, {(device, seq): commitment(value, seal)
                                       for device, seq, value, seal in rows})

    def forget_from(self, device: str, first_seq: int) -> int:
        """Drop ``device``'s changes numbered ``first_seq`` and up (made after it was
        revoked), undo what they did, and re-derive what they touched; returns how many.

        What they replaced comes back to life; rows that only they created disappear
        (with rows hanging off them, which wait for a parent that may never come)."""
        doomed = raw_rows(self.session, select(Change.seq, Change.table_name, Change.row_id,
                                               Change.field, Change.pred)
                          .where(Change.device_id == device, Change.seq >= first_seq))
        if not doomed:
            return 0
        by_table: dict[str, set[str]] = defaultdict(set)
        replaced: set[tuple[str, int, str, str, str]] = set()
        for _, table, row_id, name, pred in doomed:
            by_table[table].add(row_id)
            for target in json.loads(pred):
                pred_device, pred_seq = split_op_id(target)
                replaced.add((pred_device, pred_seq, table, row_id, name))
        for sql in ("DELETE FROM changes WHERE device_id = ? AND seq >= ?",
                    "DELETE FROM op_seals WHERE device_id = ? AND seq >= ?",
                    "DELETE FROM op_batches WHERE device_id = ? AND last_seq >= ?"):
            self.session.execute(text(sql.replace("?", ":d", 1).replace("?", ":s", 1)),
                                 {"d": device, "s": first_seq})
        for pred_device, pred_seq, table, row_id, name in sorted(replaced):
            still = self.session.execute(
                select(Change.pred).where(Change.table_name == table, Change.row_id == row_id,
                                          Change.field == name, Change.pred != "[]")
            ).scalars()
            target = op_id(pred_device, pred_seq)
            if any(target in json.loads(p) for p in still):
                continue  # another change replaced it too
            self.session.execute(
                delete(Superseded).where(
                    Superseded.device_id == pred_device, Superseded.seq == pred_seq,
                    Superseded.table_name == table, Superseded.row_id == row_id,
                    Superseded.field == name))
            self.session.execute(
                text("UPDATE changes SET live = 1 WHERE device_id = :d AND seq = :s"
                     " AND NOT EXISTS (SELECT 1 FROM superseded x WHERE x.device_id = :d"
                     " AND x.seq = :s AND x.table_name = changes.table_name"
                     " AND x.field = changes.field)"),
                {"d": pred_device, "s": pred_seq})
            by_table[table].add(row_id)
            revived = self.session.execute(
                select(Change.table_name, Change.row_id)
                .where(Change.device_id == pred_device, Change.seq == pred_seq)).first()
            if revived is not None:
                by_table[revived[0]].add(revived[1])
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
                    for chunk in _chunks(sorted(doomed[table])):
                        doomed[child].update(self.session.execute(
                            select(info.model.__table__.c.id).where(col.in_(chunk))).scalars())
        for table in reversed(ORDERED_TABLES):
            ids = sorted(doomed.get(table, ()))
            core = table_of(TABLES[table].model)
            for chunk in _chunks(ids):
                self.session.execute(delete(core).where(core.c.id.in_(chunk)))
            raw_executemany(self.session,
                            "INSERT OR IGNORE INTO pending_rows (table_name, row_id) VALUES (?, ?)",
                            [(table, r) for r in ids])
        for table, gone in doomed.items():
            for chunk in _chunks(sorted(gone)):
                self.session.execute(delete(OpenConflict).where(
                    OpenConflict.table_name == table, OpenConflict.row_id.in_(chunk)))

    # -- deriving rows -------------------------------------------------------------------
    def rederive(self, by_table: dict[str, set[str]],
                 progress: Callable[[float], object] | None = None) -> None:
        """Recompute the stored rows from the log, parents before children."""
        pending = {
            (t, r) for t, r in self.session.execute(select(PendingRow.table_name,
                                                           PendingRow.row_id))
        }
        for table, row_id in pending:  # a new parent may unblock a waiting child
            by_table.setdefault(table, set()).add(row_id)
        self._survivors = {}
        for index, table in enumerate(ORDERED_TABLES):  # all: rows added on the way are reached
            if by_table.get(table):
                self._rederive_table(table, sorted(by_table[table]), pending, by_table)
            if progress is not None:
                progress((index + 1) / len(ORDERED_TABLES))

    def _rederive_table(self, table: str, row_ids: list[str],
                        pending: set[tuple[str, str]], by_table: dict[str, set[str]],
                        *, survivors_pass: bool = False) -> None:
        info = TABLES[table]
        held = self.held_ops(table, row_ids)
        if info.model is Person:
            held = self._with_aliases(row_ids, held)
        derived = {r: self.derive_row(info, r, held.get(r, [])) for r in row_ids}
        present = self._existing_parents(info, [v for v in derived.values() if v is not None])
        redirects = self._redirects(info, [v for v in derived.values() if v is not None])
        values_list = []
        waiting = []
        for row_id in row_ids:
            values = derived[row_id]
            if values is None or not all(
                values.get(column) is None or values[column] in present[parent]
                for column, parent in info.foreign_keys.items()
            ):
                waiting.append(row_id)
                continue
            for column, parent in info.foreign_keys.items():
                if parent == "people" and values.get(column) in redirects:
                    values[column] = self.survivor(values[column])
            values_list.append(values)
        if values_list:
            self._upsert(table_of(info.model), values_list)
        if info.model is Person and not survivors_pass:
            self._after_people(row_ids, held, by_table)
        self._record_conflicts(table, row_ids, held)
        done = [r for r in row_ids if (table, r) in pending and r not in waiting]
        if done:
            self.session.execute(
                delete(PendingRow).where(PendingRow.table_name == table,
                                         PendingRow.row_id.in_(done))
            )
        new_waiting = [r for r in waiting if (table, r) not in pending]
        if new_waiting:
            self.session.execute(
                insert(PendingRow), [{"table_name": table, "row_id": r} for r in new_waiting]
            )

    def _upsert(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert or replace derived rows in bulk (raw executemany; values converted exactly
        as SQLAlchemy stores them, so a row reads the same whichever path wrote it)."""
        binders = column_binders(self.session, table)
        names = [name for name, _ in binders]
        sql = (
            f"INSERT INTO {table.name} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)}) ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
        )
        raw_executemany(
            self.session, sql,
            [tuple(bind(row.get(name)) for name, bind in binders) for row in rows],
        )

    # -- merged people -------------------------------------------------------------------
    def survivor(self, person_id: str) -> str:
        """Follow merge redirects to the record that stands for this person now."""
        cache = self._survivors
        if person_id in cache:
            return cache[person_id]
        seen = {person_id}
        current = person_id
        while True:
            target = self.session.execute(
                select(Person.merged_into_id).where(Person.id == current)
            ).scalar()
            if not isinstance(target, str) or target in seen:
                break
            if self.session.execute(select(Person.id).where(Person.id == target)).first() is None:
                break  # a redirect to a record not (yet) here: stay put until it arrives
            seen.add(target)
            current = target
        cache[person_id] = current
        return current

    def _aliases_of(self, survivor: str) -> list[str]:
        """Every record merged into this one, directly or through others."""
        found: list[str] = []
        frontier = [survivor]
        seen = {survivor}
        while frontier:
            merged = [
                r for r in self.session.execute(
                    select(Person.id).where(Person.merged_into_id.in_(frontier))
                ).scalars() if r not in seen
            ]
            seen.update(merged)
            found.extend(merged)
            frontier = merged
        return found

    def _with_aliases(self, row_ids: list[str], held: dict[str, list[HeldOp]]
                      ) -> dict[str, list[HeldOp]]:
        """A survivor's operations plus the ones still aimed at records merged into it
        (those its merge had not seen): they land on the survivor."""
        combined = dict(held)
        for row_id in sorted(self._with_aliases_among(row_ids)):
            aliases = self._aliases_of(row_id)
            if not aliases:
                continue
            extra = self.held_ops("people", aliases)
            ops = list(held.get(row_id, []))
            for alias in aliases:
                alias_ops = extra.get(alias, [])
                merges = [o for o in alias_ops if o.field == MERGED_FIELD and o.live]
                if not merges:
                    continue
                seen = set(max(merges, key=lambda o: o.order).pred)
                ops.extend(
                    o for o in alias_ops
                    if o.live and o.field not in CONTROL_FIELDS and o.field != "created_at"
                    and o.op_id not in seen
                )
            combined[row_id] = ops
        return combined

    def _after_people(self, row_ids: list[str], held: dict[str, list[HeldOp]],
                      by_table: dict[str, set[str]]) -> None:
        """When people merge: re-derive the survivor, and re-point rows that name the
        merged-away record."""
        merged = [r for r in row_ids
                  if any(o.field == MERGED_FIELD and o.live for o in held.get(r, []))]
        self._survivors = {}
        # Now that redirects are stored, derive every survivor concerned with its aliases
        # (one derived in the same batch as its merge could not see them yet).
        redirected = self._merged_among(row_ids)
        candidates = {self.survivor(r) for r in redirected} | (set(row_ids) - redirected)
        survivors = sorted(self._with_aliases_among(sorted(candidates)))
        if survivors:
            self._rederive_table("people", survivors, set(), by_table, survivors_pass=True)
        if not merged:
            return
        for name, info in TABLES.items():
            for column, parent in info.foreign_keys.items():
                if parent != "people":
                    continue
                col = info.model.__table__.c[column]
                for chunk in _chunks(merged):
                    children = self.session.execute(
                        select(info.model.__table__.c.id).where(col.in_(chunk))
                    ).scalars()
                    by_table.setdefault(name, set()).update(children)

    def _record_conflicts(self, table: str, row_ids: list[str],
                          held: dict[str, list[HeldOp]]) -> None:
        """Refresh the conflict inbox's entries for these rows."""
        found: list[dict[str, str]] = []
        for row_id in row_ids:
            live: dict[str, list[HeldOp]] = defaultdict(list)
            for op in held.get(row_id, []):
                if op.live:
                    live[op.field].append(op)
            found.extend(
                {"table_name": table, "row_id": row_id, "field": name}
                for name, heads in live.items()
                if name not in CONTROL_FIELDS and len(heads) > 1
            )
            if deletion_overruled(live):
                found.append({"table_name": table, "row_id": row_id, "field": DELETED_FIELD})
        for chunk in _chunks(row_ids):
            self.session.execute(
                delete(OpenConflict).where(OpenConflict.table_name == table,
                                           OpenConflict.row_id.in_(chunk))
            )
        if found:
            self.session.execute(insert(OpenConflict), found)

    def _existing_parents(self, info: TableInfo, rows: Sequence[dict[str, Any]]
                          ) -> dict[str, set[str]]:
        """For each parent table, which of the ids these rows point to exist (batched)."""
        present: dict[str, set[str]] = {}
        for column, parent in info.foreign_keys.items():
            wanted = sorted({r[column] for r in rows if r.get(column) is not None})
            table = TABLES[parent].model.__table__
            found = present.setdefault(parent, set())
            for chunk in _chunks(wanted):
                found.update(self.session.execute(
                    select(table.c.id).where(table.c.id.in_(chunk))).scalars())
        return present

    def _redirects(self, info: TableInfo, rows: Sequence[dict[str, Any]]) -> set[str]:
        """People these rows point to who were merged into someone else."""
        wanted = sorted({r[c] for r in rows for c, parent in info.foreign_keys.items()
                         if parent == "people" and r.get(c) is not None})
        return self._merged_among(wanted)

    def _merged_among(self, person_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(person_ids)):
            found.update(self.session.execute(
                select(Person.id).where(Person.id.in_(chunk),
                                        Person.merged_into_id.is_not(None))).scalars())
        return found

    def _with_aliases_among(self, person_ids: Sequence[str]) -> set[str]:
        """Which of these people have records merged into them (batched)."""
        found: set[str] = set()
        for chunk in _chunks(list(person_ids)):
            found.update(
                r for r in self.session.execute(
                    select(Person.merged_into_id).where(Person.merged_into_id.in_(chunk))
                ).scalars() if r is not None
            )
        return found

    @staticmethod
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


def _personal_sql() -> str:
    return ", ".join(f"'{name}'" for name in sorted(PERSONAL_FIELDS))
