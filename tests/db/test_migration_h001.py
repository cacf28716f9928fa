"""The compact change log's revision (h001) keeps every operation exactly, down and up.

Two replicas exchange changes (so the log holds two devices, replacements and an erasure),
one goes down to the text layout and up again, and both still converge afterwards.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from saypro_desktop.db.engine import Database
from saypro_desktop.db.migrate import SCHEMA_HEAD, alembic_config, current_revision, upgrade
from saypro_desktop.domain.errors import DatabaseOpenError
from saypro_desktop.services import people
from saypro_desktop.services.privacy import erase_person
from saypro_desktop.services.workspace import open_workspace
from tests.sync.sync_harness import all_ops, exchange, make_template, new_replica, people_state

COLUMNS = "device_id, seq, stamp, table_name, row_id, field, value, pred, live"


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT {COLUMNS} FROM {table} ORDER BY device_id, seq").fetchall()
    finally:
        con.close()


def _history(tmp_path: Path) -> tuple[Database, Database]:
    template = make_template(tmp_path)
    office = new_replica(template, tmp_path / "office.sqlite3")
    laptop = new_replica(template, tmp_path / "laptop.sqlite3")
    zoe = people.add_person(office, {"first_name": "Zoë", "last_name": "Botha",
                                        "email": "zoe@example.org"})
    sipho = people.add_person(office, {"first_name": "Sipho", "last_name": "Dlamini",
                                          "city": "Durban"})
    exchange(office, laptop)
    people.update_person(laptop, zoe, {"city": "Soweto"})
    people.update_person(laptop, zoe, {"city": "Tembisa"})  # replaces the laptop's own edit
    people.update_person(office, zoe, {"city": "Mamelodi"})  # concurrent: a conflict
    erase_person(office, sipho)
    exchange(laptop, office)
    exchange(office, laptop)
    return office, laptop


def test_down_to_the_text_log_and_up_again_keeps_every_operation(tmp_path: Path) -> None:
    office, laptop = _history(tmp_path)
    before = _rows(laptop.path, "change_log")
    ops_before = all_ops(laptop)
    state_before = people_state(laptop)
    assert len({row[0] for row in before}) == 2  # both devices' changes
    assert any(row[7] != "[]" for row in before) and any(row[8] == 0 for row in before)
    laptop.dispose()

    db = Database(laptop.path)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "f001")
    assert current_revision(db) == "f001"
    db.dispose()
    assert _rows(laptop.path, "changes") == before  # the text layout, row for row

    laptop = open_workspace(laptop.path)
    assert current_revision(laptop) == SCHEMA_HEAD
    assert _rows(laptop.path, "change_log") == before
    assert all_ops(laptop) == ops_before
    assert people_state(laptop) == state_before

    # The upgraded log still merges: a new edit on each side, exchanged both ways.
    zoe = next(pid for pid, row in state_before.items() if row.get("first_name") == "Zoë")
    people.update_person(laptop, zoe, {"last_name": "Botha-Nkosi"})
    people.update_person(office, zoe, {"email": "zoe.botha@example.org"})
    exchange(laptop, office)
    exchange(office, laptop)
    assert people_state(laptop) == people_state(office)
    assert people_state(office)[zoe]["last_name"] == "Botha-Nkosi"
    office.dispose()
    laptop.dispose()


def test_the_compact_log_is_smaller_than_the_text_one(tmp_path: Path) -> None:
    office, _ = _history(tmp_path)
    for n in range(200):
        people.add_person(office, {"first_name": f"Person{n}", "last_name": "Mokoena",
                                      "email": f"person{n}@example.org", "city": "Polokwane"})
    office.dispose()

    def log_bytes(path: Path) -> int:
        con = sqlite3.connect(path)
        try:
            return int(con.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name IN ('changes',"
                " 'ix_changes_row_field', 'sqlite_autoindex_changes_1', 'log_names')"
            ).fetchone()[0])
        finally:
            con.close()

    compact = log_bytes(office.path)
    db = Database(office.path)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "f001")
    db.dispose()
    assert compact * 2 < log_bytes(office.path)


def test_a_log_with_a_stamp_not_in_the_clocks_form_is_left_as_it_was(tmp_path: Path) -> None:
    office, _ = _history(tmp_path)
    office.dispose()
    db = Database(office.path)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "f001")
    db.dispose()
    con = sqlite3.connect(office.path)
    con.execute("UPDATE changes SET stamp = '17x0000000000.000000.' || device_id"
                " WHERE seq = 1")
    con.commit()
    con.close()
    before = _rows(office.path, "changes")
    db = Database(office.path)
    try:
        with pytest.raises(DatabaseOpenError, match=r"not in the clock.s own form"):
            upgrade(db, backup=False)
        assert current_revision(db) == "f001"
    finally:
        db.dispose()
    assert _rows(office.path, "changes") == before
