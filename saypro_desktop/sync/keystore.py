"""The device's private keys at rest: sealed, never stored in the database in the clear.

The 64 bytes of private key (sync.keys.DeviceKeys) are encrypted with ChaCha20-Poly1305
under a random-nonce, 32-byte key-encryption key (KEK), bound to the coalition and device
ids. Where the KEK lives decides what a copied database file is worth:

- ``passphrase``: the KEK is scrypt(passphrase) and lives nowhere; whoever holds the
  disk must guess the passphrase, at scrypt's cost per guess. Scripts give it in
  ``SAYPRO_PASSPHRASE``.
- ``keyring``: the KEK is random and kept in the operating system's keyring (Windows
  Credential Locker, macOS Keychain, the Secret Service on Linux), which the user's login
  unlocks; a copy of the database, or the disk without the login, does not open it.
- ``keyfile``: where there is no keyring and no passphrase was chosen, the KEK is random
  and kept in a file of its own in the user's settings folder, readable only by the user.
  A copied database file (a backup, a file sent by email, a USB stick) is still useless
  alone; someone holding the whole disk can read both, so choose a passphrase where that
  matters.
"""

from __future__ import annotations

import base64
import binascii
import os
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from saypro_desktop.domain.errors import SayProError
from saypro_desktop.sync.errors import KeyMaterialError
from saypro_desktop.sync.keys import DeviceKeys

Method = Literal["passphrase", "keyring", "keyfile"]
_METHODS: tuple[Method, ...] = ("passphrase", "keyring", "keyfile")
MAGIC = b"SAYPROK\x00"
VERSION = 1
# magic, version, method, scrypt log2(N), salt, nonce
_PREFIX = struct.Struct(">8sHBB16s12s")
SCRYPT_LOG2_N = 16  # 64 MiB, ~0.15 s per unlock (once per run of the app)
_SCRYPT_LOG2_N_RANGE = range(14, 19)
KEYRING_SERVICE = "SayPro Desktop device keys"
PASSPHRASE_ENV = "SAYPRO_PASSPHRASE"


class KeysLockedError(SayProError):
    """The device keys are sealed and what opens them is not here."""


class WrongKeyPassphraseError(KeysLockedError):
    def __init__(self) -> None:
        super().__init__("that passphrase does not unlock this laptop's sync keys; "
                         "nothing was changed")


@dataclass(frozen=True, slots=True)
class KeyPlace:
    """Where a KEK may be kept for one device: its keyring entry name and key file."""

    account: str  # "<coalition id>/<device id>"
    keyfile: Path


def keyring_available() -> bool:
    """True when the OS offers a real keyring (not keyring's 'fail' or null backends)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration counts as none
        return False
    priority = getattr(backend, "priority", 0)
    return not isinstance(backend, fail.Keyring) and float(priority) > 0


def _scrypt(passphrase: str, salt: bytes, log2_n: int) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=8, p=1).derive(secret)


def seal(keys: DeviceKeys, place: KeyPlace, context: bytes, *,
         passphrase: str | None = None) -> tuple[bytes, Method]:
    """Encrypt ``keys``; with a passphrase under it, else under a KEK kept in the keyring,
    else in the key file. Returns the sealed bytes and where their KEK went."""
    salt, nonce = os.urandom(16), os.urandom(12)
    method: Method
    if passphrase:
        method, kek = "passphrase", _scrypt(passphrase, salt, SCRYPT_LOG2_N)
    else:
        kek = os.urandom(32)
        method = "keyring" if _keyring_store(place.account, kek) else "keyfile"
        if method == "keyfile":
            _write_keyfile(place.keyfile, kek)
    prefix = _PREFIX.pack(MAGIC, VERSION, _METHODS.index(method), SCRYPT_LOG2_N, salt, nonce)
    body = ChaCha20Poly1305(kek).encrypt(nonce, keys.private_bytes(), prefix + context)
    return prefix + body, method


def method_of(sealed: bytes) -> Method:
    if len(sealed) < _PREFIX.size or sealed[:8] != MAGIC:
        raise KeyMaterialError("the stored device keys are not in a form this app writes")
    return _METHODS[min(sealed[10], len(_METHODS) - 1)]


def unseal(sealed: bytes, place: KeyPlace, context: bytes, *,
           passphrase: str | None = None) -> DeviceKeys:
    """Decrypt sealed keys. Raises :class:`KeysLockedError` when what opens them is missing
    (no passphrase given, no keyring entry, no key file), a wrong passphrase included."""
    if len(sealed) < _PREFIX.size + 16:
        raise KeyMaterialError("the stored device keys are cut short")
    magic, version, method_index, log2_n, salt, nonce = _PREFIX.unpack_from(sealed)
    if magic != MAGIC or version != VERSION or method_index >= len(_METHODS):
        raise KeyMaterialError("the stored device keys are not in a form this app writes")
    method = _METHODS[method_index]
    if method == "passphrase":
        passphrase = passphrase or os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            raise KeysLockedError(
                "this laptop's sync keys are locked with a passphrase: enter it to unlock "
                f"them (in scripts: the {PASSPHRASE_ENV} environment variable)")
        if log2_n not in _SCRYPT_LOG2_N_RANGE:
            raise KeyMaterialError("the stored device keys' protection is out of range")
        kek = _scrypt(passphrase, salt, log2_n)
    elif method == "keyring":
        found = _keyring_load(place.account)
        if found is None:
            raise KeysLockedError(
                "this laptop's sync keys are kept in another computer's (or user's) "
                "keyring: this database was copied here, so it cannot sign or open bundles")
        kek = found
    else:
        kek = _read_keyfile(place.keyfile)
    try:
        private = ChaCha20Poly1305(kek).decrypt(nonce, sealed[_PREFIX.size:],
                                                sealed[:_PREFIX.size] + context)
    except InvalidTag:
        if method == "passphrase":
            raise WrongKeyPassphraseError() from None
        raise KeysLockedError("the key that unlocks this laptop's sync keys does not match "
                              "them (the database was copied from elsewhere)") from None
    return DeviceKeys.from_private_bytes(private)


def forget(place: KeyPlace) -> None:
    """Remove a KEK kept for this device (after re-sealing under another method)."""
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, place.account)
    except Exception:  # absent, or no keyring: nothing to remove
        pass
    place.keyfile.unlink(missing_ok=True)


def _keyring_store(account: str, kek: bytes) -> bool:
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, account, base64.b64encode(kek).decode("ascii"))
        return _keyring_load(account) == kek
    except Exception:  # locked, denied or broken keyring: fall back to the key file
        return False


def _keyring_load(account: str) -> bytes | None:
    try:
        import keyring

        text = keyring.get_password(KEYRING_SERVICE, account)
    except Exception:
        return None
    if text is None:
        return None
    try:
        kek = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return kek if len(kek) == 32 else None


def _write_keyfile(path: Path, kek: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as stream:
        stream.write(kek)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temp, path)


def _read_keyfile(path: Path) -> bytes:
    try:
        kek = path.read_bytes()
    except OSError:
        raise KeysLockedError(
            "the key file that unlocks this laptop's sync keys is not on this computer: "
            "this database was copied here, so it cannot sign or open bundles") from None
    if len(kek) != 32:
        raise KeysLockedError("the key file that unlocks this laptop's sync keys is damaged")
    return kek
