"""A damaged database: say so in one line, and put the newest backup back safely.

``check_file`` is the check every open runs, and raises ``DatabaseDamagedError`` naming
the newest backup. It is deliberately not ``PRAGMA quick_check``: that reads every page,
about 11 s on the 100,000-person demo (770 MB; benchmarks/figures/open_check.py), far too
slow for each start. Instead it compares the header's page count with the file's size (a
truncated copy), reads the whole schema, and runs ``quick_check`` on the small tables that
say which device this is; ``full_check`` runs the complete ``quick_check`` on demand.
``restore_latest`` moves the damaged file aside (never deletes or overwrites it) and copies
the backup into its place.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from saypro_desktop.db.backup import latest_backup
from saypro_desktop.domain.errors import DatabaseDamagedError, ValidationError
from saypro_desktop.domain.files import fsync_folder

SIDE_FILES = ("-wal", "-shm")


def damaged(path: Path, detail: str) -> DatabaseDamagedError:
    backup = latest_backup(path)
    advice = (f"restore the newest backup, {backup} (the app offers to, keeping the damaged "
              "file aside)" if backup is not None
              else "there is no backup in backups/ to restore; keep the file and ask for help")
    return DatabaseDamagedError(
        f"the database {path} is damaged ({detail}); nothing was changed: {advice}", backup)


def check_file(path: Path) -> None:
    """Raise ``DatabaseDamagedError`` if the existing file at ``path`` is visibly damaged
    (cheap: milliseconds whatever the size)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            page_size = con.execute("PRAGMA page_size").fetchone()[0]
            pages = con.execute("PRAGMA page_count").fetchone()[0]
            wal = Path(f"{path}-wal")
            if path.stat().st_size < page_size * pages and not wal.exists():
                raise sqlite3.DatabaseError(
                    f"the file is shorter than it should be: {path.stat().st_size:,} of "
                    f"{page_size * pages:,} bytes")
            con.execute("SELECT * FROM sqlite_master").fetchall()
            rows = []
            for table in ("alembic_version", "local_settings"):
                if con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                               (table,)).fetchone():
                    rows += con.execute(f"PRAGMA quick_check({table})").fetchall()
                    con.execute(f"SELECT * FROM {table}").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from None
    _raise_problems(path, rows)


def full_check(path: Path) -> None:
    """``PRAGMA quick_check`` over every page (seconds for a large database)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from None
    _raise_problems(path, rows)


def _raise_problems(path: Path, rows: list[tuple[object, ...]]) -> None:
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    if problems:
        more = f" and {len(problems) - 1} more problems" if len(problems) > 1 else ""
        raise damaged(path, f"{problems[0][:120]}{more}")


def restore_latest(path: Path) -> tuple[Path, Path]:
    """Move the damaged ``path`` aside and copy the newest backup into its place.

    Returns (where the damaged file now is, the backup restored). Nothing is deleted.
    """
    backup = latest_backup(path)
    if backup is None:
        raise ValidationError(f"there is no backup of {path.name} in {path.parent / 'backups'}")
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    os.replace(path, aside)
    for side in SIDE_FILES:
        extra = path.with_name(path.name + side)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + side))
    temp = path.with_name(f".{path.name}.restoring")
    shutil.copyfile(backup, temp)
    os.chmod(temp, 0o600)
    os.replace(temp, path)
    fsync_folder(path.parent)
    check_file(path)
    return aside, backup
