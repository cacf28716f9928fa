"""Opening the SQLite database the way the app needs it.

WAL so the window can read while an import writes, foreign keys on, a busy
timeout instead of instant "database is locked", and secure_delete so erased
personal data does not linger in free pages. Reads use deferred transactions;
writes use BEGIN IMMEDIATE so two writers queue instead of failing halfway.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import ClauseElement, Engine, Table, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from saypro_desktop.domain.changes import ChangeSet
from saypro_desktop.domain.errors import DatabaseBusyError

BUSY_TIMEOUT_MS = 10_000
# A write first asks for the lock briefly; if another program (an import in a terminal, a
# sync) holds it, the write says it is waiting (Database.on_wait) and waits this long.
QUICK_WAIT_MS = 200
WRITE_WAIT_MS = 300_000
_BEGIN_OPTION = "saypro_begin"
_DB_OPTION = "saypro_database"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let us issue BEGIN ourselves (pysqlite's implicit transactions get SQLite wrong).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA secure_delete=ON",
        "PRAGMA cache_size=-32000",
    ):
        cursor.execute(pragma)
    cursor.close()


def _locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _on_begin(conn: Any) -> None:
    options = conn.get_execution_options()
    mode = options.get(_BEGIN_OPTION, "DEFERRED")
    if mode != "IMMEDIATE":
        conn.exec_driver_sql(f"BEGIN {mode}")
        return
    raw = conn.connection.dbapi_connection
    raw.execute(f"PRAGMA busy_timeout={QUICK_WAIT_MS}")
    try:
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _locked(exc):
                raise
        db = options.get(_DB_OPTION)
        if db is not None and db.on_wait is not None:
            db.on_wait()
        raw.execute(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
        try:
            raw.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not _locked(exc):
                raise
            raise DatabaseBusyError(
                f"another import is still running after {WRITE_WAIT_MS // 1000} s of "
                "waiting; try again when it has finished (nothing was saved)") from None
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", pool_pre_ping=False)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """An open database file: the engine plus session factories for reading and writing."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = Path(path)
        self.engine = engine or make_engine(self.path)
        # Milliseconds since the epoch for new stamps; tests swap it to make clocks jump.
        self.wall_clock: Callable[[], int] | None = None
        self.created = False  # set by db.migrate.open_database for a file it made
        #: Called (once per write) when another program holds the write lock and this
        #: write starts waiting for it; the CLI says so in one line.
        self.on_wait: Callable[[], None] | None = None
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE", _DB_OPTION: self})
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._listeners: list[Callable[[ChangeSet], None]] = []

    def on_commit(self, listener: Callable[[ChangeSet], None]) -> Callable[[], None]:
        """Call ``listener`` with what each committed write changed; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def announce(self, changes: ChangeSet) -> None:
        """Tell the listeners what a write just committed (services.unit_of_work calls it)."""
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work: sees one consistent snapshot, never blocks writers."""
        with self._read() as session:  # closing ends the transaction; loaded rows stay readable
            yield session

    def write_session(self) -> Session:
        """A session whose transaction starts with BEGIN IMMEDIATE (use services.unit_of_work)."""
        return self._write()

    def dispose(self) -> None:
        self.engine.dispose()


def raw_rows(session: Session, stmt: ClauseElement) -> list[tuple[Any, ...]]:
    """Run a Core statement on the session's own connection, skipping SQLAlchemy's result
    processing: for hot paths that read tens of thousands of plain values per keystroke."""
    cursor = _raw_cursor(session, stmt)
    try:
        return list(cursor.fetchall())
    finally:
        cursor.close()


def raw_chunks(session: Session, stmt: ClauseElement, size: int = 100_000
               ) -> Iterator[list[tuple[Any, ...]]]:
    """``raw_rows`` a slice at a time: a read of millions of rows never holds them all."""
    cursor = _raw_cursor(session, stmt)
    try:
        while chunk := cast(list[tuple[Any, ...]], cursor.fetchmany(size)):
            yield chunk
    finally:
        cursor.close()


def _raw_cursor(session: Session, stmt: ClauseElement) -> sqlite3.Cursor:
    connection = session.connection()
    compiled = stmt.compile(dialect=connection.dialect,
                            compile_kwargs={"render_postcompile": True})  # IN (...) lists
    params = compiled.construct_params() or {}
    positions = getattr(compiled, "positiontup", None) or []  # qmark order (SQLite)
    raw = connection.connection.dbapi_connection
    cursor = cast(sqlite3.Cursor, raw.cursor())  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled), [params[name] for name in positions])
    except BaseException:
        cursor.close()
        raise
    return cursor


def raw_executemany(session: Session, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """executemany on the session's own connection and transaction, for bulk writes of
    values already in their stored form (see ``column_binders``)."""
    if not rows:
        return
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def column_binders(session: Session, table: Table) -> list[tuple[str, Callable[[Any], Any]]]:
    """(column, converter) pairs turning Python values into exactly what SQLAlchemy would
    store (dates as its text format, booleans as 0/1), for raw bulk writes."""
    dialect = session.connection().dialect
    binders = []
    for column in table.columns:
        process = column.type.bind_processor(dialect)
        binders.append((column.name, process or (lambda value: value)))
    return binders
