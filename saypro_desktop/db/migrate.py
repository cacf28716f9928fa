"""Bring a database file up to this version's schema, safely.

Order: refuse a file from a newer app version (never touch it), back it up,
then run Alembic in one transaction. A brand-new file needs no backup.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from saypro_desktop.db.backup import backup_database
from saypro_desktop.db.engine import Database
from saypro_desktop.domain.errors import DatabaseOpenError, DatabaseTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions (a test keeps the two equal). Knowing it
# without asking Alembic lets an up-to-date database open without importing Alembic.
SCHEMA_HEAD = "c001"


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
    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


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


def open_database(path: Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_is_sqlite(path)
    db = Database(path)
    if _stored_revision(path) == SCHEMA_HEAD:
        return db
    try:
        upgrade(db)
    except Exception:
        db.dispose()
        raise
    return db
