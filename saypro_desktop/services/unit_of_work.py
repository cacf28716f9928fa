"""The one door every local write goes through.

A ``UnitOfWork`` is one write transaction (BEGIN IMMEDIATE). Each create,
update or delete of a synced row is applied to the table *and* recorded as
operations in the change log with this device's next sequence numbers and one
clock stamp, so sync never has to guess what changed. Commit writes both or
neither.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from saypro_desktop.db import changelog
from saypro_desktop.db.engine import Database, column_binders, raw_executemany
from saypro_desktop.db.models import SYNC_COLUMNS, LocalSetting, Synced
from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.domain.errors import NotFoundError, SayProError
from saypro_desktop.domain.ids import new_id
from saypro_desktop.domain.time import utcnow
from saypro_desktop.sync.capture import ChangeRecorder, to_scalar
from saypro_desktop.sync.clock import HybridLogicalClock, Stamp
from saypro_desktop.sync.merge import MergeEngine
from saypro_desktop.sync.merge.rows import HeldOp
from saypro_desktop.sync.merge.tables import DERIVED_COLUMNS, stamp_time, table_of
from saypro_desktop.sync.operations import (
    DELETED_FIELD,
    ERASED_FIELD,
    MERGED_FIELD,
    Operation,
    encode_value,
)

DEVICE_ID = "device_id"
DEVICE_NAME = "device_name"
NEXT_SEQ = "next_seq"
CLOCK = "clock"


def storage_error(error: OperationalError | sqlite3.OperationalError) -> SayProError:
    """A database failure in words a person can act on (the detail goes to the log)."""
    detail = error.orig if isinstance(error, OperationalError) else error
    text = str(detail).lower()
    if "full" in text:
        return SayProError(
            "the disk is full (or the database reached its size limit): free some space "
            "and try again; nothing was saved"
        )
    if "locked" in text or "busy" in text:
        return SayProError("the database is busy with other work; try again in a moment")
    return SayProError(f"the database could not save this change ({detail}); nothing was saved")


def ensure_device(db: Database, name: str = "This laptop") -> str:
    """Give a fresh database its own random device id (once); return the id.

    Only a fresh database takes the write lock: opening one that has its id only reads,
    so the window and read-only commands open while another program imports.
    """
    # A Core query, so opening the window does not configure every ORM mapper first (the
    # first page's reads do that, off the UI thread).
    settings = LocalSetting.__table__
    with db.reading() as session:
        known = session.execute(
            select(settings.c.value).where(settings.c.key == DEVICE_ID)).scalar()
        if known is not None:
            return str(known)
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
        scalar = default is not None and getattr(default, "is_scalar", False)
        if column.name in SYNC_COLUMNS or not scalar:
            continue
        values[column.name] = default.arg
    return values


class UnitOfWork:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.session: Session
        self.device_id = ""
        self.now = utcnow()
        self.engine: MergeEngine
        self._recorder: ChangeRecorder
        # One operation per device written directly (track_progress needs only the device):
        # holding every one would cost more memory than the rows of a large import.
        self._fast: dict[str, Operation] = {}
        self._touched: set[tuple[str, str]] = set()

    # -- transaction ---------------------------------------------------------------------
    def __enter__(self) -> Self:
        self.session = self._db.write_session()
        self.session.begin()
        try:
            settings: dict[str, str] = {
                key: value
                for key, value in self.session.execute(select(LocalSetting.key, LocalSetting.value))
            }
            if DEVICE_ID not in settings:
                raise SayProError("this database has no device id; open it with the app first")
            self.device_id = settings[DEVICE_ID]
            last = Stamp.decode(settings[CLOCK]) if CLOCK in settings else None
            stamp = HybridLogicalClock(self.device_id, last, self._db.wall_clock).now().encode()
            # Rows carry the stamp's own time, so a row derived from the log on another
            # laptop is identical to the one written here.
            self.now = stamp_time(stamp)
            self._recorder = ChangeRecorder(self.device_id, int(settings[NEXT_SEQ]), stamp)
            self.engine = MergeEngine(self.session)
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
                self._db.announce(ChangeSet.of(self._touched))
            else:
                self.session.rollback()
        except (OperationalError, sqlite3.OperationalError) as error:
            self.session.rollback()
            raise storage_error(error) from error
        finally:
            self.session.close()
        if isinstance(exc, OperationalError | sqlite3.OperationalError):
            raise storage_error(exc) from exc

    def _commit(self) -> None:
        if self._fast:
            self.engine.track_progress(list(self._fast.values()))
            self._fast = {}
        if self._recorder.made:
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

    def touch(self, rows: Iterable[tuple[str, str]]) -> None:
        """Note rows changed other than by this unit's own operations (a merged bundle)."""
        self._touched.update(rows)

    def _op(
        self, model: type[Synced], row_id: str, field: str, value: Any, pred: tuple[str, ...] = ()
    ) -> Operation:
        self._touched.add((model.__tablename__, row_id))
        return self._recorder.make(model.__tablename__, row_id, field, value, pred)

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
        """Insert new rows in one batch; each row's non-empty fields become operations.

        Brand-new ids have no history, so the row the merge engine would derive is exactly
        the one given: write it directly (fast enough for 100,000 people). A given id that
        already has history (a link made again) goes through the engine instead.
        """
        defaults = _defaults(model)
        table = model.__tablename__
        rows = list(rows)
        ids = list(row_ids) if row_ids else [new_id() for _ in rows]
        known = self.engine.rows_with_history(table, ids) if row_ids else set()
        values: list[dict[str, Any]] = []
        fresh: list[tuple[str, dict[str, Any]]] = []
        for row_id, fields in zip(ids, rows, strict=True):
            data = {**defaults, **fields}
            if row_id in known:
                self._revive(model, row_id, data)
                continue
            values.append(
                {
                    **data,
                    "id": row_id,
                    "created_at": self.now,
                    "updated_at": self.now,
                    "updated_by": self.device_id,
                }
            )
            fresh.append((row_id, data))
        if values:
            # Raw executemany with SQLAlchemy's own converters: the ORM's bulk insert spends
            # more time building parameters than SQLite spends writing (100,000 people).
            table = table_of(model)
            binders = column_binders(self.session, table)
            names = [name for name, _ in binders]
            unknown = set().union(*(row.keys() for row in values)) - set(names)
            if unknown:
                raise SayProError(f"{table.name} has no field {', '.join(sorted(unknown))}")
            raw_executemany(
                self.session,
                f"INSERT INTO {table.name} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' for _ in names)})",
                [tuple(bind(row.get(name)) for name, bind in binders) for row in values],
            )
            changelog.insert(self.session, self._creations(table.name, fresh))
        return ids

    def _creations(self, table: str, fresh: Sequence[tuple[str, dict[str, Any]]]
                   ) -> list[tuple[Any, ...]]:
        """The operations creating brand-new rows (their creation, then every non-empty
        field), numbered in order, in the log's stored form."""
        recorder = self._recorder
        created = ("created_at", encode_value(to_scalar(self.now)))
        log = changelog.names(self.session).creations(
            self.device_id, recorder.next_seq, recorder.stamp, table,
            ((row_id, [created, *((name, encode_value(to_scalar(value)))
                                  for name, value in data.items() if value is not None)])
             for row_id, data in fresh))
        self._touched.update((table, row_id) for row_id, _ in fresh)
        recorder.next_seq += len(log)
        recorder.made += len(log)
        if fresh:  # progress is kept per device: one operation stands for them all
            self._fast.setdefault(self.device_id, Operation(
                self.device_id, recorder.next_seq - 1, recorder.stamp, table, fresh[-1][0],
                "created_at", None))
        return log

    def _revive(self, model: type[Synced], row_id: str, data: Mapping[str, Any]) -> None:
        live = self.engine.live_ops(model.__tablename__, row_id)
        ops = [
            self._op(model, row_id, name, value, _winner_ids(live.get(name)))
            for name, value in data.items()
            if not _same(live.get(name), value)
        ]
        deleted = live.get(DELETED_FIELD)
        if deleted and max(deleted, key=lambda o: o.order).value:
            ops.append(self._op(model, row_id, DELETED_FIELD, False, _all_ids(deleted)))
        if ops:
            self.engine.apply(ops, known_new=True)

    def update(
        self, model: type[Synced], row_id: str, changes: Mapping[str, Any]
    ) -> dict[str, tuple[Any, Any]]:
        """Apply changes to a live row; returns {field: (old, new)} for the fields that changed.

        Each new value replaces the value the person saw (the field's winner). A value
        from another laptop still in conflict stays in the conflict inbox.
        """
        bad = sorted(set(changes) & (SYNC_COLUMNS | DERIVED_COLUMNS))
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
            live = self.engine.live_ops(model.__tablename__, row_id, diff)
            ops = [
                self._op(model, row_id, name, new, _winner_ids(live.get(name)))
                for name, (_, new) in diff.items()
            ]
            self.engine.apply(ops, known_new=True)
        return diff

    def delete(self, model: type[Synced], row_id: str) -> None:
        """Tombstone a row: it disappears from lists, and the deletion syncs.

        The delete lists every live operation of the row as seen, so an edit made
        elsewhere at the same time (not seen here) keeps the row alive on merge.
        """
        current = self.session.execute(
            select(model.__table__.c.deleted_at).where(model.__table__.c.id == row_id)
        ).one_or_none()
        if current is None or current.deleted_at is not None:
            raise NotFoundError(f"no {table_label(model)} with id {row_id}")
        live = self.engine.live_ops(model.__tablename__, row_id)
        seen = tuple(op.op_id for ops in live.values() for op in ops)
        self.engine.apply([self._op(model, row_id, DELETED_FIELD, True, seen)], known_new=True)

    def erase(self, model: type[Synced], row_id: str) -> None:
        """Privacy erasure: dominates every other change and blanks personal data everywhere."""
        exists = self.session.execute(
            select(model.__table__.c.id).where(model.__table__.c.id == row_id)
        ).first()
        if exists is None:
            raise NotFoundError(f"no {table_label(model)} with id {row_id}")
        self.engine.apply([self._op(model, row_id, ERASED_FIELD, True)], known_new=True)

    def merge_into(self, model: type[Synced], row_id: str, survivor_id: str) -> None:
        """Redirect a record to its survivor: hidden from now on, and changes that other
        laptops still make to it (not seen here) land on the survivor."""
        live = self.engine.live_ops(model.__tablename__, row_id)
        seen = tuple(op.op_id for ops in live.values() for op in ops)
        self.engine.apply([self._op(model, row_id, MERGED_FIELD, survivor_id, seen)],
                          known_new=True)

    def resolve(self, model: type[Synced], row_id: str, field: str, value: Any) -> None:
        """Settle a conflict: one new value replaces every value still live on the field."""
        live = self.engine.live_ops(model.__tablename__, row_id, [field])
        self.engine.apply(
            [self._op(model, row_id, field, value, _all_ids(live.get(field)))], known_new=True
        )


def _winner_ids(heads: Sequence[HeldOp] | None) -> tuple[str, ...]:
    if not heads:
        return ()
    return (max(heads, key=lambda o: o.order).op_id,)


def _all_ids(heads: Sequence[HeldOp] | None) -> tuple[str, ...]:
    return tuple(op.op_id for op in heads or ())


def _same(heads: Sequence[HeldOp] | None, value: Any) -> bool:
    if not heads:
        return value is None
    return bool(max(heads, key=lambda o: o.order).value == to_scalar(value))


_SINGULAR = {"people": "person", "activities": "activity", "stories": "story"}


def table_label(model: type[Synced]) -> str:
    """ "people" -> "person", "sign_ins" -> "sign in": for messages a person reads."""
    name = str(model.__tablename__)
    return _SINGULAR.get(name, name.removesuffix("s")).replace("_", " ")
