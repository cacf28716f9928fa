"""The coalition's key material: device keys, the signed roster, invitation files.

Each device has two key pairs: Ed25519 to sign the bundles it exports (so a
bundle cannot be forged by someone holding another device's file) and X25519 to
receive bundle content keys (so a finder of a USB stick cannot read it). The
office founds the coalition and signs the *roster* -- the list of devices and
their public keys -- with its Ed25519 key; every laptop trusts exactly the
devices on the newest roster it holds, and a revoked laptop's bundles are
refused. A new laptop joins with an *invitation file* that carries its freshly
made private keys, encrypted under a passphrase the office user chooses
(scrypt + ChaCha20-Poly1305), so the file alone is useless to whoever finds it.

This module holds the device keys and ids; ``keys.canonical`` the one byte form of
signed JSON and times, ``keys.roster`` the roster and the coalition the office founds,
``keys.invitations`` the invitation files. Nothing here touches the database: callers
store the bytes these functions give.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from saypro_desktop.sync.errors import KeyMaterialError

KEY_BYTES = 32
SIGNATURE_BYTES = 64

#: Device ids travel in bundles, stamps and file names; keep them short and plain.
DEVICE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}", re.ASCII)


def new_device_id() -> str:
    """A fresh random device id (never derived from hardware, so a cloned disk can re-mint)."""
    return str(uuid.uuid4())



def key_to_b64(raw: bytes) -> str:
    """Public key (32 raw bytes) as standard base64 text, for JSON and for people to compare."""
    return base64.b64encode(raw).decode("ascii")


def key_from_b64(text: str) -> bytes:
    """Inverse of :func:`key_to_b64`; raises ``ValueError`` unless it is exactly 32 bytes."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64 text") from None
    if len(raw) != KEY_BYTES:
        raise ValueError(f"a key is {KEY_BYTES} bytes, this is {len(raw)}")
    return raw


# --- device keys ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicKeys:
    """What other devices need to know about a device: raw 32-byte public keys."""

    signing: bytes  # Ed25519: verifies the bundles this device signs
    agreement: bytes  # X25519: bundle content keys are wrapped to it

    def __post_init__(self) -> None:
        if len(self.signing) != KEY_BYTES or len(self.agreement) != KEY_BYTES:
            raise ValueError("public keys are 32 bytes each")


@dataclass(frozen=True, slots=True)
class DeviceKeys:
    """One device's private keys. Store :meth:`private_bytes` (or :meth:`to_pem`) locally."""

    signing: Ed25519PrivateKey
    agreement: X25519PrivateKey

    @classmethod
    def generate(cls) -> DeviceKeys:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(
            signing=self.signing.public_key().public_bytes_raw(),
            agreement=self.agreement.public_key().public_bytes_raw(),
        )

    def sign(self, message: bytes) -> bytes:
        return self.signing.sign(message)

    def private_bytes(self) -> bytes:
        """64 raw bytes (signing seed, then agreement key): the compact form for the database."""
        return self.signing.private_bytes_raw() + self.agreement.private_bytes_raw()

    @classmethod
    def from_private_bytes(cls, data: bytes) -> DeviceKeys:
        if len(data) != 2 * KEY_BYTES:
            raise KeyMaterialError(f"expected {2 * KEY_BYTES} bytes, found {len(data)}")
        return cls(
            Ed25519PrivateKey.from_private_bytes(data[:KEY_BYTES]),
            X25519PrivateKey.from_private_bytes(data[KEY_BYTES:]),
        )

    def to_pem(self, password: bytes | None = None) -> bytes:
        """Both keys as PKCS#8 PEM blocks (signing first), optionally password-encrypted.

        PEM is for interoperability and inspection (``openssl pkey``); the raw form is smaller.
        """
        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password)
            if password
            else serialization.NoEncryption()
        )
        fmt = serialization.PrivateFormat.PKCS8
        enc = serialization.Encoding.PEM
        return self.signing.private_bytes(enc, fmt, encryption) + self.agreement.private_bytes(
            enc, fmt, encryption
        )

    @classmethod
    def from_pem(cls, data: bytes, password: bytes | None = None) -> DeviceKeys:
        end = b"-----END "
        blocks: list[bytes] = []
        rest = data
        while (cut := rest.find(end)) >= 0:
            stop = rest.find(b"-----", cut + len(end))
            if stop < 0:
                break
            blocks.append(rest[: stop + 5])
            rest = rest[stop + 5 :]
        if len(blocks) != 2:
            raise KeyMaterialError(f"expected 2 PEM keys, found {len(blocks)}")
        try:
            signing = serialization.load_pem_private_key(blocks[0].strip(), password)
            agreement = serialization.load_pem_private_key(blocks[1].strip(), password)
        except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
            raise KeyMaterialError(str(exc)) from None
        if not isinstance(signing, Ed25519PrivateKey) or not isinstance(
            agreement, X25519PrivateKey
        ):
            raise KeyMaterialError("expected an Ed25519 key followed by an X25519 key")
        return cls(signing, agreement)


def verify_signature(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is ``public_key``'s Ed25519 signature of ``message``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True

