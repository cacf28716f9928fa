"""Copies of the database file that cost what they protect, and that an erasure reaches.

A transaction already makes every import all-or-nothing; backups are the safety net for
what a transaction cannot undo (a schema upgrade, a large import that was the wrong file).
So:

* before a schema upgrade, and before large work (``large=True``), a copy is always taken;
* before small work, at most one copy a day (a 40-change bundle must not copy a 700 MB file);
* the newest ``KEEP_BACKUPS`` copies are kept, and fewer when together they would take more
  than ``SIZE_FACTOR`` times the database's own size (the newest copy always stays);
* copies are private to the user (0600 in a 0700 folder), like the database;
* an erasure reaches them: :func:`scrub_backups` blanks the erased people's personal data
  in every copy, in the log of changes and the search index too, and rewrites each file
  (``VACUUM`` with ``secure_delete``) so no old page keeps it.

Copies use SQLite's online backup API, which is consistent while the app (WAL) writes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from pathlib import Path

from saypro_desktop.db import changelog

log = logging.getLogger(__name__)

KEEP_BACKUPS = 10
SIZE_FACTOR = 2.0  # all copies together stay under this many times the database's size
DAILY_SECONDS = 24 * 3600
# A personal value's seal is a random nonce until it is erased (see sync.authorship).
SEAL_NONCE_BYTES = 16


def backups_folder(path: Path) -> Path:
    return path.parent / "backups"


def list_backups(path: Path) -> list[Path]:
    """The copies of the database at ``path``, oldest first."""
    folder = backups_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*.sqlite3"))


def latest_backup(path: Path) -> Path | None:
    """The newest copy of the database at ``path``, if there is one."""
    found = list_backups(path)
    return found[-1] if found else None


def backup_database(path: Path, reason: str, folder: Path | None = None) -> Path:
    """Copy ``path`` now (safe while WAL is in use) and apply the retention rules."""
    folder = folder or backups_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    _private(folder, 0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # Create the file private before SQLite writes anything into it.
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    _prune(path, folder)
    return target


def safety_backup(path: Path, reason: str, *, large: bool) -> Path | None:
    """A copy before an import: always for ``large`` work, otherwise at most one a day.

    Returns the new copy, or None when a recent one already protects this small change.
    """
    if not large:
        newest = latest_backup(path)
        if newest is not None and time.time() - newest.stat().st_mtime < DAILY_SECONDS:
            return None
    return backup_database(path, reason)


def _prune(path: Path, folder: Path) -> None:
    backups = sorted(folder.glob(f"{path.stem}-*.sqlite3"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    backups = backups[-KEEP_BACKUPS:]
    try:
        size = path.stat().st_size
    except OSError:
        return
    wal = path.with_name(path.name + "-wal")  # recent writes not yet folded into the file
    size += wal.stat().st_size if wal.exists() else 0
    budget = SIZE_FACTOR * size
    total = sum(b.stat().st_size for b in backups)
    for old in backups[:-1]:  # the newest copy always stays
        if total <= budget:
            break
        total -= old.stat().st_size
        old.unlink(missing_ok=True)


def _private(path: Path, mode: int) -> None:
    try:
        path.chmod(mode)
    except OSError:  # pragma: no cover - a file system without permissions (FAT stick)
        log.info("could not make %s private", path)


def scrub_backups(path: Path, person_ids: Collection[str], fields: Sequence[str]) -> int:
    """Blank ``fields`` of the erased people in every backup of ``path``; returns how many
    copies held them. Each copy's log of changes and search index lose them too, and the
    file is rewritten so their old pages are gone (``secure_delete`` + ``VACUUM``)."""
    if not person_ids:
        return 0
    scrubbed = 0
    for backup in list_backups(path):
        try:
            if _scrub(backup, list(person_ids), fields):
                scrubbed += 1
        except sqlite3.DatabaseError:
            # A copy we cannot open or change could still hold them: it must not stay.
            log.warning("removing backup %s: it could not be scrubbed", backup.name)
            backup.unlink(missing_ok=True)
    return scrubbed


def _scrub(backup: Path, person_ids: list[str], fields: Sequence[str]) -> bool:
    con = sqlite3.connect(backup, isolation_level=None)
    try:
        con.execute("PRAGMA secure_delete=ON")
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        if "people" not in tables:
            return False
        columns = {row[1] for row in con.execute("PRAGMA table_info(people)")}
        blanked = [f for f in fields if f in columns]
        marks = ",".join("?" for _ in person_ids)
        held = con.execute(f"SELECT count(*) FROM people WHERE id IN ({marks})",
                           person_ids).fetchone()[0]
        if not held:
            return False
        con.execute("BEGIN IMMEDIATE")
        if blanked:
            assignments = ", ".join(f"{name} = NULL" for name in blanked)
            con.execute(f"UPDATE people SET {assignments} WHERE id IN ({marks})", person_ids)
        if "changes" in tables:
            where, params = _log_where(tables, person_ids, fields)
            if "op_seals" in tables:
                _seal_values(con, tables, where, params)
            con.execute(f"UPDATE changes SET value = 'null' WHERE {where}", params)
        if "duplicate_candidates" in tables:  # its reasons quote emails and phones
            con.execute(f"DELETE FROM duplicate_candidates WHERE first_id IN ({marks}) "
                        f"OR second_id IN ({marks})", [*person_ids, *person_ids])
        con.execute("COMMIT")
        if "people_fts" in tables:
            con.execute("INSERT INTO people_fts(people_fts) VALUES ('optimize')")
        con.execute("VACUUM")
        return True
    finally:
        con.close()


def _log_where(tables: set[str], person_ids: list[str], fields: Sequence[str]
               ) -> tuple[str, list[object]]:
    """Which change rows hold these people's values of these fields, for a copy in either
    layout of the log: the compact one (db.changelog) or the text one before it."""
    marks = ",".join("?" for _ in person_ids)
    field_marks = ",".join("?" for _ in fields)
    if "log_names" in tables:
        return (
            "table_no = (SELECT no FROM log_names WHERE name = 'people')"
            f" AND row_key IN ({marks})"
            f" AND field_no IN (SELECT no FROM log_names WHERE name IN ({field_marks}))",
            [*changelog.row_keys(person_ids), *fields],
        )
    return (f"table_name = 'people' AND row_id IN ({marks}) AND field IN ({field_marks})",
            [*person_ids, *fields])


def _seal_values(con: sqlite3.Connection, tables: set[str], where: str,
                 params: list[object]) -> None:
    """Turn the erased values' nonces into commitments before the values are blanked (as
    the merge engine does in the live file): the signed batches stay checkable, and nothing
    left in the copy can confirm a guess of an erased value. sha256(nonce + value text)."""
    device = ("(SELECT name FROM log_names WHERE no = c.device_no)" if "log_names" in tables
              else "c.device_id")
    rows = con.execute(
        f"SELECT d, c.seq, c.value, s.seal FROM (SELECT {device} AS d, * FROM changes c"
        f" WHERE {where}) c JOIN op_seals s ON s.device_id = c.d AND s.seq = c.seq"
        f" WHERE length(s.seal) = {SEAL_NONCE_BYTES}",
        params).fetchall()
    con.executemany(
        "UPDATE op_seals SET seal = ? WHERE device_id = ? AND seq = ?",
        [(hashlib.sha256(bytes(seal) + str(value).encode("utf-8")).digest(), device, seq)
         for device, seq, value, seal in rows])
