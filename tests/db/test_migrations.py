"""Migrations you can trust: models equal `upgrade head`; old files upgrade; newer are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from saypro_desktop.db.engine import Database
from saypro_desktop.db.migrate import alembic_config, head_revision, open_database, upgrade
from saypro_desktop.db.models import Base
from saypro_desktop.domain.errors import DatabaseOpenError, DatabaseTooNewError
from saypro_desktop.services.people import PeopleFilter, list_person_ids

_FTS_PREFIXES = ("people_fts", "organisations_fts")


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name and name.startswith(_FTS_PREFIXES))


def test_models_match_upgrade_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3")
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": _include, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    db.dispose()
    assert diff == []


def test_every_revision_upgrades_and_downgrades(tmp_path: Path) -> None:
    db = Database(tmp_path / "b.sqlite3")
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [r.revision for r in script.walk_revisions("base", "heads")][::-1]
    assert len(revisions) >= 2
    for revision in revisions:
        with db.engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
    for _ in revisions:
        with db.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "-1")
    with db.engine.connect() as conn:
        tables = conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).all()
    assert [t[0] for t in tables] == ["alembic_version"]
    db.dispose()


def _insert_person_at_0001(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO people (id, first_name, last_name, email, created_at, updated_at, updated_by)"
        " VALUES ('01a1fd6d-d4da-7000-98c5-35a71c7f34dd', 'Nomvula', 'Mahlangu',"
        " 'nomvula@example.org', '2026-01-01 10:00:00', '2026-01-01 10:00:00', 'dev')"
    )
    con.commit()
    con.close()


def test_database_from_previous_revision_upgrades_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = Database(path)
    upgrade(old, "0001", backup=False)
    old.dispose()
    _insert_person_at_0001(path)

    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
        # The person written under the old schema is still there and now searchable.
        assert list_person_ids(db, PeopleFilter(search="mahlan")) == [
            "01a1fd6d-d4da-7000-98c5-35a71c7f34dd"
        ]
    finally:
        db.dispose()
    backups = list((tmp_path / "backups").glob("old-*-before-upgrade.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()


def test_database_from_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = path.read_bytes()

    with pytest.raises(DatabaseTooNewError, match="newer version of SayPro Desktop"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my shopping list")
    with pytest.raises(DatabaseOpenError, match="not an SQLite file"):
        open_database(path)
    assert path.read_text() == "my shopping list"


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "budget.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE lines (amount REAL)")
    con.commit()
    con.close()
    path.chmod(0o644)
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="another program's SQLite database"):
        open_database(path)
    assert path.read_bytes() == before
    assert path.stat().st_mode & 0o777 == 0o644  # not even its permissions changed


def test_database_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_schema_head_constant_matches_the_newest_migration() -> None:
    from saypro_desktop.db.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD
