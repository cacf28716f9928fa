"""Reading the change log for the merge engine, with merged people folded in: the
operations held for rows, the live ones a new write replaces, and the redirects from a
merged-away person's record to the one that stands for them now (whose rows also
receive the changes still aimed at the records merged into it)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from saypro_desktop.db import changelog
from saypro_desktop.db.engine import raw_rows
from saypro_desktop.db.models import Change, Person
from saypro_desktop.sync.merge.rows import HeldOp
from saypro_desktop.sync.merge.tables import chunks
from saypro_desktop.sync.operations import CONTROL_FIELDS, MERGED_FIELD, decode_values


class LogReader:
    """The read side of the merge engine (``MergeEngine`` builds on it)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._survivors: dict[str, str] = {}
        # While an import is applied: the operations of rows it brings that had none
        # here before, as held, by table and row (so they are not read back).
        self._in_memory: dict[str, dict[str, list[HeldOp]]] = {}

    # -- reading the log -----------------------------------------------------------------
    def held_ops(self, table: str, row_ids: Sequence[str]) -> dict[str, list[HeldOp]]:
        """Every operation held for these rows, grouped by row (read on the raw cursor: an
        import re-reads hundreds of thousands of them)."""
        grouped: dict[str, list[HeldOp]] = defaultdict(list)
        memory = self._in_memory.get(table)
        if memory:
            grouped.update((r, memory[r]) for r in row_ids if r in memory)
            row_ids = [r for r in row_ids if r not in memory]
        loads = json.loads
        names = changelog.names(self.session)
        table_no = names.find(table)
        row_text = changelog.row_text
        for chunk in chunks(list(row_ids)):
            rows = raw_rows(
                self.session,
                select(Change.row_key, Change.device_no, Change.seq, Change.wall, Change.counter,
                       Change.clock_no, Change.field_no, Change.value, Change.pred, Change.live)
                .where(Change.table_no == table_no,
                       Change.row_key.in_(changelog.row_keys(chunk))),
            )
            values = decode_values(row[7] for row in rows)
            last_key: bytes | str = b""
            last_stamp: tuple[int, int, int, int | None] = (0, 0, 0, None)
            ops: list[HeldOp] = []
            stamp = ""
            for (key, device, seq, wall, counter, clock, fld, _, pred, live), value in zip(
                    rows, values, strict=True):
                if key != last_key:  # a row's operations come together (the index order)
                    last_key, ops = key, grouped[row_text(key)]
                if (device, wall, counter, clock) != last_stamp:
                    last_stamp = (device, wall, counter, clock)
                    stamp = names.stamp(device, wall, counter, clock)
                ops.append(HeldOp(names.name(device), seq, stamp, names.name(fld), value,
                                  tuple(loads(pred)) if pred is not None else (), bool(live)))
        return grouped

    def rows_with_history(self, table: str, row_ids: Sequence[str]) -> set[str]:
        """Which of these rows have an operation in the log (one indexed lookup each)."""
        table_no = changelog.names(self.session).find(table)
        found: set[str] = set()
        for chunk in chunks(list(row_ids)):
            found.update(self.session.execute(
                select(Change.row_key).where(Change.table_no == table_no,
                                             Change.row_key.in_(chunk)).distinct()
            ).scalars())
        return found

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

    def _merged_among(self, person_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(person_ids)):
            found.update(self.session.execute(
                select(Person.id).where(Person.id.in_(chunk),
                                        Person.merged_into_id.is_not(None))).scalars())
        return found

    def _with_aliases_among(self, person_ids: Sequence[str]) -> set[str]:
        """Which of these people have records merged into them (batched)."""
        found: set[str] = set()
        for chunk in chunks(list(person_ids)):
            found.update(
                r for r in self.session.execute(
                    select(Person.merged_into_id).where(Person.merged_into_id.in_(chunk))
                ).scalars() if r is not None
            )
        return found
