"""Per-operation authorship: every change is signed by the device that made it.

A bundle's own signature says who *sent* it; that is not enough once bundles are relayed
(a laptop passes on what it got from the office) -- the sender could then speak for any
device. So each device also signs its *own* operations, in batches:

- A batch covers one device's operations ``first..last`` (consecutive sequence numbers).
  Its root is SHA-256 over the operations' leaf hashes in order; the signed message
  names the coalition, the device, the range, the root and ``prev``, the digest of the
  device's previous batch (zeros for the first). The batches of one device form a hash
  chain: a batch the receiver holds pins every earlier one, and two different batches
  over the same numbers (a fork, made with a stolen key) cannot both be accepted.
- A leaf hashes the operation's fields and its value; for a person's personal fields,
  instead of the value, SHA-256(nonce || value) with a random 16-byte nonce that
  travels with the operation (its *seal*). When an erasure scrubs the value, the seal
  becomes that digest, so the batch stays checkable while the erased value -- and any way
  to confirm a guess of it -- is gone from every device.
- Batches are signed when a device exports, over everything it made since its last
  batch, and exports always send whole batches, so every relayed operation reaches the
  next device with its author's signature.

``check_authorship`` is the importer's rule: each operation must be covered by a batch
its author signed (with the key the office-signed roster lists), must not fall at or
after the author's revocation point, must continue the author's chain without a fork,
and must not be stamped more than ``MAX_SKEW_MS`` ahead of the receiver's clock (those
wait: they are not applied, and apply from a later bundle once the clock has caught up).
Operations from before this scheme carry no batch; only the office may pass them on.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from saypro_desktop.sync.clock import MAX_DRIFT_MS
from saypro_desktop.sync.keys import DeviceKeys, verify_signature
from saypro_desktop.sync.keys.roster import Roster
from saypro_desktop.sync.operations import (
    PERSONAL_FIELDS,
    PERSONAL_TABLE,
    Operation,
    encode_value,
)

NONCE_BYTES = 16
COMMITMENT_BYTES = 32
FIRST_PREV = bytes(32)
#: A remote stamp further ahead of this computer's clock than this is not applied.
MAX_SKEW_MS = MAX_DRIFT_MS
_MESSAGE_TAG = b"SayPro operations v1\x00"
_sha256 = hashlib.sha256


def is_sealed(table: str, field_name: str) -> bool:
    """Operations whose value an erasure may scrub carry a seal (nonce or commitment)."""
    return table == PERSONAL_TABLE and field_name in PERSONAL_FIELDS


def commitment(value_text: str, nonce: bytes) -> bytes:
    """What a sealed value is replaced by when it is erased."""
    return _sha256(nonce + value_text.encode("utf-8")).digest()


def leaf(device: str, seq: int, stamp: str, table: str, row_id: str, field_name: str,
         pred: Sequence[str], value_text: str, seal: bytes) -> bytes:
    """The hash one operation contributes to its batch (every field validated ASCII-safe,
    so the unit separator cannot occur inside one)."""
    meta = "\x1f".join((device, str(seq), stamp, table, row_id, field_name, ",".join(pred)))
    if not seal:  # not a personal value: hashed as it is (one hash, the common case)
        return _sha256(f"{meta}\x00{value_text}".encode()).digest()
    digest = seal if len(seal) == COMMITMENT_BYTES else commitment(value_text, seal)
    return _sha256(meta.encode("ascii") + b"\x01" + digest).digest()


def op_leaf(op: Operation, seal: bytes) -> bytes:
    return leaf(op.device_id, op.seq, op.stamp, op.table, op.row_id, op.field, op.pred,
                encode_value(op.value), seal)


def root_of(leaves: Iterable[bytes]) -> bytes:
    return _sha256(b"".join(leaves)).digest()


@dataclass(frozen=True, slots=True)
class Batch:
    """One device's signature over its operations ``first..last``.

    ``signer`` is the device whose key signed it: the author itself, or -- only for an
    id that is on no roster -- the device that id was before it joined the coalition.
    """

    device: str
    first: int
    last: int
    prev: bytes
    root: bytes
    signature: bytes
    signer: str = ""

    @property
    def signed_by(self) -> str:
        return self.signer or self.device

    def message(self, coalition_id: str) -> bytes:
        body = json.dumps([coalition_id, self.device, self.signed_by, self.first, self.last,
                           self.prev.hex(), self.root.hex()], separators=(",", ":"))
        return _MESSAGE_TAG + body.encode("ascii")

    def digest(self, coalition_id: str) -> bytes:
        """What the device's next batch names as ``prev``."""
        return _sha256(self.message(coalition_id)).digest()


def sign_batch(keys: DeviceKeys, coalition_id: str, device: str, first: int, last: int,
               prev: bytes, root: bytes, signer: str = "") -> Batch:
    unsigned = Batch(device, first, last, prev, root, b"", "" if signer == device else signer)
    return replace(unsigned, signature=keys.sign(unsigned.message(coalition_id)))


# --- the importer's rule ------------------------------------------------------------------


@dataclass
class Verdict:
    """Which operations of a bundle may be applied, and what was refused or held, said in
    sentences naming the device."""

    accepted: list[int] = field(default_factory=list)  # indexes into the bundle's operations
    batches: list[Batch] = field(default_factory=list)  # new batches to keep
    refused: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    refused_ops: int = 0
    held_ops: int = 0


def stamp_wall_ms(stamp: str) -> int:
    return int(stamp[:13])


def format_stamp(stamp: str) -> str:
    ms = stamp_wall_ms(stamp)
    try:
        return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return stamp[:13]


def check_authorship(
    ops: Sequence[Operation],
    seals: Sequence[bytes],
    batches: Sequence[Batch],
    *,
    coalition_id: str,
    roster: Roster,
    sender_id: str,
    held: Mapping[str, Sequence[Batch]],
    now_ms: int,
    max_skew_ms: int = MAX_SKEW_MS,
) -> Verdict:
    """Decide, operation by operation, what a (signature-checked) bundle may apply.

    ``held`` lists, per device, the batches this device already keeps (for forks and the
    chain). Pure: no database, so the rule is tested on its own and used by the import.
    """
    verdict = Verdict()
    index: dict[str, dict[int, int]] = defaultdict(dict)
    for i, op in enumerate(ops):
        index[op.device_id][op.seq] = i
    covered: set[int] = set()
    names = {e.device_id: e.name for e in roster}

    def name(device: str) -> str:
        return names.get(device, f"device {device[:8]}")

    def refuse(device: str, count: int, why: str) -> None:
        verdict.refused.append(f"refused {count} change(s) said to be from {name(device)}: {why}")
        verdict.refused_ops += count

    held_by_device = {d: sorted(bs, key=lambda b: b.first) for d, bs in held.items()}
    accepted_here: dict[str, list[Batch]] = defaultdict(list)
    for batch in sorted(batches, key=lambda b: (b.device, b.first)):
        device = batch.device
        span = batch.last - batch.first + 1
        positions = index.get(device, {})
        members = ([positions.get(s) for s in range(batch.first, batch.last + 1)]
                   if 0 < span <= len(positions) else [None])
        found = [i for i in members if i is not None]
        covered.update(found)
        if len(found) != len(members):
            refuse(device, len(found), "their signed batch arrived incomplete")
            continue
        root = root_of(op_leaf(ops[i], seals[i]) for i in found)
        why = _batch_problem(batch, [ops[i] for i in found], [seals[i] for i in found], root,
                             coalition_id, roster, held_by_device.get(device, []),
                             accepted_here[device])
        if why is not None:
            refuse(device, len(found), why)
            continue
        newest = max(ops[i].stamp for i in found)
        if stamp_wall_ms(newest) > now_ms + max_skew_ms:
            verdict.held.append(
                f"{len(found)} change(s) from {name(device)} are stamped {format_stamp(newest)},"
                " more than a day ahead of this computer's clock: they wait until the clock"
                f" reaches them (check the date on {name(device)})")
            verdict.held_ops += len(found)
            continue
        resolved = replace(batch, root=root)
        accepted_here[device].append(resolved)
        if not any(h.first == batch.first for h in held_by_device.get(device, [])):
            verdict.batches.append(resolved)
        verdict.accepted.extend(found)
    _legacy(ops, covered, roster, sender_id, now_ms + max_skew_ms, verdict, refuse, name)
    verdict.accepted.sort()
    return verdict


def _batch_problem(batch: Batch, ops: Sequence[Operation], seals: Sequence[bytes], root: bytes,
                   coalition_id: str, roster: Roster, held: Sequence[Batch],
                   earlier_here: Sequence[Batch]) -> str | None:
    """Why a batch cannot be trusted, or None."""
    author = roster.get(batch.device)
    signer = roster.get(batch.signed_by)
    if batch.signer and batch.signer != batch.device and author is not None:
        return "another device signed them"
    if signer is None:
        return "that device is not on this coalition's device list"
    if signer.refuses(batch.last) if author is not None else signer.revoked:
        return "they were made after the device was revoked"
    for seal, op in zip(seals, ops, strict=True):
        sealed = len(seal) in (NONCE_BYTES, COMMITMENT_BYTES)
        if seal and not sealed:
            return "a change carries a malformed seal"
        if seal and not is_sealed(op.table, op.field):
            return "a change carries a seal it cannot have"
        if len(seal) == COMMITMENT_BYTES and op.value is not None:
            return "an erased change still carries a value"
    same = next((h for h in held if h.first == batch.first), None)
    if same is not None:
        if same.last == batch.last and same.root == root and same.prev == batch.prev:
            return None  # the very batch already checked and kept here
        return "they contradict changes of that device already held here (a forged copy)"
    if any(h.first <= batch.last and batch.first <= h.last for h in held):
        return "they contradict changes of that device already held here (a forged copy)"
    resolved = replace(batch, root=root)
    if not verify_signature(signer.keys.signing, batch.signature, resolved.message(coalition_id)):
        return "their signature does not match that device's key"
    before = next((h for h in [*held, *earlier_here] if h.last == batch.first - 1), None)
    if batch.first == 1 and batch.prev != FIRST_PREV:
        return "their signed history does not start where it should"
    if before is not None and before.digest(coalition_id) != batch.prev:
        return "their signed history does not continue the one held here (a forged copy)"
    after = next((h for h in held if h.first == batch.last + 1), None)
    if after is not None and after.prev != resolved.digest(coalition_id):
        return "their signed history does not lead to the one held here (a forged copy)"
    return None


def _legacy(ops: Sequence[Operation], covered: set[int], roster: Roster, sender_id: str,
            ceiling_ms: int, verdict: Verdict, refuse: Callable[[str, int, str], None],
            name: Callable[[str], str]) -> None:
    """Operations with no batch were made before changes carried their author's signature.
    Only the office passes them on (it is trusted with the device list anyway)."""
    sender = roster.get(sender_id)
    from_office = sender is not None and sender.role == "office"
    loose: dict[str, list[int]] = defaultdict(list)
    for i in range(len(ops)):
        if i not in covered:
            loose[ops[i].device_id].append(i)
    for device, members in sorted(loose.items()):
        entry = roster.get(device)
        if not from_office:
            refuse(device, len(members), "they carry no signature of that device")
            continue
        if entry is not None and entry.revoked:
            members_ok = [i for i in members if not entry.refuses(ops[i].seq)]
            if len(members_ok) < len(members):
                refuse(device, len(members) - len(members_ok),
                       "they were made after the device was revoked")
            members = members_ok
        future = [i for i in members if stamp_wall_ms(ops[i].stamp) > ceiling_ms]
        if future:
            newest = max(ops[i].stamp for i in future)
            verdict.held.append(
                f"{len(future)} change(s) from {name(device)} are stamped"
                f" {format_stamp(newest)}, more than a day ahead of this computer's clock:"
                " they wait until the clock reaches them")
            verdict.held_ops += len(future)
        verdict.accepted.extend(i for i in members if stamp_wall_ms(ops[i].stamp) <= ceiling_ms)
