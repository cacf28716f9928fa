"""The roster, the office-signed list of the coalition's devices and their public keys
(every laptop trusts exactly the devices on the newest roster it holds, and refuses a
revoked laptop's changes from its revocation point on), and the coalition the office
founds."""

from __future__ import annotations

import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from saypro_desktop.sync.errors import RosterError
from saypro_desktop.sync.keys import (
    DEVICE_ID_RE,
    SIGNATURE_BYTES,
    DeviceKeys,
    PublicKeys,
    key_from_b64,
    key_to_b64,
    new_device_id,
    verify_signature,
)
from saypro_desktop.sync.keys.canonical import (
    canonical_json,
    format_time,
    parse_time,
    strict_json_loads,
    truncate_to_ms,
    utc_now,
)

Role = Literal["office", "field"]
MAX_NAME_CHARS = 200
_MAX_DEVICES = 4096

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
        if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME_CHARS:
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

