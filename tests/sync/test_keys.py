"""Coalition keys: device key storage, the office-signed roster, invitation files."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from saypro_desktop.sync.errors import (
    InvitationError,
    KeyMaterialError,
    RosterError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from saypro_desktop.sync.keys import DeviceKeys, key_from_b64, key_to_b64, verify_signature
from saypro_desktop.sync.keys.invitations import make_invitation, read_invitation
from saypro_desktop.sync.keys.roster import RosterEntry, create_coalition

FAST = 14  # scrypt work factor for tests; the default (17) is exercised once
T0 = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def test_device_keys_survive_raw_storage() -> None:
    keys = DeviceKeys.generate()
    stored = keys.private_bytes()
    assert len(stored) == 64
    again = DeviceKeys.from_private_bytes(stored)
    assert again.public == keys.public
    assert verify_signature(keys.public.signing, again.sign(b"hello"), b"hello")


@pytest.mark.parametrize("password", [None, b"local secret"])
def test_device_keys_survive_pem_storage(password: bytes | None) -> None:
    keys = DeviceKeys.generate()
    pem = keys.to_pem(password)
    assert pem.count(b"-----BEGIN") == 2
    assert DeviceKeys.from_pem(pem, password).public == keys.public


def test_damaged_stored_keys_give_key_material_error() -> None:
    with pytest.raises(KeyMaterialError):
        DeviceKeys.from_private_bytes(b"\x01" * 63)
    with pytest.raises(KeyMaterialError):
        DeviceKeys.from_pem(b"-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n")
    pem = DeviceKeys.generate().to_pem(b"right")
    with pytest.raises(KeyMaterialError):
        DeviceKeys.from_pem(pem, b"wrong")


def test_public_keys_are_32_raw_bytes_and_base64_round_trips() -> None:
    public = DeviceKeys.generate().public
    assert len(public.signing) == len(public.agreement) == 32
    assert key_from_b64(key_to_b64(public.agreement)) == public.agreement
    with pytest.raises(ValueError, match="32 bytes"):
        key_from_b64(base64.b64encode(b"short").decode())
    with pytest.raises(ValueError, match="base64"):
        key_from_b64("not base64!")


def test_new_coalition_lists_only_the_office() -> None:
    coalition, roster = create_coalition("Head office", now=T0)
    assert roster.coalition_id == coalition.coalition_id
    (office,) = roster.devices
    assert office.device_id == coalition.office_device_id
    assert office.role == "office"
    assert office.keys == coalition.office_keys.public
    assert not office.revoked
    assert roster.recipients() == {office.device_id: office.keys.agreement}


def test_signed_roster_round_trips() -> None:
    coalition, roster = create_coalition(now=T0)
    laptop = DeviceKeys.generate()
    roster = roster.with_device(
        RosterEntry("laptop-1", "Thabo's laptop ✓", "field", laptop.public), now=T0
    )
    roster = roster.revoke("laptop-1", now=T0)
    signed = coalition.sign_roster(roster)
    again = type(roster).verify(
        signed, coalition.office_keys.public.signing, coalition_id=coalition.coalition_id
    )
    assert again == roster
    assert again.version == 3
    assert again.issued_at == datetime(2025, 3, 1, 9, 30, 15, 123000, tzinfo=UTC)
    entry = again.get("laptop-1")
    assert entry is not None and entry.revoked and entry.name == "Thabo's laptop ✓"
    assert "laptop-1" not in again.recipients()


def test_every_bit_flip_in_a_signed_roster_is_detected() -> None:
    coalition, roster = create_coalition(now=T0)
    roster = roster.with_device(
        RosterEntry("laptop-1", "Laptop", "field", DeviceKeys.generate().public), now=T0
    )
    signed = coalition.sign_roster(roster)
    office_key = coalition.office_keys.public.signing
    for index in range(len(signed)):
        for bit in range(8):
            tampered = bytearray(signed)
            tampered[index] ^= 1 << bit
            with pytest.raises(RosterError):
                type(roster).verify(bytes(tampered), office_key)


def test_roster_signed_by_another_key_or_for_another_coalition_is_refused() -> None:
    coalition, roster = create_coalition(now=T0)
    impostor = DeviceKeys.generate()
    with pytest.raises(RosterError, match="signature"):
        type(roster).verify(roster.sign(impostor), coalition.office_keys.public.signing)
    with pytest.raises(RosterError, match="different coalition"):
        type(roster).verify(
            coalition.sign_roster(roster),
            coalition.office_keys.public.signing,
            coalition_id="someone-else",
        )
    for junk in (b"", b"SAYPROR\x00", b"x" * 200):
        with pytest.raises(RosterError):
            type(roster).verify(junk, coalition.office_keys.public.signing)


def test_revoking_is_idempotent_and_unknown_devices_are_rejected() -> None:
    _, roster = create_coalition(now=T0)
    roster = roster.with_device(
        RosterEntry("laptop-1", "Laptop", "field", DeviceKeys.generate().public)
    )
    once = roster.revoke("laptop-1", now=T0)
    assert once.revoke("laptop-1") is once
    with pytest.raises(ValueError):
        roster.revoke("laptop-9")
    with pytest.raises(ValueError):
        roster.with_device(RosterEntry("laptop-1", "Again", "field", DeviceKeys.generate().public))


def test_invitation_round_trip_gives_the_laptop_everything_it_needs() -> None:
    coalition, roster = create_coalition("Office", now=T0)
    data, new_roster = make_invitation(
        coalition, roster, "Laptop 3 (Soweto)", "correct horse battery", scrypt_log2_n=FAST
    )
    assert b"Laptop 3" not in data  # encrypted, not merely encoded
    invitation = read_invitation(data, "correct horse battery")
    assert invitation.coalition_id == coalition.coalition_id
    assert invitation.office_device_id == coalition.office_device_id
    assert invitation.office_keys == coalition.office_keys.public
    assert invitation.device_name == "Laptop 3 (Soweto)"
    assert invitation.roster == new_roster
    entry = new_roster.get(invitation.device_id)
    assert entry is not None and entry.role == "field"
    assert entry.keys == invitation.keys.public  # the office registered the laptop's keys
    assert new_roster.version == roster.version + 1
    assert set(new_roster.recipients()) == {coalition.office_device_id, invitation.device_id}


def test_invitation_with_the_default_work_factor_opens() -> None:
    coalition, roster = create_coalition()
    data, _ = make_invitation(coalition, roster, "Laptop", "a long passphrase")
    assert read_invitation(data, "a long passphrase").device_name == "Laptop"


def test_wrong_passphrase_says_so() -> None:
    coalition, roster = create_coalition()
    data, _ = make_invitation(coalition, roster, "Laptop", "right passphrase", scrypt_log2_n=FAST)
    with pytest.raises(WrongPassphraseError, match="passphrase"):
        read_invitation(data, "Right passphrase")
    with pytest.raises(WeakPassphraseError):
        make_invitation(coalition, roster, "Laptop", "short", scrypt_log2_n=FAST)


def test_passphrase_is_unicode_normalised() -> None:
    coalition, roster = create_coalition()
    composed, decomposed = "caf\u00e9 au lait", "cafe\u0301 au lait"
    data, _ = make_invitation(coalition, roster, "Laptop", composed, scrypt_log2_n=FAST)
    assert read_invitation(data, decomposed).device_name == "Laptop"


def test_damaged_invitation_gives_invitation_error() -> None:
    coalition, roster = create_coalition()
    data, _ = make_invitation(coalition, roster, "Laptop", "passphrase!", scrypt_log2_n=FAST)
    candidates = [b"", data[:20], data[:-1], data + b"\x00", b"SAYPROI\x00" + b"\xff" * 60]
    for index in (0, 8, 10, 11, 13, 20, 40, len(data) // 2, len(data) - 1):
        flipped = bytearray(data)
        flipped[index] ^= 0x04
        candidates.append(bytes(flipped))
    for candidate in candidates:
        with pytest.raises(InvitationError):
            read_invitation(candidate, "passphrase!")
