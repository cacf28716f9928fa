"""Setting a laptop up for sync: the office founds the coalition, laptops join with an
invitation file, the office can revoke a lost laptop. Keys live in local settings."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir
from sqlalchemy import delete
from sqlalchemy.orm import Session

from saypro_desktop import APP_AUTHOR, APP_NAME
from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import DeviceProgress, LocalSetting, RosterDevice
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.sync import wipe_free_space
from saypro_desktop.services.unit_of_work import DEVICE_ID, DEVICE_NAME, NEXT_SEQ, UnitOfWork
from saypro_desktop.sync import keystore
from saypro_desktop.sync.bundle import write_bundle_file
from saypro_desktop.sync.errors import RosterError
from saypro_desktop.sync.keys import DeviceKeys, key_from_b64, key_to_b64
from saypro_desktop.sync.keys.invitations import make_invitation, read_invitation
from saypro_desktop.sync.keys.roster import Coalition, Roster, create_coalition

COALITION_ID = "coalition_id"
ROLE = "sync_role"
KEYS = "device_private_keys"  # before keys were sealed: read once, then sealed and removed
SEALED_KEYS = "device_keys_sealed"  # sync.keystore: encrypted, opened by passphrase/keyring
OFFICE_ID = "office_device_id"
OFFICE_SIGNING_KEY = "office_signing_key"
ROSTER = "roster"
FORMER_IDS = "former_device_ids"  # JSON list: ids this database wrote under before joining


class SyncSetupError(SayProError):
    """Sync is not set up the way this action needs."""


@dataclass(frozen=True)
class SyncIdentity:
    """Everything this device needs to sign, encrypt and check bundles."""

    device_id: str
    device_name: str
    role: str
    coalition_id: str
    keys: DeviceKeys
    office_device_id: str
    office_signing_key: bytes
    roster: Roster
    signed_roster: bytes
    former_ids: tuple[str, ...] = ()


def _settings(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.query(LocalSetting).all()}


def _set(session: Session, values: dict[str, str]) -> None:
    for key, value in values.items():
        session.merge(LocalSetting(key=key, value=value))


def load_identity(db: Database) -> SyncIdentity:
    with db.reading() as session:
        settings = _settings(session)
    if COALITION_ID not in settings:
        raise SyncSetupError(
            "this laptop is not set up for sync yet: at the office run "
            "'saypro sync init --office', on a laptop join with an invitation file"
        )
    office_key = key_from_b64(settings[OFFICE_SIGNING_KEY])
    signed = base64.b64decode(settings[ROSTER])
    return SyncIdentity(
        device_id=settings[DEVICE_ID],
        device_name=settings.get(DEVICE_NAME, ""),
        role=settings[ROLE],
        coalition_id=settings[COALITION_ID],
        keys=_device_keys(db, settings),
        office_device_id=settings[OFFICE_ID],
        office_signing_key=office_key,
        roster=Roster.verify(signed, office_key, coalition_id=settings[COALITION_ID]),
        signed_roster=signed,
        former_ids=tuple(json.loads(settings.get(FORMER_IDS, "[]"))),
    )


# --- keys at rest ---------------------------------------------------------------------------

_UNLOCKED: dict[bytes, DeviceKeys] = {}  # sealed bytes -> keys, for this run of the app


def forget_unlocked_keys() -> None:
    """Lock again: the next use asks the passphrase, keyring or key file afresh."""
    _UNLOCKED.clear()


def _key_place(coalition_id: str, device_id: str) -> keystore.KeyPlace:
    folder = Path(user_config_dir(APP_NAME, APP_AUTHOR)) / "device-keys"
    return keystore.KeyPlace(f"{coalition_id}/{device_id}",
                             folder / f"{coalition_id}-{device_id}.key")


def _context(coalition_id: str, device_id: str) -> bytes:
    return f"SayPro device keys|{coalition_id}|{device_id}".encode("ascii")


def _seal_keys(session: Session, keys: DeviceKeys, coalition_id: str, device_id: str,
               passphrase: str | None) -> None:
    sealed, _ = keystore.seal(keys, _key_place(coalition_id, device_id),
                              _context(coalition_id, device_id), passphrase=passphrase)
    _set(session, {SEALED_KEYS: base64.b64encode(sealed).decode("ascii")})
    session.execute(delete(LocalSetting).where(LocalSetting.key == KEYS))
    _UNLOCKED[sealed] = keys


def _device_keys(db: Database, settings: dict[str, str],
                 passphrase: str | None = None) -> DeviceKeys:
    coalition_id, device_id = settings[COALITION_ID], settings[DEVICE_ID]
    if SEALED_KEYS not in settings:  # set up by an earlier version: seal them now
        clear = DeviceKeys.from_private_bytes(base64.b64decode(settings[KEYS]))
        with db.write_session() as session, session.begin():
            _seal_keys(session, clear, coalition_id, device_id, passphrase)
        wipe_free_space(db)  # the clear copy's pages are zeroed, the WAL emptied
        return clear
    sealed = base64.b64decode(settings[SEALED_KEYS])
    cached = _UNLOCKED.get(sealed)
    if cached is None:
        keys = keystore.unseal(sealed, _key_place(coalition_id, device_id),
                               _context(coalition_id, device_id), passphrase=passphrase)
        _UNLOCKED[sealed] = cached = keys
    return cached


def keys_protection(db: Database) -> keystore.Method | None:
    """How this laptop's sync keys are kept ('passphrase', 'keyring', 'keyfile'), if set up."""
    with db.reading() as session:
        row = session.get(LocalSetting, SEALED_KEYS)
    return keystore.method_of(base64.b64decode(row.value)) if row is not None else None


def unlock_keys(db: Database, passphrase: str) -> None:
    """Open passphrase-sealed keys for this run of the app (the window asks once)."""
    with db.reading() as session:
        settings = _settings(session)
    if COALITION_ID not in settings:
        raise SyncSetupError("this laptop is not set up for sync yet")
    _device_keys(db, settings, passphrase)


def protect_keys(db: Database, passphrase: str | None) -> keystore.Method:
    """Seal the keys again: under a passphrase, or (None) under the keyring or key file."""
    me = load_identity(db)
    place = _key_place(me.coalition_id, me.device_id)
    with db.write_session() as session, session.begin():
        _seal_keys(session, me.keys, me.coalition_id, me.device_id, passphrase)
        sealed = base64.b64decode(_settings(session)[SEALED_KEYS])
    method = keystore.method_of(sealed)
    if method == "passphrase":
        keystore.forget(place)
    wipe_free_space(db)
    return method


def is_set_up(db: Database) -> bool:
    with db.reading() as session:
        return session.get(LocalSetting, COALITION_ID) is not None


def _refuse_if_set_up(db: Database) -> None:
    if is_set_up(db):
        raise SyncSetupError("this laptop is already set up for sync; nothing was changed")


def _store_roster(session: Session, roster: Roster, signed: bytes) -> None:
    _set(session, {ROSTER: base64.b64encode(signed).decode("ascii")})
    session.execute(delete(RosterDevice))
    session.add_all(
        RosterDevice(device_id=e.device_id, name=e.name, role=e.role,
                     revoked_at=e.revoked_at.replace(tzinfo=None) if e.revoked_at else None)
        for e in roster
    )


def _become(session: Session, device_id: str, name: str) -> None:
    """Take the sync device id: new changes count from 1 under it (old ones keep theirs,
    and this device signs them as its former self when it exports)."""
    old = session.get(LocalSetting, DEVICE_ID)
    former = [old.value] if old is not None and old.value != device_id else []
    _set(session, {DEVICE_ID: device_id, DEVICE_NAME: name, NEXT_SEQ: "1",
                   FORMER_IDS: json.dumps(former)})


def init_office(db: Database, name: str = "Office", *, key_passphrase: str | None = None) -> str:
    """Found the coalition on this machine; returns the office's device id.

    The office's private keys are sealed (sync.keystore): under ``key_passphrase`` if one
    is given, else under a key kept in the OS keyring, else in a key file of their own."""
    _refuse_if_set_up(db)
    coalition, roster = create_coalition(name)
    with db.write_session() as session, session.begin():
        _become(session, coalition.office_device_id, name)
        _set(session, {
            COALITION_ID: coalition.coalition_id,
            ROLE: "office",
            OFFICE_ID: coalition.office_device_id,
            OFFICE_SIGNING_KEY: key_to_b64(coalition.office_keys.public.signing),
        })
        _store_roster(session, roster, coalition.sign_roster(roster))
        _seal_keys(session, coalition.office_keys, coalition.coalition_id,
                   coalition.office_device_id, key_passphrase)
    return coalition.office_device_id


def join(db: Database, invitation: bytes, passphrase: str, *,
         key_passphrase: str | None = None) -> str:
    """Join the coalition with the invitation file the office made; returns our device id.
    The laptop's private keys are sealed as :func:`init_office` says."""
    _refuse_if_set_up(db)
    inv = read_invitation(invitation, passphrase)
    with db.write_session() as session, session.begin():
        _become(session, inv.device_id, inv.device_name)
        _set(session, {
            COALITION_ID: inv.coalition_id,
            ROLE: "field",
            OFFICE_ID: inv.office_device_id,
            OFFICE_SIGNING_KEY: key_to_b64(inv.office_keys.signing),
        })
        _store_roster(session, inv.roster, inv.signed_roster)
        _seal_keys(session, inv.keys, inv.coalition_id, inv.device_id, key_passphrase)
    return inv.device_id


def _office(db: Database) -> tuple[SyncIdentity, Coalition]:
    me = load_identity(db)
    if me.role != "office":
        raise SyncSetupError("only the office can invite or revoke devices")
    return me, Coalition(me.coalition_id, me.device_id, me.keys)


def invite(db: Database, name: str, passphrase: str, out: Path) -> str:
    """Make an invitation file for a new laptop; returns the laptop's device id."""
    me, coalition = _office(db)
    data, roster = make_invitation(coalition, me.roster, name, passphrase)
    write_bundle_file(out, data)
    with db.write_session() as session, session.begin():
        _store_roster(session, roster, coalition.sign_roster(roster))
    entry = next(e for e in roster if e.name == name and me.roster.get(e.device_id) is None)
    return entry.device_id


def revoke(db: Database, device: str) -> str:
    """Refuse a lost laptop's bundles from now on (by device id or name); returns its id."""
    me, coalition = _office(db)
    matches = [e for e in me.roster if device in (e.device_id, e.name)]
    if len(matches) != 1:
        raise SyncSetupError(f"no single device called '{device}' on the roster")
    entry = matches[0]
    if entry.device_id == me.device_id:
        raise SyncSetupError("the office cannot revoke itself")
    with db.write_session() as session, session.begin():
        # Everything the office holds of it stays; anything numbered after is refused.
        held = session.get(DeviceProgress, entry.device_id)
        roster = me.roster.revoke(entry.device_id, from_seq=(held.max_seq if held else 0) + 1)
        _store_roster(session, roster, coalition.sign_roster(roster))
    return entry.device_id


def carried_roster(me: SyncIdentity, signed: bytes) -> Roster | None:
    """The roster a bundle carries, if the office signed it and it is newer than ours."""
    if not signed:
        return None
    try:
        roster = Roster.verify(signed, me.office_signing_key, coalition_id=me.coalition_id)
    except RosterError:
        return None
    return roster if roster.version > me.roster.version else None


def adopt_roster(db: Database, signed: bytes) -> bool:
    """Keep a roster carried by a (verified) bundle if the office signed it and it is newer.

    A device it newly revokes loses here whatever this laptop took from it past its
    revocation point (relayed before the news arrived): the office refuses those changes,
    so keeping them would leave this laptop different from everyone else."""
    me = load_identity(db)
    roster = carried_roster(me, signed)
    if roster is None:
        return False
    forgot = 0
    with UnitOfWork(db) as uow:
        _store_roster(uow.session, roster, signed)
        engine = uow.engine
        for entry in roster:
            if entry.revoked_from is not None:  # a device list from before points had none
                forgot += engine.forget_from(entry.device_id, entry.revoked_from)
    if forgot:
        wipe_free_space(db)
    return True
