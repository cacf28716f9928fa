"""The one door every local write goes through.

A ``UnitOfWork`` is one write transaction (BEGIN IMMEDIATE). Each create,
update or delete of a synced row is applied to the table *and* recorded as
operations in the change log with this device's next sequence numbers and one
clock stamp, so sync never has to guess what changed. Commit writes both or
neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import LocalSetting, Synced
from saypro_desktop.domain.errors import NotFoundError, SayProError
from saypro_desktop.domain.ids import new_id
from saypro_desktop.sync.capture import ChangeRecorder
from saypro_desktop.sync.clock import HybridLogicalClock, Stamp
from saypro_desktop.sync.operations import DELETED_FIELD

DEVICE_ID = "device_id"
DEVICE_NAME = "device_name"
NEXT_SEQ = "next_seq"
CLOCK = "clock"
_META = frozenset({"id", "created_at", "updated_at", "updated_by", "deleted_at"})


def utcnow() -> datetime:
    """Naive UTC, the way every stamp column stores time."""
    return datetime.now(UTC).replace(tzinfo=None)


def ensure_device(db: Database, name: str = "This laptop") -> str:
    """Give a fresh database its own random device id (once); return the id."""
    with db.write_session() as session, session.begin():
        existing = session.get(LocalSetting, DEVICE_ID)
        if existing is not None:
            return existing.value
        device_id = new_id()
        session.add_all(
            [
                LocalSetting(key=DEVICE_ID, value=device_id),
                LocalSetting(key=DEVICE_NAME, value=name),
                LocalSetting(key=NEXT_SEQ, value="1"),
            ]
        )
        return device_id


def _defaults(model: type[Synced]) -> dict[str, Any]:
    """Scalar column defaults, so the recorded operations carry what the row really holds."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        if column.name in _META or default is None or not getattr(default, "is_scalar", False):
            continue
        values[column.name] = default.arg
    return values


class UnitOfWork:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.session: Session
        self.device_id = ""
        self.now = utcnow()
        self._recorder: ChangeRecorder
        self._clock: HybridLogicalClock

    # -- transaction ---------------------------------------------------------------------
    def __enter__(self) -> Self:
        self.session = self._db.write_session()
        self.session.begin()
        try:
            settings: dict[str, str] = {
                key: value
                for key, value in self.session.execute(
                    select(LocalSetting.key, LocalSetting.value)
                )
            }
            if DEVICE_ID not in settings:
                raise SayProError("this database has no device id; open it with the app first")
            self.device_id = settings[DEVICE_ID]
            last = Stamp.decode(settings[CLOCK]) if CLOCK in settings else None
            self._clock = HybridLogicalClock(self.device_id, last)
            stamp = self._clock.now()
            self._recorder = ChangeRecorder(self.device_id, int(settings[NEXT_SEQ]), stamp.encode())
        except BaseException:
            self.session.rollback()
            self.session.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._commit()
            else:
                self.session.rollback()
        finally:
            self.session.close()

    def _commit(self) -> None:
        if self._recorder.pending:
            self._recorder.flush(self.session)
            self._save_setting(NEXT_SEQ, str(self._recorder.next_seq))
            self._save_setting(CLOCK, self._recorder.stamp)
        # After an I/O error (e.g. disk full) SQLite may already have rolled back on its own;
        # committing then would save only the statements that ran after it. Refuse instead.
        raw = self.session.connection().connection.dbapi_connection
        if raw is not None and not getattr(raw, "in_transaction", True):
            self.session.rollback()
            raise SayProError(
                "the database rolled this change back (disk full?); nothing was saved"
            )
        self.session.commit()

    def _save_setting(self, key: str, value: str) -> None:
        self.session.merge(LocalSetting(key=key, value=value))

    # -- writes --------------------------------------------------------------------------
    def create(
        self, model: type[Synced], fields: Mapping[str, Any], *, row_id: str | None = None
    ) -> str:
        return self.create_many(model, [fields], row_ids=[row_id] if row_id else None)[0]

    def create_many(
        self,
        model: type[Synced],
        rows: Iterable[Mapping[str, Any]],
        *,
        row_ids: Sequence[str] | None = None,
    ) -> list[str]:
        """Insert rows in one batch; each row's non-empty fields become operations."""
        defaults = _defaults(model)
        table = model.__tablename__
        values: list[dict[str, Any]] = []
        ids: list[str] = []
        for index, fields in enumerate(rows):
            row_id = row_ids[index] if row_ids else new_id()
            data = {**defaults, **fields}
            stored = {
                **data,
                "id": row_id,
                "created_at": self.now,
                "updated_at": self.now,
                "updated_by": self.device_id,
            }
            values.append(stored)
            logged = {k: v for k, v in data.items() if v is not None}
            logged["created_at"] = self.now
            self._recorder.record(table, row_id, logged)
            ids.append(row_id)
        if values:
            self.session.execute(insert(model), values)
        return ids

    def update(
        self, model: type[Synced], row_id: str, changes: Mapping[str, Any]
    ) -> dict[str, tuple[Any, Any]]:
        """Apply changes to a live row; returns {field: (old, new)} for the fields that changed."""
        bad = sorted(set(changes) & _META)
        if bad:
            raise SayProError(f"{', '.join(bad)} cannot be edited")
        columns = [model.__table__.c[name] for name in changes]
        current = self.session.execute(
            select(model.__table__.c.deleted_at, *columns).where(model.__table__.c.id == row_id)
        ).one_or_none()
        if current is None or current.deleted_at is not None:
            raise NotFoundError(f"no {table_label(model)} with id {row_id}")
        old = current._mapping
        diff = {name: (old[name], new) for name, new in changes.items() if old[name] != new}
        if diff:
            self.session.execute(
                update(model)
                .where(model.__table__.c.id == row_id)
                .values(
                    **{name: new for name, (_, new) in diff.items()},
                    updated_at=self.now,
                    updated_by=self.device_id,
                )
            )
            self._recorder.record(model.__tablename__, row_id, {k: v for k, (_, v) in diff.items()})
        return diff

    def delete(self, model: type[Synced], row_id: str) -> None:
        """Tombstone a row: it disappears from lists, and the deletion syncs."""
        result = self.session.execute(
            update(model)
            .where(model.__table__.c.id == row_id, model.__table__.c.deleted_at.is_(None))
            .values(deleted_at=self.now, updated_at=self.now, updated_by=self.device_id)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(f"no {table_label(model)} with id {row_id}")
        self._recorder.record(model.__tablename__, row_id, {DELETED_FIELD: True})


_SINGULAR = {"people": "person", "activities": "activity", "stories": "story"}


def table_label(model: type[Synced]) -> str:
    """ "people" -> "person", "sign_ins" -> "sign in": for messages a person reads."""
    name = str(model.__tablename__)
    return _SINGULAR.get(name, name.removesuffix("s")).replace("_", " ")
