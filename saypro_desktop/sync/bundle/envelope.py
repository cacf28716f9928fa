"""The bundle envelope: sign, encrypt and wrap the body key for each recipient; and the
reverse, in the order that refuses the cheapest problems first."""

from __future__ import annotations

import hashlib
import hmac
import os
import zlib
from collections.abc import Mapping, Sequence
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from saypro_desktop.domain.ids import new_id
from saypro_desktop.sync.authorship import Batch
from saypro_desktop.sync.bundle.codec import (
    Content,
    InternedColumns,
    OperationColumns,
    _decode_content,
    _encode_content_parts,
)
from saypro_desktop.sync.bundle.header import BundleHeader, SeqRange, _read_header, _unexpected
from saypro_desktop.sync.bundle.limits import (
    _PREFIX,
    _SCHEMA_VERSION_RE,
    _TAG_BYTES,
    _ZERO_NONCE,
    _ZLIB_LEVEL,
    DEFAULT_LIMITS,
    FORMAT_VERSION,
    MAGIC,
    BundleLimits,
)
from saypro_desktop.sync.errors import (
    BadSignatureError,
    BundleError,
    CorruptBundleError,
    NotARecipientError,
    RevokedSenderError,
    UnknownSenderError,
    WrongCoalitionError,
)
from saypro_desktop.sync.keys import DEVICE_ID_RE, SIGNATURE_BYTES, DeviceKeys, verify_signature
from saypro_desktop.sync.keys.canonical import canonical_json, format_time, utc_now
from saypro_desktop.sync.keys.roster import Roster
from saypro_desktop.sync.operations import Operation

# --- writing ------------------------------------------------------------------------------


def write_bundle(
    ops: Sequence[Operation] | OperationColumns | InternedColumns,
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
    batches: Sequence[Batch] = (),
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
    content, ranges = _encode_content_parts(ops, batches)
    packer = zlib.compressobj(_ZLIB_LEVEL)
    compressed = b"".join([*map(packer.compress, content), packer.flush()])
    return _assemble(
        compressed,
        content_length=sum(map(len, content)),
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
    content: bytes | Sequence[bytes],
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
        content_digest=_digest(mac_key, content),
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


def _digest(mac_key: bytes, content: bytes | Sequence[bytes]) -> str:
    mac = hmac.new(mac_key, digestmod=hashlib.sha256)
    for piece in [content] if isinstance(content, bytes) else content:
        mac.update(piece)
    return mac.hexdigest()


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
    header, content = open_bundle_content(data, roster=roster, my_device_id=my_device_id,
                                          my_keys=my_keys, limits=limits)
    return header, content.ops


def _open(
    data: bytes,
    roster: Roster,
    my_device_id: str,
    my_keys: DeviceKeys,
    limits: BundleLimits,
) -> tuple[BundleHeader, Content]:
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
    del compressed
    digest = hmac.new(mac_key, content, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, header.content_digest):
        raise CorruptBundleError("the content does not match what its sender signed")
    owned = [content]  # the decoder takes the only reference and frees it once parsed
    del content
    return header, _decode_content(owned, header, limits)


def open_bundle_content(
    data: bytes,
    *,
    roster: Roster,
    my_device_id: str,
    my_keys: DeviceKeys,
    limits: BundleLimits = DEFAULT_LIMITS,
) -> tuple[BundleHeader, Content]:
    """:func:`open_bundle`, with the operations' seals and their authors' signed batches."""
    try:
        return _open(data, roster, my_device_id, my_keys, limits)
    except BundleError:
        raise
    except Exception as exc:  # last resort: hostile bytes must never crash an import
        _unexpected(exc)


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
