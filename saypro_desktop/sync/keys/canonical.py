"""Canonical forms for what is signed: one byte string per JSON value, one text per
instant (UTC, whole milliseconds), and the strict readers that accept nothing else."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any


def utc_now() -> datetime:
    """Now, in UTC, cut to whole milliseconds: the precision sync files store, so a value
    read back compares equal to the one written."""
    return truncate_to_ms(datetime.now(UTC))


def truncate_to_ms(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def format_time(moment: datetime) -> str:
    """One canonical text per instant, so signed JSON never depends on local time zones."""
    if moment.tzinfo is None:
        raise ValueError("a time written to a sync file must be timezone-aware")
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", re.ASCII)


def parse_time(text: str) -> datetime:
    """Parse a time written by :func:`format_time`; ``ValueError`` for anything else."""
    if not _TIME_RE.fullmatch(text):
        raise ValueError(f"not a UTC time: {text[:40]!r}")
    return datetime.fromisoformat(text)


def canonical_json(obj: object) -> bytes:
    """The one byte string for a JSON value: what is signed must re-serialise identically."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key[:40]!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def strict_json_loads(data: bytes | list[bytes]) -> Any:
    """Parse JSON written by :func:`canonical_json`: strict UTF-8, no NaN, no duplicate keys.

    ``data`` may be a one-item list, which is emptied: the bytes are then freed as soon as
    they are decoded (a joining laptop's bundle content is over 100 MB).

    Raises ``ValueError`` (or ``RecursionError`` for absurd nesting) for anything else.
    """
    if isinstance(data, list):  # [bytes]: the caller hands over its only reference
        data = data.pop()
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    del data  # a big bundle's content goes as soon as it is text
    return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
