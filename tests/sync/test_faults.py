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


# --- an adversarial replica -------------------------------------------------------------


def test_every_alteration_of_a_relayed_change_is_refused_and_nothing_else_is_lost(
    tmp_path: Path,
) -> None:
    """A hostile laptop relays what it holds with one field of one change altered (or one
    change dropped from its author's batch); the receiver refuses exactly that author's
    batch and applies the rest, as if the batch had never been sent."""
    from saypro_desktop.services.sync_devices import load_identity
    from saypro_desktop.sync.operations import Operation
    from tests.sync.adversary import held_export, send_crafted

    template = make_template(tmp_path)
    dbs = {n: new_replica(template, tmp_path / f"{n}.sqlite3")
           for n in ("office", "relay", "fresh")}
    office, relay, fresh = dbs["office"], dbs["relay"], dbs["fresh"]
    try:
        init_office(office, "Office")
        for name in ("relay", "fresh"):
            invite(office, name, PASS, tmp_path / f"{name}.invite")
            join(dbs[name], (tmp_path / f"{name}.invite").read_bytes(), PASS)
        for i in range(6):
            pid = people.add_person(office, {"first_name": f"P{i}", "city": "Soweto",
                                             "email": f"p{i}@example.org"})
            people.update_person(office, pid, {"city": "Umlazi"})
        people.add_person(relay, {"first_name": "Relay's own"})
        export_bundle(office, tmp_path / "down.sayprobundle")
        import_files(relay, [tmp_path / "down.sayprobundle"])
        export_bundle(relay, tmp_path / "prime.sayprobundle")  # signs the relay's own batch
        fresh.dispose()
        pristine = tmp_path / "pristine.sqlite3"
        _copy(tmp_path / "fresh.sqlite3", pristine)
        ops, seals, batches = held_export(relay)
        office_id = load_identity(office).device_id
        victims = [i for i, op in enumerate(ops) if op.device_id == office_id]
        kept = [i for i, op in enumerate(ops) if op.device_id != office_id]
        expected_path = send_crafted(relay, tmp_path / "expected.sayprobundle",
                                     [ops[i] for i in kept], [seals[i] for i in kept],
                                     [b for b in batches if b.device != office_id])
        _copy(pristine, tmp_path / "expected.sqlite3")
        reference = Database(tmp_path / "expected.sqlite3")
        import_files(reference, [expected_path])
        expected = canonical_dump(reference)
        reference.dispose()

        rng = random.Random(20261202)
        for attempt in range(24):
            altered = list(ops)
            altered_seals = list(seals)
            i = rng.choice(victims)
            op = ops[i]
            kind = attempt % 6
            if kind == 0:
                altered[i] = Operation(op.device_id, op.seq, op.stamp, op.table, op.row_id,
                                       op.field, "forged", op.pred)
            elif kind == 1:
                later = f"{int(op.stamp[:13]) + 1:013d}{op.stamp[13:]}"
                altered[i] = Operation(op.device_id, op.seq, later, op.table, op.row_id,
                                       op.field, op.value, op.pred)
            elif kind == 2:
                altered[i] = Operation(op.device_id, op.seq, op.stamp, op.table, op.row_id,
                                       "notes", op.value, op.pred)
            elif kind == 3:
                pred = () if op.pred else (f"{op.device_id}:1",)
                altered[i] = Operation(op.device_id, op.seq, op.stamp, op.table, op.row_id,
                                       op.field, op.value, pred)
            elif kind == 4:
                altered_seals[i] = bytes(16) if altered_seals[i] else b""
                if not seals[i]:
                    altered[i] = Operation(op.device_id, op.seq, op.stamp, op.table,
                                           op.row_id, op.field, "forged", op.pred)
            else:
                del altered[i], altered_seals[i]
            path = send_crafted(relay, tmp_path / f"forged{attempt}.sayprobundle",
                                altered, altered_seals, batches)
            victim = tmp_path / f"victim{attempt}.sqlite3"
            _copy(pristine, victim)
            db = Database(victim)
            try:
                [report] = import_files(db, [path]).files
                assert report.status == "applied", report.message
                dropped = 1 if kind == 5 else 0
                assert report.refused_changes == len(victims) - dropped, (kind, report)
                assert "said to be from Office" in report.message
                assert canonical_dump(db) == expected, kind
                assert _integrity(victim) == "ok"
            finally:
                db.dispose()
    finally:
        for name in ("office", "relay"):
            dbs[name].dispose()
