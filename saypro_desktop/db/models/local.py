"""Tables local to one installation: settings, the change log and sync bookkeeping."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.models.base import Base, uuid_key


class LocalSetting(Base):
    """Per-installation settings: this device's id and name, its next change number, clock."""

    __tablename__ = "local_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Change(Base):
    """The append-only change log: one row per field written (see sync.operations).

    ``live`` is false once another operation names this one in its ``pred``; a
    field's value is the live operation with the highest stamp, and a field with
    more than one live operation is in conflict (sync.merge).
    """

    __tablename__ = "changes"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stamp: Mapped[str] = mapped_column(String(64), nullable=False)
    table_name: Mapped[str] = mapped_column(String(64), nullable=False)
    row_id: Mapped[str] = mapped_column(String(36), nullable=False)
    field: Mapped[str] = mapped_column(String(64), nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)  # canonical JSON
    pred: Mapped[str] = mapped_column(Text, nullable=False, default="[]", server_default="[]")
    live: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default="1")

    __table_args__ = (Index("ix_changes_row_field", "table_name", "row_id", "field"),)


class Superseded(Base):
    """Operation ids some operation has replaced, kept so a late arrival is born dead."""

    __tablename__ = "superseded"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # Only an operation on the same field of the same row can replace another.
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)


class OpenConflict(Base):
    """A field two devices changed without seeing each other's change (``_deleted``: a row
    deleted on one device but edited on another). Kept by the merge engine for the rows it
    touches, so the inbox never scans the whole change log."""

    __tablename__ = "open_conflicts"
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)


class DuplicateCandidate(Base):
    """Two people who may be one (same email, same phone, or same name and place).

    Local to this database: each office reviews its own queue; the merge itself syncs.
    """

    __tablename__ = "duplicate_candidates"
    id: Mapped[str] = uuid_key()
    first_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    second_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    found_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)

    __table_args__ = (Index("uq_duplicate_pair", "first_id", "second_id", unique=True),)


class PendingRow(Base):
    """A row whose operations arrived before the ones it needs (its creation, its parent)."""

    __tablename__ = "pending_rows"
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class DeviceProgress(Base):
    """Per origin device: the highest sequence held with no gap below it, and the highest seen."""

    __tablename__ = "device_progress"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    contiguous_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    max_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class PeerAck(Base):
    """What a peer is known to hold of each origin device's changes (for incremental export)."""

    __tablename__ = "peer_acks"
    peer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    origin_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    contiguous_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class AppliedBundle(Base):
    """Every bundle imported, so importing it again changes nothing and says when."""

    __tablename__ = "applied_bundles"
    bundle_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(64), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    operations: Mapped[int] = mapped_column(Integer, nullable=False)
    new_operations: Mapped[int] = mapped_column(Integer, nullable=False)
    file_name: Mapped[str | None] = mapped_column(String(500))


class RosterDevice(Base):
    """The coalition's devices as the newest signed roster we hold lists them."""

    __tablename__ = "roster_devices"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class OpBatch(Base):
    """One device's signature over a run of its own operations (sync.authorship).

    Batches of one device chain by hash (``prev`` is the digest of the batch before), so
    a later batch pins every earlier one; relayed operations travel with them, and the
    importer checks each author's signature, not only the sender's.
    """

    __tablename__ = "op_batches"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    prev: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
    root: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
    signature: Mapped[bytes] = mapped_column(LargeBinary(64), nullable=False)
    # Empty when the author signed; else the device this id became when it joined.
    signer: Mapped[str] = mapped_column(String(64), nullable=False, default="",
                                        server_default="")


class OpSeal(Base):
    """For an operation on a person's personal field: the random nonce its value was
    committed with (16 bytes), or, once an erasure scrubbed the value, the commitment
    itself (32 bytes). The signature stays checkable; the erased value is gone."""

    __tablename__ = "op_seals"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seal: Mapped[bytes] = mapped_column(LargeBinary(32), nullable=False)
