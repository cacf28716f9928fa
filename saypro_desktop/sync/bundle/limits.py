"""Caps and allow-lists shared by the bundle writer and reader: every length and value a
hostile file could inflate is bounded here before anything is allocated."""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from typing import NoReturn

from saypro_desktop.sync.errors import (
    InvalidOperationError,
)
from saypro_desktop.sync.keys import DEVICE_ID_RE
from saypro_desktop.sync.operations import JSONScalar

MAGIC = b"SAYPROB\x00"
FORMAT_VERSION = 2  # 2: operations carry their author's signed batches (sync.authorship)
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


def _bad_at(index: int, what: str) -> NoReturn:
    raise InvalidOperationError(f"operation {index + 1}: {what}")


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
