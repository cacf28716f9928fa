"""A small bundle into a big office: a laptop's afternoon (about 40 changes) imported into
the 100,000-person office, and what the safety copies cost on disk.

Ours: the office is a copy of the demo database; a laptop that joined it logs a few people
and exports its bundle; a child process (so the time is the import's own) imports it twice
over: the first small import of a day (which takes the day's copy of the database) and a
later one the same day (the copy is already there). Baseline, the same work done raw: read
the file, hash it, insert the same number of change rows into the big file and commit.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
import uuid
from pathlib import Path

from benchmarks.dataset import remove_database
from benchmarks.harness import Context, Result, figure, median, run_child

ROWS = [
    ("sync.small_bundle", "A 40-change bundle into the 100k office (later imports of a day)",
     "ms", "≤ 300 ms"),
    ("sync.small_bundle_first", "… the day's first small import (takes the day's copy)", "ms",
     "cheap: one copy a day"),
    ("sync.backup_disk", "Safety copies on disk after a day of imports", "MB",
     "≤ 2× the database"),
]
PASSPHRASE = "benchmark passphrase"
CHILD = """
import sys, time
from pathlib import Path
from saypro_desktop.db.backup import list_backups
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.services.sync_files import import_files
db = open_workspace(Path(sys.argv[1]))
out = []
for bundle in sys.argv[2:]:
    started = time.perf_counter()
    status = import_files(db, [Path(bundle)]).files[0].status
    out += [str(time.perf_counter() - started), status.replace(" ", "_")]
disk = sum(b.stat().st_size for b in list_backups(db.path))
print(" ".join(out), disk, flush=True)
"""


def _laptop_bundles(ctx: Context, office_path: Path, folder: Path) -> tuple[list[Path], int]:
    """Join a laptop to the office and export two afternoons of its work; (bundles, changes
    in the first)."""
    from saypro_desktop.services.context import AppServices
    from saypro_desktop.services.sync_devices import init_office, invite, join
    from saypro_desktop.services.sync_files import export_bundle, import_files
    from saypro_desktop.services.workspace import open_workspace

    office = open_workspace(office_path)
    laptop = open_workspace(folder / "laptop.sqlite3")
    try:
        init_office(office, "Office")
        invite(office, "Laptop", PASSPHRASE, folder / "laptop.invite")
        join(laptop, (folder / "laptop.invite").read_bytes(), PASSPHRASE)
        # The laptop's first bundle carries its joining; let the office take it, as it
        # would the day the laptop was set up.
        export_bundle(laptop, folder / "joined.sayprobundle")
        import_files(office, [folder / "joined.sayprobundle"])
        app = AppServices(laptop)
        bundles: list[Path] = []
        first_ops = 0
        for afternoon in range(2):
            for n in range(10):  # ten sign-ups, four fields each: about 40 changes
                app.people.add({"first_name": f"Visitor{afternoon}{n}", "last_name": "Mokoena",
                                "email": f"visitor{afternoon}{n}@example.org",
                                "city": "Soweto"})
            bundle = folder / f"afternoon-{afternoon}.sayprobundle"
            result = export_bundle(laptop, bundle)
            first_ops = first_ops or result.operations
            bundles.append(bundle)
    finally:
        laptop.dispose()
        office.dispose()
    return bundles, first_ops


def _raw(db_path: Path, bundle: Path, changes: int) -> float:
    """Read + sha256 the file, insert ``changes`` change rows into the big file, commit."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS raw_changes (device_id TEXT, seq INTEGER, "
                     "stamp TEXT, table_name TEXT, row_id TEXT, field TEXT, value TEXT, "
                     "PRIMARY KEY (device_id, seq))")
        device = str(uuid.uuid4())
        rows = [(device, seq, "2026-12-03T10:00:00", "people", str(uuid.uuid4()), "city",
                 '"Soweto"') for seq in range(changes)]
        started = time.perf_counter()
        hashlib.sha256(bundle.read_bytes()).hexdigest()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO raw_changes VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


@figure("small_bundle", ROWS)
def small_bundle(ctx: Context) -> list[Result]:
    folder = ctx.work_dir / "small-bundle"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pristine = folder / "office.sqlite3"
    ctx.log("small bundle: copying the demo database as the office")
    shutil.copy(ctx.db_path, pristine)
    bundles, changes = _laptop_bundles(ctx, pristine, folder)
    db_mb = pristine.stat().st_size / 1e6
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    firsts: list[float] = []
    laters: list[float] = []
    raws: list[float] = []
    disks: list[float] = []
    for index in range(ctx.warmups + ctx.repeats):
        target = folder / f"office-{index}.sqlite3"
        shutil.copy(pristine, target)
        shutil.rmtree(folder / "backups", ignore_errors=True)  # a new day: no copy yet
        child = run_child([ctx.python, "-c", CHILD, str(target), *map(str, bundles)], env=env)
        parts = child.stdout.split()
        if child.returncode != 0 or parts[1] != "applied" or parts[3] != "applied":
            raise RuntimeError(f"small import failed: {child.stdout} {child.stderr[-2000:]}")
        raw = _raw(target, bundles[1], changes)
        if index >= ctx.warmups:
            firsts.append(float(parts[0]) * 1000)
            laters.append(float(parts[2]) * 1000)
            raws.append(raw * 1000)
            disks.append(int(parts[4]) / 1e6)
        remove_database(target)
    shutil.rmtree(folder / "backups", ignore_errors=True)
    note = f"{changes} changes; the office file is {db_mb:,.0f} MB"
    return [
        Result(name=ROWS[0][0], label=ROWS[0][1], unit="ms", value=median(laters),
               baseline=median(raws), baseline_label="raw read + sha256 + INSERT + COMMIT",
               target=ROWS[0][3], note=note, samples=laters, baseline_samples=raws),
        Result(name=ROWS[1][0], label=ROWS[1][1], unit="ms", value=median(firsts),
               baseline=median(raws), baseline_label="raw read + sha256 + INSERT + COMMIT",
               target=ROWS[1][3], note="includes the copy of the database", samples=firsts,
               baseline_samples=raws),
        Result(name=ROWS[2][0], label=ROWS[2][1], unit="MB", value=median(disks),
               baseline=db_mb, baseline_label="the database file", target=ROWS[2][3],
               note="one copy for the day, however many small imports", samples=disks,
               baseline_samples=[db_mb]),
    ]
