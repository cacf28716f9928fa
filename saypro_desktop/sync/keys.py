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

Nothing here touches the database: callers store the bytes these functions give.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import struct
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature, InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from saypro_desktop.sync.errors import (
    InvitationError,
    KeyMaterialError,
    RosterError,
    WeakPassphraseError,
    WrongPassphraseError,
)

KEY_BYTES = 32
SIGNATURE_BYTES = 64
Role = Literal["office", "field"]

#: Device ids travel in bundles, stamps and file names; keep them short and plain.
DEVICE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}", re.ASCII)
_MAX_NAME_CHARS = 200
_MAX_DEVICES = 4096


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


def agreement_public_key(raw: bytes) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(raw)


# --- canonical JSON ---------------------------------------------------------------------


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


def strict_json_loads(data: bytes) -> Any:
    """Parse JSON written by :func:`canonical_json`: strict UTF-8, no NaN, no duplicate keys.

    Raises ``ValueError`` (or ``RecursionError`` for absurd nesting) for anything else.
    """
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)


# --- roster -------------------------------------------------------------------------------

ROSTER_MAGIC = b"SAYPROR\x00"
ROSTER_FORMAT_VERSION = 1
_ROSTER_PREFIX = struct.Struct(">8sHI")
MAX_ROSTER_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One device of the coalition as the office registered it."""

    device_id: str
    name: str
    role: Role
    keys: PublicKeys
    revoked_at: datetime | None = None
    # The first of this device's own sequence numbers that is refused: everything it made
    # from there on (after the office last heard from it) counts as made by a thief.
    revoked_from: int | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def refuses(self, seq: int) -> bool:
        """True when this device's change number ``seq`` falls after its revocation."""
        if self.revoked_at is None:
            return False
        return self.revoked_from is None or seq >= self.revoked_from

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "device_id": self.device_id,
            "name": self.name,
            "role": self.role,
            "signing_key": key_to_b64(self.keys.signing),
            "agreement_key": key_to_b64(self.keys.agreement),
            "revoked_at": None if self.revoked_at is None else format_time(self.revoked_at),
        }
        if self.revoked_from is not None:
            data["revoked_from"] = self.revoked_from
        return data

    @classmethod
    def from_json(cls, obj: object) -> RosterEntry:
        """Validate one untrusted roster row; ``ValueError`` naming the problem."""
        base = {"device_id", "name", "role", "signing_key", "agreement_key", "revoked_at"}
        if not isinstance(obj, dict) or set(obj) not in (base, base | {"revoked_from"}):
            raise ValueError("a device entry has the wrong fields")
        revoked_from = obj.get("revoked_from")
        if revoked_from is not None and (
            type(revoked_from) is not int or not 0 < revoked_from < 2**63
            or obj["revoked_at"] is None
        ):
            raise ValueError("a revocation point is malformed")
        device_id, name, role = obj["device_id"], obj["name"], obj["role"]
        if not isinstance(device_id, str) or not DEVICE_ID_RE.fullmatch(device_id):
            raise ValueError("a device id is malformed")
        if not isinstance(name, str) or not 0 < len(name) <= _MAX_NAME_CHARS:
            raise ValueError("a device name is missing or too long")
        if role not in ("office", "field"):
            raise ValueError("a device role is neither office nor field")
        signing, agreement, revoked = obj["signing_key"], obj["agreement_key"], obj["revoked_at"]
        if not isinstance(signing, str) or not isinstance(agreement, str):
            raise ValueError("a device key is not text")
        if revoked is not None and not isinstance(revoked, str):
            raise ValueError("a revocation time is not text")
        return cls(
            device_id=device_id,
            name=name,
            role=role,
            keys=PublicKeys(key_from_b64(signing), key_from_b64(agreement)),
            revoked_at=None if revoked is None else parse_time(revoked),
            revoked_from=revoked_from,
        )


@dataclass(frozen=True, slots=True)
class Roster:
    """The office-signed list of devices. ``version`` grows with every change, so a laptop
    holding two copies keeps the newer one and a replayed old roster cannot un-revoke."""

    coalition_id: str
    version: int
    issued_at: datetime
    devices: tuple[RosterEntry, ...]

    def __iter__(self) -> Iterator[RosterEntry]:
        return iter(self.devices)

    def get(self, device_id: str) -> RosterEntry | None:
        for entry in self.devices:
            if entry.device_id == device_id:
                return entry
        return None

    def recipients(self) -> dict[str, bytes]:
        """Agreement keys of every device that may read new bundles (all but the revoked)."""
        return {e.device_id: e.keys.agreement for e in self.devices if not e.revoked}

    def with_device(self, entry: RosterEntry, *, now: datetime | None = None) -> Roster:
        if self.get(entry.device_id) is not None:
            raise ValueError(f"device {entry.device_id} is already on the roster")
        if len(self.devices) >= _MAX_DEVICES:
            raise ValueError(f"a coalition holds at most {_MAX_DEVICES} devices")
        return replace(
            self,
            version=self.version + 1,
            issued_at=truncate_to_ms(now) if now else utc_now(),
            devices=(*self.devices, entry),
        )

    def revoke(self, device_id: str, *, now: datetime | None = None,
               from_seq: int | None = None) -> Roster:
        """Mark a device revoked (kept on the list, so its past is still attributable).

        ``from_seq`` is the first of its change numbers to refuse (one past the last the
        office holds); None refuses every change of it not already held."""
        when = truncate_to_ms(now) if now else utc_now()
        entry = self.get(device_id)
        if entry is None:
            raise ValueError(f"no device {device_id} on the roster")
        if entry.revoked:
            return self
        devices = tuple(
            replace(e, revoked_at=when, revoked_from=from_seq) if e.device_id == device_id else e
            for e in self.devices
        )
        return replace(self, version=self.version + 1, issued_at=when, devices=devices)

    def _payload(self) -> bytes:
        return canonical_json(
            {
                "coalition_id": self.coalition_id,
                "version": self.version,
                "issued_at": format_time(self.issued_at),
                "devices": [e.to_json() for e in self.devices],
            }
        )

    def sign(self, office_keys: DeviceKeys) -> bytes:
        """Serialise and sign: ``magic | version u16 | length u32 | JSON | Ed25519 signature``."""
        payload = self._payload()
        prefix = _ROSTER_PREFIX.pack(ROSTER_MAGIC, ROSTER_FORMAT_VERSION, len(payload))
        return prefix + payload + office_keys.sign(prefix + payload)

    @classmethod
    def verify(
        cls, data: bytes, office_signing_key: bytes, *, coalition_id: str | None = None
    ) -> Roster:
        """Check the office's signature, then parse. Raises only :class:`RosterError`."""
        if len(data) > MAX_ROSTER_BYTES:
            raise RosterError("the file is too large to be a device list")
        if len(data) < _ROSTER_PREFIX.size + SIGNATURE_BYTES:
            raise RosterError("the file is too short to be a device list")
        magic, version, length = _ROSTER_PREFIX.unpack_from(data)
        if magic != ROSTER_MAGIC:
            raise RosterError("the file is not a SayPro device list")
        if version != ROSTER_FORMAT_VERSION:
            raise RosterError(f"device list format {version} is not supported; update the app")
        end = _ROSTER_PREFIX.size + length
        if end + SIGNATURE_BYTES != len(data):
            raise RosterError("the file's length does not match its contents")
        if not verify_signature(office_signing_key, data[end:], data[:end]):
            raise RosterError("the office's signature does not match")
        try:
            roster = cls._parse(data[_ROSTER_PREFIX.size : end])
        except (ValueError, RecursionError) as exc:
            raise RosterError(str(exc)) from None
        if coalition_id is not None and roster.coalition_id != coalition_id:
            raise RosterError("the device list belongs to a different coalition")
        return roster

    @classmethod
    def _parse(cls, payload: bytes) -> Roster:
        obj = strict_json_loads(payload)
        if not isinstance(obj, dict) or set(obj) != {
            "coalition_id",
            "version",
            "issued_at",
            "devices",
        }:
            raise ValueError("the device list has the wrong fields")
        coalition_id, version = obj["coalition_id"], obj["version"]
        issued, devices = obj["issued_at"], obj["devices"]
        if not isinstance(coalition_id, str) or not DEVICE_ID_RE.fullmatch(coalition_id):
            raise ValueError("the coalition id is malformed")
        if type(version) is not int or not 0 < version < 2**63:
            raise ValueError("the version is malformed")
        if not isinstance(issued, str) or not isinstance(devices, list):
            raise ValueError("the device list is malformed")
        if len(devices) > _MAX_DEVICES:
            raise ValueError("the device list is too long")
        entries = tuple(RosterEntry.from_json(d) for d in devices)
        if len({e.device_id for e in entries}) != len(entries):
            raise ValueError("a device is listed twice")
        return cls(coalition_id, version, parse_time(issued), entries)


# --- coalition ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coalition:
    """What only the office holds: the coalition id and the office's own device and keys."""

    coalition_id: str
    office_device_id: str
    office_keys: DeviceKeys

    def sign_roster(self, roster: Roster) -> bytes:
        if roster.coalition_id != self.coalition_id:
            raise ValueError("the roster belongs to a different coalition")
        return roster.sign(self.office_keys)


def create_coalition(
    office_name: str = "Office", *, now: datetime | None = None
) -> tuple[Coalition, Roster]:
    """Found a coalition: fresh ids and office keys, and a roster listing only the office."""
    coalition = Coalition(str(uuid.uuid4()), new_device_id(), DeviceKeys.generate())
    when = truncate_to_ms(now) if now else utc_now()
    office = RosterEntry(
        coalition.office_device_id, office_name, "office", coalition.office_keys.public
    )
    return coalition, Roster(coalition.coalition_id, 1, when, (office,))


# --- invitations --------------------------------------------------------------------------

INVITATION_MAGIC = b"SAYPROI\x00"
INVITATION_FORMAT_VERSION = 1
# magic, version, scrypt log2(N), scrypt r, scrypt p, salt, nonce
_INVITATION_PREFIX = struct.Struct(">8sHBBB16s12s")
MAX_INVITATION_BYTES = 8 * 1024 * 1024
MIN_PASSPHRASE_CHARS = 8
#: 2**17 with r=8 is 128 MiB and ~0.3 s: a guess costs an attacker the same. The reader accepts
#: a bounded range so a crafted file cannot make it allocate gigabytes.
DEFAULT_SCRYPT_LOG2_N = 17
_SCRYPT_LOG2_N_RANGE = range(14, 19)
_SCRYPT_R, _SCRYPT_P = 8, 1


@dataclass(frozen=True, slots=True)
class Invitation:
    """Everything a new laptop needs to join, as read from an invitation file."""

    coalition_id: str
    office_device_id: str
    office_keys: PublicKeys
    device_id: str
    device_name: str
    keys: DeviceKeys
    roster: Roster
    signed_roster: bytes  # keep the office's signed bytes to pass on or re-verify later


def _passphrase_key(passphrase: str, salt: bytes, log2_n: int) -> bytes:
    # NFC so the same passphrase typed on two keyboards gives the same bytes.
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=_SCRYPT_R, p=_SCRYPT_P).derive(secret)


def make_invitation(
    office: Coalition,
    roster: Roster,
    device_name: str,
    passphrase: str,
    *,
    role: Role = "field",
    now: datetime | None = None,
    scrypt_log2_n: int = DEFAULT_SCRYPT_LOG2_N,
) -> tuple[bytes, Roster]:
    """Register a new device and make its passphrase-protected invitation file.

    Returns the file's bytes and the new roster (with the device added), which the caller
    stores and signs for distribution. The office never keeps the new private keys.
    """
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise WeakPassphraseError()
    if not 0 < len(device_name) <= _MAX_NAME_CHARS:
        raise InvitationError(f"a device name must be 1 to {_MAX_NAME_CHARS} characters")
    if scrypt_log2_n not in _SCRYPT_LOG2_N_RANGE:
        raise ValueError("scrypt work factor out of range")
    keys = DeviceKeys.generate()
    entry = RosterEntry(new_device_id(), device_name, role, keys.public)
    new_roster = roster.with_device(entry, now=now)
    signed = office.sign_roster(new_roster)
    payload = canonical_json(
        {
            "coalition_id": office.coalition_id,
            "office_device_id": office.office_device_id,
            "office_signing_key": key_to_b64(office.office_keys.public.signing),
            "office_agreement_key": key_to_b64(office.office_keys.public.agreement),
            "device_id": entry.device_id,
            "device_name": device_name,
            "device_private_keys": base64.b64encode(keys.private_bytes()).decode("ascii"),
            "roster": base64.b64encode(signed).decode("ascii"),
        }
    )
    salt, nonce = os.urandom(16), os.urandom(12)
    prefix = _INVITATION_PREFIX.pack(
        INVITATION_MAGIC,
        INVITATION_FORMAT_VERSION,
        scrypt_log2_n,
        _SCRYPT_R,
        _SCRYPT_P,
        salt,
        nonce,
    )
    key = _passphrase_key(passphrase, salt, scrypt_log2_n)
    return prefix + ChaCha20Poly1305(key).encrypt(nonce, payload, prefix), new_roster


def read_invitation(data: bytes, passphrase: str) -> Invitation:
    """Decrypt and check an invitation file. Raises only :class:`InvitationError`."""
    if len(data) > MAX_INVITATION_BYTES:
        raise InvitationError("the file is far too large to be an invitation")
    if len(data) < _INVITATION_PREFIX.size + 16:
        raise InvitationError("the file is too short to be an invitation")
    magic, version, log2_n, r, p, salt, nonce = _INVITATION_PREFIX.unpack_from(data)
    if magic != INVITATION_MAGIC:
        raise InvitationError("the file is not a SayPro invitation")
    if version != INVITATION_FORMAT_VERSION:
        raise InvitationError(f"invitation format {version} is not supported; update the app")
    if log2_n not in _SCRYPT_LOG2_N_RANGE or (r, p) != (_SCRYPT_R, _SCRYPT_P):
        raise InvitationError("the file's protection settings are not ones SayPro writes")
    prefix = data[: _INVITATION_PREFIX.size]
    key = _passphrase_key(passphrase, salt, log2_n)
    try:
        payload = ChaCha20Poly1305(key).decrypt(nonce, data[_INVITATION_PREFIX.size :], prefix)
    except InvalidTag:
        raise WrongPassphraseError() from None
    try:
        return _parse_invitation(payload)
    except (ValueError, RecursionError, RosterError, KeyMaterialError) as exc:
        # Authenticated yet malformed: made by a broken or newer app, not a wrong passphrase.
        raise InvitationError(str(exc)) from None


def _parse_invitation(payload: bytes) -> Invitation:
    obj = strict_json_loads(payload)
    fields = {
        "coalition_id",
        "office_device_id",
        "office_signing_key",
        "office_agreement_key",
        "device_id",
        "device_name",
        "device_private_keys",
        "roster",
    }
    if not isinstance(obj, dict) or set(obj) != fields:
        raise ValueError("the invitation has the wrong fields")
    if not all(isinstance(obj[f], str) for f in fields):
        raise ValueError("an invitation field is not text")
    office_keys = PublicKeys(
        key_from_b64(obj["office_signing_key"]), key_from_b64(obj["office_agreement_key"])
    )
    private = base64.b64decode(obj["device_private_keys"], validate=True)
    keys = DeviceKeys.from_private_bytes(private)
    signed_roster = base64.b64decode(obj["roster"], validate=True)
    roster = Roster.verify(signed_roster, office_keys.signing, coalition_id=obj["coalition_id"])
    me = roster.get(obj["device_id"])
    if me is None or me.keys != keys.public or me.revoked:
        raise ValueError("the invitation's device is not on its device list")
    office = roster.get(obj["office_device_id"])
    if office is None or office.keys != office_keys or office.role != "office":
        raise ValueError("the invitation's office is not on its device list")
    return Invitation(
        coalition_id=obj["coalition_id"],
        office_device_id=obj["office_device_id"],
        office_keys=office_keys,
        device_id=obj["device_id"],
        device_name=obj["device_name"],
        keys=keys,
        roster=roster,
        signed_roster=signed_roster,
    )
