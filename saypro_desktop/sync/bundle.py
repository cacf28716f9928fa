"""Sync bundle files: one signed, encrypted, compressed file of operations.

Laptops sync with the office by carrying these files on USB sticks and by email,
so the reader treats every byte as hostile: it checks cheap things first, caps
every length before allocating, verifies the sender's signature before
decrypting, decompresses with a hard cap, validates every operation against an
allow-list, and raises nothing but :class:`~saypro_desktop.sync.errors.BundleError`
subclasses whatever the input. It is one flat file, not a zip, so there are no
paths to escape and no archive bombs.

Layout (integers big-endian)::

    magic        8 bytes   b"SAYPROB\\0"
    version      u16       FORMAT_VERSION
    header_len   u32       length of the header JSON
    header       canonical JSON (sorted keys, no spaces, ASCII), see BundleHeader
    signature    64 bytes  Ed25519 by the sender over magic|version|header_len|header
    body         ChaCha20-Poly1305(enc_key, nonce=0, zlib(content), aad=magic..header)

The body's 32-byte secret is random per bundle and wrapped for each recipient:
X25519(ephemeral, recipient) -> HKDF-SHA256 -> ChaCha20-Poly1305 (48 bytes each,
listed in the header). ``content_digest`` is HMAC-SHA256 of the decompressed
content under a key derived from that secret: it binds the content to the
sender's signature (a recipient knows the secret and could otherwise re-encrypt
other content under the same signed header) without revealing anything about
the content to an outsider holding only the file.

Content is columnar JSON: strings (device ids, tables, fields, row ids) are
interned once and operations refer to them by index; sequence numbers and clock
walls are delta-encoded. With zlib this is ~5 bytes per typical field change.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import operator
import os
import re
import struct
import tempfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate, chain
from pathlib import Path
from typing import Any, NoReturn

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from saypro_desktop.domain.ids import new_id
from saypro_desktop.sync.errors import (
    BadSignatureError,
    BundleError,
    BundleFromNewerVersionError,
    BundleTooLargeError,
    BundleUnreadableError,
    CorruptBundleError,
    InvalidOperationError,
    NotABundleError,
    NotARecipientError,
    RevokedSenderError,
    TruncatedBundleError,
    UnknownSenderError,
    UnsupportedBundleVersionError,
    WrongCoalitionError,
)
from saypro_desktop.sync.keys import (
    DEVICE_ID_RE,
    SIGNATURE_BYTES,
    DeviceKeys,
    Roster,
    canonical_json,
    format_time,
    key_from_b64,
    key_to_b64,
    parse_time,
    strict_json_loads,
    utc_now,
    verify_signature,
)
from saypro_desktop.sync.operations import JSONScalar, Operation, op_id

MAGIC = b"SAYPROB\x00"
FORMAT_VERSION = 1
FILE_SUFFIX = ".sayprobundle"
_PREFIX = struct.Struct(">8sHI")  # magic, version, header length
_ZERO_NONCE = bytes(12)  # every key is used for exactly one message, so a fixed nonce is safe
_TAG_BYTES = 16
_WRAPPED_KEY_BYTES = 32 + _TAG_BYTES
_ZLIB_LEVEL = 6  # level 9 is ~3x slower for ~2% smaller files

# The canonical text of a UUID (what str(uuid.UUID(...)) gives): one spelling per row id.
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)
NAME_RE = re.compile(r"[a-z_][a-z0-9_]{0,63}", re.ASCII)
_SCHEMA_VERSION_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}", re.ASCII)
_HEX64_RE = re.compile(r"[0-9a-f]{64}", re.ASCII)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_WALL_LIMIT, _COUNTER_LIMIT = 10**13, 10**6  # the clock's fixed-width text form
MAX_PRED = 4096  # replaced operations per operation: one per device at most, in practice
_SCALAR_TYPES = frozenset({type(None), bool, int, float, str})
_STAMP_RE = re.compile(rf"(\d{{13}})\.(\d{{6}})\.({DEVICE_ID_RE.pattern})", re.ASCII)


@dataclass(frozen=True, slots=True)
class BundleLimits:
    """Hard caps that keep a hostile file from costing more than a legitimate one could.

    Sized for a full export of a large coalition (a million field changes is ~50 MB of
    content); tests pass smaller limits to exercise the refusals cheaply.
    """

    max_bundle_bytes: int = 128 * 1024 * 1024
    max_header_bytes: int = 1024 * 1024
    max_content_bytes: int = 256 * 1024 * 1024
    max_ops: int = 4_000_000
    max_value_bytes: int = 1024 * 1024
    max_recipients: int = 4096
    max_ranges: int = 4096


DEFAULT_LIMITS = BundleLimits()


@dataclass(frozen=True, slots=True, order=True)
class SeqRange:
    """The lowest and highest sequence number of one device's operations in the bundle."""

    device: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class BundleHeader:
    """The bundle's signed manifest; readable without keys (for "already imported?" and
    for showing what a file is), but trustworthy only once :func:`open_bundle` returns it."""

    format_version: int
    bundle_id: str
    coalition_id: str
    sender: str
    created_at: datetime
    schema_version: str
    ranges: tuple[SeqRange, ...]
    op_count: int
    content_length: int  # bytes of decompressed content
    content_digest: str  # hex HMAC-SHA256 of the content, keyed from the bundle secret
    body_length: int  # bytes of encrypted body
    ephemeral_key: bytes  # X25519 public key the recipients' wraps were made with
    recipients: tuple[tuple[str, bytes], ...]  # (device id, wrapped bundle secret)
    # What the sender holds of each device's changes (highest sequence with no gap below):
    # the receiver stops resending those, so a lost bundle heals on the next one.
    knows: tuple[tuple[str, int], ...] = ()
    # The newest office-signed roster the sender holds (empty if none): how laptops learn
    # of new devices and revocations.
    roster: bytes = b""

    @property
    def recipient_ids(self) -> tuple[str, ...]:
        return tuple(device for device, _ in self.recipients)

    def to_json(self) -> dict[str, object]:
        return {
            "bundle_id": self.bundle_id,
            "coalition_id": self.coalition_id,
            "sender": self.sender,
            "created_at": format_time(self.created_at),
            "schema_version": self.schema_version,
            "ranges": [{"device": r.device, "first": r.first, "last": r.last} for r in self.ranges],
            "op_count": self.op_count,
            "content_length": self.content_length,
            "content_digest": self.content_digest,
            "body_length": self.body_length,
            "ephemeral_key": key_to_b64(self.ephemeral_key),
            "recipients": [
                {"device": device, "key": base64.b64encode(wrapped).decode("ascii")}
                for device, wrapped in self.recipients
            ],
            "knows": [{"device": device, "seq": seq} for device, seq in self.knows],
            "roster": base64.b64encode(self.roster).decode("ascii"),
        }


# --- writing ------------------------------------------------------------------------------


def write_bundle(
    ops: Sequence[Operation] | OperationColumns,
    *,
    sender: DeviceKeys,
    sender_id: str,
    coalition_id: str,
    recipients: Mapping[str, bytes],
    schema_version: str,
    bundle_id: str | None = None,
    created_at: datetime | None = None,
    knows: Mapping[str, int] | None = None,
    roster: bytes = b"",
) -> bytes:
    """Serialise, compress, encrypt and sign ``ops`` for ``recipients`` (device id -> raw
    X25519 public key). Raises :class:`InvalidOperationError` for an operation the reader
    would refuse, so no device ever writes a bundle others cannot import."""
    if not DEVICE_ID_RE.fullmatch(sender_id) or not DEVICE_ID_RE.fullmatch(coalition_id):
        raise ValueError("sender and coalition ids must be plain device-style ids")
    if not _SCHEMA_VERSION_RE.fullmatch(schema_version):
        raise ValueError(f"schema version {schema_version!r} is not a short plain string")
    if not recipients:
        raise ValueError("a bundle needs at least one recipient")
    content, ranges = _encode_content(ops)
    return _assemble(
        zlib.compress(content, _ZLIB_LEVEL),
        content_length=len(content),
        op_count=len(ops),
        ranges=ranges,
        sender=sender,
        sender_id=sender_id,
        coalition_id=coalition_id,
        recipients=recipients,
        schema_version=schema_version,
        bundle_id=bundle_id or new_id(),
        created_at=created_at or utc_now(),
        content=content,
        knows=tuple(sorted((knows or {}).items())),
        roster=roster,
    )


def _assemble(
    compressed: bytes,
    *,
    content_length: int,
    op_count: int,
    ranges: tuple[SeqRange, ...],
    sender: DeviceKeys,
    sender_id: str,
    coalition_id: str,
    recipients: Mapping[str, bytes],
    schema_version: str,
    bundle_id: str,
    created_at: datetime,
    content: bytes,
    knows: tuple[tuple[str, int], ...] = (),
    roster: bytes = b"",
) -> bytes:
    """Encrypt and sign already-compressed content (split out so tests can seal crafted
    bodies, such as decompression bombs, exactly as a malicious coalition member could)."""
    secret = os.urandom(32)
    enc_key, mac_key = _derive_body_keys(secret)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    wraps = tuple(
        (device, _wrap(secret, ephemeral, ephemeral_public, device, public, bundle_id))
        for device, public in sorted(recipients.items())
    )
    header = BundleHeader(
        format_version=FORMAT_VERSION,
        bundle_id=bundle_id,
        coalition_id=coalition_id,
        sender=sender_id,
        created_at=created_at,
        schema_version=schema_version,
        ranges=ranges,
        op_count=op_count,
        content_length=content_length,
        content_digest=hmac.new(mac_key, content, hashlib.sha256).hexdigest(),
        body_length=len(compressed) + _TAG_BYTES,
        ephemeral_key=ephemeral_public,
        recipients=wraps,
        knows=knows,
        roster=roster,
    )
    header_bytes = canonical_json(header.to_json())
    signed = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes
    body = ChaCha20Poly1305(enc_key).encrypt(_ZERO_NONCE, compressed, signed)
    return signed + sender.sign(signed) + body


def _derive_body_keys(secret: bytes) -> tuple[bytes, bytes]:
    okm = HKDF(hashes.SHA256(), 64, salt=None, info=b"SayPro bundle body v1").derive(secret)
    return okm[:32], okm[32:]


def _wrap_key(
    shared: bytes, ephemeral_public: bytes, recipient_public: bytes, bundle_id: str
) -> bytes:
    """Key-encryption key for one recipient, bound to this bundle and both public keys."""
    info = b"SayPro bundle key wrap v1" + ephemeral_public + recipient_public + bundle_id.encode()
    return HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(shared)


def _wrap(
    secret: bytes,
    ephemeral: X25519PrivateKey,
    ephemeral_public: bytes,
    device: str,
    recipient_public: bytes,
    bundle_id: str,
) -> bytes:
    if not DEVICE_ID_RE.fullmatch(device):
        raise ValueError(f"recipient id {device!r} is malformed")
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    kek = _wrap_key(shared, ephemeral_public, recipient_public, bundle_id)
    return ChaCha20Poly1305(kek).encrypt(_ZERO_NONCE, secret, device.encode("ascii"))


@dataclass(frozen=True, slots=True)
class OperationColumns:
    """Operations as parallel columns: what the bundle stores, and what an export can read
    straight from the change log without building an object per operation."""

    device_ids: list[str]
    seqs: list[int]
    stamps: list[str]
    tables: list[str]
    row_ids: list[str]
    fields: list[str]
    values: list[Any]
    preds: list[tuple[str, ...]]

    def __len__(self) -> int:
        return len(self.seqs)

    @classmethod
    def of(cls, ops: Sequence[Operation]) -> OperationColumns:
        return cls(
            [op.device_id for op in ops], [op.seq for op in ops], [op.stamp for op in ops],
            [op.table for op in ops], [op.row_id for op in ops], [op.field for op in ops],
            [op.value for op in ops], [op.pred for op in ops],
        )


def _encode_content(
    ops: Sequence[Operation] | OperationColumns,
) -> tuple[bytes, tuple[SeqRange, ...]]:
    """Columnar JSON of the operations (order preserved) and the per-device sequence ranges.

    Works column by column with C-speed builtins rather than op by op: exporting 100k
    changes has a one-second budget on a two-core laptop, database reads included.
    """
    cols = ops if isinstance(ops, OperationColumns) else OperationColumns.of(ops)
    if len({len(column) for column in (cols.device_ids, cols.seqs, cols.stamps, cols.tables,
                                      cols.row_ids, cols.fields, cols.values, cols.preds)}) > 1:
        raise InvalidOperationError("the operation columns have different lengths")
    device_ids, seqs, stamps, values, preds = (
        cols.device_ids, cols.seqs, cols.stamps, cols.values, cols.preds
    )
    _check_seqs(seqs)
    walls, counters, stamp_devices = _split_stamps(stamps)
    pred_devices, pred_seqs = _split_preds(preds)
    devices, (col_device, col_stamp_device, col_pred_device) = _intern(
        [device_ids, stamp_devices, pred_devices], _check_device
    )
    tables, (col_table,) = _intern([cols.tables], _check_name)
    fields, (col_field,) = _intern([cols.fields], _check_name)
    rows, (col_row,) = _intern([cols.row_ids], _check_row)
    _check_values(values, DEFAULT_LIMITS.max_value_bytes)
    ranges = _ranges(col_device, seqs, devices)
    content = {
        "devices": devices,
        "tables": tables,
        "fields": fields,
        "rows": rows,
        "device": col_device,
        "seq": _deltas(seqs),
        "wall": _deltas(walls),
        "counter": counters,
        "stamp_device": col_stamp_device,
        "table": col_table,
        "row": col_row,
        "field": col_field,
        "value": values,
        "pred": _pred_column(preds, col_pred_device, pred_seqs),
    }
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8"), ranges


def _split_preds(preds: list[tuple[str, ...]]) -> tuple[list[str], list[int]]:
    """Flatten the ids ("device:seq") of replaced operations into device and seq columns."""
    for index, pred in enumerate(preds):
        if not isinstance(pred, tuple | list) or len(pred) > MAX_PRED:
            _bad_at(index, f"pred must be a tuple of at most {MAX_PRED} operation ids")
    flat = [text for pred in preds for text in pred]
    if not set(map(type, flat)) <= {str}:
        _bad_at(next(i for i, p in enumerate(preds) if any(type(t) is not str for t in p)), "pred")
    devices: list[str] = []
    seqs: list[int] = []
    for text in flat:
        device, _, seq_text = text.rpartition(":")
        seq = int(seq_text) if seq_text.isascii() and seq_text.isdigit() else 0
        if not 0 < seq <= _INT64_MAX or op_id(device, seq) != text:
            bad = next(i for i, p in enumerate(preds) if text in p)
            _bad_at(bad, f"{text[:60]!r} is not an operation id")
        devices.append(device)
        seqs.append(seq)
    return devices, seqs


def _pred_column(
    preds: list[tuple[str, ...]], device_indexes: list[int], seqs: list[int]
) -> list[list[int]]:
    """Per operation, the replaced operations as a flat [device index, seq, ...] list."""
    column: list[list[int]] = []
    append = column.append
    nothing: list[int] = []  # most operations replace nothing: share one empty list
    cursor = 0
    for pred in preds:
        if not pred:
            append(nothing)
            continue
        pairs: list[int] = []
        for k in range(cursor, cursor + len(pred)):
            pairs += (device_indexes[k], seqs[k])
        cursor += len(pred)
        append(pairs)
    return column


def _split_stamps(stamps: list[str]) -> tuple[list[int], list[int], list[str]]:
    """Split clock stamps (``WWWWWWWWWWWWW.CCCCCC.device``) into columns, accepting only
    the clock's own fixed-width text so the reader rebuilds every stamp byte for byte."""
    if not set(map(type, stamps)) <= {str}:
        _bad_at(next(i for i, s in enumerate(stamps) if type(s) is not str), "stamp is not text")
    digits = [stamp[:13] + stamp[14:20] for stamp in stamps]
    joined = "".join(digits)
    if not (
        joined.isascii()
        and joined.isdigit()
        and len(joined) == 19 * len(stamps)
        and all(stamp[13:14] == "." and stamp[20:21] == "." for stamp in stamps)
    ):
        for index, stamp in enumerate(stamps):
            if not _STAMP_RE.fullmatch(stamp):
                _bad_at(index, f"{stamp[:40]!r} is not a clock stamp")
    walls = [int(stamp[:13]) for stamp in stamps]
    counters = [int(stamp[14:20]) for stamp in stamps]
    return walls, counters, [stamp[21:] for stamp in stamps]  # device ids: checked on interning


def _deltas(numbers: list[int]) -> list[int]:
    """Differences from the previous number: runs like 1,1,1 compress to almost nothing."""
    return list(map(operator.sub, numbers, [0, *numbers[:-1]]))


def _bad_at(index: int, what: str) -> NoReturn:
    raise InvalidOperationError(f"operation {index + 1}: {what}")


def _intern(
    columns: list[list[str]], check: Callable[[object, str], None]
) -> tuple[list[str], list[list[int]]]:
    """Replace strings by indexes into one list of distinct strings, each checked once."""
    for column in columns:
        if not set(map(type, column)) <= {str}:
            _bad_at(next(i for i, s in enumerate(column) if type(s) is not str), "not text")
    names = list(dict.fromkeys(chain.from_iterable(columns)))  # first-seen order
    for name in names:
        try:
            check(name, "a change")
        except InvalidOperationError:  # name the first operation that uses it
            first = next(i for column in columns for i, s in enumerate(column) if s == name)
            check(name, f"operation {first + 1}")
            raise
    positions = {name: i for i, name in enumerate(names)}
    return names, [list(map(positions.__getitem__, column)) for column in columns]


def _check_seqs(seqs: list[int]) -> None:
    if not set(map(type, seqs)) <= {int} or (seqs and (min(seqs) < 1 or max(seqs) > _INT64_MAX)):
        index = next(i for i, s in enumerate(seqs) if type(s) is not int or not 0 < s <= _INT64_MAX)
        _bad_at(index, "the sequence number is not a positive 64-bit integer")


def _ranges(device_column: list[int], seqs: list[int], devices: list[str]) -> tuple[SeqRange, ...]:
    """Per-device lowest and highest sequence number; refuses a repeated operation id."""
    single = len(set(device_column)) == 1
    # Each (device, seq) packed into one int: a set of ints is far cheaper than of tuples.
    keys = seqs if single else [(d << 64) | q for d, q in zip(device_column, seqs, strict=True)]
    if len(set(keys)) != len(seqs):
        seen: set[tuple[int, int]] = set()
        for index, pair in enumerate(zip(device_column, seqs, strict=True)):
            if pair in seen:
                _bad_at(index, f"{devices[pair[0]]} #{pair[1]} appears twice")
            seen.add(pair)
    if single:
        spans = {device_column[0]: (min(seqs), max(seqs))}
    else:
        grouped: dict[int, list[int]] = {}
        for device, seq in zip(device_column, seqs, strict=True):
            grouped.setdefault(device, []).append(seq)
        spans = {device: (min(group), max(group)) for device, group in grouped.items()}
    return tuple(sorted(SeqRange(devices[d], first, last) for d, (first, last) in spans.items()))


# --- validation shared by writer and reader -----------------------------------------------


def _check_device(text: object, where: str) -> None:
    if not isinstance(text, str) or not DEVICE_ID_RE.fullmatch(text):
        raise InvalidOperationError(f"{where}: device id {str(text)[:40]!r} is malformed")


def _check_name(text: object, where: str) -> None:
    if not isinstance(text, str) or not NAME_RE.fullmatch(text):
        raise InvalidOperationError(f"{where}: {str(text)[:40]!r} is not a table or field name")


def _check_row(text: object, where: str) -> None:
    if not isinstance(text, str) or not _UUID_RE.fullmatch(text):  # canonical: lowercase
        raise InvalidOperationError(f"{where}: row id {str(text)[:40]!r} is not a UUID")


def _checked_value(value: object, max_bytes: int, where: str) -> JSONScalar:
    """Allow only JSON scalars a SQLite column can hold exactly; return the value unchanged."""
    if type(value) not in _SCALAR_TYPES:  # exact types: no subclasses that round-trip as others
        raise InvalidOperationError(f"{where}: a {type(value).__name__} value cannot be stored")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not _INT64_MIN <= value <= _INT64_MAX:
            raise InvalidOperationError(f"{where}: the number is outside the 64-bit range")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidOperationError(f"{where}: NaN and infinity cannot be stored")
        return value
    if isinstance(value, str):
        if value.isascii():
            size = len(value)
        else:
            try:
                size = len(value.encode("utf-8"))
            except UnicodeEncodeError:
                raise InvalidOperationError(f"{where}: the text is not valid Unicode") from None
        if size > max_bytes:
            raise InvalidOperationError(f"{where}: the text is longer than {max_bytes} bytes")
        return value
    raise InvalidOperationError(f"{where}: a {type(value).__name__} value cannot be stored")


def _check_values(values: list[JSONScalar], max_bytes: int) -> None:
    """Check a whole column of values at C speed; on a failure, find and name the culprit."""
    kinds = set(map(type, values))
    ok = kinds <= _SCALAR_TYPES
    if ok and int in kinds:
        ints = [v for v in values if type(v) is int]
        ok = min(ints) >= _INT64_MIN and max(ints) <= _INT64_MAX
    if ok and float in kinds:
        ok = all(map(math.isfinite, [v for v in values if type(v) is float]))
    if ok and str in kinds:
        texts: list[str] = [v for v in values if type(v) is str]
        try:
            "".join(texts).encode("utf-8")  # one pass finds lone surrogates
        except UnicodeEncodeError:
            ok = False
        if ok and max(map(len, texts)) * 4 > max_bytes:  # 4 bytes per character at most
            ok = all(len(t.encode("utf-8")) <= max_bytes for t in texts)
    if not ok:
        for index, value in enumerate(values):
            _checked_value(value, max_bytes, f"operation {index + 1}")
        raise InvalidOperationError("a value cannot be stored")  # unreachable by construction


# --- reading ------------------------------------------------------------------------------


def read_bundle_file(path: str | os.PathLike[str], limits: BundleLimits = DEFAULT_LIMITS) -> bytes:
    """Read a bundle file, refusing an oversized one before reading it into memory."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bundle_bytes:
                raise BundleTooLargeError(f"{size} bytes; the limit is {limits.max_bundle_bytes}")
            data = handle.read(limits.max_bundle_bytes + 1)
    except OSError as exc:
        raise BundleUnreadableError(exc.strerror or str(exc)) from None
    if len(data) > limits.max_bundle_bytes:
        raise BundleTooLargeError(f"the file grew past {limits.max_bundle_bytes} bytes")
    return data


def read_bundle_header(data: bytes, limits: BundleLimits = DEFAULT_LIMITS) -> BundleHeader:
    """Parse and sanity-check the header WITHOUT verifying the signature: cheap, for showing
    what a file is and for the "already imported?" check. Raises only BundleError."""
    try:
        return _read_header(data, limits)[0]
    except BundleError:
        raise
    except Exception as exc:  # last resort: hostile bytes must never crash an import
        _unexpected(exc)


def open_bundle(
    data: bytes,
    *,
    roster: Roster,
    my_device_id: str,
    my_keys: DeviceKeys,
    limits: BundleLimits = DEFAULT_LIMITS,
) -> tuple[BundleHeader, list[Operation]]:
    """Verify, decrypt and decode a bundle. Raises only :class:`BundleError` subclasses.

    Order (cheapest refusal first, nothing decrypted before the signature is checked):
    size cap, magic, format version, header length, header schema, coalition, sender on
    roster and not revoked, signature, recipient key, decrypt, capped decompression,
    content digest, every operation against the allow-list, op count and ranges.
    """
    try:
        return _open(data, roster, my_device_id, my_keys, limits)
    except BundleError:
        raise
    except Exception as exc:  # last resort: hostile bytes must never crash an import
        _unexpected(exc)


def _unexpected(exc: Exception) -> NoReturn:
    error = CorruptBundleError(f"unexpected {type(exc).__name__}")
    error.unexpected = True
    raise error from exc


def _read_header(data: bytes, limits: BundleLimits) -> tuple[BundleHeader, int]:
    """Frame checks and header schema. Returns the header and the signed prefix length."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise NotABundleError("expected the file's bytes")
    data = bytes(data)
    if len(data) > limits.max_bundle_bytes:
        raise BundleTooLargeError(f"{len(data)} bytes; the limit is {limits.max_bundle_bytes}")
    if len(data) < len(MAGIC):
        if MAGIC.startswith(data) and data:
            raise TruncatedBundleError(f"only {len(data)} bytes")
        raise NotABundleError("the file is too short" if not data else "wrong file type")
    if data[: len(MAGIC)] != MAGIC:
        raise NotABundleError("wrong file type")
    if len(data) < _PREFIX.size:
        raise TruncatedBundleError(f"only {len(data)} bytes")
    _, version, header_length = _PREFIX.unpack_from(data)
    if version > FORMAT_VERSION:
        raise BundleFromNewerVersionError(
            f"bundle format {version}; this app reads {FORMAT_VERSION}"
        )
    if version != FORMAT_VERSION:
        raise UnsupportedBundleVersionError(f"bundle format {version}")
    if header_length > limits.max_header_bytes:
        raise CorruptBundleError(f"header claims {header_length} bytes")
    signed_end = _PREFIX.size + header_length
    if len(data) < signed_end + SIGNATURE_BYTES:
        raise TruncatedBundleError(f"{len(data)} bytes, header and signature need more")
    header_bytes = data[_PREFIX.size : signed_end]
    try:
        raw = strict_json_loads(header_bytes)
    except (ValueError, RecursionError):
        raise CorruptBundleError("the header is not valid JSON") from None
    header = _parse_header(raw, limits)
    if canonical_json(raw) != header_bytes:
        raise CorruptBundleError("the header is not in canonical form")
    expected = signed_end + SIGNATURE_BYTES + header.body_length
    if len(data) < expected:
        raise TruncatedBundleError(f"{len(data)} of {expected} bytes")
    if len(data) > expected:
        raise CorruptBundleError(f"{len(data) - expected} unexpected bytes after the end")
    return header, signed_end


_HEADER_KEYS = frozenset(
    {
        "bundle_id",
        "coalition_id",
        "sender",
        "created_at",
        "schema_version",
        "ranges",
        "op_count",
        "content_length",
        "content_digest",
        "body_length",
        "ephemeral_key",
        "recipients",
        "knows",
        "roster",
    }
)
_MAX_ROSTER_B64 = 700_000
_ROSTER_RE = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?",
                        re.ASCII)


def _header_fail(what: str) -> NoReturn:
    raise CorruptBundleError(f"header: {what}")


def _int_field(obj: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = obj.get(key)
    if type(value) is not int or not low <= value <= high:
        _header_fail(f"{key} is missing or out of range")
    return value


def _str_field(obj: Mapping[str, Any], key: str, pattern: re.Pattern[str]) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or len(value) > 100 or not pattern.fullmatch(value):
        _header_fail(f"{key} is missing or malformed")
    return value


_ANY_RE = re.compile(r".{1,100}", re.ASCII | re.DOTALL)
_B64_RE = re.compile(r"[A-Za-z0-9+/]{1,100}={0,2}", re.ASCII)


def _parse_header(raw: object, limits: BundleLimits) -> BundleHeader:
    """Allow-list validation of the untrusted header JSON: exact keys, types, caps."""
    if not isinstance(raw, dict) or set(raw) != _HEADER_KEYS:
        _header_fail("wrong set of fields")
    bundle_id = _str_field(raw, "bundle_id", _UUID_RE)
    try:
        created_at = parse_time(_str_field(raw, "created_at", _ANY_RE))
    except ValueError:
        _header_fail("created_at is not a UTC time")
    ranges_raw = raw["ranges"]
    if not isinstance(ranges_raw, list) or len(ranges_raw) > limits.max_ranges:
        _header_fail("ranges is not a list of allowed size")
    ranges: list[SeqRange] = []
    for item in ranges_raw:
        if not isinstance(item, dict) or set(item) != {"device", "first", "last"}:
            _header_fail("a range has the wrong fields")
        first = _int_field(item, "first", 1, _INT64_MAX)
        ranges.append(
            SeqRange(
                _str_field(item, "device", DEVICE_ID_RE),
                first,
                _int_field(item, "last", first, _INT64_MAX),
            )
        )
    if [r.device for r in ranges] != sorted({r.device for r in ranges}):
        _header_fail("ranges are not sorted by device or repeat a device")
    recipients_raw = raw["recipients"]
    if not isinstance(recipients_raw, list) or not 0 < len(recipients_raw) <= limits.max_recipients:
        _header_fail("recipients is not a list of allowed size")
    recipients: list[tuple[str, bytes]] = []
    for item in recipients_raw:
        if not isinstance(item, dict) or set(item) != {"device", "key"}:
            _header_fail("a recipient has the wrong fields")
        try:
            wrapped = base64.b64decode(_str_field(item, "key", _B64_RE), validate=True)
        except binascii.Error:
            _header_fail("a recipient key is not base64")
        if len(wrapped) != _WRAPPED_KEY_BYTES:
            _header_fail("a recipient key has the wrong length")
        recipients.append((_str_field(item, "device", DEVICE_ID_RE), wrapped))
    devices = [device for device, _ in recipients]
    if devices != sorted(set(devices)):
        _header_fail("recipients are not sorted or repeat a device")
    try:
        ephemeral = key_from_b64(_str_field(raw, "ephemeral_key", _B64_RE))
    except ValueError:
        _header_fail("ephemeral_key is not a 32-byte key")
    op_count = _int_field(raw, "op_count", 0, limits.max_ops)
    if (op_count == 0) != (not ranges):
        _header_fail("op_count and ranges disagree")
    knows_raw = raw["knows"]
    if not isinstance(knows_raw, list) or len(knows_raw) > limits.max_ranges:
        _header_fail("knows is not a list of allowed size")
    knows: list[tuple[str, int]] = []
    for item in knows_raw:
        if not isinstance(item, dict) or set(item) != {"device", "seq"}:
            _header_fail("a knows entry has the wrong fields")
        knows.append((_str_field(item, "device", DEVICE_ID_RE),
                      _int_field(item, "seq", 0, _INT64_MAX)))
    if [d for d, _ in knows] != sorted({d for d, _ in knows}):
        _header_fail("knows is not sorted by device or repeats a device")
    roster_raw = raw["roster"]
    if (not isinstance(roster_raw, str) or len(roster_raw) > _MAX_ROSTER_B64
            or not _ROSTER_RE.fullmatch(roster_raw)):
        _header_fail("roster is not base64 of allowed size")
    return BundleHeader(
        format_version=FORMAT_VERSION,
        bundle_id=bundle_id,
        coalition_id=_str_field(raw, "coalition_id", DEVICE_ID_RE),
        sender=_str_field(raw, "sender", DEVICE_ID_RE),
        created_at=created_at,
        schema_version=_str_field(raw, "schema_version", _SCHEMA_VERSION_RE),
        ranges=tuple(ranges),
        op_count=op_count,
        content_length=_int_field(raw, "content_length", 2, limits.max_content_bytes),
        content_digest=_str_field(raw, "content_digest", _HEX64_RE),
        body_length=_int_field(raw, "body_length", _TAG_BYTES, limits.max_bundle_bytes),
        ephemeral_key=ephemeral,
        recipients=tuple(recipients),
        knows=tuple(knows),
        roster=base64.b64decode(roster_raw),
    )


def _open(
    data: bytes,
    roster: Roster,
    my_device_id: str,
    my_keys: DeviceKeys,
    limits: BundleLimits,
) -> tuple[BundleHeader, list[Operation]]:
    header, signed_end = _read_header(data, limits)
    data = bytes(data)
    if header.coalition_id != roster.coalition_id:
        raise WrongCoalitionError()
    entry = roster.get(header.sender)
    if entry is None:
        raise UnknownSenderError(f"device {header.sender}")
    if entry.revoked_at is not None:
        raise RevokedSenderError(f"{entry.name}, revoked {format_time(entry.revoked_at)}")
    signature = data[signed_end : signed_end + SIGNATURE_BYTES]
    signed = data[:signed_end]
    if not verify_signature(entry.keys.signing, signature, signed):
        raise BadSignatureError(f"claims to be from {entry.name}")
    secret = _unwrap(header, my_device_id, my_keys)
    enc_key, mac_key = _derive_body_keys(secret)
    try:
        compressed = ChaCha20Poly1305(enc_key).decrypt(
            _ZERO_NONCE, data[signed_end + SIGNATURE_BYTES :], signed
        )
    except InvalidTag:
        raise CorruptBundleError("the encrypted body fails its integrity check") from None
    content = _decompress(compressed, header.content_length)
    digest = hmac.new(mac_key, content, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, header.content_digest):
        raise CorruptBundleError("the content does not match what its sender signed")
    return header, _decode_content(content, header, limits)


def _unwrap(header: BundleHeader, my_device_id: str, my_keys: DeviceKeys) -> bytes:
    wrapped = dict(header.recipients).get(my_device_id)
    if wrapped is None:
        raise NotARecipientError(f"made for {len(header.recipients)} other device(s)")
    my_public = my_keys.agreement.public_key().public_bytes_raw()
    try:
        shared = my_keys.agreement.exchange(X25519PublicKey.from_public_bytes(header.ephemeral_key))
        kek = _wrap_key(shared, header.ephemeral_key, my_public, header.bundle_id)
        return ChaCha20Poly1305(kek).decrypt(_ZERO_NONCE, wrapped, my_device_id.encode("ascii"))
    except (InvalidTag, ValueError):
        raise NotARecipientError("this laptop's key does not open it") from None


def _decompress(compressed: bytes, expected: int) -> bytes:
    """Inflate at most ``expected`` + 1 bytes, so a bomb is refused without being built."""
    inflater = zlib.decompressobj()
    try:
        content = inflater.decompress(compressed, expected + 1)
        if not inflater.eof and len(content) <= expected:
            content += inflater.decompress(inflater.unconsumed_tail, 1)
    except zlib.error:
        raise CorruptBundleError("the compressed content is damaged") from None
    if len(content) > expected:
        raise CorruptBundleError(f"the content is larger than the {expected} bytes declared")
    if not inflater.eof or inflater.unused_data or len(content) != expected:
        raise CorruptBundleError("the compressed content is incomplete")
    return content


_CONTENT_KEYS = frozenset(
    {
        "devices",
        "tables",
        "fields",
        "rows",
        "device",
        "seq",
        "wall",
        "counter",
        "stamp_device",
        "table",
        "row",
        "field",
        "value",
        "pred",
    }
)
_INDEX_COLUMNS = (
    ("device", "devices"),
    ("stamp_device", "devices"),
    ("table", "tables"),
    ("row", "rows"),
    ("field", "fields"),
)


def _bad_op(what: str) -> NoReturn:
    raise InvalidOperationError(what)


def _decode_content(content: bytes, header: BundleHeader, limits: BundleLimits) -> list[Operation]:
    """Validate the columnar content against the allow-list and rebuild the operations."""
    try:
        raw = strict_json_loads(content)
    except (ValueError, RecursionError):
        raise CorruptBundleError("the content is not valid JSON") from None
    if not isinstance(raw, dict) or set(raw) != _CONTENT_KEYS:
        raise CorruptBundleError("the content has the wrong sections")
    count = header.op_count
    for key in _CONTENT_KEYS:
        if not isinstance(raw[key], list):
            raise CorruptBundleError(f"content section {key} is not a list")
    for key in ("device", "seq", "wall", "counter", "stamp_device", "table", "row", "field"):
        column = raw[key]
        if len(column) != count:
            _bad_op(f"{len(column)} entries in {key}, but the header says {count} operations")
        if not set(map(type, column)) <= {int}:
            _bad_op(f"a {key} entry is not an integer")
    if len(raw["value"]) != count:
        _bad_op(f"{len(raw['value'])} values, but the header says {count} operations")
    for key, check in (
        ("devices", _check_device),
        ("tables", _check_name),
        ("fields", _check_name),
        ("rows", _check_row),
    ):
        strings = raw[key]
        for text in strings:
            check(text, key)
        if len(set(strings)) != len(strings):
            _bad_op(f"{key} lists a name twice")
    for column, table in _INDEX_COLUMNS:
        indexes = raw[column]
        if indexes and (min(indexes) < 0 or max(indexes) >= len(raw[table])):
            _bad_op(f"a {column} index points outside the {table} list")
    seqs = list(accumulate(raw["seq"]))
    walls = list(accumulate(raw["wall"]))
    counters: list[int] = raw["counter"]
    if seqs and (min(seqs) < 1 or max(seqs) > _INT64_MAX):
        _bad_op("a sequence number is not a positive 64-bit integer")
    if walls and (min(walls) < 0 or max(walls) >= _WALL_LIMIT):
        _bad_op("a clock stamp's time is out of range")
    if counters and (min(counters) < 0 or max(counters) >= _COUNTER_LIMIT):
        _bad_op("a clock stamp's counter is out of range")
    values: list[JSONScalar] = raw["value"]
    _check_values(values, limits.max_value_bytes)
    devices: list[str] = raw["devices"]
    preds = _decode_preds(raw["pred"], count, devices)
    tables: list[str] = raw["tables"]
    fields: list[str] = raw["fields"]
    rows: list[str] = raw["rows"]
    device_column: list[int] = raw["device"]
    ops = [
        Operation(
            devices[d],
            seq,
            f"{wall:013d}.{counter:06d}.{devices[sd]}",
            tables[t],
            rows[r],
            fields[f],
            value,
            pred,
        )
        for d, seq, wall, counter, sd, t, r, f, value, pred in zip(
            device_column,
            seqs,
            walls,
            counters,
            raw["stamp_device"],
            raw["table"],
            raw["row"],
            raw["field"],
            values,
            preds,
            strict=True,
        )
    ]
    if _ranges(device_column, seqs, devices) != header.ranges:
        _bad_op("the sequence ranges in the header do not match the operations")
    return ops


def _decode_preds(column: list[Any], count: int, devices: list[str]) -> list[tuple[str, ...]]:
    """Rebuild each operation's replaced-operation ids from [device index, seq, ...] lists."""
    if len(column) != count:
        _bad_op(f"{len(column)} pred entries, but the header says {count} operations")
    if not set(map(type, column)) <= {list}:
        _bad_op("a pred entry is not a list")
    preds: list[tuple[str, ...]] = [()] * count
    for index, pairs in enumerate(column):
        if not pairs:
            continue
        if len(pairs) % 2 or len(pairs) > 2 * MAX_PRED or not set(map(type, pairs)) <= {int}:
            _bad_op(f"operation {index + 1}: pred is not a list of operation ids")
        device_indexes, seqs = pairs[0::2], pairs[1::2]
        if min(device_indexes) < 0 or max(device_indexes) >= len(devices):
            _bad_op(f"operation {index + 1}: a pred device points outside the devices list")
        if min(seqs) < 1 or max(seqs) > _INT64_MAX:
            _bad_op(f"operation {index + 1}: a pred sequence number is out of range")
        preds[index] = tuple(
            op_id(devices[d], seq) for d, seq in zip(device_indexes, seqs, strict=True)
        )
    return preds


# --- files ----------------------------------------------------------------------------------


def write_bundle_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` so that ``path`` is either absent/old or complete, never half-written:
    temp file in the same folder, fsync, rename over, fsync the folder."""
    target = Path(path)
    folder = target.parent
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows has no directory handles to fsync."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
