"""Tables local to one installation: settings, the change log and sync bookkeeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column

from saypro_desktop.db.changelog import row_key, row_text
from saypro_desktop.db.models.base import Base, uuid_key


class LocalSetting(Base):
    """Per-installation settings: this device's id and name, its next change number, clock."""

    __tablename__ = "local_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class RowKey(TypeDecorator[str]):
    """A change's row id as stored (db.changelog): 16 bytes for a UUID, else its text.

    Statements run through SQLAlchemy take and give text; raw cursor reads get the stored
    form and convert it with ``changelog.row_text``."""

    impl = LargeBinary
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        return lambda value: row_key(value) if isinstance(value, str) else value

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        return lambda value: None if value is None else row_text(value)


class LogName(Base):
    """Device, table and field names of the change log, interned (db.changelog)."""

    __tablename__ = "log_names"
    no: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False, unique=True)


class Change(Base):
    """The append-only change log: one row per field written (see sync.operations), in the
    compact form of db.changelog (names as ``log_names`` numbers, no rowid).

    ``live`` is false once another operation names this one in its ``pred``; a
    field's value is the live operation with the highest stamp, and a field with
    more than one live operation is in conflict (sync.merge).
    """

    __tablename__ = "changes"
    device_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    wall: Mapped[int] = mapped_column(Integer, nullable=False)
    counter: Mapped[int] = mapped_column(Integer, nullable=False)
    # The stamp's device when it is not the operation's own (NULL: the same).
    clock_no: Mapped[int | None] = mapped_column(Integer)
    table_no: Mapped[int] = mapped_column(Integer, nullable=False)
    row_key: Mapped[str] = mapped_column(RowKey, nullable=False)
    field_no: Mapped[int] = mapped_column(Integer, nullable=False)
    value: Mapped[str] = mapped_column(Text, nullable=False)  # canonical JSON
    pred: Mapped[str | None] = mapped_column(Text)  # JSON list of op ids; NULL for none
    live: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default="1")

    __table_args__ = (Index("ix_changes_row_field", "table_no", "row_key", "field_no"),
                      {"sqlite_with_rowid": False})


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
