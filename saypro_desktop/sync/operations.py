"""The unit of change that travels between devices.

Every local write becomes one ``Operation`` per changed field. Operations name
fields, not column positions, so a newer version's fields survive an older
version's hands. Existence is a field too: ``_deleted`` (tombstone) and
``_erased`` (privacy erasure) are written like any other value.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

DELETED_FIELD = "_deleted"
ERASED_FIELD = "_erased"
MERGED_FIELD = "_merged_into"
CONTROL_FIELDS = frozenset({DELETED_FIELD, ERASED_FIELD, MERGED_FIELD})
# What an erasure blanks on a person; the row itself stays so links still resolve.
PERSONAL_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "preferred_name",
        "email",
        "phone",
        "job_title",
        "address",
        "city",
        "postal_code",
        "language",
        "notes",
        "province",
    }
)
PERSONAL_TABLE = "people"

JSONScalar = None | bool | int | float | str


@dataclass(frozen=True, slots=True)
class Operation:
    device_id: str  # the device that made the change
    seq: int  # that device's own 1, 2, 3, ... counter; (device_id, seq) is the op's id
    stamp: str  # encoded HLC Stamp; later stamp wins per field
    table: str  # table name, e.g. "people"
    row_id: str  # UUID of the row
    field: str  # column name, or DELETED_FIELD / ERASED_FIELD
    value: JSONScalar
    pred: tuple[str, ...] = ()  # ids ("device:seq") of the operations this one replaces

    @property
    def op_id(self) -> str:
        return op_id(self.device_id, self.seq)


def op_id(device_id: str, seq: int) -> str:
    return f"{device_id}:{seq}"


def split_op_id(text: str) -> tuple[str, int]:
    device, _, seq = text.rpartition(":")
    if not device or not seq.isdigit():
        raise ValueError(f"not an operation id: {text!r}")
    return device, int(seq)


# json's own C string encoder (what json.dumps(ensure_ascii=False) calls for a str).
_encode_text = json.encoder.encode_basestring


def encode_value(value: JSONScalar) -> str:
    """Canonical JSON for a field value (the same value always gives the same text).

    The text is exactly what ``json.dumps(value, ensure_ascii=False, separators=(",",
    ":"))`` writes, made without building an encoder per value: an import of two million
    changes encodes every one of them twice (the log and its authors' signatures)."""
    kind = type(value)
    if kind is str:
        return _encode_text(value)  # type: ignore[arg-type]
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if not math.isfinite(value):  # type: ignore[arg-type]
            raise ValueError("NaN and infinity cannot be stored")
        return float.__repr__(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("NaN and infinity cannot be stored")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode_values(texts: Iterable[str]) -> list[Any]:
    """Decode many canonical-JSON values in one parser call (much faster than one each)."""
    return list(json.loads("[" + ",".join(texts) + "]"))
