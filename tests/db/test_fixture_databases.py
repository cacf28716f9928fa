"""A database saved by every released version opens and upgrades with its data intact.

The files in fixtures/ were made once, each with its own revision (make_fixtures.py), and
are never regenerated: editing an old migration breaks the upgrade of these and fails here.
"""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from saypro_desktop.db.migrate import SCHEMA_HEAD, open_database
from saypro_desktop.services.people import PeopleFilter, get_person, list_person_ids
from saypro_desktop.services.tags import list_tags

FIXTURES = Path(__file__).with_name("fixtures")
RELEASED = ["0001", "0002", "0003", "0004", "0005", "0006", "s001", "p001", "o001", "e001", "c001",
            "l001", "f001"]
PERSON_ID = "01a1fd6d-d4da-7000-98c5-35a71c7f34dd"


def test_every_released_revision_has_a_fixture() -> None:
    assert sorted(p.name for p in FIXTURES.glob("schema-*.sqlite3.gz")) == sorted(
        f"schema-{r}.sqlite3.gz" for r in RELEASED
    )


@pytest.mark.parametrize("revision", RELEASED)
def test_a_database_of_each_released_revision_upgrades(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "saypro.sqlite3"
    path.write_bytes(gzip.decompress((FIXTURES / f"schema-{revision}.sqlite3.gz").read_bytes()))
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
    con.close()

    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                SCHEMA_HEAD)
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert list_person_ids(db, PeopleFilter(search="mahlan")) == [PERSON_ID]
        person = get_person(db, PERSON_ID)
        assert person.organisation == "Masithethe Youth Forum"
        assert person.fields["email"] == "nomvula@example.org"
        assert [t.name for t in list_tags(db)] == ["Volunteer"]
    finally:
        db.dispose()
    backups = list((tmp_path / "backups").glob("saypro-*-before-upgrade.sqlite3"))
    assert len(backups) == (0 if revision == SCHEMA_HEAD else 1)


def test_a_released_database_with_events_and_sign_ins_upgrades(tmp_path: Path) -> None:
    """Later revisions rebuild tables that other rows point at (events, reforms...): the
    upgrade must keep every row and every link, not fail on them."""
    path = tmp_path / "saypro.sqlite3"
    path.write_bytes(gzip.decompress((FIXTURES / "schema-0006.sqlite3.gz").read_bytes()))
    con = sqlite3.connect(path)
    stamp = "2026-03-02 10:00:00.000000"
    event_id = "01a1fd6d-d4da-7000-98c5-35a71c7f3e01"
    sign_in_id = "01a1fd6d-d4da-7000-98c5-35a71c7f3e02"
    sync = "created_at, updated_at, updated_by"
    con.execute(f"INSERT INTO events (id, {sync}, kind, title, starts_at) VALUES "
                "(?, ?, ?, 'dev', 'town_hall', 'Soweto town hall', ?)",
                (event_id, stamp, stamp, stamp))
    con.execute(f"INSERT INTO sign_ins (id, {sync}, event_id, person_id, signed_in_at, source,"
                " walk_in, consent_given) VALUES (?, ?, ?, 'dev', ?, ?, ?, 'desk', 0, 0)",
                (sign_in_id, stamp, stamp, event_id, PERSON_ID, stamp))
    con.execute(f"INSERT INTO reforms (id, {sync}, title, level, stage) VALUES "
                "('01a1fd6d-d4da-7000-98c5-35a71c7f3e03', ?, ?, 'dev', 'Child grant top-up',"
                " 'national', 'proposed')", (stamp, stamp))
    con.commit()
    con.close()

    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql(
                "SELECT e.title FROM sign_ins s JOIN events e ON e.id = s.event_id").scalar() == (
                "Soweto town hall")
            assert conn.exec_driver_sql("SELECT count(*) FROM reforms").scalar() == 1
    finally:
        db.dispose()
