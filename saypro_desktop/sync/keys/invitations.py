"""Invitation files: how a new laptop joins. The file carries the laptop's freshly made
private keys and the signed roster that lists it, encrypted under a passphrase the office
user chooses (scrypt + ChaCha20-Poly1305), so the file alone is useless to whoever finds
it."""

from __future__ import annotations

import base64
import os
import struct
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from saypro_desktop.sync.errors import (
    InvitationError,
    KeyMaterialError,
    RosterError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from saypro_desktop.sync.keys import DeviceKeys, PublicKeys, key_from_b64, key_to_b64, new_device_id
from saypro_desktop.sync.keys.canonical import canonical_json, strict_json_loads
from saypro_desktop.sync.keys.roster import MAX_NAME_CHARS, Coalition, Role, Roster, RosterEntry

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
    if not 0 < len(device_name) <= MAX_NAME_CHARS:
        raise InvitationError(f"a device name must be 1 to {MAX_NAME_CHARS} characters")
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
