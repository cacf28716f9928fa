"""Demo generation and what the demo's database weighs.

Ours: ``saypro --db FILE demo --people N`` in a fresh process (the command a person runs),
timed from start to exit, with its peak memory. Baseline, the same rows written raw: every
synced table, the change log and its names copied with ``INSERT … SELECT`` from the built
demo database into an empty database of the same schema (the same indexes and triggers), in
one transaction: what writing that data through SQLite costs with no app code.

The second row is the demo database's file size (the cached benchmark database, whose
history the demo wrote), with the change log's share in the note; its baseline is the same
database's rows without the change log (what the records alone weigh).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks.dataset import remove_database
from benchmarks.harness import Context, Result, figure, median, run_child

ROWS = [
    ("demo.generate", "saypro demo --people 100000", "s", "≤ 15 s"),
    ("demo.file_size", "Database file of the 100k-person demo", "MB", "≤ 250 MB"),
]
LOG_TABLES = ("changes", "log_names")


def _table_bytes(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {name: int(size) for name, size in conn.execute(
            "SELECT tbl_name, sum(pgsize) FROM dbstat JOIN sqlite_master USING (name)"
            " GROUP BY tbl_name")}
    finally:
        conn.close()


def _raw_copy(source: Path, empty: Path, target: Path) -> float:
    """Copy the demo's rows (records, change log) into an empty database of the schema."""
    from saypro_desktop.sync.merge.tables import ORDERED_TABLES

    remove_database(target)
    shutil.copy(empty, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS demo", (str(source),))
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for name in (*ORDERED_TABLES, *LOG_TABLES):
            conn.execute(f"INSERT INTO main.{name} SELECT * FROM demo.{name}")
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


@figure("demo", ROWS)
def demo(ctx: Context) -> list[Result]:
    from saypro_desktop.services.workspace import open_workspace

    folder = ctx.work_dir / "demo"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    empty = folder / "empty.sqlite3"
    open_workspace(empty).dispose()  # migrated, with this device's id: what the CLI opens
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    people = ctx.people
    ours: list[float] = []
    peaks: list[float] = []
    raws: list[float] = []
    built = folder / "built.sqlite3"
    for index in range(ctx.warmups + ctx.repeats):
        remove_database(built)
        shutil.copy(empty, built)
        started = time.perf_counter()
        child = run_child([ctx.python, "-c", "from saypro_desktop.cli import main; main()",
                           "--db", str(built), "demo", "--people", str(people),
                           "--seed", str(ctx.seed)], env=env)
        took = time.perf_counter() - started
        if child.returncode != 0:
            raise RuntimeError(f"saypro demo failed: {child.stderr[-2000:]}")
        raw = _raw_copy(built, empty, folder / "raw.sqlite3")
        if index >= ctx.warmups:
            ours.append(took)
            peaks.append(child.peak_rss_mb)
            raws.append(raw)
    sizes = _table_bytes(ctx.db_path)
    total = ctx.db_path.stat().st_size / 1e6
    log = sum(sizes.get(name, 0) for name in LOG_TABLES) / 1e6
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Result(name=ROWS[0][0], label=ROWS[0][1].replace("100000", f"{people}"), unit="s",
               value=median(ours), baseline=median(raws),
               baseline_label="the same rows copied raw into an empty database",
               target=ROWS[0][3], samples=ours, baseline_samples=raws,
               peak_rss_mb=max(peaks)),
        Result(name=ROWS[1][0], label=ROWS[1][1].replace("100k", f"{people // 1000}k"),
               unit="MB", value=total, baseline=total - log,
               baseline_label="the same records without the change log",
               target=ROWS[1][3], samples=[total], baseline_samples=[total - log],
               note=f"change log {log:,.0f} MB of {total:,.0f} MB; "
                    + ", ".join(f"{name} {size / 1e6:,.0f} MB" for name, size in
                                sorted(sizes.items(), key=lambda kv: -kv[1])[:4])),
    ]
