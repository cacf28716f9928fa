"""Bring a database file up to this version's schema, safely.

Order: refuse a file from a newer app version (never touch it), back it up,
then run Alembic in one transaction. A brand-new file needs no backup.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from saypro_desktop.db.backup import backup_database
from saypro_desktop.db.engine import Database
from saypro_desktop.db.recovery import check_file, damaged
from saypro_desktop.domain.errors import DatabaseOpenError, DatabaseTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions (a test keeps the two equal). Knowing it
# without asking Alembic lets an up-to-date database open without importing Alembic.
SCHEMA_HEAD = "h001"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:

    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _check_is_sqlite(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise DatabaseOpenError(
                f"{path} is not a SayPro Desktop database (not an SQLite file); "
                "choose another file or move this one away"
            )


def _check_is_ours(path: Path) -> None:
    """Refuse another program's SQLite file: upgrading would add our tables to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = {row[0] for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return  # a damaged file: the quick check that follows says so
    finally:
        con.close()
    if names and "alembic_version" not in names:
        raise DatabaseOpenError(
            f"{path} is another program's SQLite database, not a SayPro Desktop one; "
            "nothing was changed. Choose a SayPro Desktop database (.sqlite3)")


def upgrade(db: Database, revision: str = "head", *, backup: bool = True) -> None:
    """Migrate ``db`` to ``revision`` (default: this version's newest schema)."""
    from alembic import command
    from alembic.script import ScriptDirectory

    _check_is_sqlite(db.path)
    script = ScriptDirectory.from_config(alembic_config())
    try:
        current = current_revision(db)
    except sqlite3.DatabaseError as exc:  # pragma: no cover - damaged file
        raise DatabaseOpenError(f"{db.path} cannot be read: {exc}") from exc
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseTooNewError(
                f"{db.path.name} was made by a newer version of SayPro Desktop "
                f"(schema {current}); install the newer version to open it. "
                "The file has not been changed."
            ) from None
    target = script.get_current_head() if revision == "head" else revision
    if current == target:
        return
    if backup and current is not None:
        saved = backup_database(db.path, "before-upgrade")
        log.info("backed up %s to %s before upgrading from %s", db.path, saved, current)
    with db.engine.connect() as conn:
        # SQLite's own recipe for rebuilding tables (batch mode copies a table, drops the old
        # one and renames): foreign keys off for the migration, else dropping a table that
        # other rows point at fails (or deletes them); checked again before it commits.
        # The pragma only works outside a transaction, so it goes to the raw connection.
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                try:
                    command.upgrade(alembic_config(conn), revision)
                except RuntimeError as exc:  # a revision refusing data it cannot convert
                    raise DatabaseOpenError(
                        f"{db.path.name} could not be upgraded: {exc}. Keep the file and "
                        "ask for help; the version that made it still opens it.") from exc
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseOpenError(
                        f"upgrading {db.path.name} would leave {len(broken)} broken links "
                        f"(first in table {broken[0][0]}); nothing was changed")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
        # A revision that rebuilt a big table (h001: the change log in compact form) leaves
        # its old pages free inside the file: give them back to the disk.
        free = raw.execute("PRAGMA freelist_count").fetchone()[0]
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
        if pages and free * 4 > pages:
            try:
                raw.execute("VACUUM")
            except sqlite3.OperationalError as exc:  # e.g. no room for the copy it makes
                log.warning("upgraded %s; could not give its free pages back: %s",
                            db.path, exc)


def upgrade_pending(path: Path) -> bool:
    """Whether opening ``path`` will first upgrade it (an older version made it), read
    without SQLAlchemy or Alembic: the window can say so before a long upgrade starts."""
    try:
        stored = _stored_revision(path) if path.is_file() else None
    except (sqlite3.Error, OSError):  # opening it says what is wrong, in words
        return False
    return stored is not None and stored != SCHEMA_HEAD


def _stored_revision(path: Path) -> str | None:
    if not path.exists() or path.stat().st_size == 0:
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def _private(path: Path, mode: int) -> None:
    """Tighten ``path`` to ``mode`` (the user only); a file system without modes is fine."""
    try:
        if path.stat().st_mode & 0o777 != mode:
            os.chmod(path, mode)
    except OSError:  # pragma: no cover - e.g. a FAT USB stick
        log.info("could not make %s private", path)


def open_database(path: Path, *, create_folder: bool = False) -> Database:
    """Open (creating if needed) and migrate the database at ``path``.

    A path into a folder that does not exist is refused (a mistyped ``--db`` must not
    quietly start an empty database) unless ``create_folder`` (the app's own data folder,
    made private to the user). A new file is made readable by the user only, and
    ``db.created`` says it is new. An existing file is checked with ``PRAGMA quick_check``
    first: a damaged one raises ``DatabaseDamagedError`` naming the newest backup.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        raise DatabaseOpenError(
            f"{path} is not a database file (it is a folder or a device); "
            "give the path of a .sqlite3 file")
    if not path.parent.is_dir():
        if not create_folder:
            raise DatabaseOpenError(
                f"the folder {path.parent} does not exist; check the path "
                "(a new database is only made in a folder that exists)")
        path.parent.mkdir(parents=True, mode=0o700)
    if create_folder:
        _private(path.parent, 0o700)
    created = not path.exists() or path.stat().st_size == 0
    _check_is_sqlite(path)
    _check_is_ours(path)
    if not path.exists():
        # SQLite gives the -wal and -shm files the database file's permissions.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    else:
        _private(path, 0o600)
    if not created:
        check_file(path)
    db = Database(path)
    db.created = created
    try:
        if _stored_revision(path) != SCHEMA_HEAD:
            upgrade(db)
    except sqlite3.DatabaseError as exc:
        db.dispose()
        raise damaged(path, str(exc)) from None
    except Exception:
        db.dispose()
        raise
    return db


def discard_if_unused(db: Database) -> bool:
    """Remove a database this run created if nothing was ever written to it (a command that
    failed on a mistyped path leaves no empty database behind); True if removed."""
    if not db.created:
        return False
    with db.engine.connect() as conn:
        written = conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM changes)").scalar()
    if written:
        return False
    db.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db.path}{suffix}").unlink(missing_ok=True)
    return True
