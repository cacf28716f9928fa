"""Setting a laptop up for sync: the office founds the coalition, laptops join with an
invitation file, the office can revoke a lost laptop. Keys live in local settings."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import DeviceProgress, LocalSetting, RosterDevice
from saypro_desktop.domain.errors import SayProError
from saypro_desktop.services.sync import wipe_free_space
from saypro_desktop.services.unit_of_work import DEVICE_ID, DEVICE_NAME, NEXT_SEQ, UnitOfWork
from saypro_desktop.sync.bundle import write_bundle_file
from saypro_desktop.sync.errors import RosterError
from saypro_desktop.sync.keys import (
    Coalition,
    DeviceKeys,
    Roster,
    create_coalition,
    key_from_b64,
    key_to_b64,
    make_invitation,
    read_invitation,
)

COALITION_ID = "coalition_id"
ROLE = "sync_role"
KEYS = "device_private_keys"
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
        keys=DeviceKeys.from_private_bytes(base64.b64decode(settings[KEYS])),
        office_device_id=settings[OFFICE_ID],
        office_signing_key=office_key,
        roster=Roster.verify(signed, office_key, coalition_id=settings[COALITION_ID]),
        signed_roster=signed,
        former_ids=tuple(json.loads(settings.get(FORMER_IDS, "[]"))),
    )


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


def init_office(db: Database, name: str = "Office") -> str:
    """Found the coalition on this machine; returns the office's device id."""
    _refuse_if_set_up(db)
    coalition, roster = create_coalition(name)
    with db.write_session() as session, session.begin():
        _become(session, coalition.office_device_id, name)
        _set(session, {
            COALITION_ID: coalition.coalition_id,
            ROLE: "office",
            KEYS: base64.b64encode(coalition.office_keys.private_bytes()).decode("ascii"),
            OFFICE_ID: coalition.office_device_id,
            OFFICE_SIGNING_KEY: key_to_b64(coalition.office_keys.public.signing),
        })
        _store_roster(session, roster, coalition.sign_roster(roster))
    return coalition.office_device_id


def join(db: Database, invitation: bytes, passphrase: str) -> str:
    """Join the coalition with the invitation file the office made; returns our device id."""
    _refuse_if_set_up(db)
    inv = read_invitation(invitation, passphrase)
    with db.write_session() as session, session.begin():
        _become(session, inv.device_id, inv.device_name)
        _set(session, {
            COALITION_ID: inv.coalition_id,
            ROLE: "field",
            KEYS: base64.b64encode(inv.keys.private_bytes()).decode("ascii"),
            OFFICE_ID: inv.office_device_id,
            OFFICE_SIGNING_KEY: key_to_b64(inv.office_keys.signing),
        })
        _store_roster(session, inv.roster, inv.signed_roster)
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
