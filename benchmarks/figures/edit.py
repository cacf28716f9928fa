"""A single edit commit (the People page's Save), vs a raw sqlite3 UPDATE and commit."""

from __future__ import annotations

import random
import sqlite3
import time

from benchmarks.figures.rawdb import connect
from benchmarks.harness import Context, Result, figure, median, percentile
from saypro_desktop.services.people import update_person
from saypro_desktop.services.workspace import open_workspace

EDITS_PER_RUN = 40
ROWS = [("edit.commit_p95", "Single edit commit, p95", "ms", "p95 ≤ 20 ms")]


def _person_ids(conn: sqlite3.Connection, count: int, seed: int) -> list[str]:
    ids = [r[0] for r in conn.execute("SELECT id FROM people WHERE deleted_at IS NULL")]
    rng = random.Random(seed)
    return [rng.choice(ids) for _ in range(count)]


@figure("edit", ROWS)
def edit(ctx: Context) -> list[Result]:
    path = ctx.writable_db()
    db = open_workspace(path)
    conn = connect(path)
    edits = EDITS_PER_RUN if not ctx.quick else EDITS_PER_RUN // 2
    targets = _person_ids(conn, edits * 2, ctx.seed)
    ours: list[float] = []
    raw: list[float] = []
    counter = 0
    try:
        for index in range(ctx.warmups + ctx.repeats):
            run_ours: list[float] = []
            run_raw: list[float] = []
            for n, person_id in enumerate(targets[:edits]):
                counter += 1
                city = f"Benchmark City {counter}"
                started = time.perf_counter()
                update_person(db, person_id, {"city": city})
                run_ours.append((time.perf_counter() - started) * 1000)
                other = targets[edits + n]
                started = time.perf_counter()
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "UPDATE people SET city = ?, updated_at = datetime('now') WHERE id = ?",
                    (city, other),
                )
                conn.execute("COMMIT")
                run_raw.append((time.perf_counter() - started) * 1000)
            if index >= ctx.warmups:
                ours.append(percentile(run_ours, 95))
                raw.append(percentile(run_raw, 95))
    finally:
        conn.close()
        db.dispose()
    return [
        Result(
            name=ROWS[0][0],
            label=ROWS[0][1],
            unit="ms",
            value=median(ours),
            baseline=median(raw),
            baseline_label="raw UPDATE + COMMIT",
            target=ROWS[0][3],
            note=f"{edits} edits of one field (city) per run, on a copy of the database",
            samples=ours,
            baseline_samples=raw,
        )
    ]
