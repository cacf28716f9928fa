"""Sync by file: export and import 100,000 changes, re-import a known bundle, bundle size.

Ours: a laptop holding a demo coalition whose history is about 100,000 changes exports a
full bundle (signed, encrypted, compressed) for a freshly set-up office, which imports it
in a child process (so its peak memory is its own); importing the same file again is the
re-import figure. Baselines use change-log rows with nothing but sqlite3, json and zlib:
select and compress them to a file; insert them into an empty table and commit; read a
known file and look its hash up; and the compressed size of 10,000 of them as plain JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any

from benchmarks.dataset import remove_database
from benchmarks.figures.rawdb import connect
from benchmarks.harness import NOT_BUILT, Context, Result, figure, median

CHANGES = 100_000
ROWS = [
    ("sync.export_100k", "Sync export of 100,000 changes", "s", "≤ 1 s"),
    ("sync.import_100k", "Sync import of 100,000 changes", "s", "≤ 5 s, ≤ 200 MB peak"),
    ("sync.reimport_known", "Re-import of a known bundle", "ms", "≤ 50 ms"),
    ("sync.bytes_per_10k", "Bundle bytes per 10,000 changes", "bytes", "≤ 250,000 B"),
]


def _changes(db_path: Path, limit: int) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            # The log in its text form (the view over the compact table, in key order).
            "SELECT device_id, seq, stamp, table_name, row_id, field, value FROM change_log "
            "LIMIT ?",
            (limit,),
        ).fetchall()
    finally:
        conn.close()


def _raw_export(db_path: Path, limit: int, target: Path) -> float:
    started = time.perf_counter()
    rows = _changes(db_path, limit)
    target.write_bytes(zlib.compress(json.dumps(rows, separators=(",", ":")).encode(), 6))
    return time.perf_counter() - started


def _raw_import(rows: list[tuple[Any, ...]], target: Path) -> float:
    remove_database(target)
    conn = connect(target)
    conn.execute(
        "CREATE TABLE changes (device_id TEXT, seq INTEGER, stamp TEXT, table_name TEXT, "
        "row_id TEXT, field TEXT, value TEXT, PRIMARY KEY (device_id, seq))"
    )
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    took = time.perf_counter() - started
    conn.close()
    return took


def _raw_known(bundle: Path, seen: sqlite3.Connection) -> float:
    started = time.perf_counter()
    digest = hashlib.sha256(bundle.read_bytes()).hexdigest()
    seen.execute("SELECT 1 FROM seen WHERE digest = ?", (digest,)).fetchone()
    return time.perf_counter() - started


@figure("sync", ROWS)
def sync(ctx: Context) -> list[Result]:
    export_file = ctx.work_dir / "raw-export.json.z"
    rows = _changes(ctx.db_path, CHANGES)
    count = len(rows)
    exports: list[float] = []
    imports: list[float] = []
    known: list[float] = []
    seen = sqlite3.connect(":memory:")
    seen.execute("CREATE TABLE seen (digest TEXT PRIMARY KEY)")
    for index in range(ctx.warmups + ctx.repeats):
        exported = _raw_export(ctx.db_path, CHANGES, export_file)
        imported = _raw_import(rows, ctx.work_dir / "raw-import.sqlite3")
        seen.execute("INSERT OR IGNORE INTO seen VALUES (?)",
                     (hashlib.sha256(export_file.read_bytes()).hexdigest(),))
        known_ms = _raw_known(export_file, seen) * 1000
        if index >= ctx.warmups:
            exports.append(exported)
            imports.append(imported)
            known.append(known_ms)
    seen.close()
    sample = rows[:10_000]
    compressed = len(zlib.compress(json.dumps(sample, separators=(",", ":")).encode(), 6))
    per_10k = compressed * 10_000 / max(len(sample), 1)
    suffix = "" if count >= CHANGES else f" (only {count:,} in this database)"
    baselines: list[tuple[float, str, list[float]]] = [
        (median(exports), "raw SELECT + JSON + zlib", exports),
        (median(imports), "raw INSERT + COMMIT", imports),
        (median(known), "read + sha256 + lookup", known),
        (per_10k, "zlib'd JSON of raw rows", [per_10k]),
    ]
    ours = _ours(ctx)
    results = []
    for (name, label, unit, target), (base, base_label, samples) in zip(
        ROWS, baselines, strict=True
    ):
        measured = ours.get(name)
        results.append(
            Result(
                name=name,
                label=label + (suffix if name == "sync.export_100k" and measured is None
                               else ""),
                unit=unit,
                value=measured[0] if measured else NOT_BUILT,
                baseline=base,
                baseline_label=base_label,
                target=target,
                samples=measured[1] if measured else [],
                baseline_samples=samples,
                peak_rss_mb=measured[2] if measured else None,
                note=measured[3] if measured else "",
            )
        )
    return results


# -- ours -------------------------------------------------------------------------------------

# People in the laptop's demo coalition: its full history is about 100,000 changes.
LAPTOP_PEOPLE = 5_800
PASSPHRASE = "benchmark passphrase"
IMPORT_CHILD = """
import sys, time
from pathlib import Path
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.services.sync_files import import_files
db = open_workspace(Path(sys.argv[1]))
print("ready", flush=True)
started = time.perf_counter()
receipt = import_files(db, [Path(sys.argv[2])])
took = time.perf_counter() - started
status = receipt.files[0].status
started = time.perf_counter()
again = import_files(db, [Path(sys.argv[2])]).files[0].status
print(took, status, time.perf_counter() - started, again, flush=True)
"""


def _ours(ctx: Context) -> dict[str, tuple[float, list[float], float | None, str]]:
    """name -> (median, samples, peak MB, note) for our sync figures."""
    import shutil

    from benchmarks.harness import run_child
    from saypro_desktop.services.demo import fill_demo
    from saypro_desktop.services.sync_devices import init_office, invite, join
    from saypro_desktop.services.sync_files import export_bundle
    from saypro_desktop.services.workspace import open_workspace

    folder = ctx.work_dir / "sync"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    people = LAPTOP_PEOPLE if not ctx.quick else 600
    office = open_workspace(folder / "office.sqlite3")
    laptop = open_workspace(folder / "laptop.sqlite3")
    try:
        init_office(office, "Office")
        invite(office, "Laptop", PASSPHRASE, folder / "laptop.invite")
        join(laptop, (folder / "laptop.invite").read_bytes(), PASSPHRASE)
        ctx.log(f"sync: filling a laptop with {people:,} people")
        fill_demo(laptop, people, seed=ctx.seed)
        bundle = folder / "full.sayprobundle"
        exports: list[float] = []
        result = None
        for index in range(ctx.warmups + ctx.repeats):
            started = time.perf_counter()
            result = export_bundle(laptop, bundle, full=True)
            if index >= ctx.warmups:
                exports.append(time.perf_counter() - started)
    finally:
        laptop.dispose()
        office.dispose()
    assert result is not None
    pristine = folder / "office.sqlite3"
    imports: list[float] = []
    reimports: list[float] = []
    peaks: list[float] = []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for index in range(ctx.warmups + ctx.repeats):
        target = folder / f"office-{index}.sqlite3"
        shutil.copy(pristine, target)
        child = run_child([ctx.python, "-c", IMPORT_CHILD, str(target), str(bundle)], env=env)
        took, status, again_s, again = child.stdout.split()[1:5]
        if child.returncode != 0 or status != "applied" or again != "already":
            raise RuntimeError(f"sync import failed: {child.stdout} {child.stderr[-2000:]}")
        if index >= ctx.warmups:
            imports.append(float(took))
            reimports.append(float(again_s) * 1000)
            peaks.append(child.peak_rss_mb)
        remove_database(target)
    ops = result.operations
    note = f"{ops:,} changes"
    per_10k = result.bytes * 10_000 / max(ops, 1)
    return {
        "sync.export_100k": (median(exports), exports, None, note),
        "sync.import_100k": (median(imports), imports, max(peaks), note),
        "sync.reimport_known": (median(reimports), reimports, None, ""),
        "sync.bytes_per_10k": (per_10k, [per_10k], None, note),
    }
