"""Sync by file: export a bundle for the office or the field, import any number of them.

Import is verify -> (already imported? stop) -> back up -> apply whole in one transaction
-> record the bundle. A bad file changes nothing and says what is wrong.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from saypro_desktop.db.backup import safety_backup
from saypro_desktop.db.engine import Database
from saypro_desktop.db.migrate import SCHEMA_HEAD
from saypro_desktop.db.models import AppliedBundle, DeviceProgress, PeerAck
from saypro_desktop.domain.errors import CancelledError, SayProError, ValidationError
from saypro_desktop.services.duplicates import find_duplicates_after_import
from saypro_desktop.services.sync import apply_operations, list_conflicts
from saypro_desktop.services.sync_devices import (
    SyncIdentity,
    adopt_roster,
    carried_roster,
    load_identity,
)
from saypro_desktop.sync.authorship import Verdict, check_authorship
from saypro_desktop.sync.bundle import (
    FILE_SUFFIX,
    BundleHeader,
    Content,
    open_bundle,
    open_bundle_content,
    read_bundle_file,
    read_bundle_header,
    write_bundle,
    write_bundle_file,
)
from saypro_desktop.sync.clock import Stamp
from saypro_desktop.sync.errors import BundleError
from saypro_desktop.sync.keys.roster import Roster
from saypro_desktop.sync.ledger import batches_of, sign_own_operations
from saypro_desktop.sync.log import export_since, gaps, knowledge
from saypro_desktop.sync.operations import Operation

Progress = Callable[[int, int], bool | None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    operations: int
    bytes: int
    full: bool


def _acknowledged(session: Any, me: SyncIdentity) -> dict[str, int]:
    """Per origin device, what every recipient is known to hold (the smallest of them)."""
    peers = [e.device_id for e in me.roster if not e.revoked and e.device_id != me.device_id]
    if me.role == "field":
        peers = [me.office_device_id]
    known: dict[str, int] | None = None
    for peer in peers:
        acks = dict(
            session.execute(
                select(PeerAck.origin_id, PeerAck.contiguous_seq).where(PeerAck.peer_id == peer)
            ).all()
        )
        known = acks if known is None else {
            origin: min(seq, acks.get(origin, 0)) for origin, seq in known.items()
        }
    return known or {}


def default_bundle_name(me: SyncIdentity) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    safe = "".join(ch if ch.isalnum() else "-" for ch in me.device_name)[:40] or "device"
    return f"saypro-{safe}-{stamp}{FILE_SUFFIX}"


def export_bundle(db: Database, out: Path, *, full: bool = False) -> ExportResult:
    """Write one bundle: what the receivers have not acknowledged yet, or everything."""
    me = load_identity(db)
    if out.is_dir():
        out = out / default_bundle_name(me)
    recipients = {d: k for d, k in me.roster.recipients().items() if d != me.device_id}
    if not recipients:
        raise SayProError("no other device is on the roster yet: invite a laptop first")
    with db.write_session() as session, session.begin():
        sign_own_operations(session, me.keys, me.coalition_id, me.device_id, me.former_ids)
    with db.reading() as session:
        acked = None if full else _acknowledged(session, me)
        ops, batches = export_since(session, acked)
        knows = knowledge(session)
    data = write_bundle(
        ops, sender=me.keys, sender_id=me.device_id, coalition_id=me.coalition_id,
        recipients=recipients, schema_version=SCHEMA_HEAD, knows=knows,
        roster=me.signed_roster, batches=batches,
    )
    write_bundle_file(out, data)
    return ExportResult(out, len(ops), len(data), full)


# --- import -------------------------------------------------------------------------------


@dataclass
class FileReport:
    path: Path
    status: str  # "applied" | "already imported" | "refused" | "cancelled"
    message: str
    sender: str | None = None
    operations: int = 0
    applied: int = 0
    conflicts_found: int = 0
    created_at: datetime | None = None
    duplicates_found: int = 0
    # Changes inside an accepted bundle that were not applied, and why (sync.authorship).
    refused_changes: int = 0
    waiting_changes: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"file": str(self.path), "status": self.status, "message": self.message,
                "sender": self.sender, "operations": self.operations, "applied": self.applied,
                "conflicts_found": self.conflicts_found,
                "duplicates_found": self.duplicates_found,
                "refused_changes": self.refused_changes,
                "waiting_changes": self.waiting_changes, "notes": self.notes,
                "created_at": self.created_at.isoformat() if self.created_at else None}


@dataclass
class ImportReceipt:
    files: list[FileReport] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    conflicts_open: int = 0

    @property
    def applied(self) -> int:
        return sum(f.applied for f in self.files)

    @property
    def refused(self) -> int:
        return sum(f.status == "refused" for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {"files": [f.as_dict() for f in self.files], "changes_applied": self.applied,
                "conflicts_found": sum(f.conflicts_found for f in self.files),
                "duplicates_found": sum(f.duplicates_found for f in self.files),
                "conflicts_open": self.conflicts_open, "missing": self.missing}


def bundle_files(paths: Sequence[Path]) -> list[Path]:
    """Expand folders into the bundle files inside them (oldest name first)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix == FILE_SUFFIX))
        else:
            found.append(path)
    return found


def describe(db: Database, path: Path) -> FileReport:
    """What a file holds, without applying it (for the preview before import): who made it,
    when, how many changes and the days they were made on. The file is verified and
    decrypted here, so a bad one is refused before anything is applied."""
    try:
        data = read_bundle_file(path)
        header = read_bundle_header(data)
    except BundleError as exc:
        return FileReport(path, "refused", str(exc))
    except OSError as exc:
        return FileReport(path, "refused", f"cannot read the file: {exc.strerror or exc}")
    done = _already(db, header)
    names = _device_names(db)
    sender = names.get(header.sender, header.sender)
    created = header.created_at.replace(tzinfo=None)
    if done:
        return FileReport(path, "already imported", _already_message(done), sender,
                          header.op_count, created_at=created)
    try:
        me = load_identity(db)
        # A newer roster from the office may list the sender; it is used only in memory.
        roster = carried_roster(me, header.roster) or me.roster
        _, ops = open_bundle(data, roster=roster, my_device_id=me.device_id, my_keys=me.keys)
    except (BundleError, SayProError) as exc:
        return FileReport(path, "refused", str(exc), sender, header.op_count, created_at=created)
    return FileReport(path, "ready", _span(ops), sender, len(ops), created_at=created)


def _span(ops: Sequence[Operation]) -> str:
    """'changes made 12 Nov – 20 Nov 2026', from the operations' clock stamps."""
    if not ops:
        return "no changes (it tells the office what this device holds)"
    walls = [Stamp.decode(op.stamp).wall_ms for op in ops]
    first, last = (datetime.fromtimestamp(ms / 1000, UTC) for ms in (min(walls), max(walls)))
    if first.date() == last.date():
        return f"changes made on {first:%d %b %Y}"
    return f"changes made {first:%d %b %Y} – {last:%d %b %Y}"


def _already(db: Database, header: BundleHeader) -> AppliedBundle | None:
    with db.reading() as session:
        return session.get(AppliedBundle, header.bundle_id)


def _already_message(done: AppliedBundle) -> str:
    return f"already imported on {done.imported_at:%Y-%m-%d %H:%M}; nothing changed"


def _device_names(db: Database) -> dict[str, str]:
    try:
        return {e.device_id: e.name for e in load_identity(db).roster}
    except SayProError:
        return {}


PROGRESS_STEPS = 100  # progress(done, total) counts hundredths of a file


def import_files(db: Database, paths: Sequence[Path], progress: Progress | None = None
                 ) -> ImportReceipt:
    """Import bundle files one by one; each is applied whole or not at all.

    ``progress(done, total)`` counts in hundredths of a file (total = files x 100); if it
    returns False the import stops: the file being applied is left out whole (its
    report says "cancelled") and the files after it are not touched.
    """
    receipt = ImportReceipt()
    files = bundle_files(paths)
    if paths and not files:  # a folder (a USB stick) with nothing to import in it
        where = ", ".join(str(p) for p in paths)
        raise ValidationError(f"no sync files (*{FILE_SUFFIX}) in {where}; choose the folder "
                              "or file the other device wrote")
    total = len(files) * PROGRESS_STEPS

    def within(index: int) -> Callable[[float], object]:
        def report(fraction: float) -> object:
            if progress is None:
                return None
            return progress(index * PROGRESS_STEPS + int(fraction * (PROGRESS_STEPS - 1)),
                            total)
        return report

    for index, path in enumerate(files):
        receipt.files.append(import_file(db, path, within(index)))
        if receipt.files[-1].status == "cancelled":
            break
        if progress is not None and progress((index + 1) * PROGRESS_STEPS, total) is False:
            break
    receipt.missing = missing_changes(db)
    receipt.conflicts_open = len(list_conflicts(db))
    return receipt


_STOPPED = "stopped before it finished; nothing from this file was changed (import it again)"


def import_file(db: Database, path: Path,
                progress: Callable[[float], object] | None = None) -> FileReport:
    me = load_identity(db)
    try:
        data = read_bundle_file(path)
        header = read_bundle_header(data)
        done = _already(db, header)
        if done is not None:
            return FileReport(path, "already imported", _already_message(done),
                              header.sender, header.op_count)
        # Nothing in the file is used before its signature checks out: the roster it
        # carries only helps to check it (it may list a new sender) and is kept after.
        carried = carried_roster(me, header.roster)
        roster = carried or me.roster
        header, content = open_bundle_content(data, roster=roster, my_device_id=me.device_id,
                                              my_keys=me.keys)
    except BundleError as exc:
        return FileReport(path, "refused", str(exc))
    except OSError as exc:
        return FileReport(path, "refused", f"cannot read the file: {exc.strerror or exc}")
    if carried is not None:
        adopt_roster(db, header.roster)
    sender = roster.get(header.sender)
    name = sender.name if sender else header.sender
    verdict = _verdict(db, me, roster, header.sender, content)
    ops = [content.ops[i] for i in verdict.accepted]
    seals = {(op.device_id, op.seq): content.seals[i]
             for i, op in zip(verdict.accepted, ops, strict=True) if content.seals[i]}
    if progress is not None and progress(0.0) is False:
        return FileReport(path, "cancelled", _STOPPED, name, len(content.ops))
    # A bundle this large is a new laptop joining or a month away: always keep a copy first.
    safety_backup(db.path, "before-import", large=len(ops) >= 10_000)
    try:
        result = apply_operations(db, ops, sender_id=header.sender,
                                  sender_knows=dict(header.knows),
                                  record_bundle=(header.bundle_id, path.name),
                                  progress=progress, seals=seals, batches=verdict.batches)
    except CancelledError:
        return FileReport(path, "cancelled", _STOPPED, name, len(content.ops))
    except SayProError as exc:
        return FileReport(path, "refused", f"{exc}; nothing was changed", name,
                          len(content.ops))
    knows = dict(header.knows)
    in_bundle: dict[str, set[int]] = {}  # per device, the changes the bundle carried

    def sender_held(device: str, seq: int) -> bool:
        if seq <= knows.get(device, 0):
            return True
        if device not in in_bundle:  # asked about a few people at most: made when asked
            in_bundle[device] = {op.seq for op in content.ops if op.device_id == device}
        return seq in in_bundle[device]

    found = find_duplicates_after_import(db, result.people_created, sender_held)
    duplicates = found.queued
    notes = [*verdict.refused, *verdict.held, *([found.note] if found.note else [])]
    message = f"{result.applied} new changes from {name}"
    if notes:
        message += "; " + "; ".join(notes)
    return FileReport(path, "applied", message, name, len(content.ops), result.applied,
                      result.conflicts_found, header.created_at.replace(tzinfo=None),
                      duplicates, verdict.refused_ops, verdict.held_ops, notes)


def _verdict(db: Database, me: SyncIdentity, roster: Roster, sender_id: str,
             content: Content) -> Verdict:
    """Which of a verified bundle's changes their authors really made (sync.authorship)."""
    with db.reading() as session:
        held = batches_of(session, {b.device for b in content.batches})
    wall = db.wall_clock() if db.wall_clock is not None else time.time_ns() // 1_000_000
    return check_authorship(content.ops, content.seals, content.batches,
                            coalition_id=me.coalition_id, roster=roster, sender_id=sender_id,
                            held=held, now_ms=wall)


# --- status -------------------------------------------------------------------------------


def missing_changes(db: Database) -> list[str]:
    names = _device_names(db)
    with db.reading() as session:
        return [
            f"{names.get(g.device_id, g.device_id)}: missing changes {g.first}–{g.last}"
            for g in gaps(session)
        ]


@dataclass(frozen=True)
class DeviceStatus:
    device_id: str
    name: str
    role: str
    revoked: bool
    changes_held: int
    highest_seen: int
    last_bundle: datetime | None
    gaps: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"device_id": self.device_id, "name": self.name, "role": self.role,
                "revoked": self.revoked, "changes_held": self.changes_held,
                "highest_seen": self.highest_seen,
                "last_bundle": self.last_bundle.isoformat() if self.last_bundle else None,
                "gaps": self.gaps}


@dataclass(frozen=True)
class SyncStatus:
    me: str
    role: str
    devices: list[DeviceStatus]
    conflicts_open: int
    changes_total: int

    def as_dict(self) -> dict[str, Any]:
        return {"device_id": self.me, "role": self.role, "conflicts_open": self.conflicts_open,
                "changes_total": self.changes_total,
                "devices": [d.as_dict() for d in self.devices]}


def sync_status(db: Database) -> SyncStatus:
    me = load_identity(db)
    with db.reading() as session:
        progress = {p.device_id: p for p in session.execute(select(DeviceProgress)).scalars()}
        last = dict(
            session.execute(
                select(AppliedBundle.sender_id, func.max(AppliedBundle.imported_at))
                .group_by(AppliedBundle.sender_id)
            ).all()
        )
        held_gaps = gaps(session)
        total = sum(p.contiguous_seq for p in progress.values())
    devices = []
    ids = [e.device_id for e in me.roster] + sorted(set(progress) - {e.device_id
                                                                     for e in me.roster})
    for device in ids:
        entry = me.roster.get(device)
        p = progress.get(device)
        devices.append(DeviceStatus(
            device_id=device,
            name=entry.name if entry else "(earlier changes of this database)",
            role=entry.role if entry else "",
            revoked=bool(entry and entry.revoked),
            changes_held=p.contiguous_seq if p else 0,
            highest_seen=p.max_seq if p else 0,
            last_bundle=last.get(device),
            gaps=[f"missing changes {g.first}–{g.last}" for g in held_gaps
                  if g.device_id == device],
        ))
    return SyncStatus(me.device_id, me.role, devices, len(list_conflicts(db)), total)
