"""A new laptop joins the 100,000-person office: the office's full export, and the laptop's
import of it (the whole history of the demo database, about two million changes).

Ours: the office is a copy of the demo database that has made its coalition and invited a
laptop (its changes signed once, as an office that has exported before would have them);
a child process writes the full export for the laptop, another imports it into the new
laptop's empty database. Times and peak memory are the children's own.

Baselines, the same work done raw in the same run:
- export: read the log's rows (its text view), JSON, zlib, encrypt with ChaCha20-Poly1305
  and sign the digest with Ed25519 (what a bundle is, without our format);
- import: decrypt, decompress and parse that file, insert the rows into a table of the
  same shape, and copy every synced table's rows from the office (the rows an import
  derives), in one transaction.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import zlib
from pathlib import Path

from benchmarks.dataset import remove_database
from benchmarks.harness import Context, Result, figure, median, run_child

ROWS = [
    ("sync.join_export", "A new laptop joins the 100k office: the office's full export", "s",
     "≤ 5 s, ≤ 250 MB"),
    ("sync.join_import", "… the laptop imports it", "s", "≤ 60 s, ≤ 250 MB"),
]
PASSPHRASE = "benchmark passphrase"
EXPORT_CHILD = """
import sys, time
from pathlib import Path
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.services.sync_files import export_bundle
db = open_workspace(Path(sys.argv[1]))
started = time.perf_counter()
result = export_bundle(db, Path(sys.argv[2]), full=True)
print(time.perf_counter() - started, result.operations, result.bytes, flush=True)
"""
IMPORT_CHILD = """
import sys, time
from pathlib import Path
from saypro_desktop.services.workspace import open_workspace
from saypro_desktop.services.sync_files import import_files
db = open_workspace(Path(sys.argv[1]))
started = time.perf_counter()
report = import_files(db, [Path(sys.argv[2])]).files[0]
print(time.perf_counter() - started, report.status.replace(" ", "_"), report.applied,
      report.duplicates_found, flush=True)
"""


def _prepare(ctx: Context, folder: Path) -> tuple[Path, Path]:
    """The office (demo copy, coalition made, laptop invited, changes signed) and the new
    laptop's empty database."""
    from saypro_desktop.services.sync_devices import init_office, invite, join
    from saypro_desktop.services.sync_files import export_bundle
    from saypro_desktop.services.workspace import open_workspace

    office_path = folder / "office.sqlite3"
    laptop_path = folder / "laptop.sqlite3"
    ctx.log("join office: copying the demo database as the office")
    shutil.copy(ctx.db_path, office_path)
    office = open_workspace(office_path)
    laptop = open_workspace(laptop_path)
    try:
        init_office(office, "Office")
        invite(office, "Laptop", PASSPHRASE, folder / "laptop.invite")
        join(laptop, (folder / "laptop.invite").read_bytes(), PASSPHRASE)
        ctx.log("join office: signing the office's history once")
        export_bundle(office, folder / "signing.sayprobundle", full=True)
    finally:
        laptop.dispose()
        office.dispose()
    return office_path, laptop_path


def _raw_export(office: Path, out: Path) -> float:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    key = ChaCha20Poly1305.generate_key()
    signer = Ed25519PrivateKey.generate()
    started = time.perf_counter()
    conn = sqlite3.connect(office)
    try:
        rows = conn.execute("SELECT device_id, seq, stamp, table_name, row_id, field, value,"
                            " pred FROM change_log").fetchall()
    finally:
        conn.close()
    packed = zlib.compress(json.dumps(rows, separators=(",", ":")).encode(), 6)
    sealed = ChaCha20Poly1305(key).encrypt(b"\0" * 12, packed, None)
    signature = signer.sign(sealed[-16:] + len(sealed).to_bytes(8, "big"))
    out.write_bytes(key + signature + sealed)
    return time.perf_counter() - started


def _raw_import(office: Path, bundle: Path, target: Path) -> float:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    from saypro_desktop.sync.merge.tables import ORDERED_TABLES

    remove_database(target)
    shutil.copy(office, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        for name in ORDERED_TABLES:  # an empty database of the same schema: the same indexes
            conn.execute(f"DELETE FROM {name}")
        conn.execute("VACUUM")
        conn.execute("CREATE TABLE raw_changes (device_id TEXT, seq INTEGER, stamp TEXT,"
                     " table_name TEXT, row_id TEXT, field TEXT, value TEXT, pred TEXT,"
                     " PRIMARY KEY (device_id, seq))")
        started = time.perf_counter()
        data = bundle.read_bytes()
        key, sealed = data[:32], data[96:]
        rows = json.loads(zlib.decompress(ChaCha20Poly1305(key).decrypt(b"\0" * 12, sealed,
                                                                        None)))
        conn.execute("ATTACH DATABASE ? AS office", (str(office),))
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO raw_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        for name in ORDERED_TABLES:
            conn.execute(f"INSERT INTO main.{name} SELECT * FROM office.{name}")
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


@figure("join_office", ROWS)
def join_office(ctx: Context) -> list[Result]:
    folder = ctx.work_dir / "join-office"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    office, laptop = _prepare(ctx, folder)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    bundle = folder / "full.sayprobundle"
    raw_bundle = folder / "raw.bundle"
    exports: list[float] = []
    export_peaks: list[float] = []
    imports: list[float] = []
    import_peaks: list[float] = []
    raw_exports: list[float] = []
    raw_imports: list[float] = []
    ops = size = duplicates = 0
    for index in range(ctx.warmups + ctx.repeats):
        child = run_child([ctx.python, "-c", EXPORT_CHILD, str(office), str(bundle)], env=env)
        if child.returncode != 0:
            raise RuntimeError(f"full export failed: {child.stderr[-2000:]}")
        took, ops_text, size_text = child.stdout.split()[:3]
        ops, size = int(ops_text), int(size_text)
        raw_export = _raw_export(office, raw_bundle)
        target = folder / f"laptop-{index}.sqlite3"
        shutil.copy(laptop, target)
        imported = run_child([ctx.python, "-c", IMPORT_CHILD, str(target), str(bundle)],
                             env=env)
        parts = imported.stdout.split()
        if imported.returncode != 0 or parts[1] != "applied":
            raise RuntimeError(f"joining import failed: {imported.stdout} "
                               f"{imported.stderr[-2000:]}")
        duplicates = int(parts[3])
        raw_import = _raw_import(office, raw_bundle, folder / "raw-laptop.sqlite3")
        if index >= ctx.warmups:
            exports.append(float(took))
            export_peaks.append(child.peak_rss_mb)
            imports.append(float(parts[0]))
            import_peaks.append(imported.peak_rss_mb)
            raw_exports.append(raw_export)
            raw_imports.append(raw_import)
        remove_database(target)
    shutil.rmtree(folder, ignore_errors=True)
    note = f"{ops:,} changes, bundle {size / 1e6:,.0f} MB"
    return [
        Result(name=ROWS[0][0], label=ROWS[0][1], unit="s", value=median(exports),
               baseline=median(raw_exports),
               baseline_label="raw SELECT + JSON + zlib + ChaCha20-Poly1305 + Ed25519",
               target=ROWS[0][3], samples=exports, baseline_samples=raw_exports,
               peak_rss_mb=max(export_peaks), note=note),
        Result(name=ROWS[1][0], label=ROWS[1][1], unit="s", value=median(imports),
               baseline=median(raw_imports),
               baseline_label="raw decrypt + parse + INSERT the rows and the tables",
               target=ROWS[1][3], samples=imports, baseline_samples=raw_imports,
               peak_rss_mb=max(import_peaks),
               note=f"{note}; {duplicates:,} possible duplicates queued"),
    ]
