"""The bundle content codec: operations as interned, delta-encoded columnar JSON."""

from __future__ import annotations

import base64
import binascii
import json
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Any, NoReturn

from saypro_desktop.sync.authorship import Batch
from saypro_desktop.sync.bundle.header import BundleHeader, SeqRange
from saypro_desktop.sync.bundle.limits import (
    _COUNTER_LIMIT,
    _INT64_MAX,
    _STAMP_RE,
    _WALL_LIMIT,
    DEFAULT_LIMITS,
    MAX_PRED,
    BundleLimits,
    _bad_at,
    _check_device,
    _check_name,
    _check_row,
    _check_values,
)
from saypro_desktop.sync.errors import (
    CorruptBundleError,
    InvalidOperationError,
)
from saypro_desktop.sync.keys.canonical import strict_json_loads
from saypro_desktop.sync.operations import JSONScalar, Operation, decode_values, op_id


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
    # Per operation: b"" or its seal (sync.authorship); None when no operation has one.
    seals: list[bytes] | None = None

    def __len__(self) -> int:
        return len(self.seqs)

    @classmethod
    def of(cls, ops: Sequence[Operation]) -> OperationColumns:
        return cls(
            [op.device_id for op in ops], [op.seq for op in ops], [op.stamp for op in ops],
            [op.table for op in ops], [op.row_id for op in ops], [op.field for op in ops],
            [op.value for op in ops], [op.pred for op in ops],
        )


@dataclass(frozen=True, slots=True)
class InternedColumns:
    """Operations already in the bundle's interned form: each device, table, field and row
    id once in a list, the operations as columns of indexes, stamps as numbers, values as
    their canonical JSON text. What an export reads straight from the compact change log
    (db.changelog) without spelling every operation out as text first."""

    devices: list[str]
    tables: list[str]
    fields: list[str]
    rows: list[str]
    device: list[int]
    seq: list[int]
    wall: list[int]
    counter: list[int]
    stamp_device: list[int]
    table: list[int]
    row: list[int]
    field: list[int]
    value_texts: list[str]
    pred: list[list[int]]  # per operation: [device index, seq, ...] of what it replaces
    seals: list[bytes] | None = None

    def __len__(self) -> int:
        return len(self.seq)

    def columns(self) -> OperationColumns:
        """The same operations in text form."""
        devices = self.devices
        return OperationColumns(
            [devices[d] for d in self.device], list(self.seq),
            _stamp_texts(self.wall, self.counter, self.stamp_device, devices),
            [self.tables[t] for t in self.table], [self.rows[r] for r in self.row],
            [self.fields[f] for f in self.field], decode_values(self.value_texts),
            [tuple(op_id(devices[p[k]], p[k + 1]) for k in range(0, len(p), 2))
             for p in self.pred],
            self.seals,
        )


@dataclass(frozen=True, slots=True)
class Content:
    """What a bundle carries: operations, their seals (b"" for none), author batches."""

    ops: list[Operation]
    seals: list[bytes]
    batches: list[Batch]


def _encode_content(
    ops: Sequence[Operation] | OperationColumns | InternedColumns,
    batches: Sequence[Batch] = (),
) -> tuple[bytes, tuple[SeqRange, ...]]:
    """Columnar JSON of the operations (order preserved) and the per-device sequence ranges.

    Works column by column with C-speed builtins rather than op by op: exporting 100k
    changes has a one-second budget on a two-core laptop, database reads included.
    """
    parts, ranges = _encode_content_parts(ops, batches)
    return b"".join(parts), ranges


def _encode_content_parts(
    ops: Sequence[Operation] | OperationColumns | InternedColumns,
    batches: Sequence[Batch] = (),
) -> tuple[list[bytes], tuple[SeqRange, ...]]:
    """The content as consecutive pieces: a big export is compressed and digested piece by
    piece instead of being joined into one more copy first."""
    if isinstance(ops, InternedColumns):
        return _encode_interned(ops, batches)
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
    batch_devices = [b.device for b in batches] + [b.signer for b in batches if b.signer]
    devices, (col_device, col_stamp_device, col_pred_device, _) = _intern(
        [device_ids, stamp_devices, pred_devices, batch_devices], _check_device
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
        "seal": _seal_column(cols.seals, len(seqs)),
        "batches": _batch_column(batches, devices),
    }
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return [text.encode("utf-8")], ranges


def _encode_interned(cols: InternedColumns, batches: Sequence[Batch]
                     ) -> tuple[list[bytes], tuple[SeqRange, ...]]:
    """The same content from operations already interned: every name and row id is checked
    once, the columns by range, and the values (canonical JSON already) are spliced in."""
    count = len(cols.seq)
    columns = (cols.device, cols.wall, cols.counter, cols.stamp_device, cols.table, cols.row,
               cols.field, cols.value_texts, cols.pred)
    if any(len(column) != count for column in columns):
        raise InvalidOperationError("the operation columns have different lengths")
    devices = list(cols.devices)
    for name in (b.device for b in batches):
        if name not in devices:
            devices.append(name)
    for name in (b.signer for b in batches if b.signer):
        if name not in devices:
            devices.append(name)
    for name in devices:
        _check_device(name, "a change")
    for name in (*cols.tables, *cols.fields):
        _check_name(name, "a change")
    for row in cols.rows:
        _check_row(row, "a change")
    _check_seqs(cols.seq)
    for column, limit, what in ((cols.wall, _WALL_LIMIT, "clock time"),
                                (cols.counter, _COUNTER_LIMIT, "clock counter")):
        if column and (min(column) < 0 or max(column) >= limit):
            raise InvalidOperationError(f"a change's {what} is out of range")
    for column, names in ((cols.device, devices), (cols.stamp_device, devices),
                          (cols.table, cols.tables), (cols.row, cols.rows),
                          (cols.field, cols.fields)):
        if column and (min(column) < 0 or max(column) >= len(names)):
            raise InvalidOperationError("a change names something the bundle does not list")
    if cols.pred and (max(map(len, cols.pred)) > 2 * MAX_PRED
                      or any(len(p) % 2 for p in cols.pred if p)):
        raise InvalidOperationError(f"pred must list at most {MAX_PRED} operation ids")
    texts = cols.value_texts
    # Every value is checked as the reader will check it, so no device writes a bundle the
    # others refuse (decoding two million values costs about half a second).
    try:
        values = decode_values(texts)
    except ValueError:
        raise InvalidOperationError("a stored value is not JSON") from None
    if len(values) != count:
        raise InvalidOperationError("a stored value is not one JSON value")
    _check_values(values, DEFAULT_LIMITS.max_value_bytes)
    del values
    ranges = _ranges(cols.device, cols.seq, devices)
    content = {
        "devices": devices,
        "tables": cols.tables,
        "fields": cols.fields,
        "rows": cols.rows,
        "device": cols.device,
        "seq": _deltas(cols.seq),
        "wall": _deltas(cols.wall),
        "counter": cols.counter,
        "stamp_device": cols.stamp_device,
        "table": cols.table,
        "row": cols.row,
        "field": cols.field,
        "pred": cols.pred,
        "seal": _seal_column(cols.seals, count),
        "batches": _batch_column(batches, devices),
    }
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # The values are canonical JSON text (sync.operations.encode_value): the very bytes
    # json.dumps would write for them, so they go in as they are.
    try:
        return [text[:-1].encode("utf-8"), b',"value":[', ",".join(texts).encode("utf-8"),
                b"]}"], ranges
    except UnicodeEncodeError:
        _check_values(decode_values(texts), DEFAULT_LIMITS.max_value_bytes)  # names it
        raise InvalidOperationError("a value is not valid Unicode") from None


def _seal_column(seals: list[bytes] | None, count: int) -> list[list[int | str]]:
    """Sparse: [operation index, base64 seal] for the operations that have one."""
    if seals is None:
        return []
    if len(seals) != count:
        raise InvalidOperationError("the seal column has the wrong length")
    b64 = base64.b64encode
    return [[i, b64(seal).decode("ascii")] for i, seal in enumerate(seals) if seal]


def _batch_column(batches: Sequence[Batch], devices: list[str]) -> list[list[int | str]]:
    position = {name: i for i, name in enumerate(devices)}
    b64 = base64.b64encode
    return [
        [position[b.device], b.first, b.last, b64(b.prev).decode("ascii"),
         b64(b.signature).decode("ascii"), position[b.signer] if b.signer else -1]
        for b in batches
    ]


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
        "seal",
        "batches",
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


def _decode_content(content: bytes | list[bytes], header: BundleHeader,
                    limits: BundleLimits) -> Content:
    """Validate the columnar content against the allow-list and rebuild the operations.

    ``content`` may be a one-item list the caller gives up: it is emptied, so the text
    is not held while the operations are built."""
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
            stamp,
            tables[t],
            rows[r],
            fields[f],
            value,
            pred,
        )
        for d, seq, stamp, t, r, f, value, pred in zip(
            device_column,
            seqs,
            _stamp_texts(walls, counters, raw["stamp_device"], devices),
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
    seals = _decode_seals(raw["seal"], count)
    batches = _decode_batches(raw["batches"], devices, limits)
    return Content(ops, seals, batches)


def _stamp_texts(walls: list[int], counters: list[int], devices_of: list[int],
                 devices: list[str]) -> list[str]:
    """Each operation's stamp as text; operations of one transaction share a stamp, and
    then share one string too (two million stamps of 57 characters are 230 MB)."""
    texts: list[str] = []
    append = texts.append
    last: tuple[int, int, int] | None = None
    text = ""
    for key in zip(walls, counters, devices_of, strict=True):
        if key != last:
            last = key
            text = f"{key[0]:013d}.{key[1]:06d}.{devices[key[2]]}"
        append(text)
    return texts


_SEAL_LENGTHS = {24: 16, 44: 32}  # base64 characters -> bytes: a nonce or a commitment


def _decode_seals(column: list[Any], count: int) -> list[bytes]:
    seals = [b""] * count
    previous = -1
    for entry in column:
        if (not isinstance(entry, list) or len(entry) != 2 or type(entry[0]) is not int
                or not isinstance(entry[1], str) or len(entry[1]) not in _SEAL_LENGTHS):
            _bad_op("a seal entry is malformed")
        index, text = entry
        if not previous < index < count:
            _bad_op("a seal entry points outside the operations or repeats one")
        try:
            seal = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            _bad_op("a seal is not base64")
        if len(seal) != _SEAL_LENGTHS[len(text)]:
            _bad_op("a seal has the wrong length")
        seals[index] = seal
        previous = index
    return seals


def _decode_batches(column: list[Any], devices: list[str], limits: BundleLimits) -> list[Batch]:
    if len(column) > limits.max_ops:
        _bad_op("too many signed batches")
    batches: list[Batch] = []
    for entry in column:
        if (not isinstance(entry, list) or len(entry) != 6
                or [type(v) for v in entry] != [int, int, int, str, str, int]):
            _bad_op("a signed batch entry is malformed")
        device, first, last, prev_text, sig_text, signer = entry
        if not 0 <= device < len(devices) or not -1 <= signer < len(devices):
            _bad_op("a signed batch names a device outside the devices list")
        if not 1 <= first <= last <= _INT64_MAX:
            _bad_op("a signed batch has an impossible range")
        try:
            prev = base64.b64decode(prev_text, validate=True)
            signature = base64.b64decode(sig_text, validate=True)
        except (binascii.Error, ValueError):
            _bad_op("a signed batch is not base64")
        if len(prev) != 32 or len(signature) != 64:
            _bad_op("a signed batch has a digest or signature of the wrong length")
        batches.append(Batch(devices[device], first, last, prev, b"", signature,
                             devices[signer] if signer >= 0 else ""))
    keys = [(b.device, b.first) for b in batches]
    if len(set(keys)) != len(keys):
        _bad_op("a signed batch is listed twice")
    return batches


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
