"""What a coalition member who turned hostile (or a thief holding a stolen laptop) can put in
a bundle that still carries a valid sender signature: forged authorship, tampered relays,
unsigned changes, far-future stamps. Used by the trust tests and the adversarial property
test; every bundle here is sealed with real keys exactly as the app seals its own."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from saypro_desktop.db.engine import Database
from saypro_desktop.db.migrate import SCHEMA_HEAD
from saypro_desktop.services.sync_devices import load_identity
from saypro_desktop.sync.authorship import (
    FIRST_PREV,
    NONCE_BYTES,
    Batch,
    is_sealed,
    op_leaf,
    root_of,
    sign_batch,
)
from saypro_desktop.sync.bundle import OperationColumns, write_bundle, write_bundle_file
from saypro_desktop.sync.keys import DeviceKeys
from saypro_desktop.sync.log import export_since
from saypro_desktop.sync.operations import Operation

YEAR_MS = 365 * 24 * 3600 * 1000


def stamp(wall_ms: int, device: str, counter: int = 0) -> str:
    return f"{wall_ms:013d}.{counter:06d}.{device}"


def seal_for(op: Operation) -> bytes:
    return bytes(range(NONCE_BYTES)) if is_sealed(op.table, op.field) else b""


def signed_batch(keys: DeviceKeys, coalition_id: str, ops: Sequence[Operation],
                 seals: Sequence[bytes], *, prev: bytes = FIRST_PREV,
                 device: str | None = None) -> Batch:
    """A batch over ``ops`` (one device, consecutive numbers) signed with ``keys`` -- the
    author's own keys for an honest batch, someone else's for a forgery."""
    author = device or ops[0].device_id
    root = root_of(op_leaf(op, seal) for op, seal in zip(ops, seals, strict=True))
    return sign_batch(keys, coalition_id, author, ops[0].seq, ops[-1].seq, prev, root)


def send_crafted(sender: Database, path: Path, ops: Sequence[Operation],
                 seals: Sequence[bytes] | None = None, batches: Sequence[Batch] = ()) -> Path:
    """A bundle from ``sender`` (validly signed by it) carrying whatever it likes inside."""
    me = load_identity(sender)
    cols = OperationColumns.of(list(ops))
    cols = OperationColumns(cols.device_ids, cols.seqs, cols.stamps, cols.tables, cols.row_ids,
                            cols.fields, cols.values, cols.preds,
                            list(seals) if seals is not None else None)
    recipients = {d: k for d, k in me.roster.recipients().items() if d != me.device_id}
    data = write_bundle(cols, sender=me.keys, sender_id=me.device_id,
                        coalition_id=me.coalition_id, recipients=recipients,
                        schema_version=SCHEMA_HEAD, roster=me.signed_roster, batches=batches)
    write_bundle_file(path, data)
    return path


def held_export(db: Database) -> tuple[list[Operation], list[bytes], list[Batch]]:
    """Everything ``db`` holds, as it would export it: operations, seals, batches."""
    with db.reading() as session:
        interned, batches = export_since(session, None)
    cols = interned.columns()
    ops = [Operation(*f) for f in zip(cols.device_ids, cols.seqs, cols.stamps, cols.tables,
                                      cols.row_ids, cols.fields, cols.values, cols.preds,
                                      strict=True)]
    return ops, list(cols.seals or [b""] * len(ops)), batches
