"""Deriving stored rows from the change log: each touched row is recomputed from its
operations, parents before children; a row without its creation or its parents waits in
``pending_rows``; rows naming a merged-away person are re-pointed at the survivor; and
the conflict inbox is refreshed for every row derived."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, delete, insert, select

from saypro_desktop.db.engine import column_binders, raw_executemany
from saypro_desktop.db.models import OpenConflict, PendingRow, Person
from saypro_desktop.sync.merge.reading import LogReader
from saypro_desktop.sync.merge.rows import HeldOp, deletion_overruled, derive_row
from saypro_desktop.sync.merge.tables import (
    ORDERED_TABLES,
    TABLES,
    TableInfo,
    chunks,
    table_of,
)
from saypro_desktop.sync.operations import CONTROL_FIELDS, DELETED_FIELD, MERGED_FIELD


class Derivation(LogReader):
    """Re-deriving rows from the log (``MergeEngine`` builds on it)."""

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
        derived = {r: derive_row(info, r, held.get(r, [])) for r in row_ids}
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
                for chunk in chunks(merged):
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
        for chunk in chunks(row_ids):
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
            for chunk in chunks(wanted):
                found.update(self.session.execute(
                    select(table.c.id).where(table.c.id.in_(chunk))).scalars())
        return present

    def _redirects(self, info: TableInfo, rows: Sequence[dict[str, Any]]) -> set[str]:
        """People these rows point to who were merged into someone else."""
        wanted = sorted({r[c] for r in rows for c, parent in info.foreign_keys.items()
                         if parent == "people" and r.get(c) is not None})
        return self._merged_among(wanted)
