"""The database side of authorship (sync.authorship): signing this device's own changes,
keeping the batches and seals that arrive, and reading them back for an export."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saypro_desktop.db import changelog
from saypro_desktop.db.engine import raw_executemany, raw_rows
from saypro_desktop.db.models import Change, OpBatch, OpSeal
from saypro_desktop.sync.authorship import (
    FIRST_PREV,
    NONCE_BYTES,
    Batch,
    is_sealed,
    leaf,
    root_of,
    sign_batch,
)
from saypro_desktop.sync.keys import DeviceKeys


def _batch(row: OpBatch) -> Batch:
    return Batch(row.device_id, row.first_seq, row.last_seq, row.prev, row.root, row.signature,
                 row.signer)


def batches_of(session: Session, devices: Iterable[str]) -> dict[str, list[Batch]]:
    """Every batch held for these devices (a few per export each: small)."""
    found: dict[str, list[Batch]] = {}
    for device in sorted(set(devices)):
        rows = session.execute(
            select(OpBatch).where(OpBatch.device_id == device).order_by(OpBatch.first_seq)
        ).scalars()
        found[device] = [_batch(r) for r in rows]
    return found


def batches_after(session: Session, device: str, after: int) -> list[Batch]:
    rows = session.execute(
        select(OpBatch).where(OpBatch.device_id == device, OpBatch.last_seq > after)
        .order_by(OpBatch.first_seq)
    ).scalars()
    return [_batch(r) for r in rows]


def batch_start(session: Session, device: str, seq: int) -> int | None:
    """The first sequence number of the batch holding ``device``'s change ``seq``, if any."""
    return session.execute(
        select(OpBatch.first_seq).where(OpBatch.device_id == device, OpBatch.first_seq <= seq,
                                        OpBatch.last_seq >= seq)
    ).scalar()


def seals_after(session: Session, device: str, after: int) -> dict[int, bytes]:
    return dict(raw_rows(session, select(OpSeal.seq, OpSeal.seal)
                         .where(OpSeal.device_id == device, OpSeal.seq > after)))


def store_batches(session: Session, batches: Sequence[Batch]) -> None:
    raw_executemany(
        session,
        "INSERT OR IGNORE INTO op_batches (device_id, first_seq, last_seq, prev, root,"
        " signature, signer) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(b.device, b.first, b.last, b.prev, b.root, b.signature, b.signer) for b in batches],
    )


def store_seals(session: Session, seals: Mapping[tuple[str, int], bytes]) -> None:
    raw_executemany(
        session,
        "INSERT OR REPLACE INTO op_seals (device_id, seq, seal) VALUES (?, ?, ?)",
        [(device, seq, seal) for (device, seq), seal in seals.items()],
    )


def sign_own_operations(session: Session, keys: DeviceKeys, coalition_id: str, me: str,
                        former: Sequence[str] = ()) -> list[Batch]:
    """Sign, in one new batch per identity, every change this device made since its last
    batch: ``me`` and the ids this database wrote under before it joined (``former``).

    Changes get their seal (a fresh nonce) here if they need one and have none yet.
    """
    made: list[Batch] = []
    for device in (me, *former):
        last = session.execute(
            select(OpBatch).where(OpBatch.device_id == device)
            .order_by(OpBatch.first_seq.desc()).limit(1)
        ).scalar()
        start = last.last_seq + 1 if last is not None else 1
        names = changelog.names(session)
        top = session.execute(
            select(func.max(Change.seq)).where(Change.device_no == names.find(device))
        ).scalar()
        if top is None or top < start:
            continue
        rows = names.text_since(device, start - 1)
        contiguous = []
        for expected, row in enumerate(rows, start):
            if row[0] != expected:
                break  # a gap (changes of a former id still to arrive): sign up to it
            contiguous.append(row)
        if not contiguous:
            continue
        seals = seals_after(session, device, start - 1)
        fresh: dict[tuple[str, int], bytes] = {}
        leaves = []
        randomness = os.urandom(NONCE_BYTES * len(contiguous))  # one call, not one per change
        for index, (seq, stamp, table, row_id, name, value, pred) in enumerate(contiguous):
            seal = seals.get(seq, b"")
            if not seal and is_sealed(table, name):
                seal = randomness[index * NONCE_BYTES : (index + 1) * NONCE_BYTES]
                fresh[(device, seq)] = seal
            preds = _loads_pred(pred)
            leaves.append(leaf(device, seq, stamp, table, row_id, name, preds, value, seal))
        store_seals(session, fresh)
        prev = _batch(last).digest(coalition_id) if last is not None else FIRST_PREV
        batch = sign_batch(keys, coalition_id, device, start, contiguous[-1][0], prev,
                           root_of(leaves), signer=me)
        store_batches(session, [batch])
        made.append(batch)
    return made


def _loads_pred(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text != "[]" else ()
