"""How the change log is stored: the one module that knows its compact physical form.

An operation (sync.operations) is ``(device, seq, stamp, table, row_id, field, value,
pred)``. Most of that text repeats on every row: the same few device ids, table names and
field names, row ids spelt as 36 characters, stamps that end in their own device's id. The
``changes`` table keeps instead:

- device, table and field names as small integers, interned in ``log_names`` (one name
  list for all three; a number never changes meaning once written);
- a row id as its 16 bytes when it is a canonical UUID (every id the app makes or accepts
  in a bundle), else as its text;
- a stamp as its wall milliseconds and counter, and its device only when that is not the
  operation's own device (it always is, for a stamp made by that device's clock);
- ``pred`` as NULL when the operation replaces nothing (most operations);
- no rowid: the table is keyed by (device, seq) itself, so the key is stored once.

Everything that reads or writes the log goes through ``LogNames`` and the converters here;
what leaves this module is the operation's text form again, so bundles, signatures and the
merge rules never see the storage. ``change_log`` is a read-only view with the text columns
for tests and people reading a database by hand (``sqlite3 file "SELECT * FROM change_log"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Column, Integer, MetaData, Select, String, Table, Text, event, select, text
from sqlalchemy.orm import Session

from saypro_desktop.db.engine import raw_executemany, raw_rows

# Canonical UUID text (what str(uuid.UUID(...)) gives): stored as its 16 bytes.
_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                        re.ASCII)
_SESSION_KEY = "saypro_log_names"
# A number no name has: a filter on a name this database never saw matches nothing.
NO_NAME = -1

INSERT_SQL = (
    "INSERT INTO changes (device_no, seq, wall, counter, clock_no, table_no, row_key,"
    " field_no, value, pred, live) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def row_key(row_id: str) -> bytes | str:
    """The stored form of a row id: 16 bytes for a canonical UUID, else the text itself."""
    if len(row_id) == 36 and _UUID_TEXT.fullmatch(row_id):
        return bytes.fromhex(row_id.replace("-", ""))
    return row_id


def row_keys(row_ids: Iterable[str]) -> list[bytes | str]:
    return [row_key(r) for r in row_ids]


def row_text(key: bytes | str) -> str:
    """A stored row id back as text."""
    if isinstance(key, bytes):
        h = key.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return key


def split_stamp(stamp: str) -> tuple[int, int, str]:
    """(wall ms, counter, device) of an encoded stamp (sync.clock: fixed-width text)."""
    wall, counter, device = stamp.split(".", 2)
    if len(wall) != 13 or len(counter) != 6 or not device:
        raise ValueError(f"not a clock stamp: {stamp!r}")
    return int(wall), int(counter), device


def stamp_text(wall: int, counter: int, device: str) -> str:
    return f"{wall:013d}.{counter:06d}.{device}"


def pred_text(pred: str | None) -> str:
    """The stored ``pred`` as the JSON list text of operation ids ("[]" for none)."""
    return pred if pred is not None else "[]"


class LogNames:
    """The interned names of one session's database: name -> number and back.

    Loaded whole on first use (a few hundred names: devices, tables, fields) and kept for
    the session (a name missing here is looked up: another connection may have added it);
    forgotten when a transaction rolls back, which may drop names it added.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._numbers: dict[str, int] = {}
        self._names: dict[int, str] = {}
        self._last_stamp = ""
        self._last_parts: tuple[int, int, str] = (0, 0, "")
        self._last_row = ""
        self._last_key: bytes | str = b""
        for no, name in session.execute(text("SELECT no, name FROM log_names")):
            self._numbers[name] = no
            self._names[no] = name

    def no(self, name: str) -> int:
        """The number of ``name``, interning it if it is new (for writes)."""
        found = self._numbers.get(name)
        if found is not None:
            return found
        result = self._session.execute(text("INSERT INTO log_names (name) VALUES (:name)"),
                                       {"name": name})
        return self._learn(name, int(result.lastrowid))  # type: ignore[attr-defined]

    def _learn(self, name: str, no: int) -> int:
        self._numbers[name] = no
        self._names[no] = name
        return no

    def find(self, name: str) -> int:
        """The number of ``name``, or ``NO_NAME`` when this log never held it (for reads)."""
        found = self._numbers.get(name)
        if found is None:  # perhaps written by another connection since these were loaded
            found = self._session.execute(text("SELECT no FROM log_names WHERE name = :name"),
                                          {"name": name}).scalar()
            if found is None:
                return NO_NAME
            self._learn(name, found)
        return found

    def finds(self, names: Iterable[str]) -> list[int]:
        return sorted({no for no in map(self.find, names) if no != NO_NAME})

    def name(self, no: int) -> str:
        found = self._names.get(no)
        if found is None:  # written by another connection since this session loaded them
            value = self._session.execute(text("SELECT name FROM log_names WHERE no = :no"),
                                          {"no": no}).scalar()
            if value is None:
                raise LookupError(f"the change log names a number it does not hold: {no}")
            self._learn(value, no)
            found = value
        return found

    # -- rows in and out -----------------------------------------------------------------
    def stored(self, device: str, seq: int, stamp: str, table: str, row_id: str, field: str,
               value: str, pred: str | None, live: bool = True) -> tuple[Any, ...]:
        """One operation (value as canonical JSON, pred as JSON text) as an INSERT_SQL row.

        Called once per operation of an import (millions): the stamp of the last
        operation (a transaction's operations share one) and the last row id (a row's
        operations come together) are remembered rather than taken apart again."""
        numbers = self._numbers
        if stamp != self._last_stamp:
            self._last_stamp, self._last_parts = stamp, split_stamp(stamp)
        wall, counter, clock = self._last_parts
        if row_id != self._last_row:
            self._last_row, self._last_key = row_id, row_key(row_id)
        device_no = numbers.get(device) or self.no(device)
        return (device_no, seq, wall, counter, None if clock == device else self.no(clock),
                numbers.get(table) or self.no(table), self._last_key,
                numbers.get(field) or self.no(field), value,
                pred if pred and pred != "[]" else None, int(live))

    def creations(self, device: str, first_seq: int, stamp: str, table: str,
                  rows: Iterable[tuple[str, Iterable[tuple[str, str]]]]) -> list[tuple[Any, ...]]:
        """Brand-new rows' operations in stored form, numbered from ``first_seq`` in order:
        ``rows`` is (row id, [(field, value JSON), ...]) and every operation shares
        ``device``'s own ``stamp`` and replaces nothing (a demo or an import makes millions,
        and nothing else needs them as objects)."""
        wall, counter, _ = split_stamp(stamp)
        device_no, table_no = self.no(device), self.no(table)
        numbers = self._numbers
        log: list[tuple[Any, ...]] = []
        seq = first_seq
        for row_id, fields in rows:
            key = row_key(row_id)
            for name, value in fields:
                log.append((device_no, seq, wall, counter, None, table_no, key,
                            numbers.get(name) or self.no(name), value, None, 1))
                seq += 1
        return log

    def stamp(self, device_no: int, wall: int, counter: int, clock_no: int | None) -> str:
        return stamp_text(wall, counter, self.name(device_no if clock_no is None else clock_no))

    def text_since(self, device: str, after: int) -> list[tuple[Any, ...]]:
        """``device``'s operations numbered above ``after``, in order, in their text form:
        (seq, stamp, table, row id, field, value JSON, pred JSON)."""
        device_no = self.find(device)
        name = self.name
        return [
            (seq, stamp_text(wall, counter, device if clock is None else name(clock)),
             name(table), row_text(key), name(fld), value, pred_text(pred))
            for seq, wall, counter, clock, table, key, fld, value, pred in raw_rows(
                self._session, stored_since(device_no, after))
        ]


def names(session: Session) -> LogNames:
    """The session's ``LogNames`` (made on first use)."""
    found: LogNames | None = session.info.get(_SESSION_KEY)
    if found is None:
        found = session.info[_SESSION_KEY] = LogNames(session)
    return found


@event.listens_for(Session, "after_soft_rollback")
def _forget_names(session: Session, _previous: object) -> None:
    # A rolled-back transaction may have added names whose numbers are now free again.
    session.info.pop(_SESSION_KEY, None)


def insert(session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
    """Write rows made by ``LogNames.stored`` or ``creations`` (in bulk)."""
    raw_executemany(session, INSERT_SQL, rows)


def stored_since(device_no: int, after: int) -> Select[*tuple[Any, ...]]:
    """The stored columns of one device's operations numbered above ``after``, in order:
    (seq, wall, counter, clock_no, table_no, row_key, field_no, value, pred)."""
    # The model is imported here: it imports this module for its row id column type.
    from saypro_desktop.db.models import Change

    return (select(Change.seq, Change.wall, Change.counter, Change.clock_no, Change.table_no,
                   Change.row_key, Change.field_no, Change.value, Change.pred)
            .where(Change.device_no == device_no, Change.seq > after).order_by(Change.seq))


# The text form of the log, for tests and for reading a database by hand: a view made by
# the migration that introduced this layout (h001).
change_log = Table(
    "change_log", MetaData(),
    Column("device_id", String), Column("seq", Integer), Column("stamp", String),
    Column("table_name", String), Column("row_id", String), Column("field", String),
    Column("value", Text), Column("pred", Text), Column("live", Integer),
)
