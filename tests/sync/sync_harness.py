"""Replicas on real database files, an exchange between them, and the reference model.

The reference model is deliberately separate from sync.merge: a few lines that say
what the state must be for a *set* of operations. The engine must agree with it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from saypro_desktop.db.changelog import change_log
from saypro_desktop.db.engine import Database
from saypro_desktop.db.migrate import open_database
from saypro_desktop.db.models import PeerAck
from saypro_desktop.services.sync import apply_operations, device_knowledge
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.sync.log import knowledge, operations_since
from saypro_desktop.sync.operations import (
    CONTROL_FIELDS,
    DELETED_FIELD,
    ERASED_FIELD,
    MERGED_FIELD,
    Operation,
)

PERSONAL = {"first_name", "last_name", "city", "email", "phone", "notes"}


def make_template(folder: Path) -> Path:
    template = folder / "template.sqlite3"
    open_database(template).dispose()
    return template


def new_replica(template: Path, path: Path) -> Database:
    shutil.copy(template, path)
    return open_workspace(path)


def device_id(db: Database) -> str:
    return next(iter(_setting(db, "device_id")))


def _setting(db: Database, key: str) -> Iterable[str]:
    from saypro_desktop.db.models import LocalSetting

    with db.reading() as session:
        row = session.get(LocalSetting, key)
        return [row.value] if row else []


def export_ops(src: Database, dst: Database | None, *, full: bool) -> list[Operation]:
    """What src would put in a bundle for dst: everything, or what dst has not acknowledged."""
    with src.reading() as session:
        acked = None
        if not full and dst is not None:
            peer = device_id(dst)
            acked = {
                origin: seq for origin, seq in session.execute(
                    select(PeerAck.origin_id, PeerAck.contiguous_seq)
                    .where(PeerAck.peer_id == peer)
                )
            }
        return list(operations_since(session, acked))


def exchange(src: Database, dst: Database, *, full: bool = False) -> None:
    ops = export_ops(src, dst, full=full)
    with src.reading() as session:
        knows = knowledge(session)
    apply_operations(dst, ops, sender_id=device_id(src), sender_knows=knows)


def all_ops(db: Database) -> set[Operation]:
    with db.reading() as session:
        return set(operations_since(session, None))


def people_state(db: Database) -> dict[str, dict[str, Any]]:
    """The people table as the user sees it (including deleted and erased markers)."""
    import sqlite3

    con = sqlite3.connect(db.path)
    try:
        rows = con.execute(
            "SELECT id, first_name, last_name, city, email, deleted_at IS NOT NULL,"
            " erased_at IS NOT NULL FROM people"
        ).fetchall()
        live = con.execute(  # the conflict inbox, as the engine keeps it
            "SELECT row_id, field FROM open_conflicts WHERE table_name = 'people'"
            " AND field != '_deleted'"
        ).fetchall()
    finally:
        con.close()
    conflicted: dict[str, list[str]] = {}
    for row_id, name in live:
        conflicted.setdefault(row_id, []).append(name)
    return {
        r[0]: {"first_name": r[1], "last_name": r[2], "city": r[3], "email": r[4],
               "deleted": bool(r[5]), "erased": bool(r[6]),
               "conflicted": sorted(conflicted.get(r[0], []))}
        for r in rows
    }


@dataclass(frozen=True)
class _Key:
    """A replacement names an operation on the same table and field (any row: merges)."""

    op_id: str
    table: str
    field: str


def reference_people(ops: Iterable[Operation]) -> dict[str, dict[str, Any]]:
    """The people every device must show, computed straight from the rules in SYNC.md."""
    ops = [o for o in ops if o.table == "people"]
    replaced = {_Key(p, o.table, o.field) for o in ops for p in o.pred}
    rows: dict[str, list[Operation]] = {}
    for op in ops:
        rows.setdefault(op.row_id, []).append(op)
    live = {
        row_id: [o for o in row_ops if _Key(o.op_id, o.table, o.field) not in replaced]
        for row_id, row_ops in rows.items()
    }

    def newest(candidates: Iterable[Operation]) -> Operation | None:
        return max(candidates, key=lambda o: (o.stamp, o.seq), default=None)

    exists = {r for r, ops_ in live.items() if any(o.field == "created_at" for o in ops_)}
    merge_op = {r: newest(o for o in ops_ if o.field == MERGED_FIELD) for r, ops_ in live.items()}
    redirect = {r: m.value for r, m in merge_op.items()
                if m is not None and isinstance(m.value, str) and m.value in exists}
    # Operations still aimed at a merged-away record (its merge had not seen them) count
    # for the record it was merged into, and for that one's survivor in turn.
    counted = {r: list(ops_) for r, ops_ in live.items()}
    for row_id, target in redirect.items():
        merge = merge_op[row_id]
        assert merge is not None
        seen, visited = set(merge.pred), {row_id}
        while target in redirect and target not in visited:
            visited.add(target)
            target = redirect[target]
        counted.setdefault(target, []).extend(
            o for o in live[row_id]
            if o.field not in CONTROL_FIELDS and o.field != "created_at" and o.op_id not in seen
        )

    expected: dict[str, dict[str, Any]] = {}
    for row_id in exists:
        winners: dict[str, Operation] = {}
        for op in counted.get(row_id, []):
            best = winners.get(op.field)
            if best is None or (op.stamp, op.seq) > (best.stamp, best.seq):
                winners[op.field] = op
        erased = any(o.field == ERASED_FIELD and o.value for o in rows[row_id])
        delete = winners.get(DELETED_FIELD)
        deleted = bool(delete and delete.value) and all(
            o.op_id in delete.pred for o in counted[row_id] if o.field not in CONTROL_FIELDS
        ) if delete else False
        state = {name: (winners[name].value if name in winners else None)
                 for name in ("first_name", "last_name", "city", "email")}
        if erased:
            state = dict.fromkeys(state)
        counts: dict[str, int] = {}
        for op in counted[row_id]:
            if op.field not in CONTROL_FIELDS:
                counts[op.field] = counts.get(op.field, 0) + 1
        conflicted = sorted(name for name, n in counts.items() if n > 1)
        merged = row_id in redirect
        expected[row_id] = {**state, "deleted": deleted or erased or merged, "erased": erased,
                            "conflicted": conflicted}
    return expected


def personal_values_in_log(db: Database, row_id: str) -> list[str]:
    with db.reading() as session:
        return list(
            session.execute(
                select(change_log.c.value).where(change_log.c.row_id == row_id,
                                           change_log.c.field.in_(sorted(PERSONAL)),
                                           change_log.c.value != "null")
            ).scalars()
        )


__all__ = ["device_knowledge"]


def knowledge_of(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return knowledge(session)
