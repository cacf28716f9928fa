"""The bundle header: its signed manifest, framed and validated against an allow-list."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from saypro_desktop.sync.bundle.limits import (
    _HEX64_RE,
    _INT64_MAX,
    _PREFIX,
    _SCHEMA_VERSION_RE,
    _TAG_BYTES,
    _UUID_RE,
    _WRAPPED_KEY_BYTES,
    FORMAT_VERSION,
    MAGIC,
    BundleLimits,
)
from saypro_desktop.sync.errors import (
    BundleFromNewerVersionError,
    BundleTooLargeError,
    CorruptBundleError,
    NotABundleError,
    TruncatedBundleError,
    UnsignedOperationsBundleError,
    UnsupportedBundleVersionError,
)
from saypro_desktop.sync.keys import DEVICE_ID_RE, SIGNATURE_BYTES, key_from_b64, key_to_b64
from saypro_desktop.sync.keys.canonical import (
    canonical_json,
    format_time,
    parse_time,
    strict_json_loads,
)


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
    if version == 1:
        raise UnsignedOperationsBundleError("bundle format 1")
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
