"""Faults during import: killed mid-way, disk full; and sync queries never scan the log."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from saypro_desktop.db.engine import Database
from saypro_desktop.db.models import Person
from saypro_desktop.services import people
from saypro_desktop.services.sync import canonical_dump
from saypro_desktop.services.sync_devices import init_office, invite, join
from saypro_desktop.services.sync_files import export_bundle, import_files
from saypro_desktop.services.unit_of_work import UnitOfWork
from tests.sync.sync_harness import make_template, new_replica

PASS = "a long enough passphrase"
REPO = Path(__file__).resolve().parents[2]
KILL_POINTS = 30

CHILD = """
import sys, time
from pathlib import Path
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.services.sync_files import import_files
db = open_workspace(Path(sys.argv[1]))
print("ready", flush=True)
start = time.perf_counter()
receipt = import_files(db, [Path(sys.argv[2])])
print("done", receipt.files[0].status, time.perf_counter() - start, flush=True)
"""


@pytest.fixture
def office_and_bundle(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    template = make_template(tmp_path)
    office = new_replica(template, tmp_path / "office.sqlite3")
    laptop = new_replica(template, tmp_path / "laptop.sqlite3")
    init_office(office, "Office")
    invite(office, "Laptop", PASS, tmp_path / "l.invite")
    join(laptop, (tmp_path / "l.invite").read_bytes(), PASS)
    people.add_person(office, {"first_name": "Already", "last_name": "Here"})
    rows = [{"first_name": f"Walk-in {i}", "last_name": "Sign-in", "city": "Soweto",
             "email": f"walkin{i}@example.org"} for i in range(1500)]
    with UnitOfWork(laptop) as uow:
        uow.create_many(Person, rows)
    bundle = tmp_path / "big.sayprobundle"
    export_bundle(laptop, bundle)
    office.dispose()
    laptop.dispose()
    yield tmp_path / "office.sqlite3", bundle


def _dump(path: Path) -> dict[str, list[dict[str, object]]]:
    db = Database(path)
    try:
        return canonical_dump(db)
    finally:
        db.dispose()


def _integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def _copy(src: Path, dst: Path) -> None:
    con = sqlite3.connect(src)
    out = sqlite3.connect(dst)
    con.backup(out)
    out.close()
    con.close()


def _child(db: Path, bundle: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(bundle)],
                            stdout=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_import_killed_at_random_points_leaves_before_or_after(
    office_and_bundle: tuple[Path, Path], tmp_path: Path
) -> None:
    office, bundle = office_and_bundle
    before = _dump(office)
    reference = tmp_path / "reference.sqlite3"
    _copy(office, reference)
    proc = _child(reference, bundle)
    out, _ = proc.communicate(timeout=120)
    duration = float(out.split()[-1])
    after = _dump(reference)
    assert after != before

    rng = random.Random(20261121)
    outcomes = {"before": 0, "after": 0}
    for point in range(KILL_POINTS):
        victim = tmp_path / f"victim{point}.sqlite3"
        _copy(office, victim)
        proc = _child(victim, bundle)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, duration * 1.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert _integrity(victim) == "ok"
        state = _dump(victim)
        assert state in (before, after), f"kill point {point}: a half-applied import"
        outcomes["before" if state == before else "after"] += 1
        # Importing again finishes the job (or says it is already done).
        redo = _child(victim, bundle)
        redo.communicate(timeout=120)
        assert _dump(victim) == after
        for suffix in ("", "-wal", "-shm"):
            Path(f"{victim}{suffix}").unlink(missing_ok=True)
    assert outcomes["before"] > 0  # the kills really landed before the commit


def test_disk_full_rolls_back_cleanly(office_and_bundle: tuple[Path, Path]) -> None:
    office_path, bundle = office_and_bundle
    db = Database(office_path)

    @event.listens_for(db.engine, "connect")
    def _limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 5}")

    try:
        before = canonical_dump(db)
        receipt = import_files(db, [bundle])
        report = receipt.files[0]
        assert report.status == "refused"
        assert "disk is full" in report.message
        assert canonical_dump(db) == before
        assert _integrity(office_path) == "ok"
    finally:
        db.dispose()
    db = Database(office_path)  # with room again, the same file imports
    try:
        assert import_files(db, [bundle]).files[0].status == "applied"
    finally:
        db.dispose()


def test_sync_queries_use_indexes_never_scan_the_log(
    office_and_bundle: tuple[Path, Path], tmp_path: Path
) -> None:
    office_path, bundle = office_and_bundle
    db = Database(office_path)
    statements: list[tuple[str, object]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _capture(conn: object, cursor: object, statement: str, parameters: object,
                 context: object, executemany: bool) -> None:
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "UPDATE",
                                                                      "DELETE")):
            statements.append((statement, parameters))

    try:
        import_files(db, [bundle])
        export_bundle(db, tmp_path / "out.sayprobundle")
        pid = people.list_person_ids(db)[0]
        people.update_person(db, pid, {"city": "Umlazi"})
    finally:
        event.remove(db.engine, "before_cursor_execute", _capture)
    log_tables = ("changes", "superseded")
    scans = []
    con = sqlite3.connect(office_path)
    try:
        for statement, parameters in statements:
            if not any(t in statement for t in log_tables):
                continue
            plan = con.execute(f"EXPLAIN QUERY PLAN {statement}", parameters or ()).fetchall()  # type: ignore[arg-type]
            for row in plan:
                detail = row[-1]
                if any(detail.startswith(f"SCAN {t}") for t in log_tables):
                    scans.append((statement.split()[0:8], detail))
    finally:
        con.close()
        db.dispose()
    assert scans == []
    assert len(statements) > 10
